// A GPU type's calibration: the constants a fit sets, which one a run applied, and a stored record as the
// Calibrate screen lists it. Types only; main/sim/calibration.ts applies them, main/services/calibration fits them.

export interface CalibrationParams {
  /** Multiplies the compute-side efficiencies (GEMM and prefill-attention max, decode-attention compute). */
  computeScale: number;
  /** Multiplies the memory-side efficiencies (streaming-memory and decode-attention bandwidth max). */
  memoryScale: number;
  /** Host seconds per iteration (scheduler, input prep, sampling): replaces the default outright. */
  hostIterationS: number;
}

/**
 * Which calibration a run applied to one GPU type, as the run's input carries it and its stored result names
 * it (Compare's table, the CSV, the PDF). calibrationId null: no record, the datasheet and default curves.
 */
export interface GpuCalibrationUsed {
  gpuTypeId: string;
  calibrationId: number | null;
  /** 'import': the user's measurements; 'shipped': a public calibration; null: datasheet only. */
  origin: 'import' | 'shipped' | null;
  /** Engine the measurements came from ('' = any). */
  engine: string;
  /** Median |predicted / measured − 1| over the points the fit held out; null where there were none. */
  heldOutError: number | null;
  /** "calibration #3 (import, vllm, held-out error 4.1%)" or DATASHEET_ONLY. */
  label: string;
  params: CalibrationParams | null;
}

/** What a compared figure is: one iteration, a time per output token, a time to first token, or a throughput. */
export type CalibrationMetric = 'iteration' | 'tpot' | 'ttft' | 'throughput';

export interface FitRow {
  point: string;
  metric: CalibrationMetric;
  heldOut: boolean;
  measured: number;
  before: number;
  after: number;
}

export interface ErrorSummary {
  /** Points compared (a serving point gives a TPOT and, at light load, a TTFT). */
  n: number;
  /** Median of |predicted / measured − 1|. */
  median: number;
  /** Mean of |predicted / measured − 1|. */
  mean: number;
  worst: number;
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
