// What a reproduction scenario needs from the catalogs: instances of a GPU type running a model, the model's
// facts, and a rate sweep helper. Built by the caller from the GPU and model catalogs (pure: no fs here).
import type { GpuType } from '../../domain';
import type { ModelFacts } from '../strategies/pipeline';
import type { InstanceSpec, Slo, StrategyResult, StrategyWorkload } from '../strategies/types';
import { instanceCostModel, modelFacts, type CatalogModel } from '../search/provider';
import { meetsSlo } from '../metrics';

export interface ScenarioEnv {
  gpu(id: string): GpuType;
  model(id: string): CatalogModel;
}

export function catalogEnv(gpus: GpuType[], models: CatalogModel[]): ScenarioEnv {
  return {
    gpu(id) {
      const g = gpus.find((x) => x.id === id);
      if (!g) throw new Error(`scenario: GPU "${id}" is not in the catalog`);
      return g;
    },
    model(id) {
      const m = models.find((x) => x.id === id);
      if (!m) throw new Error(`scenario: model "${id}" is not in the catalog`);
      return m;
    },
  };
}

/** One instance of `gpuId` × tp serving `modelId`, priced at the catalog's hourly rate. */
export function instanceOf(env: ScenarioEnv, gpuId: string, modelId: string, tp = 1, pool = gpuId): InstanceSpec {
  const g = env.gpu(gpuId);
  const cm = instanceCostModel(g, env.model(modelId), tp, { gpusPerNode: Math.max(tp, 8) });
  if (!cm) throw new Error(`scenario: ${modelId} does not fit on ${tp}×${gpuId}`);
  return priced({ pool, gpuTypeId: g.id, vendor: g.vendor, cm, tp, pp: 1, gpuMemoryGb: g.memoryGb }, g);
}

function priced(spec: Omit<InstanceSpec, 'pricing' | 'tdpW' | 'usdPerHour'>, g: GpuType): InstanceSpec {
  const usdPerGpuHour = g.defaultUsdPerGpuHour ?? 1;
  return { ...spec, pricing: { kind: 'hourly', usdPerGpuHour }, tdpW: g.tdpW, usdPerHour: usdPerGpuHour * spec.tp, gpuMemoryGb: g.memoryGb };
}

/** Timing-only instance (memory not checked) for pipeline stages. */
export function timingInstanceOf(env: ScenarioEnv, gpuId: string, modelId: string, tp = 1): InstanceSpec {
  const g = env.gpu(gpuId);
  const cm = instanceCostModel(g, env.model(modelId), tp, { gpusPerNode: Math.max(tp, 8), ignoreMemory: true })!;
  return priced({ pool: gpuId, gpuTypeId: g.id, vendor: g.vendor, cm, tp, pp: 1 }, g);
}

export function factsOf(env: ScenarioEnv, modelId: string): ModelFacts {
  return modelFacts(env.model(modelId));
}

/**
 * The highest of `rates` at which `run` still meets `ok`, scanning upwards and stopping at the first miss
 * (latency only grows with load). 0 when even the lowest misses.
 */
export function maxSustainableRate(rates: number[], run: (rate: number) => StrategyResult, ok: (r: StrategyResult) => boolean): { rate: number; at: StrategyResult | null } {
  let best = 0;
  let at: StrategyResult | null = null;
  for (const rate of rates) {
    const r = run(rate);
    if (!ok(r)) break;
    best = rate;
    at = r;
  }
  return { rate: best, at };
}

export function meets(slo: Slo) {
  return (r: StrategyResult) => meetsSlo(r.metrics, slo);
}

export type { StrategyWorkload };
