// Nexus' cost model pieces (arXiv 2507.06608 §4.1): a phase's time as a function of its SM share, slowed by
// HBM traffic of the phase sharing the GPU, and the greedy split search (Algorithm 1).
//
// SM share. One curve per phase, fitted to whole-iteration times (the paper fits per operator but publishes only
// whole-phase figures; per phase is fleetplan's assumption):
//   prefill  eff_p(r) = r                        r ≤ R_sat
//                     = R_sat + λ·(r − R_sat)    r > R_sat
//   decode   eff_d(r) = (1 − e^(−r/τ)) / (1 − e^(−1/τ))
//   T_phase(r) = T_phase(100%) · eff(1) / eff(r)
// Two sets exist. H100 (fleetplan's device run, CUDA green contexts, Llama-3-8B shape, decode 64@2k and
// 256@1k, prefill 512 and 2048: assets/calibration/measured/sm_share.csv): R_sat 0.32, λ 0.58, τ 0.79, every
// point within 16%. L20 (the paper's Fig. 5, Qwen2.5-3B): R_sat 0.6, λ 0.75, τ 0.18 — its 864 GB/s saturate with
// far fewer SMs than the H100's 3.35 TB/s. Other GPUs use the H100 set: an assumption.
//
// Contention (§4.1.1, papers.md §1.3 reconstruction). Decode overlaps prefill attention with probability
// P_attn = T_attn / T_prefill and prefill's dense layers otherwise; bandwidth is shared by traffic volume:
//   share_d = P_attn · m_d/(m_d + m_p1) + (1 − P_attn) · m_d/(m_d + m_p2)
//   m_d = W + KV_d·k (decode step),  m_p1 = A·KV_p·k (prefill attention),  m_p2 = W (prefill dense)
// with W the weights, k KV bytes per token, A = chunk/128 (flash attention re-reads KV once per 128-query
// tile: fleetplan's assumption). Taken literally the formula halves decode bandwidth whenever prefill runs,
// so fleetplan scales it: decode × (1 + κ_d·(1/share_d − 1)). Prefill slows by its partner's HBM utilisation:
// prefill × (1 + κ_p·u_d), u_d = m_d / (B · T_decode). Both κ are fitted to fleetplan's own
// measurement (test/calibration/contention.py, H100, CUDA green contexts, Llama-3-8B shape: e.g. a batch-64,
// 2k-context decode 2.87× slower next to a 2k-token prefill, which runs 1.36× slower; 12 rows over 40/66/92
// decode SMs and 512–8k prefills). κ is the least-squares fit over all rows: decode median error 30%, worst
// 120% (the measured slowdown grows steeply with the prefill's length, 7.6× next to an 8k prefill, which the
// volume formula does not reach, and falls to ~1.3× once decode holds 92 SMs, which it ignores); prefill
// median 8%, worst 23%. Fig. 6 (+36% decode latency as prefill KV grows 2k → 10k) holds
// in direction. Fits: test/unit/strategies/nexus-calibration.test.ts.

export interface SmShareCurves {
  prefillRsat: number;
  prefillLambda: number;
  decodeTau: number;
}

export const SM_SHARE_H100_MEASURED: SmShareCurves = { prefillRsat: 0.32, prefillLambda: 0.58, decodeTau: 0.79 };
export const SM_SHARE_L20_PAPER: SmShareCurves = { prefillRsat: 0.6, prefillLambda: 0.75, decodeTau: 0.18 };

export function smShareCurvesFor(gpuTypeId: string): SmShareCurves {
  return gpuTypeId === 'nvidia-l20' ? SM_SHARE_L20_PAPER : SM_SHARE_H100_MEASURED;
}

/** Shares below this are treated as this (no phase runs on zero SMs). */
export const MIN_SHARE = 0.02;

export function prefillEfficiency(r: number, c: SmShareCurves = SM_SHARE_H100_MEASURED): number {
  const x = Math.max(MIN_SHARE, Math.min(1, r));
  return x <= c.prefillRsat ? x : c.prefillRsat + c.prefillLambda * (x - c.prefillRsat);
}

export function decodeEfficiency(r: number, c: SmShareCurves = SM_SHARE_H100_MEASURED): number {
  const x = Math.max(MIN_SHARE, Math.min(1, r));
  return (1 - Math.exp(-x / c.decodeTau)) / (1 - Math.exp(-1 / c.decodeTau));
}

/** Latency multiplier of a phase run on share r of the SMs, relative to all of them. */
export function shareSlowdown(phase: 'prefill' | 'decode', r: number, c: SmShareCurves = SM_SHARE_H100_MEASURED): number {
  return phase === 'prefill' ? prefillEfficiency(1, c) / prefillEfficiency(r, c) : 1 / decodeEfficiency(r, c);
}

export interface ContentionCoefficients {
  kappaDecode: number;
  kappaPrefill: number;
}

/** Least-squares fits to fleetplan's H100 measurement (12 SM splits); see nexus-calibration.test.ts. */
export const DEFAULT_CONTENTION: ContentionCoefficients = { kappaDecode: 2.37, kappaPrefill: 0.48 };

/** Decode's share of HBM bandwidth while prefill runs (the formula above); 1 when prefill moves nothing. */
export function decodeBandwidthShare(md: number, mp1: number, mp2: number, pAttn: number): number {
  if (md <= 0) return 1;
  return pAttn * (md / (md + mp1)) + (1 - pAttn) * (md / (md + mp2));
}

/** Decode latency multiplier next to a running prefill. */
export function decodeContention(kappa: number, md: number, mp1: number, mp2: number, pAttn: number): number {
  return 1 + kappa * (1 / decodeBandwidthShare(md, mp1, mp2, pAttn) - 1);
}

/** HBM utilisation of a phase running alone: bytes it must move over bandwidth × its time. */
export function hbmUtilization(bytes: number, bytesPerS: number, aloneS: number): number {
  if (aloneS <= 0) return 0;
  return Math.min(0.95, bytes / (bytesPerS * aloneS));
}

export interface SplitSearch {
  /** Priority mode: which phase is minimised. */
  target: 'prefill' | 'decode';
  /** The target phase's current share, integer percent. */
  current: number;
  /** The non-target phase's latency at `pct` percent of the SMs. */
  otherCost: (pct: number) => number;
  /** β (= 1.1) when the target is prefill, α (= 1.3) when it is decode. */
  slack: number;
}

/**
 * Algorithm 1: start from the current share; phase 1 gives SMs back until the other phase is within its
 * slack of its all-SM latency; phase 2 takes SMs while it stays within. Returns the target's share (0..100)
 * and the number of cost-model calls.
 */
export function greedySplit(s: SplitSearch): { share: number; evaluations: number } {
  let evaluations = 1;
  const limit = s.slack * s.otherCost(100);
  let r = Math.max(0, Math.min(100, Math.round(s.current)));
  while (r > 0) {
    evaluations++;
    if (s.otherCost(100 - r) <= limit) break;
    r--;
  }
  while (r < 100) {
    evaluations++;
    if (s.otherCost(100 - (r + 1)) > limit) break;
    r++;
  }
  return { share: r, evaluations };
}

export const NEXUS_BETA = 1.1;
export const NEXUS_ALPHA = 1.3;
export const NEXUS_KV_SWITCH = 0.7;
export const NEXUS_GAMMA = 15;
/**
 * Hysteresis band δ (not published): a new split is applied only when it moves the prefill share by more than
 * this many percentage points. Fleetplan's choice, 5 points: large enough that the 1%-step search's jitter
 * does not cause repartitions, small enough that a change of mode (a 30-50 point swing) always applies.
 */
export const NEXUS_DELTA_PCT = 5;
/** How often the controller re-evaluates (paper: "sub-second"): fleetplan's choice. */
export const NEXUS_CONTROL_PERIOD_S = 0.05;
