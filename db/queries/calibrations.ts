// Calibration records (migration 0004). Inserting a record makes it the active one for its GPU type and
// engine; older ones stay as versions. Revert deactivates the user's imports, so the shipped public record
// (if any) is active again, else none (the datasheet and default curves).
import type { Db } from '../index';

export type CalibrationOrigin = 'import' | 'shipped';

export interface SourceFile {
  name: string;
  sha256: string;
  points: number;
}

export interface CalibrationRecord {
  id: number;
  gpuTypeId: string;
  /** '' = any engine. */
  engine: string;
  origin: CalibrationOrigin;
  createdAt: string;
  createdBy: string;
  sourceFiles: SourceFile[];
  params: unknown;
  error: unknown;
  active: boolean;
}

export type NewCalibration = Omit<CalibrationRecord, 'id' | 'active'>;

interface Row {
  id: number; gpu_type_id: string; engine: string; origin: CalibrationOrigin; created_at: string; created_by: string;
  source_files_json: string; params_json: string; error_json: string; active: number;
}

const toRecord = (r: Row): CalibrationRecord => ({
  id: r.id, gpuTypeId: r.gpu_type_id, engine: r.engine, origin: r.origin, createdAt: r.created_at, createdBy: r.created_by,
  sourceFiles: JSON.parse(r.source_files_json) as SourceFile[], params: JSON.parse(r.params_json), error: JSON.parse(r.error_json),
  active: r.active === 1,
});

/** Stores a record and makes it the active one for its GPU type and engine; returns its id. */
export function insertCalibration(db: Db, c: NewCalibration): number {
  return db.transaction(() => {
    db.prepare('UPDATE calibrations SET active = 0 WHERE gpu_type_id = ? AND engine = ? AND active = 1').run(c.gpuTypeId, c.engine);
    const info = db.prepare(`INSERT INTO calibrations (gpu_type_id, engine, origin, created_at, created_by, source_files_json,
        params_json, error_json, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`)
      .run(c.gpuTypeId, c.engine, c.origin, c.createdAt, c.createdBy, JSON.stringify(c.sourceFiles), JSON.stringify(c.params), JSON.stringify(c.error));
    return Number(info.lastInsertRowid);
  })();
}

export function listCalibrations(db: Db, gpuTypeId?: string): CalibrationRecord[] {
  const rows = gpuTypeId === undefined
    ? db.prepare('SELECT * FROM calibrations ORDER BY gpu_type_id, engine, id').all()
    : db.prepare('SELECT * FROM calibrations WHERE gpu_type_id = ? ORDER BY engine, id').all(gpuTypeId);
  return (rows as Row[]).map(toRecord);
}

export function getCalibration(db: Db, id: number): CalibrationRecord | undefined {
  const r = db.prepare('SELECT * FROM calibrations WHERE id = ?').get(id) as Row | undefined;
  return r && toRecord(r);
}

export function activeCalibration(db: Db, gpuTypeId: string, engine: string): CalibrationRecord | undefined {
  const r = db.prepare('SELECT * FROM calibrations WHERE gpu_type_id = ? AND engine = ? AND active = 1').get(gpuTypeId, engine) as Row | undefined;
  return r && toRecord(r);
}

/** Makes an older version the active one again. */
export function activateCalibration(db: Db, id: number): boolean {
  return db.transaction(() => {
    const r = db.prepare('SELECT gpu_type_id, engine FROM calibrations WHERE id = ?').get(id) as { gpu_type_id: string; engine: string } | undefined;
    if (!r) return false;
    db.prepare('UPDATE calibrations SET active = 0 WHERE gpu_type_id = ? AND engine = ? AND active = 1').run(r.gpu_type_id, r.engine);
    db.prepare('UPDATE calibrations SET active = 1 WHERE id = ?').run(id);
    return true;
  })();
}

/** Back to the shipped calibration (the newest shipped record), or to none where nothing is shipped. */
export function revertToShipped(db: Db, gpuTypeId: string, engine: string): CalibrationRecord | undefined {
  return db.transaction(() => {
    db.prepare('UPDATE calibrations SET active = 0 WHERE gpu_type_id = ? AND engine = ? AND active = 1').run(gpuTypeId, engine);
    const shipped = db.prepare(`SELECT id FROM calibrations WHERE gpu_type_id = ? AND engine = ? AND origin = 'shipped'
      ORDER BY id DESC LIMIT 1`).pluck().get(gpuTypeId, engine) as number | undefined;
    if (shipped === undefined) return undefined;
    db.prepare('UPDATE calibrations SET active = 1 WHERE id = ?').run(shipped);
    return getCalibration(db, shipped);
  })();
}

/**
 * Replaces the shipped record of a GPU type and engine when its content changed (an update ships new public
 * numbers). It becomes active unless the user has an import active there.
 */
export function upsertShippedCalibration(db: Db, c: NewCalibration): void {
  db.transaction(() => {
    const current = db.prepare(`SELECT * FROM calibrations WHERE gpu_type_id = ? AND engine = ? AND origin = 'shipped'
      ORDER BY id DESC LIMIT 1`).get(c.gpuTypeId, c.engine) as Row | undefined;
    if (current && current.params_json === JSON.stringify(c.params) && current.source_files_json === JSON.stringify(c.sourceFiles)) return;
    const userActive = db.prepare(`SELECT COUNT(*) FROM calibrations WHERE gpu_type_id = ? AND engine = ? AND active = 1
      AND origin = 'import'`).pluck().get(c.gpuTypeId, c.engine) as number;
    if (current) db.prepare('DELETE FROM calibrations WHERE id = ?').run(current.id);
    db.prepare(`INSERT INTO calibrations (gpu_type_id, engine, origin, created_at, created_by, source_files_json,
        params_json, error_json, active) VALUES (?, ?, 'shipped', ?, ?, ?, ?, ?, ?)`)
      .run(c.gpuTypeId, c.engine, c.createdAt, c.createdBy, JSON.stringify(c.sourceFiles), JSON.stringify(c.params), JSON.stringify(c.error),
        userActive > 0 ? 0 : 1);
  })();
}
