// Invariants of the engine on random seeded workloads, and exact checks against the cost model.
import { describe, expect, it } from 'vitest';
import { runEngine, type EngineInstance, type EngineOptions } from '../../../main/sim/engine';
import { DONE } from '../../../main/sim/requests';
import type { IterationObserver } from '../../../main/sim/scheduler';
import type { BatchAggregate } from '../../../main/sim/types';
import { Rng } from '../../../main/sim/rng';
import { openLoopWorkload, type Workload } from '../../../main/sim/workload';
import { batchSeconds, roofline } from './fixtures';

/** Records every iteration and checks each instance's clock and KV bounds as they happen. */
class Recorder implements IterationObserver {
  lastStart: number[] = [];
  lastEnd: number[] = [];
  violations: string[] = [];
  iterations = 0;
  maxBlocks = 0;
  maxTokens = 0;
  maxSeqs = 0;
  iteration(instance: number, startS: number, endS: number, used: number, total: number, agg: BatchAggregate): void {
    this.iterations++;
    if (startS < (this.lastStart[instance] ?? -Infinity)) this.violations.push(`time went back on ${instance}: ${startS}`);
    if (endS < startS) this.violations.push(`iteration ends before it starts`);
    if (startS < (this.lastEnd[instance] ?? -Infinity)) this.violations.push(`instance ${instance} overlaps its last iteration`);
    if (used > total || used < 0) this.violations.push(`KV blocks ${used} of ${total}`);
    this.lastStart[instance] = startS;
    this.lastEnd[instance] = endS;
    this.maxBlocks = Math.max(this.maxBlocks, used);
    this.maxTokens = Math.max(this.maxTokens, agg.prefillTokens + agg.decodeSeqs);
    this.maxSeqs = Math.max(this.maxSeqs, agg.prefillSeqs + agg.decodeSeqs);
  }
}

// `long`: outputs past the finish calendar's 1,024-iteration ring, so decodes share its lists across turns.
function randomCase(seed: number, long = false): { workload: Workload; instances: EngineInstance[]; opts: EngineOptions } {
  const rng = new Rng(seed);
  const n = 200 + rng.int(600);
  const kv = [3000, 8000, 50_000, 400_000][rng.int(4)];
  const block = [1, 8, 16, 32][rng.int(4)];
  const instances = Array.from({ length: 1 + rng.int(4) }, (_, i) => ({ cm: roofline(undefined, { kvCapacityTokens: kv, kvBlockTokens: block, flops: 6e14 / (1 + i) }) }));
  const budget = [64, 256, 512, 2048][rng.int(4)];
  const workload = openLoopWorkload(
    {
      requests: n,
      rate: 5 + rng.int(200),
      arrival: rng.int(2) === 0 ? { kind: 'poisson' } : { kind: 'gamma', cv: 3 },
      lengths: { kind: 'independent', input: { kind: 'lognormal', median: 300, sigma: 1, max: 2500 }, output: long ? { kind: 'lognormal', median: 900, sigma: 0.8, max: 5000 } : { kind: 'lognormal', median: 60, sigma: 1.2, max: 400 } },
    },
    seed,
  );
  const routers = ['round-robin', 'least-outstanding', 'random', 'least-work'] as const;
  return {
    workload,
    instances,
    opts: {
      seed,
      router: { kind: routers[rng.int(4)] },
      scheduler: { tokenBudget: budget, chunkSize: [budget, 100][rng.int(2)], maxRunning: Math.min(budget, [8, 64, 256][rng.int(3)]), watermark: [0, 0.01][rng.int(2)] },
    },
  };
}

describe('engine invariants on random workloads', () => {
  for (let seed = 1; seed <= 28; seed++) {
    const long = seed > 24;
    it(`seed ${seed}${long ? ' (outputs up to 5,000)' : ''}: every request finishes once with its tokens; time, KV and budget hold`, () => {
      const { workload, instances, opts } = randomCase(seed, long);
      const rec = new Recorder();
      const run = runEngine(workload, instances, { ...opts, observer: rec });
      expect(rec.violations).toEqual([]);
      const q = run.requests;
      let outputs = 0;
      let notDone = 0;
      for (let r = 0; r < q.n; r++) {
        if (q.state[r] !== DONE) notDone++;
        if (q.generated[r] !== q.outputTokens[r]) notDone++;
        outputs += q.outputTokens[r];
        if (!(q.firstTokenS[r] >= q.arrivalS[r] && q.finishS[r] >= q.firstTokenS[r] && q.scheduledS[r] >= q.arrivalS[r])) notDone++;
      }
      expect(run.rejected).toBe(0);
      expect(notDone).toBe(0);
      // completed counts retirements, so n retirements over n DONE requests means each retired exactly once.
      expect(run.completed).toBe(q.n);
      expect(run.instances.reduce((a, s) => a + s.emittedTokens, 0)).toBe(outputs);
      for (const s of run.instances) {
        expect(s.blocksUsed()).toBe(0); // every block allocated was given back
        expect(s.running + s.waiting.len + s.decodeSeqs).toBe(0);
      }
      const cfg = opts.scheduler!;
      expect(rec.maxTokens).toBeLessThanOrEqual(cfg.tokenBudget!);
      expect(rec.maxSeqs).toBeLessThanOrEqual(cfg.maxRunning!);
      // Every gap between two tokens of a request is counted once in the pooled TBT histogram.
      let gaps = 0;
      let gapSum = 0;
      for (let r = 0; r < q.n; r++) {
        gaps += q.outputTokens[r] - 1;
        gapSum += q.finishS[r] - q.firstTokenS[r];
      }
      expect(run.tbt.weight).toBe(gaps);
      expect(run.tbt.sum).toBeCloseTo(gapSum, 6);
    });
  }

  it('the same seed gives the same run, another seed another', () => {
    const a = randomCase(5);
    const r1 = runEngine(a.workload, a.instances, a.opts);
    const r2 = runEngine(a.workload, a.instances, a.opts);
    expect(r2.requests.finishS).toEqual(r1.requests.finishS);
    expect(r2.requests.instance).toEqual(r1.requests.instance);
    const b = randomCase(6);
    const r3 = runEngine(b.workload, b.instances, b.opts);
    expect(r3.requests.finishS).not.toEqual(r1.requests.finishS);
  });
});

describe('engine against the cost model', () => {
  const cm = roofline();
  const lone = (input: number, output: number): Workload => ({
    n: 1,
    arrivalS: new Float64Array([1.5]),
    inputTokens: new Int32Array([input]),
    outputTokens: new Int32Array([output]),
  });

  it('a lone request: TTFT is its prefill, E2E adds each decode step at its context', () => {
    const [I, O] = [900, 40];
    const run = runEngine(lone(I, O), [{ cm }]);
    const q = run.requests;
    const prefill = batchSeconds(cm, [{ chunk: I, prior: 0 }], []);
    let decode = 0;
    let maxStep = 0;
    for (let j = 1; j < O; j++) {
      const step = batchSeconds(cm, [], [I + j]);
      decode += step;
      maxStep = Math.max(maxStep, step);
    }
    expect(q.firstTokenS[0] - q.arrivalS[0]).toBeCloseTo(prefill, 12);
    expect(q.finishS[0] - q.firstTokenS[0]).toBeCloseTo(decode, 12);
    expect(q.maxGapS[0]).toBeCloseTo(maxStep, 12);
    expect(q.scheduledS[0]).toBe(q.arrivalS[0]);
    expect(run.instances[0].iterations).toBe(O);
  });

  it('a long prompt is prefilled in budget-sized chunks, each attending to the chunks before it', () => {
    const I = 5000;
    const run = runEngine(lone(I, 2), [{ cm }], { scheduler: { tokenBudget: 2048, chunkSize: 2048 } });
    const expected =
      batchSeconds(cm, [{ chunk: 2048, prior: 0 }], []) + batchSeconds(cm, [{ chunk: 2048, prior: 2048 }], []) + batchSeconds(cm, [{ chunk: 904, prior: 4096 }], []);
    const q = run.requests;
    expect(q.firstTokenS[0] - q.arrivalS[0]).toBeCloseTo(expected, 12);
    expect(q.finishS[0] - q.firstTokenS[0]).toBeCloseTo(batchSeconds(cm, [], [I + 1]), 12);
  });

  it('a prefill joining running decodes shares their iteration (mixed batch priced as one)', () => {
    const w: Workload = { n: 2, arrivalS: new Float64Array([0, 0.05]), inputTokens: new Int32Array([100, 300]), outputTokens: new Int32Array([500, 3]) };
    const run = runEngine(w, [{ cm }]);
    const q = run.requests;
    // Request 1 arrives during one of request 0's decode steps and is admitted at that step's end.
    const start = q.scheduledS[1];
    const prefill0 = batchSeconds(cm, [{ chunk: 100, prior: 0 }], []);
    let t = prefill0;
    let j = 1;
    while (t < 0.05 - 1e-12) t += batchSeconds(cm, [], [100 + j++]);
    expect(start).toBeCloseTo(t, 12);
    const mixed = batchSeconds(cm, [{ chunk: 300, prior: 0 }], [100 + j]);
    expect(q.firstTokenS[1]).toBeCloseTo(t + mixed, 12);
  });
});

describe('preemption under KV pressure', () => {
  it('preempts the newest, recomputes, and still completes everything with blocks returned', () => {
    const cm = roofline(undefined, { kvCapacityTokens: 2400, kvBlockTokens: 16 });
    const n = 24;
    const w: Workload = {
      n,
      arrivalS: new Float64Array(n).map((_, i) => i * 0.001),
      inputTokens: new Int32Array(n).fill(300),
      outputTokens: new Int32Array(n).fill(400),
    };
    const rec = new Recorder();
    const run = runEngine(w, [{ cm }], { observer: rec, scheduler: { watermark: 0, kvAllocation: 'chunk' } });
    const s = run.instances[0];
    expect(s.preemptions).toBeGreaterThan(0);
    expect(rec.violations).toEqual([]);
    expect(rec.maxBlocks).toBe(s.totalBlocks); // it really ran out
    expect(run.completed).toBe(n);
    expect(s.blocksUsed()).toBe(0);
    const q = run.requests;
    let preempted = 0;
    let longGaps = 0;
    for (let r = 0; r < n; r++) {
      expect(q.generated[r]).toBe(400);
      if (q.preemptions[r] > 0) preempted++;
      // A decode preempted after its first token waits for a recompute: a gap far longer than one step.
      if (q.maxGapS[r] > 3 * batchSeconds(cm, [], [700])) longGaps++;
    }
    expect(preempted).toBeGreaterThan(0);
    expect(longGaps).toBeGreaterThan(0);
    expect(longGaps).toBeLessThanOrEqual(preempted);
    // The oldest request is never the victim while younger ones run.
    expect(q.preemptions[0]).toBe(0);
  });

  it('refuses a request whose context can never fit in KV', () => {
    const cm = roofline(undefined, { kvCapacityTokens: 1000, kvBlockTokens: 16 });
    const w: Workload = { n: 2, arrivalS: new Float64Array([0, 1]), inputTokens: new Int32Array([900, 100]), outputTokens: new Int32Array([200, 10]) };
    const run = runEngine(w, [{ cm }]);
    expect(run.rejected).toBe(1);
    expect(run.completed).toBe(1);
    expect(run.requests.state[0]).toBe(5);
  });
});
