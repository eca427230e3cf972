// The few constants a per-GPU calibration sets, and how they change the efficiency curves. Everything else
// (curve shapes and knees, roofline exponent, link efficiency, per-sequence host time) keeps its default:
// a few dozen serving points cannot pin a dozen parameters, and the knees were fitted to kernel timings.
// Here in main/sim because every run applies them (search/provider.ts); main/services/calibration fits them.
import type { EfficiencyParams } from './efficiency';

export interface CalibrationParams {
  /** Multiplies the compute-side efficiencies (GEMM and prefill-attention max, decode-attention compute). */
  computeScale: number;
  /** Multiplies the memory-side efficiencies (streaming-memory and decode-attention bandwidth max). */
  memoryScale: number;
  /** Host seconds per iteration (scheduler, input prep, sampling): replaces the default outright. */
  hostIterationS: number;
}

// No kernel beats its datasheet rate: a scaled efficiency stops just below 1.
const MAX_EFFICIENCY = 0.98;
const scaled = (x: number, s: number) => Math.min(MAX_EFFICIENCY, x * s);

export function identityCalibration(base: EfficiencyParams): CalibrationParams {
  return { computeScale: 1, memoryScale: 1, hostIterationS: base.hostIterationS };
}

export function applyCalibration(base: EfficiencyParams, p: CalibrationParams): EfficiencyParams {
  return {
    ...base,
    gemm: { ...base.gemm, max: scaled(base.gemm.max, p.computeScale) },
    attnPrefill: { ...base.attnPrefill, max: scaled(base.attnPrefill.max, p.computeScale) },
    attnDecodeCompute: scaled(base.attnDecodeCompute, p.computeScale),
    memory: { ...base.memory, max: scaled(base.memory.max, p.memoryScale) },
    attnDecode: { ...base.attnDecode, max: scaled(base.attnDecode.max, p.memoryScale) },
    hostIterationS: p.hostIterationS,
  };
}

export function isCalibrationParams(v: unknown): v is CalibrationParams {
  const p = v as CalibrationParams;
  return !!p && [p.computeScale, p.memoryScale, p.hostIterationS].every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0)
    && p.computeScale > 0 && p.memoryScale > 0;
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

/** What a result says of a GPU type no calibration covers. */
export const DATASHEET_ONLY = 'datasheet only';
