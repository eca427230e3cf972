// Plain data shapes that cross the renderer <-> main boundary. No runtime code here, so the renderer can
// import this file without pulling in zod or Node.
import type { ComparisonResult, DeploymentSummary, StrategyOutcome } from '../sim/search/types';
import type { RunAnswer } from '../reports/recommendation';
import type { StrategyMetrics } from '../sim/strategies/types';
import type { CalibrationParams, GpuCalibrationUsed } from '../sim/calibration';
import type { ErrorSummary, FitRow } from '../services/calibration/fit';

export type { CalibrationParams, ComparisonResult, DeploymentSummary, ErrorSummary, FitRow, GpuCalibrationUsed, StrategyMetrics, StrategyOutcome };

export type CalibrationState = 'measured' | 'public' | 'datasheet-only';

export interface GpuType {
  id: string;
  vendor: string;
  name: string;
  memoryGb: number;
  hbmBwGBps: number;
  bf16Tflops: number;
  fp8Tflops: number | null;
  int8Tops: number | null;
  /** Dense FP4 (NVFP4 / MXFP4) peak; absent or null where the hardware has none. */
  fp4Tflops?: number | null;
  /** Where the GPU's serving figures come from: our own runs, a shipped public calibration, or the datasheet alone. */
  calibration?: CalibrationState;
  tdpW: number;
  interconnect: string;
  intraNodeBwGBps: number;
  year: number | null;
  source: string;
  /** Median public on-demand price per GPU-hour, null where none is known. */
  defaultUsdPerGpuHour: number | null;
  builtin: boolean;
}

/** One calibration record of a GPU type (migration 0004) as the Calibrate screen lists it. */
export interface CalibrationView {
  id: number;
  gpuTypeId: string;
  /** '' = any engine. */
  engine: string;
  /** 'import': the user's files; 'shipped': a public calibration from assets/calibration/public. */
  origin: 'import' | 'shipped';
  createdAt: string;
  createdBy: string;
  sourceFiles: { name: string; sha256: string; points: number }[];
  /** The active record of its GPU type and engine. */
  active: boolean;
  /** The one Compare's runs apply to this GPU type now (services/calibration/active.ts). */
  usedByRuns: boolean;
  params: CalibrationParams | null;
  fitted: string[];
  /** |predicted / measured − 1| with the default curves (before) and the fitted ones (after). */
  before: { train: ErrorSummary; heldOut: ErrorSummary } | null;
  after: { train: ErrorSummary; heldOut: ErrorSummary } | null;
  /** Every compared figure: measured, predicted before and after, held out or fitted. */
  rows: FitRow[];
}

export interface ModelEntry {
  id: string; // Hugging Face id, e.g. meta-llama/Llama-3.1-8B
  name: string;
  builtin: boolean;
  /** The Hugging Face config.json facts fleetplan uses. */
  config: Record<string, unknown>;
}

export type LinkKind = 'nvlink' | 'pcie' | 'infinity-fabric' | 'hccs' | 'roce' | 'infiniband' | 'ethernet';

export type PoolPricing =
  | { kind: 'hourly'; usdPerGpuHour: number }
  | { kind: 'owned'; purchaseUsd: number; lifetimeYears: number; powerUsdPerKwh: number };

export interface Pool {
  name: string;
  gpuTypeId: string;
  gpuCount: number;
  gpusPerNode: number;
  intraNode: { link: LinkKind; bandwidthGBps: number };
  interNode: { link: LinkKind; bandwidthGBps: number };
  pricing: PoolPricing;
}

/** An inventory just imported from a file: a copy of one already here is imported too, and said. */
export interface ImportedInventory extends Inventory {
  duplicateOf: { id: number; name: string } | null;
  warning: string | null;
}

export interface InventorySummary {
  id: number;
  name: string;
  poolCount: number;
  gpuCount: number;
  updatedAt: string;
}

export interface Inventory {
  id: number;
  name: string;
  notes: string;
  pools: Pool[];
  createdAt: string;
  updatedAt: string;
}

export interface WorkloadSummary {
  id: number;
  name: string;
  sourceFormat: string;
  requestCount: number;
  durationS: number;
  meanInputTokens: number;
  meanOutputTokens: number;
  attribution: string | null;
  createdAt: string;
  /** Set for a closed-loop workload (no arrival rate: its durationS is 0); null for an open-loop trace. */
  closedLoop?: ClosedLoopInfo | null;
}

/**
 * How a closed-loop workload was made. Its stored requests are the length pairs in the order the users send
 * them, every arrival 0: the simulator issues the first `users` at once and the next one `thinkTimeS` after
 * each completion (fixed, or exponential with that mean).
 */
export interface ClosedLoopInfo {
  users: number;
  thinkTimeS: number;
  think: 'fixed' | 'exponential';
  requests: number;
  /** Where the lengths came from: another workload's pairs (named as it was then), fixed, or lognormal. */
  lengths:
    | { kind: 'workload'; workloadId: number; workloadName: string }
    | { kind: 'fixed'; input: number; output: number }
    | { kind: 'lognormal'; inputMedian: number; outputMedian: number; sigma: number };
  seed: number;
}

export interface DataLicence {
  file: string;
  title: string;
  licence: string;
  attribution: string;
  url: string;
}

export interface AppInfo {
  name: string;
  version: string;
  schemaVersion: number;
  dataDir: string;
  licences: DataLicence[];
}

/** A text file the user opened or is about to save; the renderer never sees paths. */
export interface TextFile {
  fileName: string;
  text: string;
}

export type TraceFormatId = 'azure-2023' | 'burstgpt' | 'mooncake' | 'splitwise' | 'vidur' | 'lengths' | 'custom';

/** The user's answer to "which column is what" for a CSV or JSONL file fleetplan does not recognise. */
export interface TraceMapping {
  /** null: the file has no arrival times (they are generated later). */
  arrival: { column: string; unit: 's' | 'ms' | 'datetime' } | null;
  input: string;
  output: string;
}

export interface TracePreview {
  kind: 'csv' | 'jsonl' | 'unknown';
  /** The recognised format, or null when the user must map columns. */
  format: TraceFormatId | null;
  columns: string[];
  sampleRows: string[][];
}


export interface LengthDistribution {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Log-spaced bins: counts[i] are lengths in [edges[i], edges[i+1]). */
  histogram: { edges: number[]; counts: number[] };
  /** 101 points: the length at each percentile 0..100. */
  cdf: { p: number; x: number }[];
}

export interface WorkloadStats {
  requests: number;
  durationS: number;
  meanRatePerS: number;
  totalInputTokens: number;
  totalOutputTokens: number;
  arrivals: { binS: number; counts: number[] };
  input: LengthDistribution;
  output: LengthDistribution;
}

/** Nearest-rank quantile: the smallest value with at least q of the data at or below it. */

/** A long-running task in the main process (an import, a comparison), polled by the renderer. */
export interface JobInfo {
  id: number;
  kind: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  message: string;
  /** The task's output once done (e.g. { workloadId } for an import, { runId } for a comparison). */
  result: Record<string, unknown> | null;
  error: { code: string; message: string; file?: string; line?: number; field?: string } | null;
}

export interface RunSummary {
  id: number;
  name: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  modelId: string;
  inventoryName: string;
  workloadName: string;
  strategies: string[];
  /** Strategies whose deployment was pinned rather than searched. */
  pinned: string[];
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  /** The recommendation in one line (reports/recommendation.ts runAnswer); null before a run is done or for runs stored before it was kept. */
  answer: RunAnswer | null;
}

/** A stored comparison: its inputs as a scenario file body, and the search's result when it finished. */
export interface RunDetail extends RunSummary {
  modelVersion: string;
  scenario: Record<string, unknown>;
  result: ComparisonResult | null;
}

/** Chart data for one strategy's chosen deployment (defined with the search's result, which stores it). */
export type { StrategyTrace } from '../sim/search/types';
