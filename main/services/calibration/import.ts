// Import + fit + store, all or nothing: every file is read and every point resolved (GPU type, model, TP,
// engine) before anything is fitted, and the record is written in one statement at the end, so a refused
// file leaves the database as it was.
import { createHash } from 'node:crypto';
import type { Db } from '../../../db';
import { getGpuType, getModel, listModels } from '../../../db/queries/catalog';
import { getCalibration, insertCalibration, type CalibrationRecord, type SourceFile } from '../../../db/queries/calibrations';
import { AppError, invalid, notFound, shown, type ErrorLocation } from '../../domain/errors';
import { DEFAULT_EFFICIENCY } from '../../sim/efficiency';
import { modelFromConfig, type ModelSpec } from '../../sim/model';
import { fitCalibration, type FitResult, type HoldOut } from './fit';
import { MEASURE_PY_SHAPES } from './measure-table';
import { catalogModelId } from './model-alias';
import { calibrationEngineOf } from './active';
import type { MeasuredPoint } from './points';
import { readMeasurements, type MeasurementFormat } from './read';

export interface MeasurementFile {
  name: string;
  text: string;
  format?: MeasurementFormat;
}

export interface ImportOptions {
  gpuTypeId: string;
  /** Engine profile the calibration applies to ('' = any); by default the one the files name, else any. */
  engine?: string;
  /** For points whose file does not name the model (SGLang JSONL, some CSVs). */
  model?: string;
  /** For points whose file does not say (defaults to 1). */
  tp?: number;
  holdOut?: HoldOut;
  now: string;
  createdBy?: string;
}

export interface ImportResult {
  calibration: CalibrationRecord;
  fit: FitResult;
}

/**
 * The id a file's model stands for: a measure.py harness shape, a catalog model, or the catalog's base model of an
 * instruction-tuned or chat checkpoint (model-alias.ts); refused when none.
 */
export function modelIdFor(db: Db, id: string, where: ErrorLocation = {}): string {
  if (MEASURE_PY_SHAPES[id]) return id;
  const found = catalogModelId(id, (c) => getModel(db, c) !== undefined, () => listModels(db).map((m) => m.id));
  if (!found) throw new AppError('not_found', `Model ${shown(id, 120)} is not in the catalog; add its config.json first, or pass --model.`, where);
  return found;
}

/** A model the calibration can build: the catalog's (by Hugging Face id, aliases resolved) or a measure.py harness shape. */
export function modelResolver(db: Db): (id: string) => ModelSpec {
  const cache = new Map<string, ModelSpec>();
  return (id) => {
    let m = cache.get(id);
    if (!m) {
      const catalogId = modelIdFor(db, id);
      m = modelFromConfig(catalogId, MEASURE_PY_SHAPES[catalogId] ?? getModel(db, catalogId)!.config);
      cache.set(id, m);
    }
    return m;
  };
}

function engineOf(points: readonly MeasuredPoint[], wanted: string | undefined): string {
  // '' asks for the any-engine profile outright, whatever the files say.
  if (wanted === '') return '';
  const named = [...new Set(points.map((p) => p.engine).filter((e): e is string => !!e))];
  if (wanted !== undefined) {
    // A record may name an engine profile (vllm-v0) where the files name its engine (vllm).
    const other = points.find((p) => p.engine && p.engine !== calibrationEngineOf(wanted));
    if (other) throw invalid(`says engine "${other.engine}", not "${wanted}"`, { file: other.file, line: other.line, field: 'engine' });
    return wanted;
  }
  return named.length === 1 ? named[0] : '';
}

/** What the files hold, read whole (no database): the part of an import a worker thread can do (file-parsers.ts). */
export interface ReadMeasurements {
  sources: SourceFile[];
  points: MeasuredPoint[];
}

export function readMeasurementFiles(files: readonly MeasurementFile[]): ReadMeasurements {
  const sources: SourceFile[] = [];
  const points: MeasuredPoint[] = [];
  for (const f of files) {
    const read = readMeasurements(f.text, f.name, f.format);
    sources.push({ name: f.name, sha256: createHash('sha256').update(f.text).digest('hex'), points: read.length });
    points.push(...read);
  }
  return { sources, points };
}

/** `read`: the files already read (by readMeasurementFiles, in a worker); else they are read here. */
export function importCalibration(db: Db, files: readonly MeasurementFile[], opts: ImportOptions, read?: ReadMeasurements): ImportResult {
  const gpu = getGpuType(db, opts.gpuTypeId);
  if (!gpu) throw notFound(`GPU type "${opts.gpuTypeId}" does not exist.`);
  if (files.length === 0) throw invalid('no measurement files given', { field: 'files' });
  const { sources, points } = read ?? readMeasurementFiles(files);
  const resolve = modelResolver(db);
  for (const p of points) {
    const id = p.model ?? opts.model;
    if (!id) throw invalid('the file does not name the model; pass --model', { file: p.file, line: p.line, field: 'model' });
    // Points carry the catalog's id, so the record and its table name the model the runs will use.
    p.model = modelIdFor(db, id, { file: p.file, line: p.line, field: 'model' });
    resolve(p.model);
    p.tp = p.tp ?? opts.tp ?? 1;
  }
  const engine = engineOf(points, opts.engine);
  const fit = fitCalibration({ gpu, model: resolve, tp: opts.tp ?? 1 }, points, {
    base: DEFAULT_EFFICIENCY, holdOut: opts.holdOut ?? { kind: 'auto', fraction: 0.25 },
  });
  const id = insertCalibration(db, {
    gpuTypeId: gpu.id, engine, origin: 'import', createdAt: opts.now, createdBy: opts.createdBy ?? '', sourceFiles: sources,
    params: fit.params, error: { fitted: fit.fitted, before: fit.before, after: fit.after, rows: fit.rows },
  });
  return { calibration: getCalibration(db, id)!, fit };
}
