// The figures in an inventory's summary strip. Pure: pools + the GPU catalog in, totals out.
import type { GpuType, Pool } from '../../../../main/domain';
import { unitUsdPerHour } from '../../../../main/sim/metrics';

export interface TypeTotal {
  gpuTypeId: string;
  label: string;
  count: number;
}

export interface InventoryTotals {
  gpuCount: number;
  byType: TypeTotal[];
  hbmGb: number;
  bf16Pflops: number;
  usdPerHour: number;
  /** Pools whose GPU type is not in the catalog: they count as GPUs but add no memory, compute or power cost. */
  unknownTypes: string[];
}

/**
 * What one GPU of a pool costs per hour, as the search prices it (metrics.ts, the one definition): owned GPUs'
 * purchase spread over the lifetime plus power at full TDP and the data centre's PUE (an upper bound: real
 * draw while serving is usually lower). A lifetime still being typed (0) adds no capital rather than infinity.
 */
export function usdPerGpuHour(pool: Pool, gpu: GpuType | undefined): number {
  const p = pool.pricing;
  const pricing = p.kind === 'owned' && !(p.lifetimeYears > 0) ? { ...p, purchaseUsd: 0, lifetimeYears: 1 } : p;
  return unitUsdPerHour({ parts: [{ gpus: 1, pricing, tdpW: gpu?.tdpW ?? 0 }] });
}

export function inventoryTotals(pools: readonly Pool[], gpus: readonly GpuType[]): InventoryTotals {
  const byId = new Map(gpus.map((g) => [g.id, g]));
  const byType = new Map<string, TypeTotal>();
  const unknown = new Set<string>();
  let gpuCount = 0;
  let hbmGb = 0;
  let tflops = 0;
  let usdPerHour = 0;
  for (const pool of pools) {
    const n = Number.isFinite(pool.gpuCount) && pool.gpuCount > 0 ? pool.gpuCount : 0;
    const gpu = byId.get(pool.gpuTypeId);
    if (!gpu) unknown.add(pool.gpuTypeId);
    gpuCount += n;
    const entry = byType.get(pool.gpuTypeId) ?? { gpuTypeId: pool.gpuTypeId, label: gpu ? gpu.name : pool.gpuTypeId, count: 0 };
    entry.count += n;
    byType.set(pool.gpuTypeId, entry);
    if (gpu) {
      hbmGb += n * gpu.memoryGb;
      tflops += n * gpu.bf16Tflops;
    }
    const price = usdPerGpuHour(pool, gpu);
    if (Number.isFinite(price)) usdPerHour += n * price;
  }
  return {
    gpuCount,
    byType: [...byType.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
    hbmGb,
    bf16Pflops: tflops / 1000,
    usdPerHour,
    unknownTypes: [...unknown],
  };
}
