import { describe, expect, it } from 'vitest';
import { closedLoopWorkload, meanRate, openLoopWorkload, rescaleRate, sampleLengths, traceWorkload } from '../../../main/sim/workload';
import { Rng } from '../../../main/sim/rng';

const fixed = (tokens: number) => ({ kind: 'fixed' as const, tokens });

function gapStats(a: Float64Array): { mean: number; cv: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 1; i < a.length; i++) {
    const g = a[i] - a[i - 1];
    s += g;
    s2 += g * g;
  }
  const n = a.length - 1;
  const mean = s / n;
  return { mean, cv: Math.sqrt(s2 / n - mean * mean) / mean };
}

describe('open-loop workloads', () => {
  it('Poisson arrivals come at the asked rate with exponential gaps (CV 1), sorted', () => {
    const w = openLoopWorkload({ requests: 100_000, rate: 50, arrival: { kind: 'poisson' }, lengths: { kind: 'independent', input: fixed(100), output: fixed(10) } }, 3);
    expect(w.n).toBe(100_000);
    let sorted = true;
    for (let i = 1; i < w.n; i++) sorted &&= w.arrivalS[i] >= w.arrivalS[i - 1];
    expect(sorted).toBe(true);
    const g = gapStats(w.arrivalS);
    expect(g.mean).toBeCloseTo(1 / 50, 3);
    expect(g.cv).toBeCloseTo(1, 1);
    expect(Math.abs(meanRate(w) / 50 - 1)).toBeLessThan(0.02);
  });

  it('gamma arrivals keep the rate and take the asked burstiness', () => {
    for (const cv of [0.5, 2, 4]) {
      const w = openLoopWorkload({ requests: 100_000, rate: 10, arrival: { kind: 'gamma', cv }, lengths: { kind: 'independent', input: fixed(1), output: fixed(1) } }, 9);
      const g = gapStats(w.arrivalS);
      expect(Math.abs(g.mean * 10 - 1)).toBeLessThan(0.05);
      expect(Math.abs(g.cv / cv - 1)).toBeLessThan(0.08);
    }
  });

  it('samples (input, output) pairs from a trace without breaking them apart', () => {
    const inputs = [100, 2000, 50];
    const outputs = [7, 300, 1];
    const w = openLoopWorkload({ requests: 5000, rate: 1, arrival: { kind: 'poisson' }, lengths: { kind: 'trace', inputTokens: inputs, outputTokens: outputs } }, 1);
    const seen = new Set<number>();
    for (let i = 0; i < w.n; i++) {
      const k = inputs.indexOf(w.inputTokens[i]);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(w.outputTokens[i]).toBe(outputs[k]);
      seen.add(k);
    }
    expect(seen.size).toBe(3);
  });

  it('draws uniform and lognormal lengths within their bounds', () => {
    const rng = new Rng(2);
    const u = sampleLengths({ kind: 'independent', input: { kind: 'uniform', min: 10, max: 20 }, output: { kind: 'lognormal', median: 100, sigma: 1, min: 5, max: 400 } }, 20_000, rng);
    let lo = Infinity;
    let hi = -Infinity;
    const outs: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      lo = Math.min(lo, u.inputTokens[i]);
      hi = Math.max(hi, u.inputTokens[i]);
      expect(u.outputTokens[i]).toBeGreaterThanOrEqual(5);
      expect(u.outputTokens[i]).toBeLessThanOrEqual(400);
      outs.push(u.outputTokens[i]);
    }
    expect([lo, hi]).toEqual([10, 20]);
    outs.sort((a, b) => a - b);
    expect(Math.abs(outs[10_000] - 100)).toBeLessThan(5);
  });

  it('is reproducible, and changing only the rate keeps the lengths', () => {
    const spec = { requests: 1000, rate: 5, arrival: { kind: 'poisson' as const }, lengths: { kind: 'independent' as const, input: { kind: 'uniform' as const, min: 1, max: 1000 }, output: fixed(3) } };
    const a = openLoopWorkload(spec, 8);
    const b = openLoopWorkload(spec, 8);
    const c = openLoopWorkload({ ...spec, rate: 50 }, 8);
    expect(a.arrivalS).toEqual(b.arrivalS);
    expect(a.inputTokens).toEqual(b.inputTokens);
    expect(c.inputTokens).toEqual(a.inputTokens);
    expect(c.arrivalS[999]).toBeLessThan(a.arrivalS[999] / 5);
    expect(() => openLoopWorkload({ ...spec, rate: 0 }, 1)).toThrow(/rate/);
  });
});

describe('closed-loop, trace and rescaled workloads', () => {
  it('a closed loop fixes lengths and leaves arrivals to the run', () => {
    const w = closedLoopWorkload({ users: 4, requests: 10, lengths: { kind: 'independent', input: fixed(64), output: fixed(8) } }, 1);
    expect(w.closedLoop).toEqual({ users: 4, think: { kind: 'none' } });
    expect(Array.from(w.inputTokens)).toEqual(new Array(10).fill(64));
    expect(Number.isNaN(w.arrivalS[0])).toBe(true);
    expect(() => closedLoopWorkload({ users: 0, requests: 1, lengths: { kind: 'independent', input: fixed(1), output: fixed(1) } }, 1)).toThrow(/user/);
  });

  it('a trace starts at 0, must be sorted, and rescaling divides the gaps', () => {
    const w = traceWorkload({ arrivalS: [100, 101, 103], inputTokens: [5, 6, 0], outputTokens: [1, 2, 3] });
    expect(Array.from(w.arrivalS)).toEqual([0, 1, 3]);
    expect(w.inputTokens[2]).toBe(1); // a zero-length prompt still has one token
    const fast = rescaleRate(w, 2);
    expect(Array.from(fast.arrivalS)).toEqual([0, 0.5, 1.5]);
    expect(meanRate(fast)).toBeCloseTo(2 * meanRate(w), 12);
    expect(() => traceWorkload({ arrivalS: [2, 1], inputTokens: [1, 1], outputTokens: [1, 1] })).toThrow(/non-decreasing/);
    expect(() => rescaleRate(w, -1)).toThrow(/positive/);
  });
});
