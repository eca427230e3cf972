// Workloads and their requests. A small workload goes in with one transaction; a large streamed import
// writes its requests in chunks under status 'importing' (invisible to lists) and becomes 'ready' at the end,
// or is deleted whole on failure: either way no partial workload is ever seen.
import type { Db } from '../index';
import type { ClosedLoopInfo, WorkloadSummary } from '../../main/domain';
import type { ClosedLoopUsers, PrefixHashes, WorkloadColumns as Columns } from '../../main/domain/workload';

export interface WorkloadMeta {
  name: string;
  sourceFormat: string;
  sourceName?: string | null;
  attribution?: string | null;
  licence?: string | null;
  builtin?: boolean;
  /** A closed-loop workload's spec; its requests then carry arrival 0 (see migration 0002). */
  closedLoop?: ClosedLoopInfo | null;
}

type Requests = Columns & { prefixHashes: PrefixHashes };

/** The process writing an unfinished import or running a comparison (migration 0003): who may write it, and whom clean-up asks after. */
export interface OwnerProcess {
  pid: number;
  host: string;
  startedMs: number;
}

/**
 * Adds a workload row with status 'importing'. A streamed import names its owner, and its later writes go
 * through claimImport; a one-transaction insert (insertWorkload) passes none, as no one else can see the row.
 */
export function beginWorkload(db: Db, meta: WorkloadMeta, now: string, owner: OwnerProcess | null = null, nowMs = 0): number {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO workloads (name, source_format, source_name, attribution, licence, builtin, status, created_at, closed_loop_json,
         import_pid, import_host, import_started_ms, import_heartbeat_ms)
       VALUES (?, ?, ?, ?, ?, ?, 'importing', ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      meta.name, meta.sourceFormat, meta.sourceName ?? null, meta.attribution ?? null, meta.licence ?? null, meta.builtin ? 1 : 0, now,
      meta.closedLoop ? JSON.stringify(meta.closedLoop) : null,
      owner?.pid ?? null, owner?.host ?? null, owner?.startedMs ?? null, owner ? nowMs : null,
    );
  return Number(lastInsertRowid);
}

const OWNED = "id = ? AND status = 'importing' AND import_pid IS ? AND import_host IS ? AND import_started_ms IS ?";
const ownerArgs = (id: number, o: OwnerProcess | null) => [id, o?.pid ?? null, o?.host ?? null, o?.startedMs ?? null];

/**
 * Records that the owner is still writing, and says whether the row is still its own; call it first in each
 * transaction that writes an import's requests, so nothing is written into a row another process removed.
 */
export function claimImport(db: Db, id: number, owner: OwnerProcess, nowMs: number): boolean {
  return db.prepare(`UPDATE workloads SET import_heartbeat_ms = ? WHERE ${OWNED}`).run(nowMs, ...ownerArgs(id, owner)).changes === 1;
}

/** Deletes an unfinished import if it is still `owner`'s (its cancel or failure path). */
export function abandonImport(db: Db, id: number, owner: OwnerProcess | null): boolean {
  return db.prepare(`DELETE FROM workloads WHERE ${OWNED}`).run(...ownerArgs(id, owner)).changes === 1;
}

/**
 * Rows per INSERT statement. A statement call a row spends most of its time crossing into SQLite, and each
 * bound value costs too; so a call inserts 100 rows, binding the workload id and first seq once (the row's
 * seq is that plus its place, a constant in the SQL) and per row only its values: 3 or 4, not 6.
 */
const ROWS_PER_INSERT = 100;

function insertStatement(db: Db, rows: number, withHashes: boolean) {
  const values = Array.from({ length: rows }, (_, k) => `(@id, @seq + ${k}, ?, ?, ?, ${withHashes ? '?' : 'NULL'})`);
  return db.prepare(
    `INSERT INTO workload_requests (workload_id, seq, arrival_s, input_tokens, output_tokens, prefix_hashes) VALUES ${values.join(', ')}`,
  );
}

/** Inserts requests [from, to) of `r` with seq numbers equal to their index. Call inside a transaction. */
export function insertWorkloadRequests(db: Db, id: number, r: Requests, from: number, to: number): void {
  const hashes = r.prefixHashes;
  const per = hashes ? 4 : 3;
  const args: (number | string | null)[] = new Array<number | string | null>(ROWS_PER_INSERT * per);
  const fill = (first: number, rows: number) => {
    for (let k = 0, p = 0; k < rows; k++) {
      const i = first + k;
      args[p++] = r.arrivalS[i];
      args[p++] = r.inputTokens[i];
      args[p++] = r.outputTokens[i];
      if (hashes) {
        const h = hashes[i];
        args[p++] = h ? JSON.stringify(h) : null;
      }
    }
  };
  let i = from;
  if (to - from >= ROWS_PER_INSERT) {
    const many = insertStatement(db, ROWS_PER_INSERT, !!hashes);
    for (; i + ROWS_PER_INSERT <= to; i += ROWS_PER_INSERT) {
      fill(i, ROWS_PER_INSERT);
      many.run({ id, seq: i }, args);
    }
  }
  if (i < to) {
    fill(i, to - i);
    args.length = (to - i) * per;
    insertStatement(db, to - i, !!hashes).run({ id, seq: i }, args);
  }
}

/** Makes an import visible, if the row is still `owner`'s; false when another process removed it. */
export function finishWorkload(db: Db, id: number, r: Requests, owner: OwnerProcess | null = null): boolean {
  const n = r.inputTokens.length;
  let inSum = 0;
  let outSum = 0;
  for (let i = 0; i < n; i++) {
    inSum += r.inputTokens[i];
    outSum += r.outputTokens[i];
  }
  return db.prepare(
    `UPDATE workloads SET status = 'ready', request_count = ?, duration_s = ?, mean_input_tokens = ?, mean_output_tokens = ?,
       import_pid = NULL, import_host = NULL, import_started_ms = NULL, import_heartbeat_ms = NULL
     WHERE ${OWNED}`,
  ).run(n, n ? r.arrivalS[n - 1] : 0, n ? inSum / n : 0, n ? outSum / n : 0, ...ownerArgs(id, owner)).changes === 1;
}

/** Deletes a finished workload; an import in flight is its owner's to finish or abandon. */
export function deleteWorkload(db: Db, id: number): boolean {
  return db.prepare("DELETE FROM workloads WHERE id = ? AND status = 'ready'").run(id).changes === 1;
}

interface UnfinishedRow {
  id: number;
  pid: number | null;
  host: string | null;
  startedMs: number | null;
  heartbeatMs: number | null;
}

/**
 * Removes the imports whose owner `isGone` says is gone (a crash or kill left them half-written); an import
 * that a live process is writing stays. A row is removed only if it has not been written since it was read.
 */
export function removeUnfinishedWorkloads(db: Db, isGone: (owner: OwnerProcess | null, heartbeatMs: number | null) => boolean): number {
  const rows = db
    .prepare(`SELECT id, import_pid AS pid, import_host AS host, import_started_ms AS startedMs, import_heartbeat_ms AS heartbeatMs
      FROM workloads WHERE status = 'importing'`)
    .all() as UnfinishedRow[];
  const remove = db.prepare("DELETE FROM workloads WHERE id = ? AND status = 'importing' AND import_heartbeat_ms IS ?");
  let removed = 0;
  for (const r of rows) {
    const owner = r.pid === null || r.host === null || r.startedMs === null ? null : { pid: r.pid, host: r.host, startedMs: r.startedMs };
    if (isGone(owner, r.heartbeatMs)) removed += remove.run(r.id, r.heartbeatMs).changes;
  }
  return removed;
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
    mean_input_tokens AS meanInputTokens, mean_output_tokens AS meanOutputTokens, attribution, created_at AS createdAt,
    closed_loop_json AS closedLoop
  FROM workloads WHERE status = 'ready'`;

type SummaryRow = Omit<WorkloadSummary, 'closedLoop'> & { closedLoop: string | null };

function summaryOf(row: SummaryRow): WorkloadSummary {
  return { ...row, closedLoop: row.closedLoop === null ? null : (JSON.parse(row.closedLoop) as ClosedLoopInfo) };
}

/** Where a workload's requests come from: its attribution and licence (shipped traces carry both). */
export function workloadProvenance(db: Db, id: number): { attribution: string | null; licence: string | null } | undefined {
  return db.prepare('SELECT attribution, licence FROM workloads WHERE id = ?').get(id) as { attribution: string | null; licence: string | null } | undefined;
}

export function listWorkloads(db: Db): WorkloadSummary[] {
  return (db.prepare(`${SUMMARY} ORDER BY builtin DESC, name COLLATE NOCASE, id`).all() as SummaryRow[]).map(summaryOf);
}

export function getWorkloadSummary(db: Db, id: number): WorkloadSummary | undefined {
  const row = db.prepare(`${SUMMARY} AND id = ?`).get(id) as SummaryRow | undefined;
  return row && summaryOf(row);
}

/** What the simulator needs of a closed-loop spec. */
export function closedLoopUsers(c: ClosedLoopInfo): ClosedLoopUsers {
  return { users: c.users, thinkTimeS: c.thinkTimeS, think: c.think };
}

export function renameWorkload(db: Db, id: number, name: string): boolean {
  return db.prepare("UPDATE workloads SET name = ? WHERE id = ? AND status = 'ready'").run(name, id).changes === 1;
}

/** A workload's requests as stored: columns in arrival order, its closed loop, and block hash ids where the trace had them. */
export type StoredWorkloadColumns = Columns & { closedLoop?: ClosedLoopUsers | null; prefixHashes?: (number[] | null)[] };

/** The requests of a workload as columns, in arrival order, with its closed loop and prefix hash ids if any. */
export function readStoredWorkloadColumns(db: Db, id: number): StoredWorkloadColumns | undefined {
  const head = db.prepare("SELECT request_count AS count, closed_loop_json AS closed FROM workloads WHERE id = ? AND status = 'ready'").get(id) as
    | { count: number; closed: string | null }
    | undefined;
  if (head === undefined) return undefined;
  const count = head.count;
  const arrivalS = new Float64Array(count);
  const inputTokens = new Int32Array(count);
  const outputTokens = new Int32Array(count);
  const rows = db
    .prepare('SELECT seq, arrival_s, input_tokens, output_tokens, prefix_hashes FROM workload_requests WHERE workload_id = ? ORDER BY seq')
    .raw()
    .iterate(id) as IterableIterator<[number, number, number, number, string | null]>;
  let hashes: (number[] | null)[] | null = null;
  for (const [seq, a, i, o, h] of rows) {
    arrivalS[seq] = a;
    inputTokens[seq] = i;
    outputTokens[seq] = o;
    if (h !== null) {
      hashes ??= new Array<number[] | null>(count).fill(null);
      hashes[seq] = JSON.parse(h) as number[];
    }
  }
  const prefix = hashes ? { prefixHashes: hashes } : {};
  if (head.closed === null) return { arrivalS, inputTokens, outputTokens, ...prefix };
  return { arrivalS, inputTokens, outputTokens, closedLoop: closedLoopUsers(JSON.parse(head.closed) as ClosedLoopInfo), ...prefix };
}
