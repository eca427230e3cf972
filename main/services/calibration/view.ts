// Calibration records as the Calibrate screen reads them: who, when, from which files, the fitted constants,
// the before/after error and the predicted-vs-measured rows, and whether Compare's runs apply it now.
import type { Db } from '../../../db';
import { getCalibration, listCalibrations, type CalibrationRecord } from '../../../db/queries/calibrations';
import type { CalibrationView } from '../../domain';
import { calibrationFor } from './active';
import type { FitResult } from './fit';
import { isCalibrationParams } from './params';

type StoredError = Partial<Pick<FitResult, 'fitted' | 'before' | 'after' | 'rows'>>;

export function calibrationView(rec: CalibrationRecord, appliedId: number | null): CalibrationView {
  const e = (rec.error ?? {}) as StoredError;
  return {
    id: rec.id, gpuTypeId: rec.gpuTypeId, engine: rec.engine, origin: rec.origin, createdAt: rec.createdAt, createdBy: rec.createdBy,
    sourceFiles: rec.sourceFiles, active: rec.active, usedByRuns: rec.id === appliedId,
    params: isCalibrationParams(rec.params) ? rec.params : null,
    fitted: e.fitted ?? [], before: e.before ?? null, after: e.after ?? null, rows: e.rows ?? [],
  };
}

/** A GPU type's records, newest first (every GPU type's when none is named). */
export function calibrationViews(db: Db, gpuTypeId?: string): CalibrationView[] {
  const records = listCalibrations(db, gpuTypeId).sort((a, b) => b.id - a.id);
  const applied = new Map<string, number | null>();
  for (const r of records) if (!applied.has(r.gpuTypeId)) applied.set(r.gpuTypeId, calibrationFor(db, r.gpuTypeId)?.id ?? null);
  return records.map((r) => calibrationView(r, applied.get(r.gpuTypeId) ?? null));
}

export function calibrationViewById(db: Db, id: number): CalibrationView | undefined {
  const rec = getCalibration(db, id);
  return rec && calibrationView(rec, calibrationFor(db, rec.gpuTypeId)?.id ?? null);
}
