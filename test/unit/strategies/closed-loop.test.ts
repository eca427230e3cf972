// Closed-loop load: C users, each sending its next request when its last one completes (after a think time).
// Checked as properties on every strategy's plan, and the colocated plan against `simulate`'s facade, which
// builds its run of the same engine from its own flags.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGpuCatalog, loadModelCatalog } from '../../../main/services/seed';
import { readTrace } from '../../../main/services/traces';
import { catalogEnv, instanceOf } from '../../../main/sim/scenarios/env';
import { simulate } from '../../../main/sim/simulate';
import { runStrategy, simulateStrategy, type Deployment } from '../../../main/sim/strategies';
import { simulateColocated } from '../../../main/sim/strategies/colocated';
import type { RequestTable } from '../../../main/sim/requests';
import type { ClosedLoopUsers, StrategyWorkload, TransferPath } from '../../../main/sim/strategies/types';
import { closedLoopWorkload } from '../../../main/sim/workload';
import { A100, H100, poissonWorkload, stubInstance } from './fixtures';

const slo = { ttftP99S: 5, tbtP99S: 0.5 };
const nvlink: TransferPath = { hops: [{ name: 'nvlink', bytesPerS: 0.8 * 450e9, latencyS: 5e-6 }], storeAndForward: false, convertSPerByte: 0 };

function closed(n: number, loop: ClosedLoopUsers, seed = 3): StrategyWorkload {
  const w = poissonWorkload(n, 1, [64, 3000], [1, 400], seed);
  // Closed-loop workloads are stored with arrival 0 for every request: the run decides the times.
  return { ...w, arrivalS: new Float64Array(n), closedLoop: loop };
}

/** Runs a deployment and hands back the run's request table and every iteration's (instance, start, end). */
function runCaptured(dep: Deployment, w: StrategyWorkload, seed = 1) {
  const iterations: [number, number, number][] = [];
  const r = runStrategy(dep, w, { slo, seed, observer: { iteration: (i, s, e) => iterations.push([i, s, e]) } });
  return { run: r.run, q: r.run.requests as RequestTable, iterations };
}

const h100 = stubInstance(H100);
const a100 = stubInstance(A100);
const deployments: Deployment[] = [
  { strategy: 'colocated', instances: [h100, a100] },
  { strategy: 'disaggregated', prefill: [h100], decode: [a100], kvPaths: [[nvlink]] },
  { strategy: 'cronus', pairs: [{ high: h100, low: a100, path: nvlink }], layers: 32 },
  { strategy: 'nexus', instances: [h100], hbmBytesPerS: [3.35e12], flopsPerS: [989e12] },
];

describe('closed loop under every strategy', () => {
  for (const dep of deployments) {
    for (const loop of [{ users: 1, thinkTimeS: 0 }, { users: 7, thinkTimeS: 0.25 }, { users: 32, thinkTimeS: 0.5, think: 'exponential' as const }]) {
      it(`${dep.strategy}, ${loop.users} users, ${loop.think ?? 'fixed'} think ${loop.thinkTimeS} s: every request once, never more than C in flight`, () => {
        const w = closed(300, loop);
        const { run, q: f, iterations } = runCaptured(dep, w);
        expect(run.saturated).toBe(false);
        expect(run.completed).toBe(300);
        const events: [number, number][] = [];
        for (let r = 0; r < f.n; r++) {
          expect(f.finishS[r], `request ${r} finished`).toBeGreaterThanOrEqual(0);
          expect(f.generated[r], `request ${r} output tokens`).toBe(w.outputTokens[r]);
          expect(f.firstTokenS[r]).toBeGreaterThanOrEqual(f.arrivalS[r]);
          expect(f.finishS[r]).toBeGreaterThanOrEqual(f.firstTokenS[r]);
          events.push([f.arrivalS[r], 1], [f.finishS[r], -1]);
        }
        // The caller's workload is untouched (its arrival column stays as stored).
        expect([...w.arrivalS].every((a) => a === 0)).toBe(true);
        // In flight = issued and not finished; at equal times the finish comes first (the user's next request
        // is issued at or after the completion).
        events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        let inFlight = 0;
        let most = 0;
        for (const [, d] of events) {
          inFlight += d;
          most = Math.max(most, inFlight);
        }
        expect(most).toBe(loop.users);
        // The first C requests go at 0; every later one is issued exactly think after some completion (fixed think).
        for (let r = 0; r < loop.users; r++) expect(f.arrivalS[r]).toBe(0);
        if (!loop.think) {
          const finishes = new Set([...f.finishS].map((t) => t + loop.thinkTimeS));
          for (let r = loop.users; r < f.n; r++) expect(finishes.has(f.arrivalS[r]), `request ${r} issued after a completion`).toBe(true);
        }
        // Issue order is request order with a fixed think time; per lane, iterations never overlap or go back.
        if (!loop.think) for (let r = 1; r < f.n; r++) expect(f.arrivalS[r]).toBeGreaterThanOrEqual(f.arrivalS[r - 1]);
        const lastEnd = new Map<number, number>();
        for (const [lane, s, e] of iterations) {
          expect(e).toBeGreaterThanOrEqual(s);
          expect(s).toBeGreaterThanOrEqual(lastEnd.get(lane) ?? 0);
          lastEnd.set(lane, e);
        }
      });
    }
  }

  it('gives the same result for the same seed, and exponential think times follow the seed', () => {
    const w = closed(400, { users: 16, thinkTimeS: 0.3, think: 'exponential' });
    const dep: Deployment = { strategy: 'colocated', instances: [h100, a100] };
    const a = simulateStrategy(dep, w, { slo, seed: 5 });
    const b = simulateStrategy(dep, w, { slo, seed: 5 });
    const c = simulateStrategy(dep, w, { slo, seed: 6 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(c.metrics.e2e.mean).not.toBe(a.metrics.e2e.mean);
  });

  it('more users raise throughput and latency until the deployment is full', () => {
    const dep: Deployment = { strategy: 'colocated', instances: [h100] };
    const at = (users: number) => simulateStrategy(dep, closed(600, { users, thinkTimeS: 0 }), { slo, seed: 1 }).metrics;
    const [m1, m8, m64] = [at(1), at(8), at(64)];
    expect(m8.throughput.requestsPerS).toBeGreaterThan(2 * m1.throughput.requestsPerS);
    expect(m64.throughput.requestsPerS).toBeGreaterThan(m8.throughput.requestsPerS);
    expect(m64.e2e.mean).toBeGreaterThan(m1.e2e.mean);
    for (const m of [m1, m8, m64]) {
      expect(Number.isFinite(m.usdPer1MTokens)).toBe(true);
      expect(m.durationS).toBeGreaterThan(0);
    }
  });

  it('refuses a closed loop without users', () => {
    expect(() => simulateColocated({ strategy: 'colocated', instances: [h100] }, closed(10, { users: 0, thinkTimeS: 0 }), { slo, seed: 1 }))
      .toThrow(/users must be a whole number ≥ 1, got 0/);
  });
});

describe('closed loop: the colocated plan and the simulate facade are one run (4 × Llama-3.1-8B on H100 SXM, Azure conversation lengths)', () => {
  const env = catalogEnv(loadGpuCatalog('assets'), loadModelCatalog('assets'));
  const file = 'AzureLLMInferenceTrace_conv.csv';
  const trace = readTrace(readFileSync(`assets/traces/${file}`, 'utf8'), file);
  const inst = instanceOf(env, 'nvidia-h100-sxm', 'meta-llama/Llama-3.1-8B');
  for (const [users, thinkS] of [[16, 0], [64, 1]] as const) {
    it(`identical figures at ${users} users, think ${thinkS} s`, () => {
      const lengths = { kind: 'trace' as const, inputTokens: trace.inputTokens, outputTokens: trace.outputTokens };
      const ew = closedLoopWorkload({ users, requests: 3000, think: thinkS > 0 ? { kind: 'fixed', seconds: thinkS } : { kind: 'none' }, lengths }, 7);
      const sw: StrategyWorkload = { arrivalS: new Float64Array(ew.n), inputTokens: ew.inputTokens, outputTokens: ew.outputTokens, closedLoop: { users, thinkTimeS: thinkS } };
      const s = simulateColocated({ strategy: 'colocated', instances: [inst, inst, inst, inst], router: 'round-robin', tokenBudget: 2048, maxSeqs: 256 }, sw, { slo: { ttftP99S: 2, tbtP99S: 0.1 }, seed: 1 }).metrics;
      const e = simulate({
        instances: [0, 1, 2, 3].map(() => ({ cm: inst.cm })), workload: ew, router: { kind: 'round-robin' },
        scheduler: { tokenBudget: 2048, chunkSize: 2048, maxRunning: 256 }, seed: 1,
      }).summary;
      expect(s.completed).toBe(3000);
      expect(e.completed).toBe(3000);
      expect(s.throughput.requestsPerS).toBe(e.throughput.requestsPerS);
      expect(s.e2e.mean).toBe(e.e2e.mean);
      expect(s.ttft.p99).toBe(e.ttft.p99);
      expect(s.tbt.p99).toBe(e.tbt.p99);
    });
  }
});
