// Issue 14, finding 1, piece by piece: who may clear an unfinished import, writes that check they still own
// their row, and ids that are never handed out twice. The whole contest runs in shared-folder-stress.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db';
import { completeRun, failInterruptedRuns, getRun, insertRun } from '../../db/queries/runs';
import { beginWorkload, insertWorkload, removeUnfinishedWorkloads, type OwnerProcess } from '../../db/queries/workloads';
import { ownerIsGone, processStartMs, thisProcess } from '../../main/services/import-owner';
import { writeWorkload } from '../../main/services/workload-import';
import { readTrace } from '../../main/services/traces';
import { tempDir } from '../helpers/tmp';

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

function database(): Db {
  const t = tempDir();
  const db = openDatabase(join(t.dir, 'w.sqlite'));
  cleanups.push(() => db.close(), t.cleanup);
  return db;
}

function trace(n: number) {
  const lines = Array.from({ length: n }, (_, i) => `{"timestamp": ${i}, "input_length": ${10 + (i % 3)}, "output_length": 4}`);
  return readTrace(lines.join('\n'), 't.jsonl');
}

const meta = { name: 'w', sourceFormat: 'mooncake' };
const clear = (db: Db) => removeUnfinishedWorkloads(db, (o, hb) => ownerIsGone(o, hb, Date.now()));
const importing = (db: Db) => db.prepare("SELECT id FROM workloads WHERE status = 'importing' ORDER BY id").pluck().all();

describe('unfinished imports and their owners', () => {
  it('clears only imports whose owner is gone: dead pid, reused pid, silent other host, no owner', () => {
    const db = database();
    const exitedPid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    cleanups.push(() => sleeper.kill());
    const started = processStartMs(sleeper.pid!);
    const host = hostname();
    const now = Date.now();
    const rows: [string, OwnerProcess | null, number][] = [
      ['this process', thisProcess(), now],
      ['live other process', { pid: sleeper.pid!, host, startedMs: Math.round(started ?? 0) }, now],
      ['exited process', { pid: Number(exitedPid), host, startedMs: now - 5000 }, now],
      ['pid now reused by a later process', { pid: sleeper.pid!, host, startedMs: Math.round((started ?? 0) - 3_600_000) }, now],
      ['other host, wrote just now', { pid: 1, host: `${host}-elsewhere`, startedMs: 1 }, now],
      ['other host, silent 11 minutes', { pid: 1, host: `${host}-elsewhere`, startedMs: 1 }, now - 11 * 60_000],
      ['fleetplan before owners were recorded', null, now],
    ];
    const ids = rows.map(([name, owner, beat]) => beginWorkload(db, { ...meta, name }, 'now', owner, beat));
    expect(clear(db)).toBe(4);
    const left = db.prepare("SELECT name FROM workloads WHERE status = 'importing' ORDER BY id").pluck().all();
    expect(left).toEqual(['this process', 'live other process', 'other host, wrote just now']);
    expect(importing(db)).toEqual([ids[0], ids[1], ids[4]]);
  });

  it('a clean-up on a second connection while an import writes leaves it whole', async () => {
    const db = database();
    const file = db.name;
    const t = trace(20_000);
    let other: Db | undefined;
    const id = await writeWorkload(db, t, { name: 'big', sourceName: 't.jsonl' }, {
      now: 'now', chunkRows: 2_000,
      onProgress: (p) => {
        // A second connection starts (its clean-up runs) while the rows are half written.
        if (p.phase === 'writing' && p.done === 10_000) {
          other = openDatabase(file);
          expect(clear(other)).toBe(0);
        }
      },
    });
    other!.close();
    expect(db.prepare('SELECT request_count FROM workloads WHERE id = ?').pluck().get(id)).toBe(20_000);
    expect(db.prepare('SELECT COUNT(*) FROM workload_requests WHERE workload_id = ?').pluck().get(id)).toBe(20_000);
  });

  it('an import whose row another process removed stops with a clear error and writes no more rows', async () => {
    const db = database();
    const t = trace(20_000);
    let removedAt = -1;
    const run = writeWorkload(db, t, { name: 'big', sourceName: 't.jsonl' }, {
      now: 'now', chunkRows: 2_000,
      onProgress: (p) => {
        if (p.phase === 'writing' && removedAt < 0) {
          removedAt = p.done;
          db.prepare("DELETE FROM workloads WHERE status = 'importing'").run();
        }
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/Another fleetplan process removed this import \(workload \d+\)/) });
    expect(db.prepare('SELECT COUNT(*) FROM workloads').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM workload_requests').pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('never hands out a deleted workload id again', () => {
    const db = database();
    const t = trace(3);
    const first = insertWorkload(db, meta, t, 'now');
    db.prepare('DELETE FROM workloads WHERE id = ?').run(first);
    const second = insertWorkload(db, meta, t, 'now');
    expect(second).toBeGreaterThan(first);
  });

  it('a start fails only the runs of gone processes; a run deleted while it ran keeps no results and its id is not reused', () => {
    const db = database();
    const exitedPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    const run = (name: string, owner: OwnerProcess | null) => insertRun(db, { name, inputs: {}, modelVersion: 'v', now: 'then' }, owner);
    const live = run('live', thisProcess());
    const dead = run('dead', { pid: exitedPid, host: hostname(), startedMs: 1 });
    const legacy = run('legacy', null);
    expect(failInterruptedRuns(db, 'now', (o) => ownerIsGone(o, Date.now(), Date.now()))).toBe(2);
    expect([live, dead, legacy].map((id) => getRun(db, id)!.status)).toEqual(['running', 'failed', 'failed']);

    db.prepare('DELETE FROM runs WHERE id = ?').run(live);
    expect(completeRun(db, live, {}, [{ strategy: 'colocated', deployment: {}, outcome: {} }], 'now')).toBe(false);
    expect(db.prepare('SELECT COUNT(*) FROM results').pluck().get()).toBe(0);
    db.prepare('DELETE FROM runs WHERE id = ?').run(legacy);
    expect(run('next', thisProcess())).toBeGreaterThan(legacy);
  });
});
