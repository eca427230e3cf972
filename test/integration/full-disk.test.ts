// Issue 14, finding 5: a full disk, simulated with SQLite's max_page_count (the database cannot grow past it,
// and SQLite answers SQLITE_FULL exactly as for a full disk). Start-up must still open the data folder, and a
// failed import must say which folder is full and how much space it needs, keeping nothing.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db';
import { assetsDir } from '../../main/paths';
import { openAppDatabase, prepareAppDatabase } from '../../main/services/seed';
import { readTrace } from '../../main/services/traces';
import { writeWorkload } from '../../main/services/workload-import';
import { tempDir } from '../helpers/tmp';

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

function folder() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

const fill = (db: Db, extraPages: number) => db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + extraPages}`);

describe('a full disk', () => {
  it('an import that runs out of space names the folder and the space it needs, and keeps nothing', async () => {
    const dir = folder();
    const db = openAppDatabase(dir, assetsDir());
    cleanups.unshift(() => db.close());
    const before = db.prepare('SELECT COUNT(*) FROM workload_requests').pluck().get();
    const lines = Array.from({ length: 200_000 }, (_, i) => `{"timestamp": ${i}, "input_length": ${100 + (i % 900)}, "output_length": ${1 + (i % 300)}}`);
    const trace = readTrace(lines.join('\n'), 'big.jsonl');
    fill(db, 400); // 1.6 MB at 4 KiB pages: room for part of the 200,000 rows
    const err = await writeWorkload(db, trace, { name: 'big', sourceName: 'big.jsonl' }, { now: 'now', chunkRows: 20_000 }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(new RegExp(`^The disk holding ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is full: this import needs about \\d+ MB more free space there\\. Nothing was kept`));
    const mb = Number(/about (\d+) MB/.exec((err as Error).message)![1]);
    // 200,000 rows take ~5.6 MB (28 bytes a row); fewer than all were written, so more than a MB is still needed.
    expect(mb).toBeGreaterThan(1);
    expect(mb).toBeLessThan(20);
    expect(db.prepare("SELECT COUNT(*) FROM workloads WHERE name = 'big'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM workload_requests').pluck().get()).toBe(before);
  });

  it('start-up on a full database skips its chores instead of refusing to start', () => {
    const dir = folder();
    // A migrated database that was never seeded, with an import left by a process that is gone.
    const db = openDatabase(join(dir, 'fleetplan.sqlite'));
    cleanups.unshift(() => db.close());
    db.prepare("INSERT INTO workloads (name, source_format, status, created_at) VALUES ('orphan', 'x', 'importing', 'then')").run();
    fill(db, 0);
    const skipped = prepareAppDatabase(db, assetsDir(), 'now');
    expect(skipped).toContain('add the sample inventory and workloads');
    // Deleting needs no new pages: the orphan is gone even so.
    expect(db.prepare("SELECT COUNT(*) FROM workloads WHERE status = 'importing'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM inventories').pluck().get()).toBe(0);
    // With space again, the next start does what was skipped.
    db.pragma('max_page_count = 1073741823');
    expect(prepareAppDatabase(db, assetsDir(), 'now')).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM workloads WHERE builtin = 1').pluck().get()).toBe(4);
  });
});
