// The one place each metric is defined (docs/engine.md "Metrics" gives the reasons). Every run — `simulate`,
// every strategy, the search, the CSVs and the PDF — goes through summarize():
// - TTFT = first token − arrival. E2E = last token − arrival. Queueing = first scheduled − arrival.
// - TBT (= ITL, inter-token latency) = every gap between two consecutive output tokens, pooled over all
//   requests (each decode iteration adds its duration with weight = decodes in it; a recompute after a
//   preemption, or a KV hand-off, adds its own gap). Its P50/P99 are what TBT SLOs are checked against.
// - TPOT per request = (E2E − TTFT) / (output − 1), requests with ≥ 2 output tokens (vLLM's benchmark).
// - Goodput = requests per second that meet, each on its own, every per-request target given: TTFT ≤ the TTFT
//   target, TPOT ≤ the TBT target, E2E ≤ the E2E target (vLLM's benchmark `--goodput`, DistServe).
// - A run meets its SLOs (meetsSlo) when it finished every request without stopping early and every pooled
//   quantile given is within its target: TTFT P50/P99, TBT P50/P99, E2E P99.
// - Utilisation = GPU-seconds busy / GPU-seconds paid; a GPU group is busy while any of its instances runs an
//   iteration (the union, for a Nexus GPU's two halves).
// - Energy per GPU: TDP while busy, an idle floor otherwise (IDLE_FRACTION of TDP unless given).
// - Cost per GPU: rented, $/GPU-hour × hours; owned, the purchase over its lifetime (HOURS_PER_YEAR) plus the
//   energy above × PUE × $/kWh. Split between input and output tokens by busy time attributed to prefill vs
//   decode (attribution.ts), idle time in the same proportion.
import type { EngineRun } from './engine';
import { HIST_REL_ERROR, LogHistogram, quantiles, type Quantiles } from './histogram';
import { DONE } from './requests';
import { SLO_FIELDS, type Slo } from '../domain/slo';

export { SLO_FIELDS, type Slo };

/** How a GPU is paid for: the pool pricing of an inventory. */
export type GpuPricing =
  | { kind: 'hourly'; usdPerGpuHour: number }
  | { kind: 'owned'; purchaseUsd: number; lifetimeYears: number; powerUsdPerKwh: number; pue?: number };

/** GPUs of one kind and price within a cost unit. */
export interface CostPart {
  gpus: number;
  pricing: GpuPricing;
  /** Per GPU, while busy. */
  tdpW: number;
  /** Per GPU, while idle; default IDLE_FRACTION × tdpW. */
  idleW?: number;
}

/**
 * GPUs that are busy and idle together and paid for as one: an instance, the two halves of a Nexus GPU group,
 * or a pipeline replica (whose stages may be GPUs of different pools, hence parts).
 */
export interface CostUnit {
  parts: CostPart[];
}

/**
 * Idle draw as a fraction of TDP when none is given: fleetplan's assumption (an idle H100 SXM reads roughly
 * 70–100 W of its 700 W on nvidia-smi; the host's share is left out).
 */
export const IDLE_FRACTION = 0.15;
/** Power usage effectiveness of an owned GPU's data centre when the pool gives none: fleetplan's assumption. */
export const DEFAULT_PUE = 1.3;
/** Julian year: amortisation spreads a purchase over lifetimeYears × this many hours. */
export const HOURS_PER_YEAR = 8766;

export function unitGpus(u: CostUnit): number {
  let g = 0;
  for (const p of u.parts) g += p.gpus;
  return g;
}

/** Joules a unit uses over `durationS` of which `busyS` busy. */
export function unitJoules(u: CostUnit, durationS: number, busyS: number): number {
  const busy = Math.min(busyS, durationS);
  let j = 0;
  for (const p of u.parts) j += p.gpus * (p.tdpW * busy + (p.idleW ?? p.tdpW * IDLE_FRACTION) * Math.max(0, durationS - busy));
  return j;
}

/** Dollars a unit costs over `durationS` of which `busyS` busy. */
export function unitUsd(u: CostUnit, durationS: number, busyS: number): number {
  const hours = durationS / 3600;
  let usd = 0;
  for (const part of u.parts) {
    const p = part.pricing;
    if (p.kind === 'hourly') usd += part.gpus * p.usdPerGpuHour * hours;
    else {
      const kwh = unitJoules({ parts: [part] }, durationS, busyS) / 3.6e6;
      usd += (part.gpus * p.purchaseUsd * hours) / (p.lifetimeYears * HOURS_PER_YEAR) + kwh * (p.pue ?? DEFAULT_PUE) * p.powerUsdPerKwh;
    }
  }
  return usd;
}

/** $/hour of a unit at a busy fraction (1 = flat out: the search's list price for ordering deployments). */
export function unitUsdPerHour(u: CostUnit, busyFraction = 1): number {
  return unitUsd(u, 3600, 3600 * busyFraction);
}

export interface SloReport {
  /** The targets given (absent ones are not enforced). */
  targets: Slo;
  /** Fraction of all requests (refused ones count as misses) meeting every per-request target. */
  attainment: number;
  /** Requests per second meeting every per-request target. */
  goodputRps: number;
  /** Fraction of completed requests with TTFT ≤ the TTFT P99 target (1 without one). */
  ttftAttainment: number;
  /** Fraction of completed multi-token requests with TPOT ≤ the TBT P99 target (1 without one). */
  tpotAttainment: number;
  /** Whether the run meets every target as a fleet (meetsSlo). */
  met: boolean;
  /** Targets missed as a fleet, by field name (e.g. "ttftP99S"). */
  missed: string[];
}

export interface RunSummary {
  requests: number;
  completed: number;
  rejected: number;
  preemptions: number;
  iterations: number;
  /** True when the run stopped early because the deployment could not keep up. */
  saturated: boolean;
  /** First arrival to the last completion (or the last arrival, or the early stop). */
  durationS: number;
  throughput: { requestsPerS: number; inputTokensPerS: number; outputTokensPerS: number };
  ttft: Quantiles;
  /** Every token gap, pooled (= ITL). */
  tbt: Quantiles;
  /** Per request: (E2E − TTFT) / (output − 1). */
  tpot: Quantiles;
  /** Per request: the largest token gap. */
  tbtMaxPerRequest: Quantiles;
  e2e: Quantiles;
  queueing: Quantiles;
  /** Per request: E2E / output tokens (Nexus' "normalized latency"), s/token. */
  normalizedLatency: Quantiles;
  slo: SloReport | null;
  utilization: {
    /** GPU-seconds busy / GPU-seconds paid. */
    busyFraction: number;
    /** Per cost unit, busy time / duration. */
    perUnit: number[];
    /** Share of busy time attributed to prefill work. */
    prefillShare: number;
  };
  cost: { totalUsd: number; usdPerHour: number; usdPerMInputTokens: number; usdPerMOutputTokens: number; usdPerMTokens: number } | null;
  energy: { joules: number; joulesPerInputToken: number; joulesPerOutputToken: number; joulesPerToken: number } | null;
  /** Relative error bound of every reported quantile. */
  quantileRelError: number;
  /** Prefix caching, where it ran (main/sim/prefix.ts); absent when no instance cached prefixes. */
  prefixCache?: PrefixCacheReport;
}

/**
 * Hit rate = prompt tokens found cached / prompt tokens of the requests admitted (vLLM's prefix-cache hit rate
 * counts tokens the same way: vllm/v1/core/kv_cache_utils.py PrefixCachingMetrics, queries = the request's tokens,
 * hits = its computed tokens found; vLLM logs the last 1,000 requests, this is the whole run), fleet-wide and per instance.
 */
export interface PrefixCacheReport {
  hitRate: number;
  savedTokens: number;
  queriedTokens: number;
  perInstance: { hitRate: number; savedTokens: number; queriedTokens: number; evictedBlocks: number }[];
}

/**
 * The per-request latency histograms summarize() fills, handed in by a caller that draws them (the charts'
 * CDFs, main/sim/charts.ts), so a chart's P99 is the table's P99 of the same run.
 */
export interface LatencyHistograms {
  ttft: LogHistogram;
  e2e: LogHistogram;
  tpot: LogHistogram;
}

export function latencyHistograms(): LatencyHistograms {
  return { ttft: new LogHistogram(), e2e: new LogHistogram(), tpot: new LogHistogram() };
}

/**
 * Summarises a finished run. `units[u]` is what cost unit u is paid and powered as, and `unitOf[i]` the unit
 * of engine instance i (default: one unit per instance, in order). Without units there is no cost or energy.
 */
export function summarize(
  run: EngineRun, units: CostUnit[] | null, slo: Slo | null = null, unitOf?: ArrayLike<number>, into: LatencyHistograms = latencyHistograms(),
): RunSummary {
  const q = run.requests;
  const n = q.n;
  const { ttft, e2e, tpot } = into;
  const queueing = new LogHistogram();
  const maxGap = new LogHistogram();
  const norm = new LogHistogram();
  const s = slo ?? {};
  const ttftT = s.ttftP99S ?? Infinity;
  const tpotT = s.tbtP99S ?? Infinity;
  const e2eT = s.e2eP99S ?? Infinity;
  let first = Infinity;
  let lastArrival = -Infinity;
  let last = -Infinity;
  let inTok = 0;
  let outTok = 0;
  let okTtft = 0;
  let okTpot = 0;
  let multi = 0;
  let good = 0;
  let preemptions = 0;
  for (let r = 0; r < n; r++) {
    const a = q.arrivalS[r];
    if (a !== a) continue; // a closed-loop request never sent (the run stopped first)
    if (a < first) first = a;
    if (a > lastArrival) lastArrival = a;
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
    norm.add((f - a) / out, 1);
    queueing.add(q.scheduledS[r] - a, 1);
    let tp = 0;
    if (out > 1) {
      tp = (f - q.firstTokenS[r]) / (out - 1);
      maxGap.add(q.maxGapS[r], 1);
      tpot.add(tp, 1);
      multi++;
      if (tp <= tpotT) okTpot++;
    }
    const a1 = t1 <= ttftT;
    if (a1) okTtft++;
    if (a1 && tp <= tpotT && f - a <= e2eT) good++;
  }
  const end = run.saturated ? run.endS : Math.max(last, lastArrival);
  const duration = first < Infinity && end > first ? end - first : 0;
  const perSecond = (x: number) => (duration > 0 ? x / duration : 0);
  const insts = run.instances;
  const summary: RunSummary = {
    requests: n,
    completed: run.completed,
    rejected: run.rejected,
    preemptions,
    iterations: run.iterations,
    saturated: run.saturated,
    durationS: duration,
    throughput: { requestsPerS: perSecond(run.completed), inputTokensPerS: perSecond(inTok), outputTokensPerS: perSecond(outTok) },
    ttft: quantiles(ttft),
    tbt: quantiles(run.tbt),
    tpot: quantiles(tpot),
    tbtMaxPerRequest: quantiles(maxGap),
    e2e: quantiles(e2e),
    queueing: quantiles(queueing),
    normalizedLatency: quantiles(norm),
    slo: null,
    utilization: { busyFraction: 0, perUnit: [], prefillShare: 0 },
    cost: null,
    energy: null,
    quantileRelError: HIST_REL_ERROR,
  };
  if (insts.some((x) => x.prefix !== null)) {
    const perInstance = insts.map((x) => {
      const c = x.prefix;
      const q = c ? c.queriedTokens : 0;
      return { hitRate: q > 0 ? c!.savedTokens / q : 0, savedTokens: c ? c.savedTokens : 0, queriedTokens: q, evictedBlocks: c ? c.evictedBlocks : 0 };
    });
    const saved = perInstance.reduce((a, x) => a + x.savedTokens, 0);
    const queried = perInstance.reduce((a, x) => a + x.queriedTokens, 0);
    summary.prefixCache = { hitRate: queried > 0 ? saved / queried : 0, savedTokens: saved, queriedTokens: queried, perInstance };
  }
  if (slo) {
    summary.slo = {
      targets: { ...slo },
      attainment: n > 0 ? good / n : 0,
      goodputRps: perSecond(good),
      ttftAttainment: run.completed > 0 ? okTtft / run.completed : 0,
      tpotAttainment: multi > 0 ? okTpot / multi : 1,
      met: false,
      missed: [],
    };
    summary.slo.missed = missedTargets(summary, slo);
    summary.slo.met = summary.slo.missed.length === 0;
  }

  // Busy time, prefill share and cost per unit.
  const nu = units ? units.length : insts.length;
  const unit = (i: number) => (unitOf ? unitOf[i] : i);
  const busy = new Float64Array(nu);
  const sumBusy = new Float64Array(nu);
  const pfBusy = new Float64Array(nu);
  const grouped = new Uint8Array(nu);
  for (let i = 0; i < insts.length; i++) {
    const u = unit(i);
    sumBusy[u] += insts[i].busyS;
    pfBusy[u] += insts[i].prefillBusyS;
  }
  for (let i = 0; i < insts.length; i++) {
    const g = insts[i].groupClock;
    const u = unit(i);
    if (g !== null) {
      busy[u] = g.busyS;
      grouped[u] = 1;
    } else if (!grouped[u]) busy[u] = Math.max(busy[u], sumBusy[u]);
  }
  let gpus = 0;
  let busyGpuS = 0;
  let prefillBusy = 0;
  let allBusy = 0;
  const perUnit: number[] = [];
  for (let u = 0; u < nu; u++) {
    const g = units ? unitGpus(units[u]) : 1;
    gpus += g;
    const b = Math.min(busy[u], duration);
    busyGpuS += b * g;
    perUnit.push(duration > 0 ? b / duration : 0);
    prefillBusy += pfBusy[u];
    allBusy += sumBusy[u];
  }
  summary.utilization = { busyFraction: gpus > 0 && duration > 0 ? busyGpuS / (gpus * duration) : 0, perUnit, prefillShare: allBusy > 0 ? prefillBusy / allBusy : 0 };
  if (units) {
    let usdIn = 0;
    let usdOut = 0;
    let jIn = 0;
    let jOut = 0;
    for (let u = 0; u < nu; u++) {
      const usd = unitUsd(units[u], duration, busy[u]);
      const joules = unitJoules(units[u], duration, busy[u]);
      const share = sumBusy[u] > 0 ? pfBusy[u] / sumBusy[u] : 0.5;
      usdIn += usd * share;
      usdOut += usd * (1 - share);
      jIn += joules * share;
      jOut += joules * (1 - share);
    }
    const perM = (usd: number, tokens: number) => (tokens > 0 ? (usd / tokens) * 1e6 : Infinity);
    summary.cost = {
      totalUsd: usdIn + usdOut,
      usdPerHour: duration > 0 ? ((usdIn + usdOut) / duration) * 3600 : units.reduce((a, x) => a + unitUsdPerHour(x, 0), 0),
      usdPerMInputTokens: perM(usdIn, inTok),
      usdPerMOutputTokens: perM(usdOut, outTok),
      usdPerMTokens: perM(usdIn + usdOut, inTok + outTok),
    };
    summary.energy = {
      joules: jIn + jOut,
      joulesPerInputToken: inTok > 0 ? jIn / inTok : NaN,
      joulesPerOutputToken: outTok > 0 ? jOut / outTok : NaN,
      joulesPerToken: inTok + outTok > 0 ? (jIn + jOut) / (inTok + outTok) : NaN,
    };
  }
  return summary;
}

/** What the SLO checks read of a run (a RunSummary, or its stored projection). */
export interface SloInputs {
  ttft: { p50: number; p99: number };
  tbt: { p50: number; p99: number };
  e2e: { p99: number };
  saturated: boolean;
  completed: number;
  requests: number;
}

/**
 * The fleet-level targets a run misses. A quantile with nothing measured (no token gap when every answer is
 * one token) violates nothing; an unfinished or stopped run misses every target given.
 */
export function missedTargets(m: SloInputs, slo: Slo): string[] {
  const out: string[] = [];
  const finished = !m.saturated && m.completed === m.requests;
  const over = (v: number, t: number | undefined) => t !== undefined && (!finished || v > t);
  if (over(m.ttft.p50, slo.ttftP50S)) out.push('ttftP50S');
  if (over(m.ttft.p99, slo.ttftP99S)) out.push('ttftP99S');
  if (over(m.tbt.p50, slo.tbtP50S)) out.push('tbtP50S');
  if (over(m.tbt.p99, slo.tbtP99S)) out.push('tbtP99S');
  if (over(m.e2e.p99, slo.e2eP99S)) out.push('e2eP99S');
  if (!finished && out.length === 0) out.push('completed');
  return out;
}

/** True when a run finished every request without stopping early and met every target given. */
export function meetsSlo(m: SloInputs, slo: Slo): boolean {
  return missedTargets(m, slo).length === 0;
}
