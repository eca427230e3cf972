// The deployment search's input and output. Output is plain JSON (it crosses worker_threads and is stored).
import type { CalibrationState, GpuType, Pool } from '../../ipc/types';
import type { InstanceCostModel } from '../types';
import type { GpuCalibrationUsed } from '../calibration';
import type { GpuPricing } from '../metrics';
import type { ModelFacts } from '../strategies/pipeline';
import type { EngineChoice } from '../engine-names';
import type { ClosedLoopUsers, RunSettings, Slo, StrategyId, StrategyMetrics, StrategyWorkload } from '../strategies/types';

export interface SearchBudget {
  /** Requests replayed while searching (a prefix of the workload); winners are re-run on all of it. */
  searchRequests: number;
  /** Deployments simulated per strategy, at least (when the prune keeps that many). */
  simulationsPerStrategy: number;
  /**
   * Requests replayed per strategy while searching: with a short window this buys more deployments than
   * simulationsPerStrategy (the engine's speed spent on what the prune keeps; measured in search_gap).
   */
  searchRequestsPerStrategy: number;
  /** Rate multipliers tried when measuring a deployment's max goodput. */
  rateSteps: number;
}

export const DEFAULT_BUDGET: SearchBudget = { searchRequests: 4000, simulationsPerStrategy: 24, searchRequestsPerStrategy: 120_000, rateSteps: 4 };

export interface CompareInput {
  pools: Pool[];
  /** Catalog entries for every pool's gpuTypeId. */
  gpus: GpuType[];
  model: { id: string; config: Record<string, unknown> };
  workload: StrategyWorkload;
  slo: Slo;
  strategies: StrategyId[] | 'all';
  seed: number;
  dtype?: 'bf16' | 'fp8';
  budget?: Partial<SearchBudget>;
  /** Strategies whose deployment is given rather than searched (at most one per strategy). */
  pins?: DeploymentPin[];
  /** The calibration applied to each GPU type of the pools (services/calibration/active.ts); absent: none. */
  calibrations?: GpuCalibrationUsed[];
  /**
   * Per-strategy overrides of `calibrations`, where a strategy's engine profile picks other records than the
   * comparison's engine does (a strategy not named takes `calibrations`; calibrationsFor).
   */
  strategyCalibrations?: Partial<Record<StrategyId, GpuCalibrationUsed[]>>;
  /**
   * The serving-engine profile every candidate's instances are simulated with (main/sim/engines.ts); absent or
   * 'default': no profile, DEFAULT_SCHEDULER and the search's own rules (search/engine.ts engineFor).
   */
  engine?: EngineChoice;
  /** Per-strategy overrides of `engine` (a strategy not named takes `engine`). */
  strategyEngines?: Partial<Record<StrategyId, EngineChoice>>;
}

export interface CompareContext {
  onProgress?: (done: number, total: number, message?: string) => void;
  /** Returns true (or throws) to stop; checked between simulations. */
  shouldCancel?: () => boolean;
}

/** What the search needs from the hardware and model side; built from the catalogs (provider.ts) or stubbed. */
export interface SearchProvider {
  pools: Pool[];
  model: ModelFacts;
  vendor(pool: number): string;
  watts(pool: number): number;
  /** $/GPU-hour flat out (metrics.unitUsdPerHour). */
  usdPerGpuHour(pool: number): number;
  pricing(pool: number): GpuPricing;
  hbmBytesPerS(pool: number): number;
  /** Dense 16-bit FLOP/s of one GPU of the pool (datasheet). */
  flopsPerS(pool: number): number;
  /** Whole model on tp GPUs of the pool; null when weights and a useful KV cache do not fit. */
  costModel(pool: number, tp: number): InstanceCostModel | null;
  /** Whole model on tp GPUs, memory not checked (pipeline stage timing). */
  timingModel(pool: number, tp: number): InstanceCostModel;
  /** HBM bytes on tp GPUs left for weights + KV after activations and the reserve. */
  usableBytes(pool: number, tp: number): number;
  /** Memory of one GPU of the pool as its catalog states it (an engine profile's defaults depend on it). */
  gpuMemoryGb(pool: number): number;
}

/** One instance of a deployment: which pool, how wide, and which slot (so the node it sits in is known). */
export interface Placement {
  pool: number;
  tp: number;
  /** The instance holds GPUs [firstGpu, firstGpu + tp) of its pool, so its node is firstGpu / gpusPerNode. */
  firstGpu: number;
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
