// A GPU as the cost model sees it: datasheet peaks from the catalog row, links with bandwidth and latency,
// and size-dependent efficiency curves (efficiency.ts) that turn peaks into achieved rates.
import { invalid } from '../domain/errors';
import type { GpuType, LinkKind } from '../domain';
import { DEFAULT_EFFICIENCY, efficiency, type EfficiencyParams } from './efficiency';
import type { Dtype } from './types';

export type LinkClass = LinkKind | 'pcie3' | 'pcie4' | 'pcie5';

export interface LinkSpec {
  kind: LinkClass;
  /** Nominal bandwidth per direction, bytes/s. */
  bytesPerS: number;
  /** One-way latency of a message, seconds. */
  latencyS: number;
}

export interface GpuSpec {
  id: string;
  name: string;
  vendor: string;
  memoryBytes: number;
  hbmBytesPerS: number;
  /** Dense peak FLOP/s (OP/s for int8) per compute dtype. */
  peakFlops: Record<Dtype, number>;
  /** Which dtypes the datasheet actually lists; the rest fall back (see computeDtype). */
  nativeDtypes: Dtype[];
  tdpW: number;
  usdPerHour: number | null;
  intraNode: LinkSpec;
  /** GPU <-> host over PCIe (KV staging, offload). */
  host: LinkSpec;
  interNode: LinkSpec;
  eff: EfficiencyParams;
}

/**
 * Default bandwidth per direction (GB/s) and latency (s) per link kind. Sources: PCIe 3/4/5 x16 nominal
 * 15.75/31.5/63 GB/s; NVLink per-GPU figures come from the catalog; RoCE/InfiniBand assume one 200/400 Gb/s
 * NIC per GPU; latencies are typical one-hop RDMA / P2P figures (docs/model.md, "Links").
 */
export const LINK_DEFAULTS: Record<LinkClass, { GBps: number; latencyS: number }> = {
  nvlink: { GBps: 450, latencyS: 2e-6 },
  pcie: { GBps: 32, latencyS: 5e-6 },
  pcie3: { GBps: 16, latencyS: 5e-6 },
  pcie4: { GBps: 32, latencyS: 5e-6 },
  pcie5: { GBps: 64, latencyS: 5e-6 },
  'infinity-fabric': { GBps: 64, latencyS: 3e-6 },
  hccs: { GBps: 56, latencyS: 3e-6 },
  roce: { GBps: 25, latencyS: 5e-6 },
  infiniband: { GBps: 50, latencyS: 3e-6 },
  ethernet: { GBps: 12.5, latencyS: 30e-6 },
};

export function linkSpec(kind: LinkClass, GBps?: number, latencyS?: number): LinkSpec {
  const d = LINK_DEFAULTS[kind];
  if (!d) throw invalid(`unknown link kind "${kind}"`, { field: 'link' });
  const bw = GBps ?? d.GBps;
  if (!(bw > 0)) throw invalid(`link bandwidth must be positive, got ${bw}`, { field: 'bandwidthGBps' });
  return { kind, bytesPerS: bw * 1e9, latencyS: latencyS ?? d.latencyS };
}

/** The intra-node link named by the catalog's interconnect text (bandwidth from its own column). */
function intraLinkOf(g: GpuType): LinkSpec {
  const text = g.interconnect.toLowerCase();
  let kind: LinkClass;
  if (/nvlink/.test(text) && !/^pcie/.test(text)) kind = 'nvlink';
  else if (/infinity fabric/.test(text)) kind = 'infinity-fabric';
  else if (/hccs/.test(text)) kind = 'hccs';
  else if (/roce|gbe/.test(text)) kind = 'roce';
  else kind = hostPcieOf(g);
  return linkSpec(kind, g.intraNodeBwGBps > 0 ? g.intraNodeBwGBps : undefined);
}

/** Host PCIe generation: named in the interconnect text, else by launch year. */
function hostPcieOf(g: GpuType): 'pcie3' | 'pcie4' | 'pcie5' {
  const m = /pcie gen\s*(\d)/i.exec(g.interconnect);
  if (m) return m[1] === '3' ? 'pcie3' : m[1] === '4' ? 'pcie4' : 'pcie5';
  const y = g.year ?? 2020;
  return y >= 2022 ? 'pcie5' : y >= 2020 ? 'pcie4' : 'pcie3';
}

export interface GpuSpecOptions {
  interNode?: LinkSpec;
  intraNode?: LinkSpec;
  usdPerHour?: number | null;
  eff?: Partial<EfficiencyParams>;
}

export function gpuSpecFromCatalog(g: GpuType, opts: GpuSpecOptions = {}): GpuSpec {
  const where = { file: 'gpus.csv', field: `${g.id}` };
  if (!(g.memoryGb > 0)) throw invalid('memory_gb must be positive', where);
  if (!(g.hbmBwGBps > 0)) throw invalid('hbm_bw_gbps must be positive', where);
  if (!(g.bf16Tflops > 0)) throw invalid('bf16_dense_tflops must be positive', where);
  const bf16 = g.bf16Tflops * 1e12;
  const native: Dtype[] = ['bf16', 'fp16'];
  if (g.fp8Tflops) native.push('fp8');
  if (g.int8Tops) native.push('int8');
  return {
    id: g.id,
    name: g.name,
    vendor: g.vendor,
    memoryBytes: g.memoryGb * 1e9,
    hbmBytesPerS: g.hbmBwGBps * 1e9,
    // No fp8 (or int8) tensor cores: weights still shrink, but the matmuls run at the 16-bit rate after
    // dequantisation (weight-only kernels such as Marlin), so the fallback is the bf16 peak.
    peakFlops: { bf16, fp16: bf16, fp8: g.fp8Tflops ? g.fp8Tflops * 1e12 : bf16, int8: g.int8Tops ? g.int8Tops * 1e12 : bf16 },
    nativeDtypes: native,
    tdpW: g.tdpW,
    usdPerHour: opts.usdPerHour !== undefined ? opts.usdPerHour : g.defaultUsdPerGpuHour,
    intraNode: opts.intraNode ?? intraLinkOf(g),
    host: linkSpec(hostPcieOf(g)),
    interNode: opts.interNode ?? linkSpec('infiniband'),
    eff: { ...DEFAULT_EFFICIENCY, ...opts.eff },
  };
}

/** Achieved FLOP/s of a GEMM with `rows` token rows in `dtype`. */
export function achievedGemmFlops(gpu: GpuSpec, dtype: Dtype, rows: number): number {
  return gpu.peakFlops[dtype] * efficiency(gpu.eff.gemm, rows);
}

/** Achieved bytes/s of a kernel that streams `bytes` through HBM. */
export function achievedMemoryBw(gpu: GpuSpec, bytes: number): number {
  return gpu.hbmBytesPerS * efficiency(gpu.eff.memory, bytes);
}

/** Seconds to stream `bytes` through HBM in one kernel (includes the small-kernel floor). */
export function memorySeconds(gpu: GpuSpec, bytes: number): number {
  return bytes / achievedMemoryBw(gpu, bytes);
}
