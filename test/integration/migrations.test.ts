import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

  it('0002 migrates a database at 0001 with data, keeps its rows and stores closed-loop specs', async () => {
    const { getWorkloadSummary, insertWorkload, listWorkloads } = await import('../../db/queries/workloads');
    const { readWorkloadColumns } = await import('../../main/services/workload-columns');
    const file = freshFile();
    const old = openDatabase(file, migrations.slice(0, 1));
    old.prepare(`INSERT INTO workloads (id, name, source_format, request_count, duration_s, mean_input_tokens, mean_output_tokens, created_at)
      VALUES (7, 'old trace', 'azure', 2, 1.5, 150, 25, 'then')`).run();
    const req = old.prepare('INSERT INTO workload_requests (workload_id, seq, arrival_s, input_tokens, output_tokens) VALUES (7, ?, ?, ?, ?)');
    req.run(0, 0, 100, 20);
    req.run(1, 1.5, 200, 30);
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(latestSchemaVersion());
    expect(getWorkloadSummary(db, 7)).toMatchObject({ name: 'old trace', requestCount: 2, durationS: 1.5, closedLoop: null });
    const cols = readWorkloadColumns(db, 7)!;
    expect([...cols.arrivalS]).toEqual([0, 1.5]);
    expect([...cols.inputTokens]).toEqual([100, 200]);
    expect(cols.closedLoop).toBeUndefined();

    const spec = { users: 8, thinkTimeS: 0.5, think: 'fixed' as const, requests: 3, lengths: { kind: 'fixed' as const, input: 10, output: 5 }, seed: 1 };
    const id = insertWorkload(db, { name: 'users', sourceFormat: 'synthetic', closedLoop: spec },
      { arrivalS: new Float64Array(3), inputTokens: Int32Array.of(10, 10, 10), outputTokens: Int32Array.of(5, 5, 5), prefixHashes: null }, 'now');
    expect(getWorkloadSummary(db, id)).toMatchObject({ requestCount: 3, durationS: 0, closedLoop: spec });
    expect(readWorkloadColumns(db, id)!.closedLoop).toEqual({ users: 8, thinkTimeS: 0.5, think: 'fixed' });
    expect(listWorkloads(db).map((w) => w.name)).toEqual(['old trace', 'users']);
    // The column only takes JSON.
    expect(() => db.prepare("UPDATE workloads SET closed_loop_json = '{oops' WHERE id = 7").run()).toThrow(/CHECK/);
    db.close();
  });

  it('0003 rebuilds workloads with AUTOINCREMENT, keeping rows, requests and the scenarios that point at them', () => {
    const file = freshFile();
    const old = openDatabase(file, migrations.slice(0, 2));
    old.prepare(`INSERT INTO workloads (id, name, source_format, request_count, created_at, status) VALUES (5, 'kept', 'azure', 2, 'then', 'ready'),
      (9, 'half', 'azure', 0, 'then', 'importing')`).run();
    const req = old.prepare('INSERT INTO workload_requests (workload_id, seq, arrival_s, input_tokens, output_tokens) VALUES (?, ?, 0, 10, 5)');
    req.run(5, 0);
    req.run(5, 1);
    req.run(9, 0);
    old.prepare("INSERT INTO scenarios (id, name, workload_id, created_at) VALUES (1, 's', 5, 'then')").run();
    old.close();

    const db = openDatabase(file, migrations.slice(0, 3));
    expect(schemaVersion(db)).toBe(3);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT id, name, status, import_pid FROM workloads ORDER BY id').all()).toEqual([
      { id: 5, name: 'kept', status: 'ready', import_pid: null },
      { id: 9, name: 'half', status: 'importing', import_pid: null },
    ]);
    expect(db.prepare('SELECT COUNT(*) FROM workload_requests').pluck().get()).toBe(3);
    // A new row continues past the highest id, even after that one is deleted.
    db.prepare('DELETE FROM workloads WHERE id = 9').run();
    const { lastInsertRowid } = db.prepare("INSERT INTO workloads (name, source_format, created_at) VALUES ('new', 'x', 'now')").run();
    expect(lastInsertRowid).toBe(10);
    // The foreign keys still act: requests go with their workload, scenarios let go of it.
    db.prepare('DELETE FROM workloads WHERE id = 5').run();
    expect(db.prepare('SELECT COUNT(*) FROM workload_requests').pluck().get()).toBe(0);
    expect(db.prepare('SELECT workload_id FROM scenarios').pluck().get()).toBeNull();
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

  it('leaves a newer fleetplan database and a foreign SQLite file byte for byte as they were (issue 14, finding 7)', () => {
    const file = freshFile();
    const dir = dirname(file);
    const snapshot = (f: string) => ({ bytes: readFileSync(f).toString('base64'), siblings: readdirSync(dir).sort() });
    // A newer fleetplan's file, in rollback-journal mode as a future version might leave it.
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma('journal_mode = DELETE');
    raw.prepare("INSERT INTO schema_migrations VALUES (999, '0999_future', 'x', 'now')").run();
    raw.close();
    const newer = snapshot(file);
    expect(() => openDatabase(file)).toThrow(/newer fleetplan/);
    expect(snapshot(file)).toEqual(newer);

    const foreign = join(dir, 'theirs.sqlite');
    const other = new Database(foreign);
    other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')");
    other.close();
    const before = snapshot(foreign);
    expect(() => openDatabase(foreign)).toThrow(/SQLite database that fleetplan did not write/);
    expect(snapshot(foreign)).toEqual(before);

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all, just some words that fill more than one hundred bytes of the header '.repeat(3));
    const textBefore = snapshot(text);
    expect(() => openDatabase(text)).toThrow(/is not a fleetplan database/);
    expect(snapshot(text)).toEqual(textBefore);
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
