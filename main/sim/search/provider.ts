// Builds the search's view of the hardware from the catalogs: calibrated cost models per (pool, tp), model
// facts, prices, and the links between pools. The only place the strategies meet costmodel.ts.
import type { GpuType, Pool } from '../../domain';
import { applyCalibration, type GpuCalibrationUsed } from '../calibration';
import { createInstanceCostModel, type DetailedCostModel } from '../costmodel';
import { DEFAULT_EFFICIENCY, type EfficiencyParams } from '../efficiency';
import { gpuSpecFromCatalog, linkSpec, type GpuSpec } from '../hardware';
import { kvBytesPerToken, modelFromConfig, weightBytes, type ModelSpec } from '../model';
import type { Dtype } from '../types';
import { unitUsdPerHour, type GpuPricing } from '../metrics';
import type { ModelFacts } from '../strategies/pipeline';
import type { SearchProvider } from './types';

export interface CatalogModel {
  id: string;
  config: Record<string, unknown>;
}

/** A request needs at least this much KV room for an instance to be worth deploying. */
export const MIN_KV_TOKENS = 4096;

function specOf(g: GpuType, pool?: Pool, ignoreMemory = false, eff?: EfficiencyParams): GpuSpec {
  const spec = gpuSpecFromCatalog(g, {
    ...(pool ? {
      intraNode: linkSpec(pool.intraNode.link, pool.intraNode.bandwidthGBps),
      interNode: linkSpec(pool.interNode.link, pool.interNode.bandwidthGBps),
    } : {}),
    ...(eff ? { eff } : {}),
  });
  // Pipeline stages hold a share of the layers: time the whole model with memory left unchecked.
  return ignoreMemory ? { ...spec, memoryBytes: 1e15 } : spec;
}

function specOfModel(m: CatalogModel, dtype?: Dtype): ModelSpec {
  return modelFromConfig(m.id, m.config, dtype ? { weightDtype: dtype } : {});
}

export function modelFacts(m: CatalogModel, dtype?: Dtype): ModelFacts {
  const s = specOfModel(m, dtype);
  return { layers: s.layers, hidden: s.hidden, weightBytes: weightBytes(s), kvBytesPerToken: kvBytesPerToken(s), maxContext: s.maxContext };
}

/** The calibrated cost model of `model` on tp GPUs of type `g`; null when it does not fit with useful KV. */
export function instanceCostModel(
  g: GpuType, m: CatalogModel, tp: number,
  opts: { gpusPerNode: number; pool?: Pool; ignoreMemory?: boolean; dtype?: Dtype; minKvTokens?: number; eff?: EfficiencyParams },
): DetailedCostModel | null {
  const ms = specOfModel(m, opts.dtype);
  if (ms.heads % tp !== 0 || (ms.kvHeads % tp !== 0 && tp % ms.kvHeads !== 0)) return null;
  try {
    const cm = createInstanceCostModel(specOf(g, opts.pool, opts.ignoreMemory, opts.eff), ms, { tp, pp: 1, gpusPerNode: opts.gpusPerNode });
    if (!opts.ignoreMemory && cm.kvCapacityTokens < (opts.minKvTokens ?? MIN_KV_TOKENS)) return null;
    return cm;
  } catch {
    return null; // does not fit
  }
}

/** How a pool's GPUs are paid for, as metrics.ts prices them. */
export function poolPricing(pool: Pool): GpuPricing {
  return pool.pricing;
}

/** $/GPU-hour flat out: the hourly price, or purchase amortised over the lifetime plus power at TDP (metrics.ts). */
export function poolUsdPerGpuHour(pool: Pool, g: GpuType): number {
  return unitUsdPerHour({ parts: [{ gpus: 1, pricing: poolPricing(pool), tdpW: g.tdpW }] });
}

/** The efficiency curves a GPU type runs with: its calibration applied to the defaults, or the defaults. */
export function calibratedEfficiency(gpuTypeId: string, calibrations: readonly GpuCalibrationUsed[] = []): EfficiencyParams {
  const c = calibrations.find((x) => x.gpuTypeId === gpuTypeId);
  return c?.params ? applyCalibration(DEFAULT_EFFICIENCY, c.params) : DEFAULT_EFFICIENCY;
}

export function buildProvider(
  pools: Pool[], gpus: GpuType[], model: CatalogModel, dtype?: Dtype, calibrations: readonly GpuCalibrationUsed[] = [],
): SearchProvider {
  const gpuOf = pools.map((pool, i) => {
    const g = gpus.find((x) => x.id === pool.gpuTypeId);
    if (!g) throw new Error(`pools[${i}] (${pool.name}): GPU type "${pool.gpuTypeId}" is not in the catalog`);
    return g;
  });
  const effOf = pools.map((pool) => calibratedEfficiency(pool.gpuTypeId, calibrations));
  const cache = new Map<string, DetailedCostModel | null>();
  const get = (i: number, tp: number, ignoreMemory: boolean) => {
    const key = `${i}/${tp}/${ignoreMemory}`;
    if (!cache.has(key)) cache.set(key, instanceCostModel(gpuOf[i], model, tp, { gpusPerNode: pools[i].gpusPerNode, pool: pools[i], ignoreMemory, dtype, eff: effOf[i] }));
    return cache.get(key)!;
  };
  return {
    pools,
    model: modelFacts(model, dtype),
    vendor: (i) => gpuOf[i].vendor,
    watts: (i) => gpuOf[i].tdpW,
    usdPerGpuHour: (i) => poolUsdPerGpuHour(pools[i], gpuOf[i]),
    pricing: (i) => poolPricing(pools[i]),
    hbmBytesPerS: (i) => gpuOf[i].hbmBwGBps * 1e9,
    flopsPerS: (i) => gpuOf[i].bf16Tflops * 1e12,
    costModel: (i, tp) => get(i, tp, false),
    timingModel: (i, tp) => {
      const cm = get(i, tp, true);
      if (!cm) throw new Error(`${model.id} cannot be split ${tp} ways on ${pools[i].name}`);
      return cm;
    },
    gpuMemoryGb: (i) => gpuOf[i].memoryGb,
    usableBytes: (i, tp) => {
      const cm = get(i, tp, true);
      if (!cm) return 0;
      const g = gpuOf[i];
      return tp * (g.memoryGb * 1e9 * 0.9 - cm.memory.activationBytesPerGpu - cm.memory.reserveBytesPerGpu);
    },
  };
}
