// Opens fleetplan's SQLite file and brings its schema up to date. Migrations are the .sql files in
// db/migrations, applied in order inside one transaction; each applied file's checksum is recorded so an
// edited migration is caught instead of silently diverging from what users' databases hold.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { migrations as bundledMigrations, type Migration } from './migration-list';

export type Db = Database.Database;

export class SchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaError';
  }
}

export function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

export function latestSchemaVersion(list: readonly Migration[] = bundledMigrations): number {
  return list.length === 0 ? 0 : list[list.length - 1].version;
}

/**
 * Opens (creating if needed) the database at `file` and applies pending migrations. An existing file is first
 * opened read-only and checked, so a newer fleetplan's database or someone else's SQLite file is refused
 * byte for byte as it was (no journal mode switched, no table created).
 */
export function openDatabase(file: string, list: readonly Migration[] = bundledMigrations): Db {
  if (existsSync(file) && statSync(file).size > 0) checkBeforeWriting(file, list);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // WAL makes NORMAL durable across application crashes; only a power loss can drop the last commit.
    db.pragma('synchronous = NORMAL');
    migrate(db, list);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

function checkBeforeWriting(file: string, list: readonly Migration[]): void {
  let ro: Db;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new SchemaError(`cannot open ${file}: ${(err as Error).message}`);
  }
  try {
    let tables: string[];
    try {
      tables = ro.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    } catch (err) {
      throw new SchemaError(`${file} is not a fleetplan database (${(err as Error).message}); open a different data folder.`);
    }
    if (tables.length === 0) return;
    if (!tables.includes('schema_migrations')) {
      throw new SchemaError(`${file} is an SQLite database that fleetplan did not write (no schema_migrations table); open a different data folder.`);
    }
    checkApplied(ro.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedMigration[], list);
  } finally {
    ro.close();
  }
}

function checkApplied(applied: readonly AppliedMigration[], list: readonly Migration[]): void {
  const known = new Map(list.map((m) => [m.version, m]));
  const newest = latestSchemaVersion(list);
  for (const row of applied) {
    if (row.version > newest) {
      throw new SchemaError(
        `This database was written by a newer fleetplan (schema ${row.version}; this version knows up to ${newest}). ` +
          'Update fleetplan, or open a different data folder.',
      );
    }
    const m = known.get(row.version);
    if (m && checksum(m.sql) !== row.checksum) {
      throw new SchemaError(`Migration ${row.version} (${row.name}) differs from the one applied to this database.`);
    }
  }
}

/**
 * Applies pending migrations in one IMMEDIATE transaction, reading what is applied inside it, so two processes
 * starting at once on a fresh folder apply each migration once. Foreign keys are off meanwhile (a migration may
 * rebuild a table that others reference) and checked whole before the commit.
 */
export function migrate(db: Db, list: readonly Migration[] = bundledMigrations): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const readApplied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
  const pendingNow = () => {
    const applied = readApplied.all() as AppliedMigration[];
    checkApplied(applied, list);
    const done = new Set(applied.map((r) => r.version));
    return list.filter((m) => !done.has(m.version));
  };
  if (pendingNow().length === 0) return [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    return db.transaction(() => {
      const pending = pendingNow();
      for (const m of pending) {
        db.exec(m.sql);
        record.run(m.version, m.name, checksum(m.sql), new Date().toISOString());
      }
      const broken = db.pragma('foreign_key_check') as { table: string }[];
      if (broken.length > 0) throw new SchemaError(`The migration left ${broken.length} rows of ${broken[0].table} pointing at nothing; nothing was changed.`);
      return pending.map((m) => m.version);
    }).immediate();
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}
