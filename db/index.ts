// Opens fleetplan's SQLite file and brings its schema up to date. Migrations are the .sql files in
// db/migrations, applied in order inside one transaction; each applied file's checksum is recorded so an
// edited migration is caught instead of silently diverging from what users' databases hold.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
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

/** Opens (creating if needed) the database at `file` and applies pending migrations. */
export function openDatabase(file: string, list: readonly Migration[] = bundledMigrations): Db {
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

export function migrate(db: Db, list: readonly Migration[] = bundledMigrations): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    checksum: string;
  }[];
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
  const done = new Set(applied.map((r) => r.version));
  const pending = list.filter((m) => !done.has(m.version));
  if (pending.length === 0) return [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      record.run(m.version, m.name, checksum(m.sql), new Date().toISOString());
    }
  })();
  return pending.map((m) => m.version);
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}
