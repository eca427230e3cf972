// "Revert to the shipped calibration": one call, for the CLI and the app alike.
import type { Db } from '../../../db';
import { revertToShipped, type CalibrationRecord } from '../../../db/queries/calibrations';
import { notFound } from '../../errors';
import { getGpuType } from '../../../db/queries/catalog';

export function revertCalibration(db: Db, gpuTypeId: string, engine = ''): CalibrationRecord | undefined {
  if (!getGpuType(db, gpuTypeId)) throw notFound(`GPU type "${gpuTypeId}" does not exist.`);
  return revertToShipped(db, gpuTypeId, engine);
}
