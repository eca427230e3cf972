// "Revert to the shipped calibration": one call, for the CLI and the app alike.
import type { Db } from '../../../db';
import { listCalibrations, revertToShipped, type CalibrationRecord } from '../../../db/queries/calibrations';
import { notFound } from '../../domain/errors';
import { getGpuType } from '../../../db/queries/catalog';

export function revertCalibration(db: Db, gpuTypeId: string, engine = ''): CalibrationRecord | undefined {
  if (!getGpuType(db, gpuTypeId)) throw notFound(`GPU type "${gpuTypeId}" does not exist.`);
  return revertToShipped(db, gpuTypeId, engine);
}

/**
 * Every engine's records of a GPU type back to shipped (the Calibrate screen's one click): an import for one
 * engine also applies to runs without an engine profile (active.ts), so reverting only the any-engine one
 * would leave it in force. Returns the shipped record now active, if any. In one transaction.
 */
export function revertAllCalibrations(db: Db, gpuTypeId: string): CalibrationRecord | undefined {
  if (!getGpuType(db, gpuTypeId)) throw notFound(`GPU type "${gpuTypeId}" does not exist.`);
  return db.transaction(() => {
    const engines = new Set(['', ...listCalibrations(db, gpuTypeId).filter((c) => c.active).map((c) => c.engine)]);
    let shipped: CalibrationRecord | undefined;
    for (const e of engines) shipped = revertToShipped(db, gpuTypeId, e) ?? shipped;
    return shipped;
  })();
}
