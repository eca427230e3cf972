// Which calibration a run applies to a GPU type: the active record for its engine, else the active one for
// any engine, else none (the datasheet and the H100-fitted default curves). Runs name what they used.
import type { Db } from '../../../db';
import { activeCalibration, type CalibrationOrigin } from '../../../db/queries/calibrations';
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

export function calibrationFor(db: Db, gpuTypeId: string, engine = ''): AppliedCalibration | null {
  const rec = activeCalibration(db, gpuTypeId, engine) ?? (engine ? activeCalibration(db, gpuTypeId, '') : undefined);
  if (!rec || !isCalibrationParams(rec.params)) return null;
  const held = (rec.error as { after?: { heldOut?: { median?: number; n?: number } } }).after?.heldOut;
  const heldOutError = held && held.n ? held.median ?? null : null;
  const err = heldOutError === null ? 'no held-out error' : `held-out error ${(heldOutError * 100).toFixed(1)}%`;
  return {
    id: rec.id, origin: rec.origin, engine: rec.engine, params: rec.params, heldOutError,
    label: `calibration #${rec.id} (${rec.origin}${rec.engine ? `, ${rec.engine}` : ''}, ${err})`,
  };
}
