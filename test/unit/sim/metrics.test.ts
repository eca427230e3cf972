import { describe, expect, it } from 'vitest';
import { runEngine } from '../../../main/sim/engine';
import { HIST_REL_ERROR, LogHistogram } from '../../../main/sim/histogram';
import { summarize } from '../../../main/sim/metrics';
import { Rng } from '../../../main/sim/rng';
import { simulate } from '../../../main/sim/simulate';
import { openLoopWorkload } from '../../../main/sim/workload';
import { roofline } from './fixtures';

/** Exact weighted quantile: smallest v with weight(≤ v) ≥ q·W. */
function exactQuantile(values: number[], weights: number[], q: number): number {
  const idx = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (const i of idx) {
    acc += weights[i];
    if (acc >= q * total) return values[i];
  }
  return values[idx[idx.length - 1]];
}

describe('LogHistogram', () => {
  it(`quantiles are within ${(HIST_REL_ERROR * 100).toFixed(2)}% of the exact weighted quantiles`, () => {
    const rng = new Rng(1);
    for (const draw of [() => rng.lognormal(-3, 1.5), () => rng.exponential(2), () => 0.001 + rng.uniform() * 0.01, () => rng.gamma(0.3, 50)]) {
      const h = new LogHistogram();
      const values: number[] = [];
      const weights: number[] = [];
      for (let i = 0; i < 20_000; i++) {
        const v = draw();
        const w = 1 + rng.int(5);
        values.push(v);
        weights.push(w);
        h.add(v, w);
      }
      for (const q of [0.01, 0.1, 0.5, 0.9, 0.99, 0.999]) {
        const exact = exactQuantile(values, weights, q);
        expect(Math.abs(h.quantile(q) / exact - 1)).toBeLessThanOrEqual(HIST_REL_ERROR + 1e-12);
      }
      const mean = values.reduce((a, v, i) => a + v * weights[i], 0) / weights.reduce((a, b) => a + b, 0);
      expect(h.mean()).toBeCloseTo(mean, 10);
      expect(h.quantile(0)).toBe(Math.min(...values));
      expect(h.quantile(1)).toBe(Math.max(...values));
    }
  });

  it('merges, ignores zero weights, and reports NaN when empty', () => {
    const a = new LogHistogram();
    const b = new LogHistogram();
    expect(Number.isNaN(a.quantile(0.5))).toBe(true);
    a.add(1, 1);
    a.add(5, 0);
    b.add(2, 3);
    a.merge(b);
    expect(a.weight).toBe(4);
    expect(Math.abs(a.quantile(0.5) / 2 - 1)).toBeLessThanOrEqual(HIST_REL_ERROR);
    expect(a.fractionAtOrBelow(1.5)).toBeCloseTo(0.25, 12);
  });
});

describe('summarize: one definition of each metric', () => {
  const cm = roofline();
  const workload = openLoopWorkload(
    { requests: 3000, rate: 40, arrival: { kind: 'poisson' }, lengths: { kind: 'independent', input: { kind: 'lognormal', median: 800, sigma: 0.8, max: 6000 }, output: { kind: 'lognormal', median: 120, sigma: 0.8, max: 1000 } } },
    4,
  );
  const run = runEngine(workload, [{ cm }, { cm }], { router: { kind: 'least-outstanding' } });
  const hourly = { kind: 'hourly' as const, usdPerGpuHour: 3 };
  const units = [{ parts: [{ gpus: 1, pricing: hourly, tdpW: 700, idleW: 100 }] }, { parts: [{ gpus: 1, pricing: hourly, tdpW: 700, idleW: 100 }] }];
  const slo = { ttftP99S: 0.3, tbtP99S: 0.05, e2eP99S: 8 };
  const s = summarize(run, units, slo);
  const q = run.requests;
  const columns = () => {
    const ttft: number[] = [];
    const e2e: number[] = [];
    const tpot: number[] = [];
    for (let r = 0; r < q.n; r++) {
      ttft.push(q.firstTokenS[r] - q.arrivalS[r]);
      e2e.push(q.finishS[r] - q.arrivalS[r]);
      if (q.outputTokens[r] > 1) tpot.push((q.finishS[r] - q.firstTokenS[r]) / (q.outputTokens[r] - 1));
    }
    return { ttft, e2e, tpot };
  };
  const near = (got: number, exact: number) => expect(Math.abs(got / exact - 1)).toBeLessThanOrEqual(HIST_REL_ERROR + 1e-12);
  const ones = (a: number[]) => a.map(() => 1);

  it('TTFT is arrival to first token and E2E arrival to last token, per request', () => {
    const c = columns();
    near(s.ttft.p99, exactQuantile(c.ttft, ones(c.ttft), 0.99));
    near(s.ttft.p50, exactQuantile(c.ttft, ones(c.ttft), 0.5));
    near(s.e2e.p99, exactQuantile(c.e2e, ones(c.e2e), 0.99));
  });

  it('TPOT is per request (E2E − TTFT)/(output − 1); TBT pools every token gap, so long answers weigh more', () => {
    const c = columns();
    near(s.tpot.p50, exactQuantile(c.tpot, ones(c.tpot), 0.5));
    // A request's gaps sum to its decode time: the pooled mean is decode time over gaps, not the mean TPOT.
    let gaps = 0;
    let decodeS = 0;
    for (let r = 0; r < q.n; r++) {
      gaps += q.outputTokens[r] - 1;
      decodeS += q.finishS[r] - q.firstTokenS[r];
    }
    expect(run.tbt.weight).toBe(gaps);
    expect(s.tbt.mean).toBeCloseTo(decodeS / gaps, 9);
  });

  it('throughput divides by first arrival to last completion', () => {
    let first = Infinity;
    let last = 0;
    let inTok = 0;
    let outTok = 0;
    for (let r = 0; r < q.n; r++) {
      first = Math.min(first, q.arrivalS[r]);
      last = Math.max(last, q.finishS[r]);
      inTok += q.inputTokens[r];
      outTok += q.outputTokens[r];
    }
    const d = last - first;
    expect(s.durationS).toBeCloseTo(d, 9);
    expect(s.throughput.requestsPerS).toBeCloseTo(q.n / d, 9);
    expect(s.throughput.inputTokensPerS).toBeCloseTo(inTok / d, 6);
    expect(s.throughput.outputTokensPerS).toBeCloseTo(outTok / d, 6);
  });

  it('goodput counts requests meeting every per-request target (TTFT, TPOT, E2E), as vLLM --goodput does', () => {
    const c = columns();
    let good = 0;
    let okT = 0;
    let k = 0;
    for (let r = 0; r < q.n; r++) {
      const tp = q.outputTokens[r] > 1 ? c.tpot[k++] : 0;
      if (c.ttft[r] <= slo.ttftP99S) okT++;
      if (c.ttft[r] <= slo.ttftP99S && tp <= slo.tbtP99S && c.e2e[r] <= slo.e2eP99S) good++;
    }
    expect(good).toBeGreaterThan(0);
    expect(good).toBeLessThan(q.n);
    expect(s.slo!.ttftAttainment).toBeCloseTo(okT / q.n, 12);
    expect(s.slo!.attainment).toBeCloseTo(good / q.n, 12);
    expect(s.slo!.goodputRps).toBeCloseTo(good / s.durationS, 9);
  });

  it('SLO attainment as a fleet: every target given is checked, and a missed one is named', () => {
    const c = columns();
    const p99 = exactQuantile(c.ttft, ones(c.ttft), 0.99);
    const tight = summarize(run, null, { ttftP50S: 1e-6 });
    expect(tight.slo!.missed).toEqual(['ttftP50S']);
    const loose = summarize(run, null, { ttftP99S: p99 * 2, tbtP50S: 10, e2eP99S: 1e3 });
    expect(loose.slo!.met).toBe(true);
    const e2eOnly = summarize(run, null, { e2eP99S: 1e-3 });
    expect(e2eOnly.slo!.missed).toEqual(['e2eP99S']);
  });

  it('cost: rental pays every GPU-hour; per-token splits add back to the total; energy has an idle floor', () => {
    const hours = s.durationS / 3600;
    expect(s.cost!.totalUsd).toBeCloseTo(2 * 3 * hours, 9);
    let inTok = 0;
    let outTok = 0;
    for (let r = 0; r < q.n; r++) {
      inTok += q.inputTokens[r];
      outTok += q.outputTokens[r];
    }
    const usd = (s.cost!.usdPerMInputTokens * inTok + s.cost!.usdPerMOutputTokens * outTok) / 1e6;
    expect(usd).toBeCloseTo(s.cost!.totalUsd, 9);
    let joules = 0;
    for (const inst of run.instances) {
      const busy = Math.min(inst.busyS, s.durationS);
      joules += 700 * busy + 100 * (s.durationS - busy);
    }
    expect(s.energy!.joules).toBeCloseTo(joules, 3);
    expect(s.energy!.joulesPerInputToken * inTok + s.energy!.joulesPerOutputToken * outTok).toBeCloseTo(joules, 3);
    for (const inst of run.instances) expect(inst.prefillBusyS + inst.decodeBusyS).toBeCloseTo(inst.busyS, 9);
    expect(s.utilization.prefillShare).toBeGreaterThan(0);
    expect(s.utilization.prefillShare).toBeLessThan(1);
  });

  it('utilization is GPU-seconds busy over GPU-seconds paid', () => {
    let busy = 0;
    for (const inst of run.instances) busy += Math.min(inst.busyS, s.durationS);
    expect(s.utilization.busyFraction).toBeCloseTo(busy / (2 * s.durationS), 12);
    expect(s.utilization.perUnit).toHaveLength(2);
  });

  it('owned pricing amortises the purchase over Julian years and adds electricity at the PUE', () => {
    const owned = { kind: 'owned' as const, purchaseUsd: 30_000, lifetimeYears: 3, powerUsdPerKwh: 0.2, pue: 1.5 };
    const o = summarize(run, units.map(() => ({ parts: [{ gpus: 1, pricing: owned, tdpW: 700, idleW: 100 }] })), null);
    const amortised = (2 * 30_000 * (o.durationS / 3600)) / (3 * 365.25 * 24);
    const power = (o.energy!.joules / 3.6e6) * 1.5 * 0.2;
    expect(o.cost!.totalUsd).toBeCloseTo(amortised + power, 9);
    const noPue = summarize(run, units.map(() => ({ parts: [{ gpus: 1, pricing: { ...owned, pue: undefined }, tdpW: 700, idleW: 100 }] })), null);
    expect(noPue.cost!.totalUsd - amortised).toBeCloseTo((power / 1.5) * 1.3, 9);
  });

  it('the simulate facade returns JSON-able results and optional per-request columns', () => {
    const res = simulate({ instances: [{ cm, cost: { pricing: { kind: 'hourly', usdPerGpuHour: 2 }, tdpW: 700 }, name: 'h100' }], workload, seed: 3, slo, perRequest: true });
    const back = JSON.parse(JSON.stringify({ summary: res.summary, instances: res.instances }));
    expect(back.summary.completed).toBe(workload.n);
    expect(back.instances[0].name).toBe('h100');
    expect(res.perRequest!.finishS.length).toBe(workload.n);
    expect(res.summary.utilization.busyFraction).toBeGreaterThan(0.5);
  });
});

describe('cost attribution', () => {
  it('splits mixed iterations by the cost model, and sampling every 8th one stays within 1% of evaluating all', () => {
    const cm = roofline();
    const w = openLoopWorkload(
      { requests: 4000, rate: 60, arrival: { kind: 'poisson' }, lengths: { kind: 'independent', input: { kind: 'lognormal', median: 1000, sigma: 0.7, max: 6000 }, output: { kind: 'lognormal', median: 200, sigma: 0.7, max: 1500 } } },
      2,
    );
    const every = runEngine(w, [{ cm }, { cm }], { scheduler: { attributionStride: 1 }, router: { kind: 'least-outstanding' } });
    const sampled = runEngine(w, [{ cm }, { cm }], { scheduler: { attributionStride: 8 }, router: { kind: 'least-outstanding' } });
    for (let i = 0; i < 2; i++) {
      const a = every.instances[i];
      const b = sampled.instances[i];
      expect(b.busyS).toBe(a.busyS); // attribution never changes the run itself
      expect(a.prefillBusyS).toBeGreaterThan(0);
      expect(a.decodeBusyS).toBeGreaterThan(0);
      expect(Math.abs(b.prefillBusyS / a.prefillBusyS - 1)).toBeLessThan(0.01);
    }
  });
});
