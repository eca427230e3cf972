// GPU types and models. Builtin rows come from assets/ and are refreshed on every start; users' own rows
// (builtin = 0) are never overwritten by a refresh.
import type { Db } from '../index';
import type { CalibrationState, GpuType, ModelEntry } from '../../main/domain';

interface GpuRow {
  id: string; vendor: string; name: string; memory_gb: number; hbm_bw_gbps: number; bf16_tflops: number;
  fp8_tflops: number | null; int8_tops: number | null; tdp_w: number; interconnect: string;
  intra_node_bw_gbps: number; year: number | null; source: string; default_usd_per_gpu_hour: number | null;
  builtin: number; fp4_tflops: number | null; calibration: CalibrationState;
}

const toGpu = (r: GpuRow): GpuType => ({
  id: r.id, vendor: r.vendor, name: r.name, memoryGb: r.memory_gb, hbmBwGBps: r.hbm_bw_gbps,
  bf16Tflops: r.bf16_tflops, fp8Tflops: r.fp8_tflops, int8Tops: r.int8_tops, tdpW: r.tdp_w,
  interconnect: r.interconnect, intraNodeBwGBps: r.intra_node_bw_gbps, year: r.year, source: r.source,
  defaultUsdPerGpuHour: r.default_usd_per_gpu_hour, builtin: r.builtin === 1, fp4Tflops: r.fp4_tflops,
  calibration: r.calibration,
});

export function upsertGpuTypes(db: Db, gpus: readonly GpuType[]): void {
  const stmt = db.prepare(`INSERT INTO gpu_types (id, vendor, name, memory_gb, hbm_bw_gbps, bf16_tflops, fp8_tflops,
      int8_tops, tdp_w, interconnect, intra_node_bw_gbps, year, source, default_usd_per_gpu_hour, builtin, fp4_tflops,
      calibration)
    VALUES (@id, @vendor, @name, @memoryGb, @hbmBwGBps, @bf16Tflops, @fp8Tflops, @int8Tops, @tdpW, @interconnect,
      @intraNodeBwGBps, @year, @source, @defaultUsdPerGpuHour, @builtin, @fp4Tflops, @calibration)
    ON CONFLICT (id) DO UPDATE SET vendor = excluded.vendor, name = excluded.name, memory_gb = excluded.memory_gb,
      hbm_bw_gbps = excluded.hbm_bw_gbps, bf16_tflops = excluded.bf16_tflops, fp8_tflops = excluded.fp8_tflops,
      int8_tops = excluded.int8_tops, tdp_w = excluded.tdp_w, interconnect = excluded.interconnect,
      intra_node_bw_gbps = excluded.intra_node_bw_gbps, year = excluded.year, source = excluded.source,
      default_usd_per_gpu_hour = excluded.default_usd_per_gpu_hour, fp4_tflops = excluded.fp4_tflops,
      calibration = excluded.calibration
    WHERE gpu_types.builtin = 1`);
  db.transaction(() => {
    for (const g of gpus) {
      stmt.run({ ...g, builtin: g.builtin ? 1 : 0, fp4Tflops: g.fp4Tflops ?? null, calibration: g.calibration ?? 'datasheet-only' });
    }
  })();
}

/** Names as a planner reads a list: case aside and numbers by value ("A10" before "A100", "H20" before "H200"). */
const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;

/** Every GPU type, by vendor and then by name (the dropdowns and the catalog list them in this order). */
export function listGpuTypes(db: Db): GpuType[] {
  return (db.prepare('SELECT * FROM gpu_types').all() as GpuRow[]).map(toGpu)
    .sort((a, b) => byName(a.vendor, b.vendor) || byName(a.name, b.name) || byName(a.id, b.id));
}

export function getGpuType(db: Db, id: string): GpuType | undefined {
  const row = db.prepare('SELECT * FROM gpu_types WHERE id = ?').get(id) as GpuRow | undefined;
  return row && toGpu(row);
}

export function gpuTypeIds(db: Db): Set<string> {
  return new Set((db.prepare('SELECT id FROM gpu_types').pluck().all() as string[]));
}

interface ModelRow { id: string; name: string; config_json: string; builtin: number }

export function upsertModels(db: Db, models: readonly ModelEntry[], now: string): void {
  const stmt = db.prepare(`INSERT INTO models (id, name, config_json, builtin, created_at)
    VALUES (@id, @name, @config_json, @builtin, @now)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, config_json = excluded.config_json
    WHERE models.builtin = 1`);
  db.transaction(() => {
    for (const m of models) {
      stmt.run({ id: m.id, name: m.name, config_json: JSON.stringify(m.config), builtin: m.builtin ? 1 : 0, now });
    }
  })();
}

export function listModels(db: Db): ModelEntry[] {
  // By name, not id: ids start with the organisation, and "Qwen/…" sorted before "meta-llama/…".
  return (db.prepare('SELECT id, name, config_json, builtin FROM models').all() as ModelRow[]).map((r) => ({
    id: r.id, name: r.name, builtin: r.builtin === 1, config: JSON.parse(r.config_json) as Record<string, unknown>,
  })).sort((a, b) => byName(a.name, b.name) || byName(a.id, b.id));
}

export function insertCustomGpuType(db: Db, g: GpuType): void {
  db.prepare(`INSERT INTO gpu_types (id, vendor, name, memory_gb, hbm_bw_gbps, bf16_tflops, fp8_tflops, int8_tops, tdp_w,
      interconnect, intra_node_bw_gbps, year, source, default_usd_per_gpu_hour, builtin, fp4_tflops)
    VALUES (@id, @vendor, @name, @memoryGb, @hbmBwGBps, @bf16Tflops, @fp8Tflops, @int8Tops, @tdpW, @interconnect,
      @intraNodeBwGBps, @year, @source, @defaultUsdPerGpuHour, 0, @fp4Tflops)`).run({ ...g, fp4Tflops: g.fp4Tflops ?? null });
}

/** How many pools use a GPU type (a type in use cannot be deleted). */
export function poolsUsingGpuType(db: Db, id: string): number {
  return db.prepare('SELECT COUNT(*) FROM pools WHERE gpu_type_id = ?').pluck().get(id) as number;
}

export function deleteCustomGpuType(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM gpu_types WHERE id = ? AND builtin = 0').run(id).changes === 1;
}

export function getModel(db: Db, id: string): ModelEntry | undefined {
  const r = db.prepare('SELECT id, name, config_json, builtin FROM models WHERE id = ?').get(id) as ModelRow | undefined;
  return r && { id: r.id, name: r.name, builtin: r.builtin === 1, config: JSON.parse(r.config_json) as Record<string, unknown> };
}

export function deleteCustomModel(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM models WHERE id = ? AND builtin = 0').run(id).changes === 1;
}

/** Edits a user's own GPU type in place; shipped rows are never edited (returns false for them). */
export function updateCustomGpuType(db: Db, g: GpuType): boolean {
  return db.prepare(`UPDATE gpu_types SET vendor = @vendor, name = @name, memory_gb = @memoryGb, hbm_bw_gbps = @hbmBwGBps,
      bf16_tflops = @bf16Tflops, fp8_tflops = @fp8Tflops, int8_tops = @int8Tops, fp4_tflops = @fp4Tflops, tdp_w = @tdpW,
      interconnect = @interconnect, intra_node_bw_gbps = @intraNodeBwGBps, year = @year, source = @source,
      default_usd_per_gpu_hour = @defaultUsdPerGpuHour
    WHERE id = @id AND builtin = 0`).run({ ...g, fp4Tflops: g.fp4Tflops ?? null }).changes === 1;
}
