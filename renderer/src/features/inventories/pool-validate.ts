// Checks the pool editor runs before saving, mirroring the contract's rules, so problems are marked in the
// table cell by cell instead of arriving one at a time from the host.
import type { Pool } from '../../../../main/domain';

/** A pool field as the contract names it, e.g. "gpuCount" or "intraNode.bandwidthGBps". */
export type PoolField =
  | 'name'
  | 'gpuTypeId'
  | 'gpuCount'
  | 'gpusPerNode'
  | 'intraNode.bandwidthGBps'
  | 'interNode.bandwidthGBps'
  | 'pricing.usdPerGpuHour'
  | 'pricing.purchaseUsd'
  | 'pricing.lifetimeYears'
  | 'pricing.powerUsdPerKwh';

export interface PoolIssue {
  index: number;
  field: PoolField;
  message: string;
}

const isInt = (n: number) => Number.isFinite(n) && Number.isInteger(n);

export function validatePools(pools: readonly Pool[], knownGpuIds: ReadonlySet<string>): PoolIssue[] {
  const issues: PoolIssue[] = [];
  const seen = new Map<string, number>();
  pools.forEach((p, index) => {
    const add = (field: PoolField, message: string) => issues.push({ index, field, message });
    const key = p.name.trim().toLowerCase();
    if (key === '') add('name', 'name the pool');
    else if (seen.has(key)) add('name', `same name as pool ${seen.get(key)! + 1}`);
    else seen.set(key, index);
    if (!knownGpuIds.has(p.gpuTypeId)) add('gpuTypeId', `unknown GPU type "${p.gpuTypeId}"`);
    if (!isInt(p.gpuCount) || p.gpuCount < 1) add('gpuCount', 'whole number of GPUs, at least 1');
    if (!isInt(p.gpusPerNode) || p.gpusPerNode < 1 || p.gpusPerNode > 72) add('gpusPerNode', 'whole number from 1 to 72');
    else if (isInt(p.gpuCount) && p.gpuCount >= p.gpusPerNode && p.gpuCount % p.gpusPerNode !== 0) {
      add('gpuCount', `must be whole nodes: a multiple of ${p.gpusPerNode}, or fewer than one node`);
    }
    if (!(p.intraNode.bandwidthGBps > 0)) add('intraNode.bandwidthGBps', 'bandwidth must be above 0 GB/s');
    if (!(p.interNode.bandwidthGBps > 0)) add('interNode.bandwidthGBps', 'bandwidth must be above 0 GB/s');
    const pr = p.pricing;
    if (pr.kind === 'hourly') {
      if (!(pr.usdPerGpuHour >= 0)) add('pricing.usdPerGpuHour', 'price must be 0 or more');
    } else {
      if (!(pr.purchaseUsd >= 0)) add('pricing.purchaseUsd', 'purchase price must be 0 or more');
      if (!(pr.lifetimeYears > 0)) add('pricing.lifetimeYears', 'lifetime must be above 0 years');
      if (!(pr.powerUsdPerKwh >= 0)) add('pricing.powerUsdPerKwh', 'power price must be 0 or more');
    }
  });
  return issues;
}

/** Reads the host's field path ("pools[2].intraNode.bandwidthGBps") back into a table cell. */
export function poolFieldFromPath(path: string | undefined): { index: number; field: string } | null {
  const m = /^pools\[(\d+)\]\.(.+)$/.exec(path ?? '');
  return m ? { index: Number(m[1]), field: m[2] } : null;
}

/** Field by field, so key order and object identity do not make an untouched table look edited. */
function poolKey(p: Pool): string {
  const pr = p.pricing;
  const price = pr.kind === 'hourly' ? [pr.kind, pr.usdPerGpuHour] : [pr.kind, pr.purchaseUsd, pr.lifetimeYears, pr.powerUsdPerKwh];
  return JSON.stringify([
    p.name, p.gpuTypeId, p.gpuCount, p.gpusPerNode,
    p.intraNode.link, p.intraNode.bandwidthGBps, p.interNode.link, p.interNode.bandwidthGBps, ...price,
  ].map((v) => (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v)));
}

export function poolsEqual(a: readonly Pool[], b: readonly Pool[]): boolean {
  return a.length === b.length && a.every((p, i) => poolKey(p) === poolKey(b[i]));
}
