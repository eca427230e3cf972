import { describe, expect, it } from 'vitest';
import { chosenDeployment, closestDeployment } from '../../../main/sim/search/chosen';
import { compareWithProvider } from '../../../main/sim/search/compare';
import { dominates, paretoSet } from '../../../main/sim/search/pareto';
import { countChoices } from '../../../main/sim/search/enumerate';
import type { SearchProvider } from '../../../main/sim/search/types';
import type { Pool } from '../../../main/domain';
import { A100, A10, H100, LLAMA8B, poissonWorkload, stubCostModel, type StubGpu } from './fixtures';

const gpus: StubGpu[] = [H100, A100, A10];
const pools: Pool[] = gpus.map((g, i) => ({
  name: g.name, gpuTypeId: g.name, gpuCount: i === 0 ? 2 : 4, gpusPerNode: i === 0 ? 2 : 4,
  intraNode: { link: i === 2 ? 'pcie' : 'nvlink', bandwidthGBps: i === 2 ? 32 : 300 },
  interNode: { link: 'roce', bandwidthGBps: 12.5 },
  pricing: { kind: 'hourly', usdPerGpuHour: g.usdPerHour },
}));

const provider: SearchProvider = {
  pools,
  model: { layers: LLAMA8B.layers, hidden: LLAMA8B.hidden, weightBytes: 2 * LLAMA8B.params, kvBytesPerToken: LLAMA8B.kvBytesPerToken },
  vendor: () => 'NVIDIA',
  watts: () => 400,
  usdPerGpuHour: (i) => gpus[i].usdPerHour,
  pricing: (i) => ({ kind: 'hourly', usdPerGpuHour: gpus[i].usdPerHour }),
  hbmBytesPerS: (i) => gpus[i].hbmGBps * 1e9,
  flopsPerS: (i) => gpus[i].tflops * 1e12,
  costModel: (i, tp) => {
    try {
      return stubCostModel(gpus[i], LLAMA8B, tp);
    } catch {
      return null;
    }
  },
  timingModel: (i, tp) => stubCostModel({ ...gpus[i], memGb: 1000 }, LLAMA8B, tp),
  usableBytes: (i, tp) => gpus[i].memGb * 1e9 * tp * 0.9,
  gpuMemoryGb: (i) => gpus[i].memGb,
};

const slo = { ttftP99S: 2, tbtP99S: 0.1 };
const budget = { searchRequests: 600, simulationsPerStrategy: 5, searchRequestsPerStrategy: 0, rateSteps: 2 };

describe('deployment search', () => {
  const w = poissonWorkload(800, 8, [100, 3000], [10, 300], 17);
  const run = (seed: number) => compareWithProvider(provider, w, slo, ['colocated', 'pipeline', 'disaggregated', 'cronus', 'nexus'], seed, budget);

  it('is deterministic for a seed and JSON-able', () => {
    const a = run(5);
    const b = run(5);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.parse(JSON.stringify(a)).strategies.length).toBe(5);
  });

  it('finds SLO-meeting deployments; the best by cost meets the SLOs on the whole workload', () => {
    const r = run(5);
    for (const o of r.strategies) {
      expect(o.simulated).toBeLessThanOrEqual(budget.simulationsPerStrategy);
      expect(o.enumerated).toBeGreaterThanOrEqual(o.simulated);
      const feasible = o.simulatedDeployments.filter((d) => d.meetsSlo);
      if (o.bestByCost) {
        expect(o.bestByCost.meetsSlo).toBe(true);
        expect(o.bestByCost.metrics.requests).toBe(800);
        expect(feasible.some((d) => d.label === o.bestByCost!.label)).toBe(true);
      }
    }
    expect(r.strategies.find((o) => o.strategy === 'colocated')!.bestByCost?.meetsSlo).toBe(true);
    expect(r.simulations).toBeGreaterThan(0);
  });

  it('keeps each probe step of the max-goodput sweep: offered rate rising, the last kept multiple the max', () => {
    const r = run(5);
    let swept = 0;
    for (const o of r.strategies) {
      for (const d of [o.bestByCost, o.bestByGoodput]) {
        if (!d || d.rateSweep === undefined) continue;
        swept++;
        const s = d.rateSweep;
        expect(s[0].rateMultiple).toBe(1);
        expect(s.length).toBeGreaterThanOrEqual(2);
        expect(s.length).toBeLessThanOrEqual(1 + budget.rateSteps);
        for (let i = 1; i < s.length; i++) {
          expect(s[i].rateMultiple).toBeGreaterThan(s[i - 1].rateMultiple);
          expect(s[i].offeredRps / s[i].rateMultiple).toBeCloseTo(s[0].offeredRps, 6);
        }
        // Only the last step may miss the SLOs (the probe stops there); the max is the last one that met them.
        expect(s.slice(0, -1).every((x) => x.meetsSlo)).toBe(true);
        const lastMet = [...s].reverse().find((x) => x.meetsSlo)!;
        expect(d.maxRateMultiple).toBe(lastMet.rateMultiple);
        for (const x of s) {
          expect(x.goodputRps).toBeLessThanOrEqual(x.throughputRps + 1e-9);
          if (x.meetsSlo) expect(x.ttftP99S <= slo.ttftP99S && x.tbtP99S <= slo.tbtP99S).toBe(true);
        }
      }
    }
    expect(swept).toBeGreaterThan(0);
  });

  it('describes every simulated deployment as instance groups whose GPUs add up, with KV flows where KV moves', () => {
    const r = run(5);
    const roles: Record<string, string[]> = {
      colocated: ['mixed'], nexus: ['split'], disaggregated: ['prefill', 'decode'], cronus: ['partial-prefill', 'mixed'], pipeline: ['stage'],
    };
    for (const o of r.strategies) {
      for (const d of o.simulatedDeployments) {
        const inst = d.instances!;
        expect(inst.reduce((s, g) => s + g.count * g.tp * (g.pp ?? 1), 0)).toBe(d.gpus);
        expect([...new Set(inst.map((g) => g.role))].sort()).toEqual([...roles[o.strategy]].sort());
        for (const g of inst) expect(pools.some((p) => p.name === g.pool && p.gpuTypeId === g.gpuTypeId)).toBe(true);
        const flows = d.kvFlows!;
        if (o.strategy === 'colocated' || o.strategy === 'nexus') expect(flows).toEqual([]);
        else expect(flows.length).toBeGreaterThan(0);
        for (const f of flows) {
          // Every flow joins two groups of the deployment and names its links.
          for (const end of [f.from, f.to]) expect(inst.some((g) => g.pool === end.pool && g.role === end.role && g.stage === end.stage)).toBe(true);
          expect(f.path).toMatch(/nvlink|pcie|roce|device-to-host/);
          expect(f.what).toBe(o.strategy === 'pipeline' ? 'activations' : 'KV cache');
        }
        if (o.strategy === 'pipeline') {
          const layers = inst.filter((g) => g.stage !== undefined);
          const stages = Math.max(...layers.map((g) => g.stage!)) + 1;
          // Each replica's stages hold the whole model between them.
          const perStage = Array.from({ length: stages }, (_, k) => layers.filter((g) => g.stage === k).reduce((s, g) => s + g.count, 0));
          expect(new Set(perStage).size).toBe(1);
        }
      }
    }
  });

  it('every Pareto set is non-dominated and meets the SLOs', () => {
    const r = run(5);
    for (const set of [r.pareto, ...r.strategies.map((o) => o.pareto)]) {
      for (const a of set) {
        expect(a.meetsSlo).toBe(true);
        for (const b of set) expect(dominates(b, a)).toBe(false);
      }
    }
    // And nothing outside the global set dominates a member.
    const all = r.strategies.flatMap((o) => o.simulatedDeployments).filter((d) => d.meetsSlo);
    for (const a of r.pareto) for (const b of all) expect(dominates(b, a)).toBe(false);
  });

  it('paretoSet drops dominated points', () => {
    const mk = (cost: number, lat: number) => ({ meetsSlo: true, label: `${cost}/${lat}`, metrics: { usdPer1MTokens: cost, ttft: { p99: lat } } }) as never;
    const set = paretoSet([mk(1, 5), mk(2, 3), mk(2, 4), mk(3, 3), mk(4, 1)]);
    expect(set.map((d: { label: string }) => d.label)).toEqual(['1/5', '2/3', '4/1']);
  });

  it('count choices cover small pools fully and large ones geometrically', () => {
    expect(countChoices(4)).toEqual([1, 2, 3, 4]);
    const big = countChoices(64);
    expect(big[big.length - 1]).toBe(64);
    expect(big.length).toBeLessThan(20);
  });

  it('keeps each chosen deployment\'s charts from the run behind its figures, whether the window is the whole workload or not', () => {
    for (const b of [budget, { ...budget, searchRequests: 800 }]) {
      const r = compareWithProvider(provider, w, slo, ['colocated', 'pipeline', 'disaggregated', 'cronus', 'nexus'], 5, b);
      for (const o of r.strategies) {
        const d = chosenDeployment(o);
        if (!d) continue;
        const t = o.trace!;
        expect(t, o.strategy).toBeDefined();
        expect(t.strategy).toBe(o.strategy);
        // The whole workload, and the table's own quantiles: the chart's P99 is the row's P99.
        expect(t.requests).toBe(800);
        expect(d.metrics.requests).toBe(800);
        expect(t.ttftCdf[99].x).toBe(d.metrics.ttft.p99);
        expect(t.e2eCdf[99].x).toBe(d.metrics.e2e.p99);
        expect(t.meanGapCdf[99].x).toBe(d.metrics.tpot!.p99);
        if (o.strategy === 'colocated') expect(t.instanceLabels.length).toBe(d.instances!.reduce((n, g) => n + g.count, 0));
      }
    }
  });

  it('reports a strategy that meets no SLO with its closest deployment\'s run on the whole workload, charts included', () => {
    // An E2E target no answer of 300 tokens can meet (the analytic prune does not look at E2E).
    const r = compareWithProvider(provider, w, { ...slo, e2eP99S: 0.2 }, ['colocated', 'disaggregated'], 5, budget);
    for (const o of r.strategies) {
      expect(o.simulatedDeployments.length).toBeGreaterThan(0);
      expect(o.bestByCost).toBeNull();
      const near = closestDeployment(o.simulatedDeployments)!;
      expect(o.closest!.label).toBe(near.label);
      expect(o.closest!.meetsSlo).toBe(false);
      expect(o.closest!.metrics.requests).toBe(800);
      expect(near.metrics.requests).toBe(600);
      expect(chosenDeployment(o)).toBe(o.closest);
      expect(o.trace!.ttftCdf[99].x).toBe(o.closest!.metrics.ttft.p99);
    }
  });

  it('progress counts requests simulated, only moves forward and ends with everything counted, the whole-workload runs included', () => {
    const seen: [number, number, string][] = [];
    const r = compareWithProvider(provider, w, slo, ['colocated', 'disaggregated', 'nexus'], 5, budget, { onProgress: (d, t, m) => seen.push([d, t, m ?? '']) });
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i][0]).toBeGreaterThanOrEqual(seen[i - 1][0]);
      expect(seen[i][0]).toBeLessThanOrEqual(seen[i][1]);
    }
    // Runs this small report once each, when done: a whole-workload run weighs its 800 requests, every other
    // run (the busiest window, the rate probes) the window's 600.
    const runs = seen.slice(0, -1);
    expect(runs.length).toBe(r.simulations);
    const work = runs.reduce((a, [, , m]) => a + (m.includes('whole workload') ? 800 : 600), 0);
    expect(runs.some(([, , m]) => m.includes('whole workload'))).toBe(true);
    expect(seen.at(-1)!.slice(0, 2)).toEqual([work, work]);
  });

  it('progress moves during a long run, not only between runs, and reaches the total', () => {
    const long = poissonWorkload(40_000, 8, [100, 3000], [10, 300], 23);
    const seen: [number, number, string][] = [];
    const r = compareWithProvider(provider, long, slo, ['colocated'], 5, { searchRequests: 600, simulationsPerStrategy: 2, searchRequestsPerStrategy: 0, rateSteps: 1 },
      { onProgress: (d, t, m) => seen.push([d, t, m ?? '']) });
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i][0]).toBeGreaterThanOrEqual(seen[i - 1][0]);
      expect(seen[i][0]).toBeLessThanOrEqual(seen[i][1]);
    }
    expect(r.simulations).toBeGreaterThan(0);
    // Each 40,000-request run reports twice while it routes (every 16,384 arrivals) besides its end.
    const midRun = seen.filter(([, , m]) => !m.includes(':') && m !== 'done');
    expect(midRun.length).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBeGreaterThan(r.simulations + 1);
    const last = seen.at(-1)!;
    expect(last[0]).toBe(last[1]);
    expect(last[2]).toBe('done');
  });

  it('cancels between simulations', () => {
    let calls = 0;
    expect(() => compareWithProvider(provider, w, slo, ['colocated'], 1, budget, { shouldCancel: () => ++calls > 2 })).toThrow(/cancelled/);
  });
});

describe('deployment search on a closed loop', () => {
  const open = poissonWorkload(800, 8, [100, 3000], [10, 300], 17);
  const w = { ...open, arrivalS: new Float64Array(800), closedLoop: { users: 48, thinkTimeS: 0.5 } };
  const run = () => compareWithProvider(provider, w, slo, ['colocated', 'pipeline', 'disaggregated', 'cronus', 'nexus'], 5, budget);

  it('prunes nothing by arrival rate, sweeps no rate, reports at the given users, and is deterministic', () => {
    const r = run();
    expect(JSON.stringify(run())).toBe(JSON.stringify(r));
    expect(r.closedLoop).toEqual({ users: 48, thinkTimeS: 0.5 });
    expect(r.searchRequests).toBe(600);
    for (const o of r.strategies) {
      for (const d of o.simulatedDeployments) {
        expect(d.rateSweep).toBeUndefined();
        expect(d.maxRateMultiple).toBeUndefined();
        expect(Number.isFinite(d.metrics.throughput.requestsPerS)).toBe(true);
        expect(Number.isNaN(d.metrics.e2e.mean)).toBe(false);
      }
      if (o.bestByCost) {
        expect(o.bestByCost.metrics.requests).toBe(800); // confirmed on the whole workload
        const feasible = o.simulatedDeployments.filter((d) => d.meetsSlo);
        expect(o.bestByGoodput!.metrics.goodputRps).toBe(Math.max(...feasible.map((d) => d.metrics.goodputRps)));
      }
    }
    expect(r.strategies.some((o) => o.bestByCost)).toBe(true);
    // The open-loop twin of the same requests does sweep rates.
    const withRate = compareWithProvider(provider, open, slo, ['colocated'], 5, budget);
    expect(withRate.strategies[0].simulatedDeployments.some((d) => d.rateSweep)).toBe(true);
    // Only the SLO floors prune a closed loop's deployments, never the (absent) arrival rate.
    expect(r.strategies[0].prunedCapacity).toBeLessThanOrEqual(withRate.strategies[0].prunedCapacity);
  });

  it('a pinned deployment on a closed loop gets no rate sweep and reproduces the searched figures', () => {
    const searched = compareWithProvider(provider, w, slo, ['colocated'], 5, budget).strategies[0].bestByCost!;
    const pin = { strategy: 'colocated' as const, instances: searched.instances! };
    const o = compareWithProvider(provider, w, slo, ['colocated'], 5, budget, {}, '', [pin]).strategies[0];
    expect(o.pinned!.rateSweep).toBeUndefined();
    expect(o.pinned!.metrics).toEqual(searched.metrics);
    expect(o.bestByGoodput).not.toBeNull();
  });
});
