// Sorting for the GPU catalog table. Missing values (no FP8, no public price) sort last in both directions,
// so "highest FP8 first" never starts with a column of dashes.
import type { GpuType } from '../../../../main/domain';

export type GpuSortKey =
  | 'vendor' | 'name' | 'memoryGb' | 'hbmBwGBps' | 'bf16Tflops' | 'fp8Tflops' | 'int8Tops'
  | 'tdpW' | 'intraNodeBwGBps' | 'defaultUsdPerGpuHour' | 'year' | 'calibration';

export type SortDir = 'asc' | 'desc';

export function sortGpus(gpus: readonly GpuType[], key: GpuSortKey, dir: SortDir): GpuType[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...gpus].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    const xMissing = x === null || x === undefined;
    const yMissing = y === null || y === undefined;
    if (xMissing || yMissing) return xMissing === yMissing ? a.name.localeCompare(b.name) : xMissing ? 1 : -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c !== 0 ? sign * c : a.name.localeCompare(b.name);
  });
}

/** Case-insensitive match on id, vendor, name and interconnect; every word must match. */
export function filterGpus(gpus: readonly GpuType[], query: string): GpuType[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...gpus];
  return gpus.filter((g) => {
    const hay = `${g.id} ${g.vendor} ${g.name} ${g.interconnect}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Numeric columns start descending (biggest first), text columns ascending. */
export function nextSort(current: { key: GpuSortKey; dir: SortDir }, key: GpuSortKey): { key: GpuSortKey; dir: SortDir } {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'vendor' || key === 'name' || key === 'calibration' ? 'asc' : 'desc' };
}
