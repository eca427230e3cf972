// Pinned deployments on the shipped catalogs: hostile pins are refused with the field that is wrong, and a
// pinned deployment reproduces, figure for figure, what the search reported for the same deployment.
import { describe, expect, it } from 'vitest';
import { compareRequestSchema } from '../../../main/domain/comparison';
import type { Pool } from '../../../main/domain';
import { assetsDir } from '../../../main/paths';
import { loadGpuCatalog, loadModelCatalog } from '../../../main/services/seed';
import { compareStrategies, PinError, validatePins, type CompareInput, type DeploymentPin } from '../../../main/sim/search';
import { poissonWorkload } from './fixtures';

const gpus = loadGpuCatalog(assetsDir());
const models = loadModelCatalog(assetsDir());
const model = (id: string) => {
  const m = models.find((x) => x.id === id)!;
  return { id: m.id, config: m.config };
};

const pools: Pool[] = [
  { name: 'H100 node', gpuTypeId: 'nvidia-h100-sxm', gpuCount: 8, gpusPerNode: 8,
    intraNode: { link: 'nvlink', bandwidthGBps: 450 }, interNode: { link: 'infiniband', bandwidthGBps: 50 },
    pricing: { kind: 'hourly', usdPerGpuHour: 3.78 } },
  { name: 'L40S node', gpuTypeId: 'nvidia-l40s', gpuCount: 4, gpusPerNode: 4,
    intraNode: { link: 'pcie', bandwidthGBps: 32 }, interNode: { link: 'roce', bandwidthGBps: 12.5 },
    pricing: { kind: 'hourly', usdPerGpuHour: 1.84 } },
];

const workload = poissonWorkload(500, 6, [200, 2000], [20, 300], 7);
const budget = { searchRequests: 300, simulationsPerStrategy: 4, rateSteps: 2 };

function input(over: Partial<CompareInput> = {}): CompareInput {
  return {
    pools, gpus: gpus.filter((g) => pools.some((p) => p.gpuTypeId === g.id)), model: model('meta-llama/Llama-3.1-8B'), workload,
    slo: { ttftP99S: 2, tbtP99S: 0.1 }, strategies: ['colocated', 'disaggregated', 'cronus', 'pipeline', 'nexus'], seed: 3, budget, ...over,
  };
}

const h100 = (over: Partial<DeploymentPin['instances'][number]> = {}) => ({ pool: 'H100 node', gpuTypeId: 'nvidia-h100-sxm', tp: 4, role: 'mixed' as const, count: 2, ...over });
const l40s = (over: Partial<DeploymentPin['instances'][number]> = {}) => ({ pool: 'L40S node', gpuTypeId: 'nvidia-l40s', tp: 1, role: 'mixed' as const, count: 1, ...over });

/** The PinError a pin gets (or null), field and message. */
function problem(pin: DeploymentPin, over: Partial<CompareInput> = {}): { field: string; message: string } | null {
  try {
    validatePins(input({ pins: [pin], ...over }));
    return null;
  } catch (e) {
    if (!(e instanceof PinError)) throw e;
    return { field: e.field, message: e.message };
  }
}

describe('pin validation', () => {
  it('accepts the deployment an engineer already runs: 8 × H100 as 2 TP4 colocated instances', () => {
    expect(problem({ strategy: 'colocated', instances: [h100()] })).toBeNull();
  });

  it('refuses a pool the inventory does not have, naming the pool and the pools there are', () => {
    const p = problem({ strategy: 'colocated', instances: [h100(), h100({ pool: 'B200 node' })] });
    expect(p).toMatchObject({ field: 'pins[0].instances[1].pool' });
    expect(p!.message).toContain('"B200 node"');
    expect(p!.message).toContain('"H100 node", "L40S node"');
  });

  it('refuses a GPU type other than the pool holds', () => {
    expect(problem({ strategy: 'colocated', instances: [h100({ gpuTypeId: 'nvidia-a100-80gb-sxm' })] })).toMatchObject({ field: 'pins[0].instances[0].gpuTypeId' });
  });

  it('refuses zero, negative and fractional counts and widths', () => {
    for (const count of [0, -2, 1.5]) expect(problem({ strategy: 'colocated', instances: [h100({ count })] })?.field).toBe('pins[0].instances[0].count');
    for (const tp of [0, -4, 2.5]) expect(problem({ strategy: 'colocated', instances: [h100({ tp })] })?.field).toBe('pins[0].instances[0].tp');
  });

  it('refuses more GPUs than the pool has, naming the pool', () => {
    const p = problem({ strategy: 'colocated', instances: [h100({ count: 3 })] });
    expect(p).toMatchObject({ field: 'pins[0].instances[0].count' });
    expect(p!.message).toMatch(/pool "H100 node" has 8 GPUs, the pinned deployment needs 12/);
  });

  it('refuses widths outside the modelled ones and wider than a node', () => {
    expect(problem({ strategy: 'colocated', instances: [h100({ tp: 3, count: 1 })] })!.message).toMatch(/1, 2, 4 or 8/);
    expect(problem({ strategy: 'colocated', instances: [l40s({ tp: 8 })] })!.message).toMatch(/4 GPUs per node/);
  });

  it('refuses a TP that does not divide the attention heads (Qwen2-7B has 28)', () => {
    const p = problem({ strategy: 'colocated', instances: [h100({ tp: 8, count: 1 })] }, { model: model('Qwen/Qwen2-7B') });
    expect(p).toMatchObject({ field: 'pins[0].instances[0].tp' });
    expect(p!.message).toMatch(/heads.*do not divide by 8/);
  });

  it('refuses a model that does not fit in memory at that TP', () => {
    const p = problem({ strategy: 'colocated', instances: [h100({ tp: 1, count: 1 })] }, { model: model('meta-llama/Llama-3.1-70B') });
    expect(p).toMatchObject({ field: 'pins[0].instances[0].tp' });
    expect(p!.message).toMatch(/does not fit on 1 × nvidia-h100-sxm of pool "H100 node"/);
  });

  it('refuses roles the strategy does not have and malformed structures', () => {
    expect(problem({ strategy: 'colocated', instances: [h100({ role: 'prefill' })] })?.field).toBe('pins[0].instances[0].role');
    expect(problem({ strategy: 'disaggregated', instances: [h100({ role: 'prefill', count: 1 })] })?.message).toMatch(/exactly one group of "decode"/);
    expect(problem({ strategy: 'cronus', instances: [h100({ count: 2, tp: 2 }), l40s({ role: 'partial-prefill', count: 1 })] })?.field).toBe('pins[0].instances[1].count');
    expect(problem({ strategy: 'cronus', instances: [h100({ count: 1, tp: 2 }), h100({ role: 'partial-prefill', count: 1, tp: 2 })] })?.field).toBe('pins[0].instances[1].pool');
    expect(problem({ strategy: 'colocated', instances: [] })?.field).toBe('pins[0].instances');
    expect(problem({ strategy: 'colocated', instances: [h100({ pp: 2 })] })?.field).toBe('pins[0].instances[0].pp');
    expect(problem({ strategy: 'colocated', instances: [h100({ layers: 16 })] })?.field).toBe('pins[0].instances[0].layers');
  });

  it('refuses pipeline stages whose layers do not add up to the model or do not fit', () => {
    const stage = (pool: 'H100' | 'L40S', stageNo: number, layers: number) =>
      (pool === 'H100' ? h100 : l40s)({ role: 'stage', stage: stageNo, layers, count: 1, tp: 1 });
    expect(problem({ strategy: 'pipeline', instances: [stage('H100', 0, 20), stage('L40S', 1, 12)] })).toBeNull();
    expect(problem({ strategy: 'pipeline', instances: [stage('H100', 0, 20), stage('L40S', 1, 11)] })?.message).toMatch(/20 \+ 11 layers, the model has 32/);
    const big = problem({ strategy: 'pipeline', instances: [stage('H100', 0, 10), stage('L40S', 1, 70)] }, { model: model('meta-llama/Llama-3.1-70B') });
    expect(big).toMatchObject({ field: 'pins[0].instances[1].layers' });
    expect(big!.message).toMatch(/70 layers do not fit/);
    expect(problem({ strategy: 'pipeline', instances: [stage('H100', 0, 20), stage('L40S', 0, 12)] })?.field).toBe('pins[0].instances[1].stage');
  });

  it('refuses a pin for a strategy not compared, or two pins for one strategy', () => {
    expect(problem({ strategy: 'colocated', instances: [h100()] }, { strategies: ['disaggregated'] })?.field).toBe('pins[0].strategy');
    expect(() => validatePins(input({ pins: [{ strategy: 'colocated', instances: [h100()] }, { strategy: 'colocated', instances: [h100({ count: 1 })] }] })))
      .toThrow(/pinned twice/);
  });

  it('the request schema refuses hostile pins before anything runs', () => {
    const base = { inventoryId: 1, modelId: 'm', workloadId: 1, slo: {}, strategies: ['colocated'] };
    const bad = (pins: unknown) => compareRequestSchema.safeParse({ ...base, pins }).error?.issues[0];
    expect(bad([{ strategy: 'colocated', instances: [h100({ count: 0 })] }])?.path).toEqual(['pins', 0, 'instances', 0, 'count']);
    expect(bad([{ strategy: 'colocated', instances: [h100({ tp: -1 })] }])?.path).toEqual(['pins', 0, 'instances', 0, 'tp']);
    expect(bad([{ strategy: 'warp-drive', instances: [h100()] }])?.path).toEqual(['pins', 0, 'strategy']);
    expect(bad([{ strategy: 'colocated', instances: [{ ...h100(), extra: 1 }] }])?.path).toEqual(['pins', 0, 'instances', 0]);
    expect(bad([{ strategy: 'nexus', instances: [h100({ role: 'split' })] }])).toMatchObject({ path: ['pins', 0, 'strategy'], message: expect.stringMatching(/not among the strategies/) });
    expect(bad([{ strategy: 'colocated', instances: [h100()] }])).toBeUndefined();
  });
});

describe('pinned deployments', () => {
  const strategies = ['colocated', 'pipeline', 'disaggregated', 'cronus', 'nexus'] as const;
  const searched = compareStrategies(input({ strategies: [...strategies] }));

  it('give exactly the figures the search reported for the same deployment', () => {
    const pins = searched.strategies.filter((o) => o.bestByCost).map((o) => ({ strategy: o.strategy, instances: o.bestByCost!.instances! }));
    expect(pins.map((p) => p.strategy)).toEqual(expect.arrayContaining(['colocated', 'disaggregated', 'pipeline']));
    const pinned = compareStrategies(input({ strategies: [...strategies], pins }));
    for (const pin of pins) {
      const a = searched.strategies.find((o) => o.strategy === pin.strategy)!;
      const b = pinned.strategies.find((o) => o.strategy === pin.strategy)!;
      expect(b.pinned, pin.strategy).toBeDefined();
      expect(b.simulated).toBe(1);
      // Same deployment, same workload, same seed: the same summary, to the last bit.
      const { maxRateMultiple, maxGoodputRps, rateSweep, ...rest } = b.bestByCost!;
      const { maxRateMultiple: m2, maxGoodputRps: g2, rateSweep: s2, ...restSearched } = a.bestByCost!;
      expect(rest).toEqual(restSearched);
      if (s2) expect({ maxRateMultiple, maxGoodputRps, rateSweep }).toEqual({ maxRateMultiple: m2, maxGoodputRps: g2, rateSweep: s2 });
      expect(b.pinned).toEqual(b.bestByCost);
    }
    // Pinning is deterministic too.
    expect(JSON.stringify(compareStrategies(input({ strategies: [...strategies], pins })))).toBe(JSON.stringify(pinned));
  });

  it('keeps the pinned deployment when the SLOs tighten past it, and searches the other strategies as usual', () => {
    const pin: DeploymentPin = { strategy: 'colocated', instances: [l40s({ count: 1 })] };
    const r = compareStrategies(input({ strategies: ['colocated', 'disaggregated'], slo: { ttftP99S: 0.05, tbtP99S: 0.005 }, pins: [pin] }));
    const o = r.strategies.find((x) => x.strategy === 'colocated')!;
    expect(o.pinned!.instances).toEqual([{ pool: 'L40S node', gpuTypeId: 'nvidia-l40s', tp: 1, role: 'mixed', count: 1 }]);
    expect(o.pinned!.meetsSlo).toBe(false);
    expect(o.bestByCost).toBeNull();
    expect(r.strategies.find((x) => x.strategy === 'disaggregated')!.pinned).toBeUndefined();
  });
});
