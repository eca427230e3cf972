// Workloads and their requests. A workload is inserted with all its requests in one transaction, so a
// failed import leaves nothing behind.
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

export function insertWorkload(db: Db, meta: WorkloadMeta, trace: TraceColumns, now: string): number {
  const n = trace.inputTokens.length;
  let inSum = 0;
  let outSum = 0;
  for (let i = 0; i < n; i++) {
    inSum += trace.inputTokens[i];
    outSum += trace.outputTokens[i];
  }
  return db.transaction(() => {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO workloads (name, source_format, source_name, attribution, licence, request_count, duration_s,
           mean_input_tokens, mean_output_tokens, builtin, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        meta.name, meta.sourceFormat, meta.sourceName ?? null, meta.attribution ?? null, meta.licence ?? null, n,
        n ? trace.arrivalS[n - 1] : 0, n ? inSum / n : 0, n ? outSum / n : 0, meta.builtin ? 1 : 0, now,
      );
    const id = Number(lastInsertRowid);
    const stmt = db.prepare(
      'INSERT INTO workload_requests (workload_id, seq, arrival_s, input_tokens, output_tokens, prefix_hashes) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const hashes = trace.prefixHashes;
    for (let i = 0; i < n; i++) {
      const h = hashes ? hashes[i] : null;
      stmt.run(id, i, trace.arrivalS[i], trace.inputTokens[i], trace.outputTokens[i], h ? JSON.stringify(h) : null);
    }
    return id;
  })();
}

export function listWorkloads(db: Db): WorkloadSummary[] {
  return db
    .prepare(
      `SELECT id, name, source_format AS sourceFormat, request_count AS requestCount, duration_s AS durationS,
         mean_input_tokens AS meanInputTokens, mean_output_tokens AS meanOutputTokens, attribution, created_at AS createdAt
       FROM workloads ORDER BY builtin DESC, name COLLATE NOCASE, id`,
    )
    .all() as WorkloadSummary[];
}

/** The requests of a workload as columns, in arrival order (the simulator's input). */
export function readWorkloadColumns(db: Db, id: number): Pick<TraceColumns, 'arrivalS' | 'inputTokens' | 'outputTokens'> | undefined {
  const count = db.prepare('SELECT request_count FROM workloads WHERE id = ?').pluck().get(id) as number | undefined;
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
