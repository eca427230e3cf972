import { describe, expect, it } from 'vitest';
import { runEngine } from '../../../main/sim/engine';
import { createRouter, type RouterView } from '../../../main/sim/router';
import type { Workload } from '../../../main/sim/workload';
import { roofline } from './fixtures';

function view(outstanding: number[], speed = outstanding.map(() => 1)): RouterView {
  const n = outstanding.length;
  const zeros = () => new Float64Array(n);
  return {
    entry: Int32Array.from(outstanding.map((_, i) => i)),
    outstandingTokens: Float64Array.from(outstanding),
    pendingPrefill: zeros(),
    waiting: new Int32Array(n),
    running: new Int32Array(n),
    decodes: new Int32Array(n),
    speed: Float64Array.from(speed),
    chunkS: zeros(),
    perDecodeS: zeros(),
    budget: zeros().fill(2048),
    prefillTarget: Int32Array.of(-1),
  };
}

function burst(n: number, input: number[], output: number[]): Workload {
  return { n, arrivalS: new Float64Array(n), inputTokens: Int32Array.from(input), outputTokens: Int32Array.from(output) };
}

describe('routers', () => {
  it('round robin cycles through the instances in order', () => {
    const w = burst(9, new Array(9).fill(100), new Array(9).fill(5));
    const run = runEngine(w, [0, 1, 2].map(() => ({ cm: roofline() })), { router: { kind: 'round-robin' } });
    expect(Array.from(run.requests.instance)).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
  });

  it('least outstanding sends a request to the emptier instance', () => {
    // One huge request lands on instance 0; the next three small ones avoid it.
    const w = burst(4, [8000, 100, 100, 100], [500, 5, 5, 5]);
    const run = runEngine(w, [0, 1].map(() => ({ cm: roofline() })), { router: { kind: 'least-outstanding' } });
    expect(Array.from(run.requests.instance)).toEqual([0, 1, 1, 1]);
    const r = createRouter({ kind: 'least-outstanding' }, 1);
    expect(r.pick(view([50, 10, 30]), 0, 1, 1, 0)).toBe(1);
    expect(r.pick(view([5, 5, 5]), 0, 1, 1, 0)).toBe(0); // ties go to the lowest index
  });

  it('least work divides load by speed, so a faster instance takes more', () => {
    const r = createRouter({ kind: 'least-work' }, 1);
    expect(r.pick(view([100, 150], [0.5, 1]), 0, 1, 1, 0)).toBe(1);
    expect(createRouter({ kind: 'least-outstanding' }, 1).pick(view([100, 150], [0.5, 1]), 0, 1, 1, 0)).toBe(0);
    // In a run, the slow instance (a quarter of the FLOP/s) ends up with fewer requests.
    const n = 400;
    const w: Workload = { n, arrivalS: new Float64Array(n).map((_, i) => i * 0.02), inputTokens: new Int32Array(n).fill(2000), outputTokens: new Int32Array(n).fill(20) };
    const run = runEngine(w, [{ cm: roofline(undefined, { flops: 1.5e14 }) }, { cm: roofline() }], { router: { kind: 'least-work' } });
    const onSlow = Array.from(run.requests.instance).filter((i) => i === 0).length;
    expect(onSlow).toBeLessThan(n / 2);
  });

  it('seeded random is reproducible and uses every instance', () => {
    const picks = (seed: number) => {
      const r = createRouter({ kind: 'random' }, seed);
      return Array.from({ length: 200 }, () => r.pick(view([0, 0, 0, 0]), 0, 1, 1, 0));
    };
    expect(picks(3)).toEqual(picks(3));
    expect(picks(3)).not.toEqual(picks(4));
    expect(new Set(picks(3)).size).toBe(4);
  });

  it('accepts a custom router', () => {
    const w = burst(3, [10, 10, 10], [2, 2, 2]);
    const run = runEngine(w, [0, 1, 2].map(() => ({ cm: roofline() })), { router: { kind: 'custom', name: 'last', router: { pick: (v) => v.entry[v.entry.length - 1] } } });
    expect(Array.from(run.requests.instance)).toEqual([2, 2, 2]);
  });
});

describe('closed loop', () => {
  it('keeps at most C requests in flight and sends the next one when one completes', () => {
    const n = 60;
    const C = 4;
    const w: Workload = {
      n,
      arrivalS: new Float64Array(n).fill(NaN),
      inputTokens: new Int32Array(n).map((_, i) => 100 + ((i * 37) % 400)),
      outputTokens: new Int32Array(n).map((_, i) => 5 + ((i * 13) % 50)),
      closedLoop: { users: C, think: { kind: 'fixed', seconds: 0.25 } },
    };
    const run = runEngine(w, [{ cm: roofline() }, { cm: roofline() }], { router: { kind: 'least-outstanding' } });
    const q = run.requests;
    expect(run.completed).toBe(n);
    expect(Number.isNaN(w.arrivalS[0])).toBe(true); // the workload itself is left untouched
    const events: [number, number][] = [];
    for (let r = 0; r < n; r++) events.push([q.arrivalS[r], 1], [q.finishS[r], -1]);
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let inFlight = 0;
    let peak = 0;
    for (const [, d] of events) peak = Math.max(peak, (inFlight += d));
    expect(peak).toBe(C);
    // Each later request was sent exactly a think time after some completion.
    const finishes = Array.from(q.finishS);
    for (let r = C; r < n; r++) expect(finishes.some((f) => Math.abs(f + 0.25 - q.arrivalS[r]) < 1e-9)).toBe(true);
  });
});
