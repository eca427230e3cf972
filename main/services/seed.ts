// First-run data: the GPU and model catalogs (refreshed on every start, so an update ships new rows) and,
// once only, a sample mixed inventory and the four public traces as sample workloads.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db';
import { upsertGpuTypes, upsertModels } from '../../db/queries/catalog';
import { insertInventory } from '../../db/queries/inventories';
import { insertWorkload, removeUnfinishedWorkloads } from '../../db/queries/workloads';
import { failInterruptedRuns } from '../../db/queries/runs';
import type { ModelEntry, Pool } from '../domain';
import { DATABASE_FILE } from '../paths';
import { refreshShippedCalibrations } from './calibration/public';
import { parseGpuCatalog, parseGpuPrices } from './catalog';
import { DATA_LICENCES, SAMPLE_TRACES } from './licences';
import { ownerIsGone } from './import-owner';
import { readTrace } from './traces';
import { AppError } from '../domain/errors';

const SEEDED_KEY = 'samples_seeded_v1';

export function loadGpuCatalog(assetsDir: string) {
  const prices = parseGpuPrices(readFileSync(join(assetsDir, 'hardware', 'gpu_prices.csv'), 'utf8'));
  return parseGpuCatalog(readFileSync(join(assetsDir, 'hardware', 'gpus.csv'), 'utf8'), prices);
}

export function loadModelCatalog(assetsDir: string): ModelEntry[] {
  const raw = JSON.parse(readFileSync(join(assetsDir, 'models', 'catalog.json'), 'utf8')) as {
    id: string; name: string; config: Record<string, unknown>;
  }[];
  return raw.map((m) => ({ id: m.id, name: m.name, config: m.config, builtin: true }));
}

export const SAMPLE_INVENTORY_NAME = 'Sample mixed fleet';

/** Four pools of four vendors' generations, priced at the catalog's median on-demand rates. */
export function samplePools(): Pool[] {
  return [
    { name: 'H100 node', gpuTypeId: 'nvidia-h100-sxm', gpuCount: 8, gpusPerNode: 8,
      intraNode: { link: 'nvlink', bandwidthGBps: 450 }, interNode: { link: 'infiniband', bandwidthGBps: 50 },
      pricing: { kind: 'hourly', usdPerGpuHour: 3.78 } },
    { name: 'A100 node', gpuTypeId: 'nvidia-a100-80gb-sxm', gpuCount: 8, gpusPerNode: 8,
      intraNode: { link: 'nvlink', bandwidthGBps: 300 }, interNode: { link: 'infiniband', bandwidthGBps: 25 },
      pricing: { kind: 'hourly', usdPerGpuHour: 2.5 } },
    { name: 'L40S node', gpuTypeId: 'nvidia-l40s', gpuCount: 8, gpusPerNode: 8,
      intraNode: { link: 'pcie', bandwidthGBps: 32 }, interNode: { link: 'roce', bandwidthGBps: 12.5 },
      pricing: { kind: 'hourly', usdPerGpuHour: 1.84 } },
    { name: 'MI300X node', gpuTypeId: 'amd-mi300x', gpuCount: 8, gpusPerNode: 8,
      intraNode: { link: 'infinity-fabric', bandwidthGBps: 448 }, interNode: { link: 'roce', bandwidthGBps: 50 },
      pricing: { kind: 'owned', purchaseUsd: 15000, lifetimeYears: 4, powerUsdPerKwh: 0.12 } },
  ];
}

export function refreshCatalogs(db: Db, assetsDir: string, now: string): void {
  upsertGpuTypes(db, loadGpuCatalog(assetsDir));
  upsertModels(db, loadModelCatalog(assetsDir), now);
  refreshShippedCalibrations(db, assetsDir, now);
}

/** Adds the samples the first time only; deleting them later sticks. */
export function seedSamplesOnce(db: Db, assetsDir: string, now: string): boolean {
  const seeded = db.prepare('SELECT 1 FROM app_settings WHERE key = ?');
  if (seeded.get(SEEDED_KEY)) return false;
  const traces = SAMPLE_TRACES.map((t) => ({
    ...t,
    columns: readTrace(readFileSync(join(assetsDir, 'traces', t.file), 'utf8'), t.file),
  }));
  // Two processes starting on one fresh folder both get here: the one that takes the write lock second sees
  // the first one's mark and adds nothing.
  return db.transaction(() => {
    if (seeded.get(SEEDED_KEY)) return false;
    insertInventory(db, SAMPLE_INVENTORY_NAME, samplePools(), now, 'Shipped with fleetplan: one node each of four GPU kinds.');
    for (const t of traces) {
      const lic = DATA_LICENCES[t.licence];
      insertWorkload(
        db,
        { name: t.name, sourceFormat: t.columns.format, sourceName: t.file, attribution: lic.attribution, licence: lic.licence, builtin: true },
        t.columns,
        now,
      );
    }
    db.prepare('INSERT INTO app_settings (key, value) VALUES (?, ?)').run(SEEDED_KEY, now);
    return true;
  }).immediate();
}

/** SQLite's "database or disk is full" (a full disk, a quota, or a max_page_count limit). */
export function isDiskFull(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'SQLITE_FULL';
}

/**
 * The writes each start makes: catalogs refreshed, orphaned imports and runs of gone processes cleared,
 * samples added once. None of them is needed to use the data already there, so a full disk skips them (the
 * next start with space does them) instead of refusing to start; what was skipped is returned.
 */
export function prepareAppDatabase(db: Db, assetsDir: string, now: string): string[] {
  const skipped: string[] = [];
  const step = (what: string, write: () => unknown) => {
    try {
      write();
    } catch (err) {
      if (!isDiskFull(err)) throw err;
      skipped.push(what);
    }
  };
  step('refresh the GPU and model catalogs', () => refreshCatalogs(db, assetsDir, now));
  step('remove unfinished imports', () => removeUnfinishedWorkloads(db, (owner, heartbeatMs) => ownerIsGone(owner, heartbeatMs, Date.now())));
  // A run has no heartbeat: on another host its owner counts as present until it ends the run itself.
  step('mark interrupted runs failed', () => failInterruptedRuns(db, now, (owner) => ownerIsGone(owner, Date.now(), Date.now())));
  // The samples' pools name catalog GPUs, which a skipped refresh may not have stored yet.
  if (skipped.length > 0) skipped.push('add the sample inventory and workloads');
  else step('add the sample inventory and workloads', () => seedSamplesOnce(db, assetsDir, now));
  return skipped;
}

/**
 * Opens the app's database in `dataDir`, creating the folder, and brings catalogs and samples up to date;
 * start-up chores a full disk refuses are skipped, with a line on stderr naming the folder.
 */
export function openAppDatabase(dataDir: string, assetsDir: string, clock: () => Date = () => new Date()): Db {
  mkdirSync(dataDir, { recursive: true });
  let db: Db;
  try {
    db = openDatabase(join(dataDir, DATABASE_FILE));
  } catch (err) {
    if (isDiskFull(err)) throw new AppError('conflict', `The disk holding ${dataDir} is full: fleetplan needs a few MB free there to update its database. Free some space and start again.`);
    throw err;
  }
  try {
    const skipped = prepareAppDatabase(db, assetsDir, clock().toISOString());
    if (skipped.length > 0) process.stderr.write(`fleetplan: the disk holding ${dataDir} is full; skipped at start-up: ${skipped.join(', ')}\n`);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
