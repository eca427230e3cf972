// The public calibrations shipped in assets/calibration/public/: one CSV a GPU type (plain-csv.ts format, with
// source and licence per row) and calibrations.json, the fits of those files. The app does not fit at start:
// it seeds the stored fits (refreshShippedCalibrations), and test/unit/services/calibration/public.test.ts
// refits every CSV to prove calibrations.json is what the files give.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../../db';
import { upsertShippedCalibration, type SourceFile } from '../../../db/queries/calibrations';
import { gpuTypeIds } from '../../../db/queries/catalog';
import type { GpuType } from '../../domain';
import { DEFAULT_EFFICIENCY } from '../../sim/efficiency';
import type { ModelSpec } from '../../sim/model';
import { fitCalibration, type FitResult } from './fit';
import type { CalibrationParams } from './params';
import { readPlainCsv } from './plain-csv';

/** Which file calibrates which GPU type. */
export const PUBLIC_CALIBRATION_FILES: Record<string, string> = {
  'amd-mi300x': 'amd-mi300x.csv',
  'intel-gaudi2': 'intel-gaudi2.csv',
  'intel-gaudi3': 'intel-gaudi3.csv',
};

export const PUBLIC_HOLD_OUT = { kind: 'auto', fraction: 0.25 } as const;

export interface ShippedCalibration {
  gpuTypeId: string;
  engine: string;
  sourceFile: SourceFile;
  params: CalibrationParams;
  error: Pick<FitResult, 'fitted' | 'before' | 'after' | 'rows'>;
}

export function publicDir(assetsDir: string): string {
  return join(assetsDir, 'calibration', 'public');
}

/** Fits one shipped CSV (what calibrations.json must hold for it). */
export function fitPublicFile(assetsDir: string, gpu: GpuType, model: (id: string) => ModelSpec): ShippedCalibration {
  const name = PUBLIC_CALIBRATION_FILES[gpu.id];
  const text = readFileSync(join(publicDir(assetsDir), name), 'utf8');
  const points = readPlainCsv(text, name);
  const fit = fitCalibration({ gpu, model, tp: 1 }, points, { base: DEFAULT_EFFICIENCY, holdOut: PUBLIC_HOLD_OUT });
  return {
    gpuTypeId: gpu.id, engine: '',
    sourceFile: { name, sha256: createHash('sha256').update(text).digest('hex'), points: points.length },
    params: fit.params, error: { fitted: fit.fitted, before: fit.before, after: fit.after, rows: fit.rows },
  };
}

export function loadShippedCalibrations(assetsDir: string): ShippedCalibration[] {
  return JSON.parse(readFileSync(join(publicDir(assetsDir), 'calibrations.json'), 'utf8')) as ShippedCalibration[];
}

/** Seeds the shipped fits as records (origin 'shipped'); a GPU type missing from this database is skipped. */
export function refreshShippedCalibrations(db: Db, assetsDir: string, now: string): void {
  const known = gpuTypeIds(db);
  for (const c of loadShippedCalibrations(assetsDir)) {
    if (!known.has(c.gpuTypeId)) continue;
    upsertShippedCalibration(db, {
      gpuTypeId: c.gpuTypeId, engine: c.engine, origin: 'shipped', createdAt: now, createdBy: 'fleetplan (public data)',
      sourceFiles: [c.sourceFile], params: c.params, error: c.error,
    });
  }
}
