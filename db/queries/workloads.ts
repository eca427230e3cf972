// Workloads and their requests. A small workload goes in with one transaction; a large streamed import
// writes its requests in chunks under status 'importing' (invisible to lists) and becomes 'ready' at the end,
// or is deleted whole on failure: either way no partial workload is ever seen.
import type { Db } from '../index';
import type { WorkloadSummary } from '../../main/ipc/types';
import type { TraceColumns } from '../../main/services/traces';

export interface WorkloadMeta {
  name: string;
  sourceFormat: string;
  sourceName?: string | null;
  attribution?: string | null;
  licence?: string | null;
  builtin?: boolean;
}

type Requests = Pick<TraceColumns, 'arrivalS' | 'inputTokens' | 'outputTokens' | 'prefixHashes'>;

export function beginWorkload(db: Db, meta: WorkloadMeta, now: string): number {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO workloads (name, source_format, source_name, attribution, licence, builtin, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'importing', ?)`,
    )
    .run(meta.name, meta.sourceFormat, meta.sourceName ?? null, meta.attribution ?? null, meta.licence ?? null, meta.builtin ? 1 : 0, now);
  return Number(lastInsertRowid);
}

/** Inserts requests [from, to) of `r` with seq numbers equal to their index. Call inside a transaction. */
export function insertWorkloadRequests(db: Db, id: number, r: Requests, from: number, to: number): void {
  const stmt = db.prepare(
    'INSERT INTO workload_requests (workload_id, seq, arrival_s, input_tokens, output_tokens, prefix_hashes) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const hashes = r.prefixHashes;
  for (let i = from; i < to; i++) {
    const h = hashes ? hashes[i] : null;
    stmt.run(id, i, r.arrivalS[i], r.inputTokens[i], r.outputTokens[i], h ? JSON.stringify(h) : null);
  }
}

export function finishWorkload(db: Db, id: number, r: Requests): void {
  const n = r.inputTokens.length;
  let inSum = 0;
  let outSum = 0;
  for (let i = 0; i < n; i++) {
    inSum += r.inputTokens[i];
    outSum += r.outputTokens[i];
  }
  db.prepare(
    `UPDATE workloads SET status = 'ready', request_count = ?, duration_s = ?, mean_input_tokens = ?, mean_output_tokens = ?
     WHERE id = ?`,
  ).run(n, n ? r.arrivalS[n - 1] : 0, n ? inSum / n : 0, n ? outSum / n : 0, id);
}

export function deleteWorkload(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM workloads WHERE id = ?').run(id).changes === 1;
}

/** Removes imports that a crash left half-written. */
export function removeUnfinishedWorkloads(db: Db): number {
  return db.prepare("DELETE FROM workloads WHERE status = 'importing'").run().changes;
}

export function insertWorkload(db: Db, meta: WorkloadMeta, r: Requests, now: string): number {
  return db.transaction(() => {
    const id = beginWorkload(db, meta, now);
    insertWorkloadRequests(db, id, r, 0, r.inputTokens.length);
    finishWorkload(db, id, r);
    return id;
  })();
}

const SUMMARY = `SELECT id, name, source_format AS sourceFormat, request_count AS requestCount, duration_s AS durationS,
    mean_input_tokens AS meanInputTokens, mean_output_tokens AS meanOutputTokens, attribution, created_at AS createdAt
  FROM workloads WHERE status = 'ready'`;

export function listWorkloads(db: Db): WorkloadSummary[] {
  return db.prepare(`${SUMMARY} ORDER BY builtin DESC, name COLLATE NOCASE, id`).all() as WorkloadSummary[];
}

export function getWorkloadSummary(db: Db, id: number): WorkloadSummary | undefined {
  return db.prepare(`${SUMMARY} AND id = ?`).get(id) as WorkloadSummary | undefined;
}

export function renameWorkload(db: Db, id: number, name: string): boolean {
  return db.prepare("UPDATE workloads SET name = ? WHERE id = ? AND status = 'ready'").run(name, id).changes === 1;
}

/** The requests of a workload as columns, in arrival order (the simulator's input). */
export function readWorkloadColumns(db: Db, id: number): Pick<TraceColumns, 'arrivalS' | 'inputTokens' | 'outputTokens'> | undefined {
  const count = db.prepare("SELECT request_count FROM workloads WHERE id = ? AND status = 'ready'").pluck().get(id) as number | undefined;
  if (count === undefined) return undefined;
  const arrivalS = new Float64Array(count);
  const inputTokens = new Int32Array(count);
  const outputTokens = new Int32Array(count);
  const rows = db
    .prepare('SELECT seq, arrival_s, input_tokens, output_tokens FROM workload_requests WHERE workload_id = ? ORDER BY seq')
    .raw()
    .iterate(id) as IterableIterator<[number, number, number, number]>;
  for (const [seq, a, i, o] of rows) {
    arrivalS[seq] = a;
    inputTokens[seq] = i;
    outputTokens[seq] = o;
  }
  return { arrivalS, inputTokens, outputTokens };
}
