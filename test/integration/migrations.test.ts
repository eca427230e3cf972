import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { checksum, latestSchemaVersion, openDatabase, schemaVersion, SchemaError } from '../../db';
import { migrations } from '../../db/migration-list';
import { tempDir } from '../helpers/tmp';

let cleanup = () => {};
afterEach(() => cleanup());

function freshFile() {
  const t = tempDir();
  cleanup = t.cleanup;
  return join(t.dir, 'test.sqlite');
}

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('0001 creates every table with foreign keys and WAL on', () => {
    const file = freshFile();
    const db = openDatabase(file, migrations.slice(0, 1));
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining([
      'app_settings', 'gpu_types', 'inventories', 'models', 'pools', 'results', 'runs', 'scenarios',
      'schema_migrations', 'workload_requests', 'workloads',
    ]));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // Deleting an inventory must take its pools with it.
    db.prepare("INSERT INTO gpu_types (id, vendor, name, memory_gb, hbm_bw_gbps, bf16_tflops, tdp_w, intra_node_bw_gbps) VALUES ('g', 'v', 'n', 80, 1000, 100, 300, 50)").run();
    db.prepare("INSERT INTO inventories (id, name, created_at, updated_at) VALUES (1, 'a', 'x', 'x')").run();
    db.prepare(`INSERT INTO pools (inventory_id, position, name, gpu_type_id, gpu_count, gpus_per_node, intra_node_link,
      intra_node_bw_gbps, inter_node_link, inter_node_bw_gbps, pricing_kind, usd_per_gpu_hour)
      VALUES (1, 0, 'p', 'g', 8, 8, 'nvlink', 450, 'roce', 50, 'hourly', 2)`).run();
    expect(() => db.prepare(`INSERT INTO pools (inventory_id, position, name, gpu_type_id, gpu_count, gpus_per_node,
      intra_node_link, intra_node_bw_gbps, inter_node_link, inter_node_bw_gbps, pricing_kind)
      VALUES (1, 1, 'p', 'missing-gpu', 8, 8, 'nvlink', 450, 'roce', 50, 'hourly')`).run()).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM inventories WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) FROM pools').pluck().get()).toBe(0);
    db.close();
  });

  it('records each applied migration with its checksum and applies nothing twice', () => {
    const file = freshFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    const rows = db.prepare('SELECT version, checksum FROM schema_migrations').all() as { version: number; checksum: string }[];
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, checksum: checksum(m.sql) })));
    expect(schemaVersion(db)).toBe(latestSchemaVersion());
    db.close();
  });

  it('refuses a database written by a newer schema, naming both versions', () => {
    const file = freshFile();
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations VALUES (999, '0999_future', 'x', 'now')").run();
    raw.close();
    expect(() => openDatabase(file)).toThrow(SchemaError);
    expect(() => openDatabase(file)).toThrow(/newer fleetplan \(schema 999; this version knows up to \d+\)/);
  });

  it('refuses a database whose applied migration was edited', () => {
    const file = freshFile();
    openDatabase(file).close();
    const edited = migrations.map((m) => (m.version === 1 ? { ...m, sql: m.sql + '\n-- edited' } : m));
    expect(() => openDatabase(file, edited)).toThrow(/differs from the one applied/);
  });

  it('rolls back a failing migration whole, leaving the database as it was', () => {
    const file = freshFile();
    openDatabase(file).close();
    const broken = [...migrations, { version: migrations.length + 1, name: 'broken', sql: 'CREATE TABLE ok_table (x INTEGER); THIS IS NOT SQL;' }];
    expect(() => openDatabase(file, broken)).toThrow();
    const db = new Database(file);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'ok_table'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(migrations.length);
    db.close();
  });
});

describe('app settings', () => {
  it('round-trip JSON values and fall back on unreadable ones', async () => {
    const { getSetting, setSetting } = await import('../../db/queries/settings');
    const file = freshFile();
    const db = openDatabase(file);
    expect(getSetting(db, 'recent_files', [] as string[])).toEqual([]);
    setSetting(db, 'recent_files', ['/a.yaml']);
    setSetting(db, 'recent_files', ['/b.yaml', '/a.yaml']);
    expect(getSetting(db, 'recent_files', [] as string[])).toEqual(['/b.yaml', '/a.yaml']);
    db.prepare("UPDATE app_settings SET value = '{not json' WHERE key = 'recent_files'").run();
    expect(getSetting(db, 'recent_files', ['fallback'])).toEqual(['fallback']);
    db.close();
  });
});
