// Shapes shared by the four strategies and the search. Everything here is JSON-able except the cost models,
// which the caller builds (from the GPU catalog and a model config) and passes in.
import type { InstanceCostModel } from '../types';

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

export interface Slo {
  ttftP99S: number;
  tbtP99S: number;
}

/** One instance as a strategy sees it: its speed, its KV room, what it costs and where it sits. */
export interface InstanceSpec {
  /** Pool name (for reports and for deciding which link KV crosses). */
  pool: string;
  gpuTypeId: string;
  vendor: string;
  cm: InstanceCostModel;
  tp: number;
  pp: number;
  usdPerHour: number;
  /** Watts drawn by the whole instance when busy (energy per token). */
  watts: number;
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

/** Per-request and aggregate metrics of one strategy run. Times in seconds. */
export interface StrategyMetrics {
  requests: number;
  completed: number;
  /** True when the run stopped early because the deployment could not keep up (TTFT ran away). */
  saturated: boolean;
  durationS: number;
  ttft: Quantiles;
  tbt: Quantiles;
  e2e: Quantiles;
  queueing: Quantiles;
  /** E2E latency over output tokens per request (Nexus' "normalized latency"), s/token. */
  normalizedLatency: Quantiles;
  throughput: { requestsPerS: number; inputTokensPerS: number; outputTokensPerS: number };
  /** Requests/s meeting both SLOs (TTFT and mean time per output token). */
  goodputRps: number;
  sloAttainment: number;
  /** GPU-seconds busy / GPU-seconds paid, over all instances. */
  utilization: number;
  usdPerHour: number;
  usdPer1MTokens: number;
  usdPer1MInputTokens: number;
  usdPer1MOutputTokens: number;
  joulesPerToken: number;
}

export interface Quantiles {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
}

export interface StrategyResult {
  strategy: StrategyId;
  /** Human-readable deployment, e.g. "prefill 2×H100 TP4 | decode 4×A100 TP2". */
  label: string;
  gpus: number;
  metrics: StrategyMetrics;
  /** Strategy-specific counters (KV bytes moved, mean L_p, mean SM split, ...). */
  extra: Record<string, number>;
}
