// The catalogs: GPU types (shipped from ../shared/data/hardware/gpus.csv, or the user's own) and models
// (Hugging Face ids and their config.json facts). Types only.

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

export interface ModelEntry {
  id: string; // Hugging Face id, e.g. meta-llama/Llama-3.1-8B
  name: string;
  builtin: boolean;
  /** The Hugging Face config.json facts fleetplan uses. */
  config: Record<string, unknown>;
}
