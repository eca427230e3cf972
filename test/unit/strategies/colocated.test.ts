import { describe, expect, it } from 'vitest';
import { simulateColocated } from '../../../main/sim/strategies/colocated';
import { decodeStepSeconds, prefillSeconds } from '../../../main/sim/timing';
import { A100, A10, H100, poissonWorkload, stubInstance } from './fixtures';

const slo = { ttftP99S: 2, tbtP99S: 0.1 };

describe('colocated data parallel', () => {
  it('a lone request: TTFT is its prefill, E2E adds its decode steps', () => {
    const inst = stubInstance(H100);
    const w = { arrivalS: new Float64Array([0]), inputTokens: new Int32Array([1000]), outputTokens: new Int32Array([5]) };
    const r = simulateColocated({ strategy: 'colocated', instances: [inst] }, w, { slo, seed: 1 });
    const pf = prefillSeconds(inst.cm, 1000);
    let dec = 0;
    // Step k feeds output token k (1-based) and attends over the prompt and every output token so far.
    for (let k = 1; k <= 4; k++) dec += decodeStepSeconds(inst.cm, 1, 1000 + k);
    expect(r.metrics.completed).toBe(1);
    expect(r.metrics.ttft.mean).toBeCloseTo(pf, 9);
    expect(r.metrics.e2e.mean).toBeCloseTo(pf + dec, 9);
  });

  it('every request completes, on mixed pools, under each router', () => {
    const w = poissonWorkload(3000, 20, [50, 3000], [1, 400], 7);
    for (const router of ['least-finish', 'least-work', 'round-robin'] as const) {
      const dep = { strategy: 'colocated' as const, instances: [stubInstance(H100), stubInstance(A100), stubInstance(A100)], router };
      const r = simulateColocated(dep, w, { slo, seed: 1 });
      expect(r.metrics.saturated).toBe(false);
      expect(r.metrics.completed).toBe(3000);
      const totalOut = w.outputTokens.reduce((a, b) => a + b, 0);
      expect(r.metrics.throughput.outputTokensPerS * r.metrics.durationS).toBeCloseTo(totalOut, 3);
    }
  });

  it('shortest-prompt-first admits the short prompt ahead of a long one that came with it; FCFS does not', () => {
    const inst = stubInstance(H100);
    // Both arrive together, the long one first; one request runs at a time, so admission order decides.
    const w = { arrivalS: new Float64Array([0, 0]), inputTokens: new Int32Array([6000, 100]), outputTokens: new Int32Array([2, 2]) };
    const run = (prefillOrder: 'fcfs' | 'sjf') => simulateColocated({ strategy: 'colocated', instances: [inst], maxSeqs: 1, prefillOrder }, w, { slo, seed: 1 });
    const fcfs = run('fcfs');
    const sjf = run('sjf');
    expect(fcfs.metrics.completed).toBe(2);
    expect(sjf.metrics.completed).toBe(2);
    // FCFS: TTFTs are the long prefill and, after it, the short one's, so their mean exceeds the long prefill;
    // SJF: the short prefill, then the long one after it, a mean below the long prefill.
    const long = prefillSeconds(inst.cm, 6000);
    expect(fcfs.metrics.ttft.mean).toBeGreaterThan(long);
    expect(sjf.metrics.ttft.mean).toBeLessThan(long);
  });

  it('a speed-aware router beats round robin across unlike GPUs', () => {
    const w = poissonWorkload(2000, 6, [200, 2000], [20, 200], 3);
    const instances = [stubInstance(H100), stubInstance(A10)];
    const rr = simulateColocated({ strategy: 'colocated', instances, router: 'round-robin' }, w, { slo, seed: 1 });
    const lf = simulateColocated({ strategy: 'colocated', instances, router: 'least-finish' }, w, { slo, seed: 1 });
    expect(lf.metrics.ttft.p99).toBeLessThan(rr.metrics.ttft.p99);
  });

  it('an overloaded deployment is reported saturated, not hung', () => {
    const w = poissonWorkload(20000, 200, [2000, 4000], [100, 300], 5);
    const r = simulateColocated({ strategy: 'colocated', instances: [stubInstance(A10)] }, w, { slo, seed: 1, abortWaitS: 30 });
    expect(r.metrics.saturated).toBe(true);
    expect(r.metrics.completed).toBeLessThan(20000);
  });
});
