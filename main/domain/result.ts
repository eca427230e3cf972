// A comparison's result as stored in runs.result_json and shown everywhere: per strategy the deployments
// simulated, the chosen one's metrics, settings and charts. Plain JSON (it crosses worker_threads). Types only.
import type { GpuCalibrationUsed } from './calibration';
import type { CalibrationState } from './catalog';
import type { EngineChoice } from './engine';
import type { Slo } from './slo';
import type { StrategyId } from './strategy';
import type { ClosedLoopUsers } from './workload';

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

/** What a run was simulated with, for every output to print: the router and each group of instances' settings. */
export interface RunSettings {
  /** The serving-engine profile the instances ran with (main/sim/engines.ts), or 'default' for none. */
  engine: string;
  router: string;
  instances: { label: string; count: number; role: string; tokenBudget: number; chunkSize: number; maxRunning: number; kvAllocation: string; prefillOrder: string; decodeAdmission: string; watermark: number; maxInFlight?: number }[];
}

export interface DeploymentSummary {
  strategy: StrategyId;
  label: string;
  gpus: number;
  usdPerHour: number;
  /** Analytic upper bound on requests/s at the workload's mean lengths. */
  capacityRps: number;
  metrics: StrategyMetrics;
  meetsSlo: boolean;
  extra: Record<string, number>;
  /** Highest arrival-rate multiple of the workload that still met the SLOs (max goodput probe), if run. */
  maxRateMultiple?: number;
  maxGoodputRps?: number;
  /**
   * The max-goodput probe step by step (1× first), on the search window: what the deployment sustained and
   * its tails as the arrival rate rose. Stops at the first multiple that missed the SLOs (that one included).
   */
  rateSweep?: RateStep[];
  /** The scheduler settings and router it was simulated with; absent on runs stored before they were kept. */
  settings?: RunSettings;
  /** Groups of identical instances; absent on runs stored before it was kept (their diagram reads the label). */
  instances?: DeploymentInstance[];
  /** Where KV cache (or pipeline activations) moves between instance groups, and over which links. */
  kvFlows?: KvFlow[];
}

export type DeploymentRole = 'mixed' | 'split' | 'prefill' | 'decode' | 'partial-prefill' | 'stage';

export interface DeploymentInstance {
  pool: string;
  gpuTypeId: string;
  tp: number;
  pp?: number;
  /** mixed: prefill and decode (chunked); split: Nexus's SM split; partial-prefill: Cronus's PPI; stage: pipeline. */
  role: DeploymentRole;
  count: number;
  /** Pipeline stages: layers held, and the stage's position (0 = first). */
  layers?: number;
  stage?: number;
}

/**
 * A deployment fixed by the user instead of searched: the strategy and its instance groups, in the same form
 * a result reports them (DeploymentSummary.instances), so a chosen deployment can be pinned as it is shown.
 */
export interface DeploymentPin {
  strategy: StrategyId;
  instances: DeploymentInstance[];
}

export interface KvFlow {
  from: { pool: string; role: DeploymentRole; stage?: number };
  to: { pool: string; role: DeploymentRole; stage?: number };
  /** The hops, e.g. "nvlink" or "device-to-host → roce → host-to-device (staged, layout converted)". */
  path: string;
  what: 'KV cache' | 'activations';
}

export interface RateStep {
  rateMultiple: number;
  /** Requests/s arriving over the replayed window at this multiple. */
  offeredRps: number;
  throughputRps: number;
  outputTokensPerS: number;
  goodputRps: number;
  ttftP99S: number;
  tbtP99S: number;
  meetsSlo: boolean;
}

export interface StrategyOutcome {
  strategy: StrategyId;
  /** The engine profile its candidates were simulated with, or 'default'; absent on runs stored before it was kept. */
  engine?: EngineChoice;
  enumerated: number;
  prunedMemory: number;
  prunedCapacity: number;
  simulated: number;
  bestByCost: DeploymentSummary | null;
  bestByGoodput: DeploymentSummary | null;
  pareto: DeploymentSummary[];
  /** Every simulated deployment, cheapest first. */
  simulatedDeployments: DeploymentSummary[];
  /**
   * Set when the deployment was pinned rather than searched: its figures on the whole workload, whether or not
   * it met the SLOs (bestByCost is the same object's figures when it did, and null when it did not).
   */
  pinned?: DeploymentSummary;
  /**
   * Set when no deployment met the SLOs on the whole workload: the one that came closest on the search window
   * (chosen.ts), run on the whole workload, so its row and its charts are that run's figures.
   */
  closest?: DeploymentSummary;
  /**
   * The charts of the chosen deployment (chosenDeployment), from the same run as its figures; absent on runs
   * stored before the search kept them (run.trace then replays the deployment).
   */
  trace?: StrategyTrace;
  /**
   * The calibration each GPU type ran with for this strategy, set where it differs from the comparison's
   * (its engine profile has records of its own); absent: the result's `calibrations`.
   */
  calibrations?: GpuCalibrationUsed[];
}

/** Chart data for one strategy's chosen deployment: latency CDFs and utilization over time of one run. */
export interface StrategyTrace {
  strategy: string;
  instanceLabels: string[];
  requests: number;
  /**
   * 101 points (percentile 0..100) of time to first token of the finished requests, seconds: the quantiles
   * of the run's own TTFT histogram (metrics.ts), so the P99 point is the table's TTFT P99.
   */
  ttftCdf: { p: number; x: number }[];
  /** 101 points of end-to-end latency, seconds (the table's E2E quantiles, likewise). */
  e2eCdf: { p: number; x: number }[];
  /** 101 points of each request's mean gap between tokens (TPOT, metrics.ts), seconds. */
  meanGapCdf: { p: number; x: number }[];
  /** Busy fraction per instance per time bin of `binS` seconds. */
  utilization: { binS: number; busy: number[][] };
}

export interface ComparisonResult {
  model: string;
  slo: Slo;
  seed: number;
  requests: number;
  searchRequests: number;
  strategies: StrategyOutcome[];
  /** Cost–latency (TTFT P99) Pareto set over all strategies. */
  pareto: DeploymentSummary[];
  simulations: number;
  /** Set when the workload was closed-loop: the figures are at these users, and no rate sweep was run. */
  closedLoop?: ClosedLoopUsers;
  /** The calibration each GPU type ran with ("datasheet only" where none); absent on runs stored before. */
  calibrations?: GpuCalibrationUsed[];
  /** Mean arrival rate of the whole workload (requests over its span); absent on closed loops and older runs. */
  offeredRps?: number;
  /** Mean arrival rate of the busiest window the search simulated on (what un-confirmed deployments carried). */
  windowRps?: number;
  /** What each pool's GPUs were priced at and how their figures were made; absent on older runs. */
  pools?: PoolPrice[];
}

/** A pool as the recommendation states its assumptions: the price the search used and its source. */
export interface PoolPrice {
  pool: string;
  gpuTypeId: string;
  gpuName: string;
  gpuCount: number;
  /** hourly: a rental price the user gave; owned: purchase over lifetime plus power (metrics.unitUsd). */
  kind: 'hourly' | 'owned';
  /** $/GPU-hour flat out, as the search orders deployments by (SearchProvider.usdPerGpuHour). */
  usdPerGpuHour: number;
  /** Where the GPU type's serving figures come from (catalog); absent when the catalog does not say. */
  calibration?: CalibrationState;
}
