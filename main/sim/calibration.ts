// The few constants a per-GPU calibration sets, and how they change the efficiency curves. Everything else
// (curve shapes and knees, roofline exponent, link efficiency, per-sequence host time) keeps its default:
// a few dozen serving points cannot pin a dozen parameters, and the knees were fitted to kernel timings.
// Here in main/sim because every run applies them (search/provider.ts); main/services/calibration fits them.
import type { EfficiencyParams } from './efficiency';
import type { CalibrationParams, GpuCalibrationUsed } from '../domain/calibration';

export type { CalibrationParams, GpuCalibrationUsed };

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

/** What a result says of a GPU type no calibration covers. */
export const DATASHEET_ONLY = 'datasheet only';
