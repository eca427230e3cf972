// The CLI's --gpu and --model arguments: a catalog id (the shipped catalogs) or a JSON file of one's own.
import { basename, join } from 'node:path';
import { invalid } from '../domain/errors';
import type { GpuType } from '../domain';
import { assetsDir, resolveDataDir } from '../paths';
import { calibrationsUsed } from '../services/calibration/active';
import { parseGpuCatalog, parseGpuPrices } from '../services/catalog';
import { openAppDatabase } from '../services/seed';
import type { GpuCalibrationUsed } from '../sim/calibration';
import type { CliIo } from './io';

/**
 * The selected calibration of each GPU type in the data folder's database (--data-dir, else the app's): what
 * the app's runs apply, so `compare` and `simulate` give the app's figures. `engine`: a serving-engine profile.
 */
export function storedCalibrations(gpuTypeIds: readonly string[], dataDirFlag: string | undefined, engine?: string): GpuCalibrationUsed[] {
  const dataDir = resolveDataDir({ dataDirFlag, env: process.env, platform: process.platform, home: process.env.HOME ?? '.' });
  const db = openAppDatabase(dataDir, assetsDir());
  try {
    return calibrationsUsed(db, gpuTypeIds, engine);
  } finally {
    db.close();
  }
}

export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw invalid(`not valid JSON: ${(e as Error).message}`, { file });
  }
}

/** A flag's JSON value: inline (starts with { or [) or a file's text; the error names the flag and the file. */
export async function readJsonArg(arg: string, flag: string, io: CliIo): Promise<{ data: unknown; file: string | undefined }> {
  const inline = /^\s*[[{]/.test(arg);
  const file = inline ? undefined : basename(arg);
  try {
    return { data: JSON.parse(inline ? arg : await io.readFile(arg)), file };
  } catch (e) {
    throw invalid(`not valid JSON: ${(e as Error).message}`, { field: flag, file });
  }
}

export async function loadGpu(arg: string, io: CliIo): Promise<GpuType> {
  if (arg.endsWith('.json')) {
    const g = parseJson(await io.readFile(arg), arg) as Partial<GpuType>;
    for (const f of ['id', 'memoryGb', 'hbmBwGBps', 'bf16Tflops', 'tdpW'] as const) {
      if (g[f] === undefined) throw invalid('is required in a GPU spec file', { file: arg, field: f });
    }
    return { vendor: 'custom', name: String(g.id), fp8Tflops: null, int8Tops: null, interconnect: 'PCIe Gen4 x16', intraNodeBwGBps: 32, year: null, source: arg, defaultUsdPerGpuHour: null, builtin: false, ...g } as GpuType;
  }
  const dir = assetsDir();
  const prices = parseGpuPrices(await io.readFile(join(dir, 'hardware', 'gpu_prices.csv')));
  const all = parseGpuCatalog(await io.readFile(join(dir, 'hardware', 'gpus.csv')), prices);
  const g = all.find((x) => x.id === arg);
  if (!g) throw invalid(`unknown GPU "${arg}"; known: ${all.map((x) => x.id).join(', ')}`, { field: '--gpu' });
  return g;
}

export async function loadModel(arg: string, io: CliIo): Promise<{ id: string; config: Record<string, unknown>; source: string }> {
  if (arg.endsWith('.json')) return { id: arg, config: parseJson(await io.readFile(arg), arg) as Record<string, unknown>, source: arg };
  const file = join(assetsDir(), 'models', 'catalog.json');
  const cat = parseJson(await io.readFile(file), file) as { id: string; config: Record<string, unknown> }[];
  const m = cat.find((x) => x.id === arg);
  if (!m) throw invalid(`unknown model "${arg}"; give a catalog id or a config.json file`, { field: '--model' });
  return { id: m.id, config: m.config, source: m.id };
}
