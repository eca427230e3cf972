// Which calibration a run applies to a GPU type: the active record for its engine profile or its engine, else
// the GPU type's selected one (below), else none (the datasheet and the H100-fitted default curves). A run with no engine profile
// (Compare's default scheduler) takes the user's newest active import of any engine before a shipped record:
// measurements of this very GPU beat public ones. Runs name what they used.
import type { Db } from '../../../db';
import { activeCalibration, listCalibrations, type CalibrationOrigin, type CalibrationRecord } from '../../../db/queries/calibrations';
import type { GpuType } from '../../domain';
import { DATASHEET_ONLY, type GpuCalibrationUsed } from '../../sim/calibration';
import { isCalibrationParams, type CalibrationParams } from './params';

export interface AppliedCalibration {
  id: number;
  origin: CalibrationOrigin;
  engine: string;
  params: CalibrationParams;
  /** Median |predicted / measured − 1| over the held-out points, after the fit. */
  heldOutError: number | null;
  /** e.g. "calibration #3 (import, vllm, held-out error 4.1%)": what a result, CSV or PDF names. */
  label: string;
}

/** The held-out error after the fit, as stored in a record's error_json; null when nothing was held out. */
export function heldOutErrorOf(rec: Pick<CalibrationRecord, 'error'>, when: 'before' | 'after' = 'after'): number | null {
  const held = (rec.error as Record<string, { heldOut?: { median?: number; n?: number } } | undefined>)[when]?.heldOut;
  return held && held.n ? held.median ?? null : null;
}

function applied(rec: CalibrationRecord | undefined): AppliedCalibration | null {
  if (!rec || !isCalibrationParams(rec.params)) return null;
  const heldOutError = heldOutErrorOf(rec);
  const err = heldOutError === null ? 'no held-out error' : `held-out error ${(heldOutError * 100).toFixed(1)}%`;
  return {
    id: rec.id, origin: rec.origin, engine: rec.engine, params: rec.params, heldOutError,
    label: `calibration #${rec.id} (${rec.origin}${rec.engine ? `, ${rec.engine}` : ''}, ${err})`,
  };
}

/**
 * The engine name calibrations are stored under (the benchmark clients' backend names, points.ts
 * engineOfBackend) for a serving-engine profile of main/sim/engines.ts; '' for none (the default scheduler).
 */
export function calibrationEngineOf(profile: string | undefined): string {
  if (!profile || profile === 'default') return '';
  if (profile.startsWith('vllm')) return 'vllm';
  return profile === 'trtllm' ? 'tensorrt-llm' : profile;
}

/**
 * The record a run applies to a GPU type under `engine`: a serving-engine profile (vllm-v0, sglang, ...), an
 * engine's name as records store it (vllm, tensorrt-llm) or ''/'default' for none. A record made for that
 * very profile first, then one for its engine (vllm for vllm-v0 and vllm-v1), else the GPU type's selected
 * record (as a run with no engine takes it).
 */
export function calibrationFor(db: Db, gpuTypeId: string, engine = ''): AppliedCalibration | null {
  const profile = engine === 'default' ? '' : engine;
  for (const e of new Set([profile, calibrationEngineOf(profile)])) {
    const rec = e ? activeCalibration(db, gpuTypeId, e) : undefined;
    if (rec) return applied(rec);
  }
  const active = listCalibrations(db, gpuTypeId).filter((c) => c.active);
  const newestImport = active.filter((c) => c.origin === 'import').sort((a, b) => b.id - a.id)[0];
  return applied(newestImport ?? activeCalibration(db, gpuTypeId, ''));
}

/** What a run carries per GPU type (CompareInput.calibrations), "datasheet only" where nothing applies. */
export function calibrationsUsed(db: Db, gpuTypeIds: readonly string[], engine = ''): GpuCalibrationUsed[] {
  return [...new Set(gpuTypeIds)].map((gpuTypeId) => {
    const c = calibrationFor(db, gpuTypeId, engine);
    return c
      ? { gpuTypeId, calibrationId: c.id, origin: c.origin, engine: c.engine, heldOutError: c.heldOutError, label: c.label, params: c.params }
      : { gpuTypeId, calibrationId: null, origin: null, engine: '', heldOutError: null, label: DATASHEET_ONLY, params: null };
  });
}

/**
 * The catalog's "where the figures come from" with the user's imports folded in: a GPU type with an active
 * import of the user's is 'measured' (runs apply it), whatever the shipped column says.
 */
export function withCalibrationState(db: Db, gpus: readonly GpuType[]): GpuType[] {
  const imported = new Set(listCalibrations(db).filter((c) => c.active && c.origin === 'import').map((c) => c.gpuTypeId));
  return gpus.map((g) => (imported.has(g.id) ? { ...g, calibration: 'measured' } : g));
}
