// Shapes shared by the four strategies and the search. Everything here is JSON-able except the cost models,
// which the caller builds (from the GPU catalog and a model config) and passes in.
import type { PrefixSpec } from '../prefix';
import type { InstanceCostModel } from '../types';
import type { CostPart, GpuPricing, Slo } from '../metrics';

export type StrategyId = 'colocated' | 'pipeline' | 'disaggregated' | 'cronus' | 'nexus';
export const STRATEGY_IDS: readonly StrategyId[] = ['colocated', 'pipeline', 'disaggregated', 'cronus', 'nexus'];

/**
 * A replayable workload: arrivals sorted ascending, lengths per request (output includes the first token).
 * With `closedLoop` the arrival column is ignored: the run issues the requests in order, `users` at a time.
 */
export interface StrategyWorkload {
  arrivalS: Float64Array;
  inputTokens: Int32Array;
  outputTokens: Int32Array;
  closedLoop?: ClosedLoopUsers | null;
  /** What the prompts share, for prefix caching (main/sim/prefix.ts); indexed like the columns. */
  prefix?: PrefixSpec | null;
}

/**
 * Closed-loop load: `users` each keep one request in flight and send the next `thinkTimeS` after the last one
 * completes (fixed, or exponential with that mean, drawn from the run's seed). Plain JSON: it is stored with the
 * workload and crosses to the worker.
 */
export interface ClosedLoopUsers {
  users: number;
  thinkTimeS: number;
  think?: 'fixed' | 'exponential';
}

export type { Slo };

/** One instance as a strategy sees it: its speed, its KV room, what it costs and where it sits. */
export interface InstanceSpec {
  /** Pool name (for reports and for deciding which link KV crosses). */
  pool: string;
  gpuTypeId: string;
  vendor: string;
  cm: InstanceCostModel;
  tp: number;
  pp: number;
  /** How each of its GPUs is paid for. */
  pricing: GpuPricing;
  /** Watts one of its GPUs draws when busy. */
  tdpW: number;
  /** What the instance costs per hour flat out (metrics.unitUsdPerHour): the search's list price. */
  usdPerHour: number;
  /** GPUs of unlike pricing in one instance (a pipeline replica's stages); absent: cm.gpus at `pricing`. */
  parts?: CostPart[];
  /** Memory of one of its GPUs, GB (engine profiles' defaults depend on it); needed only with an engine. */
  gpuMemoryGb?: number;
}

/** A link hop that KV crosses: bytes/s and a fixed latency. */
export interface Hop {
  name: string;
  bytesPerS: number;
  latencyS: number;
}

/** How KV travels from one instance to another: the hops in order plus fixed per-transfer work. */
export interface TransferPath {
  hops: Hop[];
  /** True when each hop must finish before the next starts (staged through host buffers). */
  storeAndForward: boolean;
  /** Seconds per byte spent converting layout / block size (cross-vendor), 0 when formats match. */
  convertSPerByte: number;
}

/**
 * Per-request and aggregate metrics of one strategy run, as stored and shown: a projection of metrics.ts'
 * RunSummary (strategies/plan.ts strategyMetrics), where every figure is defined. Times in seconds; a latency
 * with nothing measured (no token gap when every answer is one token) reads 0.
 */
export interface StrategyMetrics {
  requests: number;
  completed: number;
  rejected?: number;
  preemptions?: number;
  /** True when the run stopped early because the deployment could not keep up (TTFT ran away). */
  saturated: boolean;
  durationS: number;
  ttft: Quantiles;
  /** Every token gap, pooled (ITL). */
  tbt: Quantiles;
  /** Per request (E2E − TTFT) / (output − 1); absent on runs stored before it was kept. */
  tpot?: Quantiles;
  e2e: Quantiles;
  queueing: Quantiles;
  /** E2E latency over output tokens per request (Nexus' "normalized latency"), s/token. */
  normalizedLatency: Quantiles;
  throughput: { requestsPerS: number; inputTokensPerS: number; outputTokensPerS: number };
  /** Requests/s meeting every per-request target (TTFT, TPOT, E2E). */
  goodputRps: number;
  sloAttainment: number;
  /** GPU-seconds busy / GPU-seconds paid, over all instances. */
  utilization: number;
  /** What the run cost per hour on average (owned GPUs: energy at the run's load). */
  usdPerHour: number;
  usdPer1MTokens: number;
  usdPer1MInputTokens: number;
  usdPer1MOutputTokens: number;
  joulesPerToken: number;
  /**
   * Prefix caching, where it ran: cached prompt tokens / prompt tokens of admitted requests, and the prefill
   * tokens that saved, fleet-wide and per instance (metrics.ts PrefixCacheReport). Absent: caching off.
   */
  prefixCache?: { hitRate: number; savedTokens: number; perInstance: { hitRate: number; savedTokens: number }[] };
}

/** Latency quantiles as stored (runs stored before `max` was kept lack it). */
export interface Quantiles {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max?: number;
}

export interface StrategyResult {
  strategy: StrategyId;
  /** Human-readable deployment, e.g. "prefill 2×H100 TP4 | decode 4×A100 TP2". */
  label: string;
  gpus: number;
  metrics: StrategyMetrics;
  /** Strategy-specific counters (KV bytes moved, mean L_p, mean SM split, ...). */
  extra: Record<string, number>;
  /** The scheduler settings and router the run used. */
  settings: RunSettings;
}

/** What a run was simulated with, for every output to print: the router and each group of instances' settings. */
export interface RunSettings {
  /** The serving-engine profile the instances ran with (main/sim/engines.ts), or 'default' for none. */
  engine: string;
  router: string;
  instances: { label: string; count: number; role: string; tokenBudget: number; chunkSize: number; maxRunning: number; kvAllocation: string; prefillOrder: string; decodeAdmission: string; watermark: number; maxInFlight?: number }[];
}
