// One phase on a partition of a GPU's SMs (Nexus's green contexts): which SMs a requested share gets, and how
// a phase's time on the whole GPU stretches on fewer SMs. The cost model's split of an iteration
// (iterationDemandInto) says which part scales with what: the compute-bound seconds with the SMs and the
// clock, the memory-bound seconds with the bandwidth those SMs can pull, the fixed seconds (links, launch,
// host) with neither. Measured on an H200 (test/calibration/contention.py -> h200_contention_solo.csv);
// fitted by test/calibration/fit-sm-partition.ts on the kernel rows, checked on the whole-model rows
// (test/unit/sim/sm-partition.test.ts; docs/contention.md).
import type { PhaseDemand } from './contention';
import { DEMAND_BYTES, DEMAND_COMPUTE_S, DEMAND_FLOPS, DEMAND_MEMORY_S, DEMAND_SECONDS } from './types';

/** A GPU as a set of SMs that green contexts split. */
export interface SmLayout {
  sms: number;
  /** A partition's SM count is a multiple of this... */
  granularity: number;
  /** ...and at least this. */
  minSms: number;
  /** Where the SM count comes from, or which class stands in for the GPU. */
  source: string;
}

// Green-context rules (CUDA 13.0 driver API, §6.35 "Green Contexts", guideline per architecture): compute
// capability 9.0 and later, at least 8 SMs in multiples of 8 (on the H200 a request of 66 gave 72:
// h200_contention_meta.json); 8.x at least 4 in multiples of 2; 7.x at least 2 in multiples of 2.
const HOPPER = { granularity: 8, minSms: 8 };
const AMPERE_ADA = { granularity: 2, minSms: 4 };
const VOLTA_TURING = { granularity: 2, minSms: 2 };

/**
 * SM counts from each part's datasheet or architecture whitepaper (CUDA cores / cores per SM: 128 on GA10x,
 * AD10x and GH100, 64 on GA100, GV100 and TU104).
 */
const SM_LAYOUTS: Record<string, SmLayout> = {
  'nvidia-h100-sxm': { sms: 132, ...HOPPER, source: 'H100 whitepaper: 132 SMs (SXM5)' },
  'nvidia-h100-pcie': { sms: 114, ...HOPPER, source: 'H100 whitepaper: 114 SMs (PCIe)' },
  'nvidia-h200-sxm': { sms: 132, ...HOPPER, source: 'H200: the H100 SXM5 GH100 configuration, 132 SMs (measured: 132)' },
  'nvidia-h200-nvl': { sms: 132, ...HOPPER, source: 'H200 NVL: GH100, 132 SMs' },
  'nvidia-a100-40gb-sxm': { sms: 108, ...AMPERE_ADA, source: 'A100 whitepaper: 108 SMs' },
  'nvidia-a100-40gb-pcie': { sms: 108, ...AMPERE_ADA, source: 'A100 whitepaper: 108 SMs' },
  'nvidia-a100-80gb-sxm': { sms: 108, ...AMPERE_ADA, source: 'A100 whitepaper: 108 SMs' },
  'nvidia-a100-80gb-pcie': { sms: 108, ...AMPERE_ADA, source: 'A100 whitepaper: 108 SMs' },
  'nvidia-a30': { sms: 56, ...AMPERE_ADA, source: 'A30 datasheet: 3,584 CUDA cores / 64' },
  'nvidia-a10': { sms: 72, ...AMPERE_ADA, source: 'A10 datasheet: 9,216 CUDA cores / 128' },
  'nvidia-a10g': { sms: 80, ...AMPERE_ADA, source: 'A10G (AWS G5): 10,240 CUDA cores / 128' },
  'nvidia-a40': { sms: 84, ...AMPERE_ADA, source: 'A40 datasheet: 10,752 CUDA cores / 128' },
  'nvidia-l4': { sms: 58, ...AMPERE_ADA, source: 'L4 datasheet: 7,424 CUDA cores / 128' },
  'nvidia-l20': { sms: 92, ...AMPERE_ADA, source: 'L20 product brief: 11,776 CUDA cores / 128' },
  'nvidia-l40s': { sms: 142, ...AMPERE_ADA, source: 'L40S datasheet: 18,176 CUDA cores / 128' },
  'nvidia-rtx-4090': { sms: 128, ...AMPERE_ADA, source: 'Ada whitepaper: RTX 4090, 128 SMs' },
  'nvidia-v100-sxm2-32gb': { sms: 80, ...VOLTA_TURING, source: 'V100 whitepaper: 80 SMs' },
  'nvidia-v100-pcie-32gb': { sms: 80, ...VOLTA_TURING, source: 'V100 whitepaper: 80 SMs' },
  'nvidia-t4': { sms: 40, ...VOLTA_TURING, source: 'T4 datasheet: 2,560 CUDA cores / 64' },
};

/**
 * GPUs without a row (Blackwell, whose datasheets give no SM count; other vendors, where Nexus's CUDA green
 * contexts do not exist) are modelled as the one class measured, a 132-SM Hopper part, with their own
 * bandwidth and FLOP/s: an assumption the label of such a plan cannot show, stated in docs/model.md.
 */
export function smLayoutOf(gpuTypeId: string): SmLayout {
  return SM_LAYOUTS[gpuTypeId] ?? { sms: 132, ...HOPPER, source: `no SM count for ${gpuTypeId}: the measured 132-SM Hopper class stands in` };
}

/** SMs the prefill side gets for `pct` percent of the GPU; the decode side gets the rest. Both keep the minimum. */
export function prefillSmsFor(layout: SmLayout, pct: number): number {
  const { sms, granularity: g, minSms } = layout;
  const want = Math.ceil((sms * pct) / 100 / g) * g; // the driver rounds a request up (66 -> 72 on Hopper)
  const hi = Math.floor((sms - minSms) / g) * g;
  return want < minSms ? minSms : want > hi ? hi : want;
}

/** How a partition's rates follow its SM count. */
export interface PartitionConstants {
  /** Bytes/s one SM pulls from HBM when bandwidth is not the limit. */
  perSmBytesPerS: number;
  /** Sharpness q of the turn from per-SM to whole-GPU bandwidth: BW(s) = B·x/(1 + x^q)^(1/q), x = s·perSm/B. */
  bandwidthKnee: number;
  /** SMs (as a share of the GPU's) that run compute-bound work at the top clock within the power limit. */
  clockKneeShare: number;
  /** Beyond it the clock falls as (knee / busy SMs)^exponent. */
  clockExponent: number;
}

/**
 * Fitted on the H200's kernel rows of h200_contention_solo.csv (test/calibration/fit-sm-partition.ts): a 1 GiB
 * copy on 36-132 SMs (2,472-4,234 GB/s; fit within 2.6%) and an 8192³ GEMM's SM clock on the same partitions
 * (1,980 MHz up to 64 SMs, 1,799 on 92, 1,610 on 132 under the 700 W limit; fit within 1%).
 */
export const H200_PARTITION: PartitionConstants = { perSmBytesPerS: 74e9, bandwidthKnee: 3, clockKneeShare: 0.5, clockExponent: 0.29 };

/** Bytes/s s SMs pull when streaming, on a GPU that copies at `copyBytesPerS` over all its SMs. */
export function partitionBandwidth(s: number, copyBytesPerS: number, k: PartitionConstants): number {
  const x = (s * k.perSmBytesPerS) / copyBytesPerS;
  const q = k.bandwidthKnee;
  return (copyBytesPerS * x) / (q === 3 ? Math.cbrt(1 + x * x * x) : Math.pow(1 + Math.pow(x, q), 1 / q));
}

/**
 * SM clock as a share of the top clock for work that is compute-bound a share u of its time on s of n SMs:
 * the power limit is met by busy SMs, so a phase that waits on memory half the time draws as half as many.
 * Checked on the whole-model rows: prefill 2048 on 132 SMs (u 0.92) at 1,639 MHz, decode (u 0.41) at 1,980.
 */
export function partitionClock(s: number, u: number, n: number, k: PartitionConstants): number {
  const busy = s * u;
  const knee = k.clockKneeShare * n;
  return busy <= knee ? 1 : Math.pow(knee / busy, k.clockExponent);
}

/** The GPU a Nexus pair shares, for contention.ts and the partition scaling. */
export interface PartitionGpu {
  layout: SmLayout;
  /** Bytes/s a copy over all SMs reaches (the datasheet bandwidth at the cost model's streaming efficiency). */
  copyBytesPerS: number;
  /** FLOP/s of a large GEMM over all SMs (datasheet peak at the cost model's GEMM efficiency). */
  flopsPerS: number;
  k: PartitionConstants;
  /** partitionBandwidth at every SM count 0..sms. */
  bandwidthBySms: Float64Array;
  /** (s / sms)^exponent at every SM count: the clock ratio of a partition past the knee to the whole GPU. */
  clockRatioBySms: Float64Array;
  /** partitionClock(sms, u) for u = i / CLOCK_STEPS: the whole GPU's clock for work compute-bound a share u. */
  wholeClockByShare: Float64Array;
}

/** Steps of the compute-bound share in the clock table (its error: under 0.03% of the clock). */
const CLOCK_STEPS = 1024;

/** A GPU's partition view, with the per-SM-count tables the per-iteration scaling reads (built once per plan). */
export function partitionGpu(layout: SmLayout, copyBytesPerS: number, flopsPerS: number, k: PartitionConstants): PartitionGpu {
  const n = layout.sms;
  const bandwidthBySms = new Float64Array(n + 1);
  const clockRatioBySms = new Float64Array(n + 1);
  for (let s = 1; s <= n; s++) {
    bandwidthBySms[s] = partitionBandwidth(s, copyBytesPerS, k);
    clockRatioBySms[s] = Math.pow(s / n, k.clockExponent);
  }
  const wholeClockByShare = new Float64Array(CLOCK_STEPS + 1);
  for (let i = 0; i <= CLOCK_STEPS; i++) wholeClockByShare[i] = partitionClock(n, i / CLOCK_STEPS, n, k);
  return { layout, copyBytesPerS, flopsPerS, k, bandwidthBySms, clockRatioBySms, wholeClockByShare };
}

/** A phase on its partition: what contention.ts reads, and the seconds contention does not touch. */
export interface PartitionedPhase extends PhaseDemand {
  fixedSeconds: number;
}

/**
 * Scales one iteration's whole-GPU demand (iterationDemandInto's output) to s SMs, into `out`. The result's
 * soloSeconds are the part contention acts on; fixedSeconds the rest. memoryBoundFraction is the share of
 * that time the phase's bytes need at the partition's full bandwidth, as in the measurement's rows.
 */
export function phaseOnPartition(demand: Float64Array, s: number, gpu: PartitionGpu, out: PartitionedPhase): PartitionedPhase {
  const n = gpu.layout.sms;
  const comp = demand[DEMAND_COMPUTE_S];
  const mem = demand[DEMAND_MEMORY_S];
  const work = comp + mem;
  const u = work > 0 ? comp / work : 0;
  const bwS = gpu.bandwidthBySms[s];
  // clock(n, u) / clock(s, u): past the knee on both, (s/n)^exponent whatever u is; below it on s, clock(n, u).
  const clockRatio = s * u > gpu.k.clockKneeShare * n ? gpu.clockRatioBySms[s] : gpu.wholeClockByShare[Math.round(u * CLOCK_STEPS)];
  const solo = comp * (n / s) * clockRatio + mem * (gpu.bandwidthBySms[n] / bwS);
  out.fixedSeconds = demand[DEMAND_SECONDS] - work;
  out.soloSeconds = solo > 0 ? solo : 1e-12;
  out.bytes = demand[DEMAND_BYTES];
  out.flops = demand[DEMAND_FLOPS];
  out.sms = s;
  const f = solo > 0 ? out.bytes / (bwS * solo) : 0;
  out.memoryBoundFraction = f < 1 ? f : 1;
  return out;
}

export function emptyPhase(): PartitionedPhase {
  return { soloSeconds: 1e-12, bytes: 0, flops: 0, sms: 1, memoryBoundFraction: 0, fixedSeconds: 0 };
}
