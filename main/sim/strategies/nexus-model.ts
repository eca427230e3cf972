// Nexus' cost model (arXiv 2507.06608 §4.1) as fleetplan computes it, and the greedy split search (Algorithm 1).
//
// A phase's iteration on a partition: the cost model splits the batch's whole-GPU time into compute-bound,
// memory-bound and fixed seconds (iterationDemandInto); sm-partition.ts stretches the first with the SMs and
// the power-limited clock, the second with the bandwidth the partition's SMs pull, from each GPU's own SM
// count (datasheet) and bandwidth, with the per-SM rates measured on an H200. The SM split is the one green
// contexts give (rounded up to the architecture's granularity).
//
// The decision rule is the paper's: prefill priority minimises T_prefill(R_p) subject to
// T_decode(R_d) ≤ β·T_decode^min, decode priority the reverse with α, where T(R) is the paper's cost model
// (PairTimes: contention on decode attention only, §4.1.1) and T^min is the phase alone on all SMs (§4.1.2:
// "the stage's latency with all SMs"), so the attention contention tightens the slack test instead of
// cancelling out of it. Both phases are the real batches: the one starting, the one running on the other
// side, or the one it last ran. The simulated iterations pay contention.ts's measured slowdown (nexus.ts).
import { hbmGranted, H200_CONTENTION, type ContentionConstants, type SharedGpu } from '../contention';
import { DEFAULT_EFFICIENCY } from '../efficiency';
import { H200_PARTITION, emptyPhase, partitionGpu, phaseOnPartition, prefillSmsFor, smLayoutOf, type PartitionGpu } from '../sm-partition';
import { DEMAND_SECONDS, DEMAND_SLOTS } from '../types';

/** One GPU of a Nexus pair: its SM layout and the rates contention.ts compares each phase's demand with. */
export interface NexusGpu extends PartitionGpu {
  shared: SharedGpu;
  contention: ContentionConstants;
}

/**
 * A GPU type's Nexus view from its datasheet figures per GPU: bandwidth and dense FLOP/s at the cost model's
 * streaming and GEMM efficiencies (DEFAULT_EFFICIENCY: 0.9 and 0.729; the H200's measured copy, 4,234 GB/s, is
 * 0.88 of 4.8 TB/s, its 8192³ GEMM 692 TFLOP/s 0.70 of 989).
 */
export function nexusGpuOf(gpuTypeId: string, hbmBytesPerS: number, flopsPerS: number, contention: ContentionConstants = H200_CONTENTION): NexusGpu {
  const layout = smLayoutOf(gpuTypeId);
  const copyBytesPerS = hbmBytesPerS * DEFAULT_EFFICIENCY.memory.max;
  const gemmFlopsPerS = flopsPerS * DEFAULT_EFFICIENCY.gemm.max;
  return {
    ...partitionGpu(layout, copyBytesPerS, gemmFlopsPerS, H200_PARTITION),
    shared: { hbmBytesPerS: copyBytesPerS, flopsPerS: gemmFlopsPerS, sms: layout.sms }, contention,
  };
}

/**
 * Both phases of one GPU at a candidate split, as the paper's controller costs them (§4.1.1): each phase alone
 * on its partition (the per-operator curves, here sm-partition.ts's), and memory contention on decode
 * attention only: while bandwidth is saturated decode attention gets its share of the traffic. Fleetplan's
 * reading of the missing equation: decode attention's KV bytes at the partition's bandwidth, slowed by the
 * share hbmGranted gives it next to the prefill's average byte rate (its bytes over its time alone). Prefill
 * has no contention term; neither have the weight reads, the clock or the L2. The simulated iteration
 * (nexus.ts timeHook) still pays the measured contention on both sides (contention.ts): the controller decides
 * on the paper's model, the GPU answers with the measured one. The demands are the whole-GPU splits of the
 * real batches (iterationDemandInto), written by the caller into `prefill` and `decode`, with decode's KV
 * bytes in `decodeAttnBytes`; timesAt writes each phase's seconds at that split into `out`. Nothing is
 * allocated per call.
 */
export class PairTimes {
  readonly prefill = new Float64Array(DEMAND_SLOTS);
  readonly decode = new Float64Array(DEMAND_SLOTS);
  /** HBM bytes decode attention reads in its batch (Σ context × KV bytes per token): the paper's m_d. */
  decodeAttnBytes = 0;
  /** [prefill seconds, decode seconds] of the last timesAt. */
  readonly out = new Float64Array(2);
  private readonly p = emptyPhase();
  private readonly d = emptyPhase();

  /** Prefill SMs of the last timesAt (-1: none since the demands changed); Hopper's 8-SM steps span several percent. */
  private lastSms = -1;

  constructor(readonly gpu: NexusGpu) {}

  /** Call when `prefill`, `decode` or `decodeAttnBytes` has been rewritten. */
  invalidate(): void {
    this.lastSms = -1;
  }

  /** Times at `prefillPct` percent of the SMs for prefill (100: prefill alone on all; 0: decode alone on all). */
  timesAt(prefillPct: number): void {
    if (prefillPct >= 100) {
      this.lastSms = -1;
      this.out[0] = this.prefill[DEMAND_SECONDS];
      this.out[1] = Infinity;
      return;
    }
    if (prefillPct <= 0) {
      this.lastSms = -1;
      this.out[0] = Infinity;
      this.out[1] = this.decode[DEMAND_SECONDS];
      return;
    }
    const g = this.gpu;
    const sp = prefillSmsFor(g.layout, prefillPct);
    if (sp === this.lastSms) return;
    this.lastSms = sp;
    const sd = g.layout.sms - sp;
    const p = phaseOnPartition(this.prefill, sp, g, this.p);
    const d = phaseOnPartition(this.decode, sd, g, this.d);
    const bwD = g.bandwidthBySms[sd];
    const attnS = this.decodeAttnBytes / bwD;
    const prefillRate = p.bytes / p.soloSeconds;
    const granted = hbmGranted(bwD, prefillRate, sd, sp, g.shared.hbmBytesPerS);
    this.out[0] = p.fixedSeconds + p.soloSeconds;
    this.out[1] = d.fixedSeconds + d.soloSeconds + attnS * (bwD / granted - 1);
  }
}

/** Algorithm 1's inputs, one object per GPU, reused at every control step. */
export interface SplitSearch {
  /** Priority mode: which phase is minimised. */
  target: 'prefill' | 'decode';
  /** β (= 1.1) when the target is prefill, α (= 1.3) when it is decode. */
  slack: number;
  /** The non-target phase's seconds when it holds `pct` percent of the SMs, written to out[0]. */
  otherCostInto(pct: number, out: Float64Array): void;
  /** Cost-model calls, counted by greedySplit. */
  evaluations: number;
}

const costOut = new Float64Array(1);

/**
 * Algorithm 1: from the target's current share, phase 1 gives SMs back until the other phase is within its
 * slack of its all-SM latency; phase 2 takes SMs while it stays within. Returns the target's share (0..100).
 */
export function greedySplit(s: SplitSearch, current: number): number {
  s.otherCostInto(100, costOut);
  s.evaluations++;
  const limit = s.slack * costOut[0];
  let r = Math.max(0, Math.min(100, Math.round(current)));
  while (r > 0) {
    s.evaluations++;
    s.otherCostInto(100 - r, costOut);
    if (costOut[0] <= limit) break;
    r--;
  }
  while (r < 100) {
    s.evaluations++;
    s.otherCostInto(100 - (r + 1), costOut);
    if (costOut[0] > limit) break;
    r++;
  }
  return r;
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
