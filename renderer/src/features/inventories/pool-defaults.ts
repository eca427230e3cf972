// New pools and GPU-type changes start from the catalog's numbers, so a user only types what differs.
import type { GpuType, LinkKind, Pool } from '../../../../main/domain';

export const LINK_KINDS: { kind: LinkKind; label: string }[] = [
  { kind: 'nvlink', label: 'NVLink' },
  { kind: 'infinity-fabric', label: 'Inf. Fabric' },
  { kind: 'hccs', label: 'HCCS' },
  { kind: 'pcie', label: 'PCIe' },
  { kind: 'infiniband', label: 'InfiniBand' },
  { kind: 'roce', label: 'RoCE' },
  { kind: 'ethernet', label: 'Ethernet' },
];

/** Inter-node defaults: a 400 Gb/s NIC per GPU for NVLink-class boxes, 100 GbE for PCIe cards. */
export const DEFAULT_FABRIC_INTER = { link: 'infiniband' as LinkKind, bandwidthGBps: 50 };
export const DEFAULT_PCIE_INTER = { link: 'ethernet' as LinkKind, bandwidthGBps: 12.5 };
export const DEFAULT_GPUS_PER_NODE = 8;

/** The scale-up link a GPU type ships with, read from the catalog's interconnect text. */
export function intraLinkKind(gpu: Pick<GpuType, 'interconnect' | 'vendor'>): LinkKind {
  const text = gpu.interconnect.toLowerCase();
  if (/no nvlink/.test(text)) return 'pcie';
  if (/nvlink/.test(text)) return 'nvlink';
  if (/infinity fabric|xgmi/.test(text)) return 'infinity-fabric';
  if (/hccs/.test(text)) return 'hccs';
  if (/roce|ethernet/.test(text)) return 'roce';
  return 'pcie';
}

function defaultInter(kind: LinkKind) {
  return kind === 'pcie' ? { ...DEFAULT_PCIE_INTER } : { ...DEFAULT_FABRIC_INTER };
}

/** "H100 node", then "H100 node 2", ... never a name already in use. */
export function uniquePoolName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.trim().toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!used.has(`${base} ${i}`.toLowerCase())) return `${base} ${i}`;
}

/** A short name for a GPU type: the catalog name up to its first parenthesis or comma. */
export function shortGpuName(gpu: Pick<GpuType, 'name'>): string {
  return gpu.name.split(/[(,]/)[0].trim();
}

export function defaultPool(gpu: GpuType, takenNames: readonly string[]): Pool {
  const link = intraLinkKind(gpu);
  return {
    name: uniquePoolName(`${shortGpuName(gpu)} pool`, takenNames),
    gpuTypeId: gpu.id,
    gpuCount: DEFAULT_GPUS_PER_NODE,
    gpusPerNode: DEFAULT_GPUS_PER_NODE,
    intraNode: { link, bandwidthGBps: gpu.intraNodeBwGBps },
    interNode: defaultInter(link),
    pricing: { kind: 'hourly', usdPerGpuHour: gpu.defaultUsdPerGpuHour ?? 0 },
  };
}

/**
 * Switches a pool to another GPU type. Values the user left at the old type's defaults (intra-node link and
 * bandwidth, hourly price) follow the new type; values they changed are kept.
 */
export function changeGpuType(pool: Pool, from: GpuType | undefined, to: GpuType): Pool {
  const next: Pool = { ...pool, gpuTypeId: to.id };
  const intraWasDefault = !from || (pool.intraNode.link === intraLinkKind(from) && pool.intraNode.bandwidthGBps === from.intraNodeBwGBps);
  if (intraWasDefault) next.intraNode = { link: intraLinkKind(to), bandwidthGBps: to.intraNodeBwGBps };
  if (pool.pricing.kind === 'hourly') {
    const priceWasDefault = !from || pool.pricing.usdPerGpuHour === (from.defaultUsdPerGpuHour ?? 0);
    if (priceWasDefault) next.pricing = { kind: 'hourly', usdPerGpuHour: to.defaultUsdPerGpuHour ?? 0 };
  }
  return next;
}

/** Switching pricing kind starts the new kind from sensible numbers rather than zeros. */
export function switchPricing(pool: Pool, kind: 'hourly' | 'owned', gpu: GpuType | undefined): Pool {
  if (pool.pricing.kind === kind) return pool;
  if (kind === 'hourly') return { ...pool, pricing: { kind: 'hourly', usdPerGpuHour: gpu?.defaultUsdPerGpuHour ?? 0 } };
  // A year and a half of on-demand rent is a rough stand-in for a purchase price until the user types theirs.
  const purchase = gpu?.defaultUsdPerGpuHour ? Math.round(gpu.defaultUsdPerGpuHour * 8760 * 1.5 / 100) * 100 : 0;
  return { ...pool, pricing: { kind: 'owned', purchaseUsd: purchase, lifetimeYears: 4, powerUsdPerKwh: 0.12 } };
}
