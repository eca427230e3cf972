// An instance's busy time split between prefill work (input tokens) and decode work (output tokens), for
// cost and energy per token. Prefill-only iterations count as prefill, decode-only ones as decode. A mixed
// iteration of duration d gives prefill d·t_p/(t_p + t_d), t_p and t_d being the cost model's times for its
// prefill part alone and its decode part alone. Those are two extra cost-model calls, so the split is
// evaluated on every `stride`-th mixed iteration and the others take the ratio of the evaluated ones.
import type { BatchAggregate, SecondsInto } from './types';

export class BusyTime {
  totalS = 0;
  private prefillOnlyS = 0;
  private mixedS = 0;
  /** Over the mixed iterations whose split was evaluated: their time, and the part of it due to prefill. */
  private sampledS = 0;
  private sampledPrefillS = 0;
  private mixed = 0;
  private readonly seconds = new Float64Array(1);

  constructor(private readonly stride: number) {}

  /** Adds one iteration (agg is restored before returning). */
  add(secondsInto: SecondsInto, agg: BatchAggregate, dur: number): void {
    this.totalS += dur;
    if (agg.decodeSeqs === 0) {
      this.prefillOnlyS += dur;
      return;
    }
    if (agg.prefillSeqs === 0) return;
    this.mixedS += dur;
    if (this.mixed++ % this.stride !== 0) return;
    const ds = agg.decodeSeqs;
    const dk = agg.decodeKvTokens;
    agg.decodeSeqs = 0;
    agg.decodeKvTokens = 0;
    secondsInto(agg, this.seconds);
    const tp = this.seconds[0];
    agg.decodeSeqs = ds;
    agg.decodeKvTokens = dk;
    const ps = agg.prefillSeqs;
    const pt = agg.prefillTokens;
    const pa = agg.prefillAttnPairs;
    const pk = agg.prefillKvTokens;
    agg.prefillSeqs = agg.prefillTokens = agg.prefillAttnPairs = agg.prefillKvTokens = 0;
    secondsInto(agg, this.seconds);
    const td = this.seconds[0];
    agg.prefillSeqs = ps;
    agg.prefillTokens = pt;
    agg.prefillAttnPairs = pa;
    agg.prefillKvTokens = pk;
    this.sampledS += dur;
    this.sampledPrefillS += tp + td > 0 ? (dur * tp) / (tp + td) : dur / 2;
  }

  /** Busy seconds attributed to prefill. */
  prefillS(): number {
    const share = this.sampledS > 0 ? this.sampledPrefillS / this.sampledS : 0.5;
    return this.prefillOnlyS + this.mixedS * share;
  }
}
