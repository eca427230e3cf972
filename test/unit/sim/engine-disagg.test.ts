// Prefill-only instances handing KV to instances that decode it (the pieces disaggregated strategies reuse).
import { describe, expect, it } from 'vitest';
import { runEngine, type Handoff } from '../../../main/sim/engine';
import { DONE } from '../../../main/sim/requests';
import type { Router } from '../../../main/sim/router';
import { Rng } from '../../../main/sim/rng';
import type { IterationObserver } from '../../../main/sim/scheduler';
import type { BatchAggregate } from '../../../main/sim/types';
import { openLoopWorkload, type Workload } from '../../../main/sim/workload';
import { batchSeconds, roofline } from './fixtures';

/** New prompts go round robin over the first `p` instances only. */
function prefillRouter(p: number): Router {
  let next = 0;
  return { pick: () => (next = (next + 1) % p) };
}

/** KV goes to the decode instance (index ≥ p) with the fewest outstanding tokens, after a fixed delay. */
function handoff(p: number, delayS: (r: number) => number): Handoff {
  return {
    target(view) {
      let best = p;
      for (let i = p + 1; i < view.outstandingTokens.length; i++) if (view.outstandingTokens[i] < view.outstandingTokens[best]) best = i;
      return best;
    },
    delayS: (r) => delayS(r),
  };
}

class Checks implements IterationObserver {
  violations: string[] = [];
  last: number[] = [];
  constructor(private readonly prefillInstances: number) {}
  iteration(i: number, start: number, end: number, used: number, total: number, agg: BatchAggregate): void {
    if (start < (this.last[i] ?? -Infinity) || end < start) this.violations.push(`instance ${i} went back in time`);
    if (used > total) this.violations.push(`instance ${i} over KV`);
    if (i < this.prefillInstances && agg.decodeSeqs > 0) this.violations.push(`prefill instance ${i} decoded`);
    this.last[i] = end;
  }
}

const preemptionsSeen: number[] = [];

describe('disaggregated prefill and decode', () => {
  it('a lone request: TTFT is the prefill, then the transfer, then each decode step on the decode instance', () => {
    const cm = roofline();
    const [I, O, delay] = [1200, 30, 0.01];
    const w: Workload = { n: 1, arrivalS: new Float64Array([2]), inputTokens: new Int32Array([I]), outputTokens: new Int32Array([O]) };
    const run = runEngine(w, [{ cm, scheduler: { role: 'prefill' } }, { cm }], { router: { kind: 'custom', name: 'prefill-rr', router: prefillRouter(1) }, handoff: handoff(1, () => delay) });
    const q = run.requests;
    expect(q.firstTokenS[0] - 2).toBeCloseTo(batchSeconds(cm, [{ chunk: I, prior: 0 }], []), 12);
    let decode = 0;
    for (let j = 1; j < O; j++) decode += batchSeconds(cm, [], [I + j]);
    expect(q.finishS[0] - q.firstTokenS[0]).toBeCloseTo(delay + decode, 12);
    expect(q.maxGapS[0]).toBeCloseTo(delay + batchSeconds(cm, [], [I + 1]), 12);
    expect(q.instance[0]).toBe(1);
    expect(run.instances[0].decodeTokens).toBe(0);
    expect(run.instances[1].prefillTokens).toBe(0);
    expect(run.tbt.weight).toBe(O - 1);
  });

  for (let seed = 1; seed <= 10; seed++) {
    it(`seed ${seed}: every request finishes once with its tokens, KV is returned, prefill instances never decode`, () => {
      const rng = new Rng(seed);
      const P = 1 + rng.int(2);
      const D = 1 + rng.int(3);
      const kv = [6000, 20_000, 400_000][rng.int(3)];
      const instances = [
        ...Array.from({ length: P }, () => ({ cm: roofline(undefined, { kvCapacityTokens: 40_000 }), scheduler: { role: 'prefill' as const } })),
        ...Array.from({ length: D }, () => ({ cm: roofline(undefined, { kvCapacityTokens: kv, flops: 3e14 }) })),
      ];
      const w = openLoopWorkload(
        { requests: 300 + rng.int(300), rate: 20 + rng.int(80), arrival: { kind: 'poisson' }, lengths: { kind: 'independent', input: { kind: 'lognormal', median: 600, sigma: 1, max: 4000 }, output: { kind: 'lognormal', median: 80, sigma: 1, max: 600 } } },
        seed,
      );
      const checks = new Checks(P);
      const run = runEngine(w, instances, {
        router: { kind: 'custom', name: 'prefill-rr', router: prefillRouter(P) },
        handoff: handoff(P, (r) => 0.002 + (r % 7) * 0.001),
        observer: checks,
        scheduler: { tokenBudget: 1024, chunkSize: 512, maxRunning: 128 },
      });
      expect(checks.violations).toEqual([]);
      const q = run.requests;
      let bad = 0;
      let outputs = 0;
      let gaps = 0;
      let gapSum = 0;
      for (let r = 0; r < q.n; r++) {
        if (q.state[r] !== DONE || q.generated[r] !== q.outputTokens[r]) bad++;
        if (q.outputTokens[r] > 1 && q.instance[r] < P) bad++;
        outputs += q.outputTokens[r];
        gaps += q.outputTokens[r] - 1;
        gapSum += q.finishS[r] - q.firstTokenS[r];
      }
      expect(bad).toBe(0);
      expect(run.completed).toBe(q.n);
      expect(run.instances.reduce((a, s) => a + s.emittedTokens, 0)).toBe(outputs);
      for (const s of run.instances) expect(s.blocksUsed()).toBe(0);
      expect(run.tbt.weight).toBe(gaps);
      expect(run.tbt.sum).toBeCloseTo(gapSum, 6);
      preemptionsSeen.push(run.instances.reduce((a, s) => a + s.preemptions, 0));
    });
  }

  it('the random cases include decode instances preempting (and recomputing) delivered requests', () => {
    expect(preemptionsSeen.length).toBe(10);
    expect(preemptionsSeen.some((p) => p > 0)).toBe(true);
  });

  it('refuses prefill instances without a handoff policy', () => {
    const w: Workload = { n: 1, arrivalS: new Float64Array([0]), inputTokens: new Int32Array([10]), outputTokens: new Int32Array([2]) };
    expect(() => runEngine(w, [{ cm: roofline(), scheduler: { role: 'prefill' } }, { cm: roofline() }])).toThrow(/handoff/);
  });
});

describe('delivery to a decode instance too small for the request', () => {
  it('refuses the request instead of leaving it waiting forever', () => {
    const w: Workload = { n: 2, arrivalS: new Float64Array([0, 0.5]), inputTokens: new Int32Array([3000, 100]), outputTokens: new Int32Array([50, 5]) };
    const run = runEngine(w, [{ cm: roofline(), scheduler: { role: 'prefill' } }, { cm: roofline(undefined, { kvCapacityTokens: 2000 }) }], {
      router: { kind: 'custom', name: 'prefill-rr', router: prefillRouter(1) },
      handoff: handoff(1, () => 0.001),
    });
    expect(run.rejected).toBe(1);
    expect(run.completed).toBe(1);
    expect(run.requests.state[0]).toBe(5);
    expect(run.requests.state[1]).toBe(DONE);
  });
});
