// The deployment search's input and output. Output is plain JSON (it crosses worker_threads and is stored).
import type { GpuType, Pool } from '../../domain';
import type {
  ComparisonResult, DeploymentInstance, DeploymentPin, DeploymentRole, DeploymentSummary, KvFlow, PoolPrice, RateStep, StrategyOutcome, StrategyTrace,
} from '../../domain/result';

export type { ComparisonResult, DeploymentInstance, DeploymentPin, DeploymentRole, DeploymentSummary, KvFlow, PoolPrice, RateStep, StrategyOutcome, StrategyTrace };
import type { InstanceCostModel } from '../types';
import type { GpuCalibrationUsed } from '../calibration';
import type { GpuPricing } from '../metrics';
import type { ModelFacts } from '../strategies/pipeline';
import type { EngineChoice } from '../engine-names';
import type { Slo, StrategyId, StrategyWorkload } from '../strategies/types';

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
