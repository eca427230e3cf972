// Two phases on complementary SM partitions of one GPU (Nexus's arrangement: prefill on some SMs, decode on
// the rest) slow each other only through what they still share: HBM bandwidth, the SM clock (one clock
// domain under one power limit) and the L2. This turns what each phase demands into the two slowdowns.
// Measured and fitted on an H200: test/calibration/contention.py -> assets/calibration/measured/
// h200_contention.csv, fit by test/calibration/fit-contention.ts; docs/contention.md has the story and errors.
import { invalid } from '../domain/errors';

/** One phase as it runs alone on its own partition. */
export interface PhaseDemand {
  /** Seconds of the phase's work alone on its partition (the baseline a slowdown is relative to). */
  soloSeconds: number;
  /** HBM bytes it moves in that time. */
  bytes: number;
  /** Floating-point operations in that time. */
  flops: number;
  /** SMs of its partition, as the driver granted them (Hopper rounds a request up to a multiple of 8). */
  sms: number;
  /** Share of soloSeconds spent moving bytes at the partition's full rate (0 = compute-bound, 1 = streaming). */
  memoryBoundFraction: number;
}

/** What the two partitions share. */
export interface SharedGpu {
  /** HBM bytes/s the whole GPU sustains (a device-to-device copy over all SMs, read + write). */
  hbmBytesPerS: number;
  /** Dense matrix FLOP/s over all SMs (a large bf16 GEMM). */
  flopsPerS: number;
  sms: number;
}

/**
 * Coupling constants: how much the neighbour's compute rate (as a share of the GPU's) and bandwidth (as a
 * share of the GPU's) stretch a phase's compute-bound time, and how much its compute rate stretches the
 * memory-bound time (the power-limited clock).
 */
export interface ContentionConstants {
  computeByNeighbourCompute: number;
  computeByNeighbourBandwidth: number;
  memoryByNeighbourCompute: number;
}

/**
 * Fitted on the H200 rows of h200_contention.csv listed as `fit` in test/unit/sim/contention-rows.ts
 * (kernel pairs at splits 40/92 and 96/36, whole-model pairs at 64/68) by test/calibration/fit-contention.ts.
 * Readings behind them: GEMM next to GEMM ran at 1537-1596 MHz instead of 1794-1980 alone (700 W limit); a GEMM
 * on 40 SMs took 1.81x next to a copy on 92 SMs with the clock still at 1947 MHz (L2 and memory latency).
 * Held-out error: median 3.0%, worst 14.5% (docs/contention.md).
 */
export const H200_CONTENTION: ContentionConstants = {
  computeByNeighbourCompute: 0.38,
  computeByNeighbourBandwidth: 0.5,
  memoryByNeighbourCompute: 0.2,
};

function check(p: PhaseDemand, side: string, gpu: SharedGpu): void {
  const field = (f: string) => ({ field: `${side}.${f}` });
  if (!(p.soloSeconds > 0)) throw invalid(`soloSeconds must be positive, got ${p.soloSeconds}`, field('soloSeconds'));
  if (!(p.bytes >= 0)) throw invalid(`bytes must be non-negative, got ${p.bytes}`, field('bytes'));
  if (!(p.flops >= 0)) throw invalid(`flops must be non-negative, got ${p.flops}`, field('flops'));
  if (!(p.sms > 0 && p.sms < gpu.sms)) throw invalid(`sms must be in (0, ${gpu.sms}), got ${p.sms}`, field('sms'));
  if (!(p.memoryBoundFraction >= 0 && p.memoryBoundFraction <= 1)) {
    throw invalid(`memoryBoundFraction must be in [0, 1], got ${p.memoryBoundFraction}`, field('memoryBoundFraction'));
  }
}

/**
 * Bandwidth phase i gets while both pull at once. When the two demands exceed the GPU's, each side's share
 * follows its SM count (the requests its SMs keep in flight), and a side that needs less than its share
 * leaves the rest to the other. Measured (h200_contention.csv): copy on 40 SMs next to copy on 92 got 1,257 and
 * 2,951 GB/s, close to 40/132 and 92/132 of the 4,239 GB/s the whole GPU copies at; 64/68 got 2,041 and 2,174.
 */
export function hbmGranted(di: number, dj: number, smsI: number, smsJ: number, capacity: number): number {
  if (di + dj <= capacity) return di;
  const shareI = (capacity * smsI) / (smsI + smsJ);
  if (di <= shareI) return di;
  if (dj < capacity - shareI) return Math.min(di, capacity - dj);
  return shareI;
}

/**
 * p's slowdown next to q, into out[at]. Written out (each side's bytes/s while memory-bound, and hbmGranted, inline) and stored instead of
 * returned: V8 boxes a double returned from a call it does not inline, and Nexus calls this once per iteration.
 */
function slowdownInto(p: PhaseDemand, q: PhaseDemand, gpu: SharedGpu, k: ContentionConstants, out: Float64Array, at: number): void {
  const fp = p.memoryBoundFraction;
  const fq = q.memoryBoundFraction;
  const neighbourCompute = q.flops / q.soloSeconds / gpu.flopsPerS;
  const neighbourBandwidth = q.bytes / q.soloSeconds / gpu.hbmBytesPerS;
  let memoryStretch = 1;
  if (fp > 0 && fq > 0) {
    const dp = p.bytes / (fp * p.soloSeconds);
    const dq = q.bytes / (fq * q.soloSeconds);
    // hbmGranted(dp, dq, ...), as above.
    const capacity = gpu.hbmBytesPerS;
    let granted = dp;
    if (dp + dq > capacity) {
      const share = (capacity * p.sms) / (p.sms + q.sms);
      if (dp > share) granted = dq < capacity - share ? (dp < capacity - dq ? dp : capacity - dq) : share;
    }
    // The neighbour is memory-bound a share fq of its time; only then do the two pull at once.
    memoryStretch = 1 - fq + (fq * dp) / granted;
  }
  const computeStretch = 1 + k.computeByNeighbourCompute * neighbourCompute + k.computeByNeighbourBandwidth * neighbourBandwidth;
  out[at] = (1 - fp) * computeStretch + fp * memoryStretch * (1 + k.memoryByNeighbourCompute * neighbourCompute);
}

/**
 * contentionSlowdowns without the checks, into out[0] (a's slowdown) and out[1] (b's), for the simulator's
 * per-iteration use (nothing allocated): the caller builds a and b from valid partitions.
 */
export function contentionSlowdownsInto(a: PhaseDemand, b: PhaseDemand, gpu: SharedGpu, k: ContentionConstants, out: Float64Array): void {
  slowdownInto(a, b, gpu, k, out, 0);
  slowdownInto(b, a, gpu, k, out, 1);
}

/** a's slowdown next to b alone, into out[0] (one side of contentionSlowdownsInto). */
export function slowdownNextToInto(a: PhaseDemand, b: PhaseDemand, gpu: SharedGpu, k: ContentionConstants, out: Float64Array): void {
  slowdownInto(a, b, gpu, k, out, 0);
}

/** Slowdown of each phase (time together / time alone on its own partition) when both run at once. */
export function contentionSlowdowns(
  a: PhaseDemand,
  b: PhaseDemand,
  gpu: SharedGpu,
  k: ContentionConstants = H200_CONTENTION,
): { a: number; b: number } {
  check(a, 'a', gpu);
  check(b, 'b', gpu);
  if (a.sms + b.sms > gpu.sms) throw invalid(`partitions of ${a.sms} + ${b.sms} SMs exceed the GPU's ${gpu.sms}`, { field: 'sms' });
  const out = new Float64Array(2);
  contentionSlowdownsInto(a, b, gpu, k, out);
  return { a: out[0], b: out[1] };
}
