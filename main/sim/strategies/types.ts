// Shapes shared by the four strategies and the search. Everything here is JSON-able except the cost models,
// which the caller builds (from the GPU catalog and a model config) and passes in.
import type { InstanceCostModel } from '../types';
import type { CostPart, GpuPricing, Slo } from '../metrics';
import type { PrefixSpec } from '../prefix';

import { STRATEGY_IDS, type StrategyId } from '../../domain/strategy';
import type { ClosedLoopUsers, WorkloadColumns } from '../../domain/workload';
import type { Quantiles, RunSettings, StrategyMetrics } from '../../domain/result';

export { STRATEGY_IDS, type ClosedLoopUsers, type Quantiles, type RunSettings, type StrategyId, type StrategyMetrics };

/**
 * A replayable workload: arrivals sorted ascending, lengths per request (output includes the first token).
 * With `closedLoop` the arrival column is ignored: the run issues the requests in order, `users` at a time.
 */
export interface StrategyWorkload extends WorkloadColumns {
  closedLoop?: ClosedLoopUsers | null;
  /** What the prompts share, for prefix caching (main/sim/prefix.ts); indexed like the columns. */
  prefix?: PrefixSpec | null;
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
