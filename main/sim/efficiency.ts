// How far from the datasheet a kernel runs, as a function of its size. Every curve is a saturating Hill
// function eff(x) = max / (1 + (half / x)^shape): tiny problems sit far below peak, large ones approach
// `max`. The parameters are fitted (test/calibration/fit.ts) and documented in docs/model.md.

export interface SaturatingCurve {
  /** Efficiency reached by large problems (fraction of the datasheet rate). */
  max: number;
  /** Problem size at which efficiency is max/2. */
  half: number;
  /** Steepness of the knee (1 = Michaelis-Menten; larger = sharper). */
  shape: number;
}

export interface EfficiencyParams {
  /** GEMM compute efficiency vs M (token rows of the GEMM). */
  gemm: SaturatingCurve;
  /** Streaming-memory efficiency vs bytes moved by one kernel (weights, KV, activations). */
  memory: SaturatingCurve;
  /** Prefill (flash) attention compute efficiency vs mean KV length per sequence. */
  attnPrefill: SaturatingCurve;
  /** Decode attention bandwidth efficiency vs KV bytes read per layer. */
  attnDecode: SaturatingCurve;
  /**
   * Decode attention's compute-side rate as a fraction of dense peak. Decode kernels tile query rows in
   * blocks far larger than a KV head's few query heads, so most of each tile is padding: measured on H100 and
   * H200 (equal SMs, 1.43x the bandwidth), long-context decode took the same time on both, i.e. it was bound by
   * the SMs, not HBM. The fit puts that bound here.
   */
  attnDecodeCompute: number;
  /** Exponent p of the smooth roofline t = (tc^p + tm^p)^(1/p): large p -> max(tc, tm). */
  rooflineP: number;
  /** Collective/link efficiency (achieved / nominal link bandwidth). */
  link: number;
  /** Fixed GPU-side seconds per iteration (graph launch, sampling, small kernels not modelled per op). */
  iterationS: number;
  /** Host-side seconds per iteration (scheduler, input prep, detokenize) of a vLLM-like server. */
  hostIterationS: number;
  /** Host-side seconds per sequence in the batch (per-request bookkeeping). */
  hostPerSeqS: number;
}

export function efficiency(c: SaturatingCurve, x: number): number {
  if (x <= 0) return c.max * 1e-9;
  const r = c.half / x;
  return c.max / (1 + (c.shape === 1 ? r : c.shape === 2 ? r * r : Math.pow(r, c.shape)));
}

/**
 * Defaults fitted for NVIDIA Hopper/Ampere-class GPUs running vLLM-style kernels (cuBLAS GEMMs,
 * FlashAttention-2 and paged decode attention). See docs/model.md "Calibration" for the data points.
 * Other vendors reuse them unless the GPU spec overrides them.
 */
export const DEFAULT_EFFICIENCY: EfficiencyParams = {
  // Fitted 2026-11-23 to the H100 device run (assets/calibration/measured/: 72 whole iterations + 75 GEMMs of a
  // Llama-3-8B shape, 35 attention kernels alone, plus the published kernel points); assets/calibration/fitted.json
  // is the fit's output. gemm.half sits at the fit's lower bound: small-M GEMMs are weight-bound, so the
  // roofline's memory side decides them and the compute knee is not identifiable; attnDecode.max sits at its
  // upper bound (0.95) with the tile term carrying long-context decode.
  gemm: { max: 0.729, half: 1, shape: 1 },
  memory: { max: 0.9, half: 1.79e7, shape: 1 },
  attnPrefill: { max: 0.421, half: 2380, shape: 1 },
  attnDecode: { max: 0.95, half: 3.7e7, shape: 1 },
  attnDecodeCompute: 0.194,
  rooflineP: 4,
  link: 0.8,
  iterationS: 0.274e-3,
  // Not calibrated (kernel timings exclude the host): a vLLM-V1-like scheduler + sampling step, an assumption.
  hostIterationS: 0.5e-3,
  hostPerSeqS: 5e-6,
};

/** Smooth roofline: equals max(tc, tm) within 19% (p = 4) and adds time near the ridge, as real kernels do. */
export function roofline(tc: number, tm: number, p: number): number {
  if (tc <= 0) return tm;
  if (tm <= 0) return tc;
  const hi = tc > tm ? tc : tm;
  const a = tc / hi;
  const b = tm / hi;
  if (p === 4) {
    const a2 = a * a;
    const b2 = b * b;
    return hi * Math.sqrt(Math.sqrt(a2 * a2 + b2 * b2));
  }
  return hi * Math.pow(Math.pow(a, p) + Math.pow(b, p), 1 / p);
}
