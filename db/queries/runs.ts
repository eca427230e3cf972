// Runs (one comparison each) and their per-strategy results. A run stores a copy of its inputs, so history
// stays true after the inventory, model or workload it used is edited or deleted.
import type { Db } from '../index';
import type { OwnerProcess } from './workloads';

export interface RunRow {
  id: number;
  name: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  inputs: unknown;
  summary: unknown;
  modelVersion: string;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface StrategyResultRow {
  strategy: string;
  deployment: unknown;
  outcome: unknown;
}

interface Raw {
  id: number; name: string; status: RunRow['status']; inputs_json: string; summary_json: string | null; model_version: string;
  error: string | null; started_at: string; finished_at: string | null;
}

const toRun = (r: Raw): RunRow => ({
  id: r.id, name: r.name, status: r.status, inputs: JSON.parse(r.inputs_json),
  summary: r.summary_json === null ? null : JSON.parse(r.summary_json), modelVersion: r.model_version,
  error: r.error, startedAt: r.started_at, finishedAt: r.finished_at,
});

/** A run in flight names its process (migration 0003), so another process's start leaves it running. */
export function insertRun(db: Db, run: { name: string; inputs: unknown; modelVersion: string; now: string }, owner: OwnerProcess | null = null): number {
  const r = db
    .prepare(`INSERT INTO runs (name, status, inputs_json, model_version, started_at, owner_pid, owner_host, owner_started_ms)
      VALUES (?, 'running', ?, ?, ?, ?, ?, ?)`)
    .run(run.name, JSON.stringify(run.inputs), run.modelVersion, run.now, owner?.pid ?? null, owner?.host ?? null, owner?.startedMs ?? null);
  return Number(r.lastInsertRowid);
}

/**
 * Stores every strategy's result and marks the run done, in one transaction; false (and nothing stored) when
 * the run is no longer running: deleted meanwhile, or ended by another process.
 */
export function completeRun(db: Db, id: number, summary: unknown, results: readonly StrategyResultRow[], now: string): boolean {
  return db.transaction(() => {
    const done = db.prepare("UPDATE runs SET status = 'done', summary_json = ?, finished_at = ? WHERE id = ? AND status = 'running'").run(JSON.stringify(summary), now, id);
    if (done.changes !== 1) return false;
    const stmt = db.prepare('INSERT INTO results (run_id, strategy, deployment_json, outcome_json) VALUES (?, ?, ?, ?)');
    for (const r of results) stmt.run(id, r.strategy, JSON.stringify(r.deployment), JSON.stringify(r.outcome));
    return true;
  })();
}

export function endRun(db: Db, id: number, status: 'failed' | 'cancelled', error: string | null, now: string): void {
  db.prepare("UPDATE runs SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = 'running'").run(status, error, now, id);
}

export function listRuns(db: Db): RunRow[] {
  return (db.prepare('SELECT * FROM runs ORDER BY started_at DESC, id DESC').all() as Raw[]).map(toRun);
}

export function getRun(db: Db, id: number): (RunRow & { results: StrategyResultRow[] }) | undefined {
  const raw = db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as Raw | undefined;
  if (!raw) return undefined;
  const results = (db.prepare('SELECT strategy, deployment_json, outcome_json FROM results WHERE run_id = ? ORDER BY rowid').all(id) as {
    strategy: string; deployment_json: string; outcome_json: string;
  }[]).map((r) => ({ strategy: r.strategy, deployment: JSON.parse(r.deployment_json), outcome: JSON.parse(r.outcome_json) }));
  return { ...toRun(raw), results };
}

export function renameRun(db: Db, id: number, name: string): boolean {
  return db.prepare('UPDATE runs SET name = ? WHERE id = ?').run(name, id).changes === 1;
}

export function deleteRun(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes === 1;
}

/** Runs left 'running' by a process that is gone (`isGone`, as for imports) can never finish: mark them failed. */
export function failInterruptedRuns(db: Db, now: string, isGone: (owner: OwnerProcess | null) => boolean): number {
  const rows = db.prepare("SELECT id, owner_pid AS pid, owner_host AS host, owner_started_ms AS startedMs FROM runs WHERE status = 'running'").all() as {
    id: number; pid: number | null; host: string | null; startedMs: number | null;
  }[];
  const fail = db.prepare("UPDATE runs SET status = 'failed', error = 'fleetplan stopped before the run finished', finished_at = ? WHERE id = ? AND status = 'running'");
  let failed = 0;
  for (const r of rows) {
    const owner = r.pid === null || r.host === null || r.startedMs === null ? null : { pid: r.pid, host: r.host, startedMs: r.startedMs };
    if (isGone(owner)) failed += fail.run(now, r.id).changes;
  }
  return failed;
}
