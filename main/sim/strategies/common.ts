// Pieces every strategy shares: run options, lane defaults, single-iteration timings, and turning a
// finished fleet into StrategyMetrics (latency quantiles, throughput, goodput, cost, energy).
import type { BatchAggregate, InstanceCostModel } from '../types';
import type { Fleet, FleetObserver, LaneConfig } from './fleet';
import type { LogHistogram } from '../histogram';
import type { InstanceSpec, Quantiles, Slo, StrategyMetrics } from './types';

export interface RunOptions {
  slo: Slo;
  seed: number;
  /** Stop a run once a request has waited this long for its first token; default max(60 s, 30 × TTFT SLO). */
  abortWaitS?: number;
  /** Per-iteration and per-request capture for reports; absent during searches. */
  observer?: FleetObserver;
}

/** vLLM-like defaults: 2048-token iteration budget with chunked prefill, 256 running requests. */
export const DEFAULT_TOKEN_BUDGET = 2048;
export const DEFAULT_MAX_SEQS = 256;

export function fleetOptions(opts: RunOptions, predictedOutput: Int32Array | null = null) {
  return {
    abortWaitS: opts.abortWaitS ?? Math.max(60, 30 * opts.slo.ttftP99S),
    ttftSloS: opts.slo.ttftP99S,
    tbtSloS: opts.slo.tbtP99S,
    predictedOutput,
    observer: opts.observer ?? null,
    seed: opts.seed,
  };
}

export function mixedLane(instance: number, cm: InstanceCostModel, kvPool = instance, over: Partial<LaneConfig> = {}): LaneConfig {
  return {
    instance, cm, role: 'mixed', tokenBudget: DEFAULT_TOKEN_BUDGET, maxSeqs: DEFAULT_MAX_SEQS, chunked: true,
    maxInFlight: Infinity, prefillOrder: 'fcfs', agingPerS: 0, admission: 'greedy', kvPool, ...over,
  };
}

const scratch: BatchAggregate = { prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: 0, decodeKvTokens: 0 };

/** Time of one un-chunked prefill of `tokens` with `prior` tokens already in KV. */
export function prefillSeconds(cm: InstanceCostModel, tokens: number, prior = 0): number {
  scratch.prefillSeqs = 1;
  scratch.prefillTokens = tokens;
  scratch.prefillAttnPairs = tokens * (prior + (tokens + 1) / 2);
  scratch.prefillKvTokens = prior + tokens;
  scratch.decodeSeqs = 0;
  scratch.decodeKvTokens = 0;
  return cm.iterationSeconds(scratch);
}

/**
 * Sarathi's rule for the iteration token budget: the largest power-of-two chunk (64..8192) whose iteration,
 * next to a typical decode batch, stays within 90% of the TBT target — every decode in a mixed batch waits
 * for the chunk. 64 when even that is too slow.
 */
export function budgetForTbt(cm: InstanceCostModel, tbtS: number, decodeBatch = 32, ctx = 2048): number {
  let best = 64;
  for (let c = 64; c <= 8192; c *= 2) {
    scratch.prefillSeqs = 1;
    scratch.prefillTokens = c;
    scratch.prefillAttnPairs = c * (ctx + (c + 1) / 2);
    scratch.prefillKvTokens = ctx + c;
    scratch.decodeSeqs = decodeBatch;
    scratch.decodeKvTokens = decodeBatch * ctx;
    if (cm.iterationSeconds(scratch) <= 0.9 * tbtS) best = c;
    else break;
  }
  return best;
}

/** Time of one decode step for `batch` requests with `ctx` tokens of context each. */
export function decodeStepSeconds(cm: InstanceCostModel, batch: number, ctx: number): number {
  scratch.prefillSeqs = scratch.prefillTokens = scratch.prefillAttnPairs = scratch.prefillKvTokens = 0;
  scratch.decodeSeqs = batch;
  scratch.decodeKvTokens = batch * ctx;
  return cm.iterationSeconds(scratch);
}

/**
 * A strategy's latency summary from the shared LogHistogram. An empty one (no request got there, e.g. no TBT
 * when every output is one token) reads as 0 rather than NaN, so meetsSlo and the search's ranking treat
 * "nothing measured" as "nothing violated", as they always have.
 */
function summarize(h: LogHistogram): Quantiles {
  if (h.weight === 0) return { mean: 0, p50: 0, p90: 0, p99: 0 };
  return { mean: h.mean(), p50: h.quantile(0.5), p90: h.quantile(0.9), p99: h.quantile(0.99) };
}

/** Collapses a finished fleet into the metrics the search ranks by. `instances[i]` matches LaneConfig.instance. */
export function fleetMetrics(f: Fleet, instances: InstanceSpec[]): StrategyMetrics {
  let inTok = 0;
  let outTok = 0;
  let lastFinish = 0;
  for (let i = 0; i < f.n; i++) {
    if (f.finish[i] < 0) continue;
    inTok += f.input[i];
    outTok += f.output[i];
    if (f.finish[i] > lastFinish) lastFinish = f.finish[i];
  }
  // A closed loop starts at 0 and its arrival column is only partly filled when a run stops early.
  const first = f.closed ? 0 : f.n > 0 ? f.arrival[0] : 0;
  const lastArrival = f.closed ? 0 : f.n > 0 ? f.arrival[f.n - 1] : 0;
  const end = f.saturated ? f.now : Math.max(lastFinish, lastArrival);
  const duration = Math.max(1e-9, end - first);
  const busy = new Float64Array(instances.length);
  const pfBusy = new Float64Array(instances.length);
  for (const l of f.lanes) {
    // Lanes sharing an instance (Nexus) overlap in time, so the instance is busy for the longer of them.
    busy[l.cfg.instance] = Math.max(busy[l.cfg.instance], l.busyS);
    pfBusy[l.cfg.instance] += l.prefillBusyS;
  }
  let usdPerHour = 0;
  let gpus = 0;
  let busyGpuS = 0;
  let joules = 0;
  let prefillUsd = 0;
  for (let i = 0; i < instances.length; i++) {
    const inst = instances[i];
    usdPerHour += inst.usdPerHour;
    gpus += inst.cm.gpus;
    busyGpuS += busy[i] * inst.cm.gpus;
    joules += busy[i] * inst.watts;
    prefillUsd += (Math.min(pfBusy[i], busy[i]) / 3600) * inst.usdPerHour;
  }
  const usd = (usdPerHour * duration) / 3600;
  // Idle time is paid too: split the bill between input and output tokens by the busy time each caused.
  const busyUsd = instances.reduce((s, inst, i) => s + (busy[i] / 3600) * inst.usdPerHour, 0);
  const inShare = busyUsd > 0 ? prefillUsd / busyUsd : 0.5;
  const tokens = inTok + outTok;
  return {
    requests: f.n,
    completed: f.completed,
    saturated: f.saturated,
    durationS: duration,
    ttft: summarize(f.ttft),
    tbt: summarize(f.tbt),
    e2e: summarize(f.e2e),
    queueing: summarize(f.queueing),
    normalizedLatency: summarize(f.normLatency),
    throughput: { requestsPerS: f.completed / duration, inputTokensPerS: inTok / duration, outputTokensPerS: outTok / duration },
    goodputRps: f.good / duration,
    sloAttainment: f.n > 0 ? f.good / f.n : 0,
    utilization: gpus > 0 ? busyGpuS / (gpus * duration) : 0,
    usdPerHour,
    usdPer1MTokens: tokens > 0 ? (usd / tokens) * 1e6 : Infinity,
    usdPer1MInputTokens: inTok > 0 ? ((usd * inShare) / inTok) * 1e6 : Infinity,
    usdPer1MOutputTokens: outTok > 0 ? ((usd * (1 - inShare)) / outTok) * 1e6 : Infinity,
    joulesPerToken: tokens > 0 ? joules / tokens : 0,
  };
}

/** True when a run met both P99 SLOs and finished everything. */
export function meetsSlo(m: StrategyMetrics, slo: Slo): boolean {
  return !m.saturated && m.completed === m.requests && m.ttft.p99 <= slo.ttftP99S && m.tbt.p99 <= slo.tbtP99S;
}
