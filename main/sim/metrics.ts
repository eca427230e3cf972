// Turns a finished engine run into the numbers a planner compares: latency quantiles, throughput, SLO
// attainment and goodput, utilisation, cost per million tokens and energy per token. Definitions (also in
// docs/engine.md):
// - TTFT = first token − arrival; E2E = last token − arrival; queueing = first scheduled − arrival.
// - TBT = every gap between consecutive output tokens of a request, pooled over all requests (each decode
//   iteration adds its duration with weight = decodes in it; a recompute after preemption adds its gap).
// - Per request, "its TBT" for the SLO is its largest token gap (tracked exactly by the engine), which is at
//   least its P99 gap, so attainment is conservative.
// - Cost: each instance costs GPU-hours × $/GPU-hour (rented) or purchase amortised over its lifetime plus
//   energy × $/kWh (owned), over the run's wall time. It is split between input and output tokens by the
//   instance's busy time attributed to prefill vs decode (mixed iterations split by the cost model's time for
//   the prefill part alone vs the decode part alone); idle time is split in the same proportion.
// - Energy: per GPU, TDP while an iteration runs and an idle floor otherwise; split like cost.
import type { EngineRun } from './engine';
import { HIST_REL_ERROR, LogHistogram, quantiles, type Quantiles } from './histogram';
import { DONE } from './requests';

export interface Slo {
  /** Target for TTFT (seconds): a request attains it when its TTFT ≤ this; the fleet when P99 TTFT ≤ this. */
  ttftP99S?: number;
  /** Target for token gaps (seconds): a request attains it when its largest gap ≤ this. */
  tbtP99S?: number;
}

export interface InstanceEconomics {
  gpus: number;
  /** Rental price per GPU-hour (used when pricing mode is 'rental'). */
  usdPerGpuHour?: number;
  /** Purchase price per GPU (used when pricing mode is 'owned'). */
  purchaseUsdPerGpu?: number;
  /** Power per GPU while busy (W); idle draw defaults to IDLE_FRACTION of it. */
  tdpW?: number;
  idleW?: number;
}

export interface Pricing {
  mode: 'rental' | 'owned';
  /** Owned: years over which the purchase is amortised (default 4). */
  lifetimeYears?: number;
  /** Owned: electricity price (default $0.10/kWh); multiplied by pue (default 1.3). */
  usdPerKwh?: number;
  pue?: number;
}

/** Idle draw as a fraction of TDP when none is given: an idle H100 draws roughly 70–100 W of 700 W, plus host. */
export const IDLE_FRACTION = 0.15;

export interface SloReport {
  ttftP99S: number | null;
  tbtP99S: number | null;
  /** Fraction of completed requests with TTFT ≤ target (1 when there is no target). */
  ttftAttainment: number;
  /** Fraction of completed requests whose largest token gap ≤ target. */
  tbtAttainment: number;
  /** Fraction of all requests (rejected ones count as misses) meeting both targets. */
  attainment: number;
  /** Requests per second meeting both targets. */
  goodputRps: number;
  /** Fleet-level checks on the pooled distributions. */
  ttftP99Met: boolean;
  tbtP99Met: boolean;
}

export interface SimulationSummary {
  requests: number;
  completed: number;
  rejected: number;
  preemptions: number;
  iterations: number;
  /** First arrival to last completion. */
  durationS: number;
  throughput: { requestsPerS: number; inputTokensPerS: number; outputTokensPerS: number };
  ttft: Quantiles;
  tbt: Quantiles;
  /** Per-request largest token gap (requests with ≥ 2 output tokens). */
  tbtMaxPerRequest: Quantiles;
  /** Per-request mean gap (E2E − TTFT) / (output − 1). */
  tpot: Quantiles;
  e2e: Quantiles;
  queueing: Quantiles;
  slo: SloReport | null;
  utilization: {
    /** Mean over instances of busy time / duration (an instance is busy while any iteration runs). */
    busyFraction: number;
    perInstance: number[];
    /** Share of busy time attributed to prefill work. */
    prefillShare: number;
  };
  cost: { totalUsd: number; usdPerMInputTokens: number; usdPerMOutputTokens: number; usdPerMTokens: number } | null;
  energy: { joules: number; joulesPerInputToken: number; joulesPerOutputToken: number; joulesPerToken: number } | null;
  /** Relative error bound of every reported quantile. */
  quantileRelError: number;
}

const HOURS_PER_YEAR = 8766;

export function summarize(run: EngineRun, economics: InstanceEconomics[] | null, pricing: Pricing, slo?: Slo): SimulationSummary {
  const q = run.requests;
  const n = q.n;
  const ttft = new LogHistogram();
  const e2e = new LogHistogram();
  const queueing = new LogHistogram();
  const maxGap = new LogHistogram();
  const tpot = new LogHistogram();
  const ttftT = slo?.ttftP99S ?? Infinity;
  const tbtT = slo?.tbtP99S ?? Infinity;
  let first = Infinity;
  let last = -Infinity;
  let inTok = 0;
  let outTok = 0;
  let okTtft = 0;
  let okTbt = 0;
  let good = 0;
  let preemptions = 0;
  for (let r = 0; r < n; r++) {
    const a = q.arrivalS[r];
    if (a < first) first = a;
    preemptions += q.preemptions[r];
    if (q.state[r] !== DONE) continue;
    const f = q.finishS[r];
    if (f > last) last = f;
    const t1 = q.firstTokenS[r] - a;
    const out = q.outputTokens[r];
    inTok += q.inputTokens[r];
    outTok += out;
    ttft.add(t1, 1);
    e2e.add(f - a, 1);
    queueing.add(q.scheduledS[r] - a, 1);
    const g = q.maxGapS[r];
    if (out > 1) {
      maxGap.add(g, 1);
      tpot.add((f - q.firstTokenS[r]) / (out - 1), 1);
    }
    const a1 = t1 <= ttftT;
    const a2 = g <= tbtT;
    if (a1) okTtft++;
    if (a2) okTbt++;
    if (a1 && a2) good++;
  }
  const duration = run.completed > 0 ? last - first : 0;
  const perSecond = (x: number) => (duration > 0 ? x / duration : 0);
  const insts = run.instances;
  const perInstance = insts.map((s) => (duration > 0 ? Math.min(1, s.busyS / duration) : 0));
  let busy = 0;
  let prefillBusy = 0;
  for (const s of insts) {
    busy += s.busyS;
    prefillBusy += s.prefillBusyS;
  }
  const tbt = run.tbt;
  const sloReport: SloReport | null = slo
    ? {
        ttftP99S: slo.ttftP99S ?? null,
        tbtP99S: slo.tbtP99S ?? null,
        ttftAttainment: run.completed > 0 ? okTtft / run.completed : 0,
        tbtAttainment: run.completed > 0 ? okTbt / run.completed : 0,
        attainment: n > 0 ? good / n : 0,
        goodputRps: perSecond(good),
        ttftP99Met: ttft.weight > 0 && !(ttft.quantile(0.99) > ttftT),
        tbtP99Met: tbt.weight === 0 || !(tbt.quantile(0.99) > tbtT),
      }
    : null;
  let cost: SimulationSummary['cost'] = null;
  let energy: SimulationSummary['energy'] = null;
  if (economics) {
    let usdIn = 0;
    let usdOut = 0;
    let jIn = 0;
    let jOut = 0;
    const hours = duration / 3600;
    for (let i = 0; i < insts.length; i++) {
      const s = insts[i];
      const e = economics[i];
      const busyS = Math.min(s.busyS, duration);
      const tdp = e.tdpW ?? 0;
      const idleW = e.idleW ?? tdp * IDLE_FRACTION;
      const joules = e.gpus * (tdp * busyS + idleW * Math.max(0, duration - busyS));
      let usd: number;
      if (pricing.mode === 'rental') usd = e.gpus * (e.usdPerGpuHour ?? 0) * hours;
      else {
        const life = pricing.lifetimeYears ?? 4;
        const kwh = (joules / 3.6e6) * (pricing.pue ?? 1.3);
        usd = (e.gpus * (e.purchaseUsdPerGpu ?? 0) * hours) / (life * HOURS_PER_YEAR) + kwh * (pricing.usdPerKwh ?? 0.1);
      }
      const share = s.busyS > 0 ? s.prefillBusyS / s.busyS : 0.5;
      usdIn += usd * share;
      usdOut += usd * (1 - share);
      jIn += joules * share;
      jOut += joules * (1 - share);
    }
    const perM = (usd: number, tokens: number) => (tokens > 0 ? (usd / tokens) * 1e6 : NaN);
    cost = { totalUsd: usdIn + usdOut, usdPerMInputTokens: perM(usdIn, inTok), usdPerMOutputTokens: perM(usdOut, outTok), usdPerMTokens: perM(usdIn + usdOut, inTok + outTok) };
    energy = {
      joules: jIn + jOut,
      joulesPerInputToken: inTok > 0 ? jIn / inTok : NaN,
      joulesPerOutputToken: outTok > 0 ? jOut / outTok : NaN,
      joulesPerToken: inTok + outTok > 0 ? (jIn + jOut) / (inTok + outTok) : NaN,
    };
  }
  return {
    requests: n,
    completed: run.completed,
    rejected: run.rejected,
    preemptions,
    iterations: run.iterations,
    durationS: duration,
    throughput: { requestsPerS: perSecond(run.completed), inputTokensPerS: perSecond(inTok), outputTokensPerS: perSecond(outTok) },
    ttft: quantiles(ttft),
    tbt: quantiles(tbt),
    tbtMaxPerRequest: quantiles(maxGap),
    tpot: quantiles(tpot),
    e2e: quantiles(e2e),
    queueing: quantiles(queueing),
    slo: sloReport,
    utilization: {
      busyFraction: perInstance.length > 0 ? perInstance.reduce((a, b) => a + b, 0) / perInstance.length : 0,
      perInstance,
      prefillShare: busy > 0 ? prefillBusy / busy : 0,
    },
    cost,
    energy,
    quantileRelError: HIST_REL_ERROR,
  };
}
