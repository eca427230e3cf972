// Imports a trace file of any size: streamed line by line (memory stays ~16 bytes a request), then written
// in chunked transactions so the process stays responsive. Cancel or failure removes everything written.
import { createReadStream, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Db } from '../../db';
import { abandonImport, beginWorkload, claimImport, finishWorkload, insertWorkloadRequests, listWorkloads, workloadProvenance } from '../../db/queries/workloads';
import { readWorkloadColumns } from './workload-columns';
import { AppError } from '../domain/errors';
import { thisProcess } from './import-owner';
import { isDiskFull } from './seed';
import { feedText, lineTooLong, MAX_TRACE_LINE_CHARS, TraceParser, type TraceColumns, type TraceMapping } from './traces';

export interface ImportProgress {
  phase: 'reading' | 'writing';
  done: number;
  total: number;
}

export interface ImportOptions {
  name?: string;
  now: string;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** Requests per write transaction; between chunks the event loop runs. */
  chunkRows?: number;
  mapping?: TraceMapping;
  /** The trace's size in bytes, for the space a full disk would need (see diskFull). */
  sourceBytes?: number;
}

export class ImportCancelled extends AppError {
  constructor() {
    super('conflict', 'The import was cancelled; nothing was kept.');
  }
}

function checkCancel(signal?: AbortSignal) {
  if (signal?.aborted) throw new ImportCancelled();
}

/** Parses text already in memory (an upload), yielding to the event loop every 50,000 lines. */
export async function readTraceText(text: string, fileName: string, opts: Pick<ImportOptions, 'signal' | 'onProgress' | 'mapping'> = {}): Promise<TraceColumns> {
  const parser = new TraceParser(fileName, opts.mapping);
  let at = { start: 0, line: 1 };
  while (at.start <= text.length) {
    at = feedText(parser, text, at.start, at.line, 50_000);
    opts.onProgress?.({ phase: 'reading', done: Math.min(at.start, text.length), total: text.length });
    await new Promise((r) => setImmediate(r));
    checkCancel(opts.signal);
  }
  opts.onProgress?.({ phase: 'reading', done: text.length, total: text.length });
  return parser.finish();
}

/**
 * Parses text in one go, for a worker thread (file-parsers.ts): progress every 50,000 lines, `shouldCancel`
 * (which may throw) between them.
 */
export function parseTraceText(text: string, fileName: string, opts: { mapping?: TraceMapping; onProgress?: (done: number, total: number) => void; shouldCancel?: () => boolean } = {}): TraceColumns {
  const parser = new TraceParser(fileName, opts.mapping);
  let at = { start: 0, line: 1 };
  while (at.start <= text.length) {
    at = feedText(parser, text, at.start, at.line, 50_000);
    if (opts.shouldCancel?.()) throw new ImportCancelled();
    opts.onProgress?.(Math.min(at.start, text.length), text.length);
  }
  return parser.finish();
}

export async function readTraceFile(path: string, opts: Pick<ImportOptions, 'signal' | 'onProgress' | 'mapping'> = {}): Promise<TraceColumns> {
  return readTraceStream(createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), basename(path), statSync(path).size, opts);
}

/** Reads a trace from decoded chunks of text (a file's stream); `total` is its size in bytes, for progress. */
export async function readTraceStream(
  chunks: AsyncIterable<string>, file: string, total: number, opts: Pick<ImportOptions, 'signal' | 'onProgress' | 'mapping'> = {},
): Promise<TraceColumns> {
  const parser = new TraceParser(file, opts.mapping);
  let carry = '';
  let line = 1;
  let done = 0;
  for await (const chunk of chunks) {
    checkCancel(opts.signal);
    const text = chunk;
    // Lines are read in place from the chunk as decoded (a flat string); only the line that straddles two
    // chunks is joined, since indexing a joined 1 MiB string character by character is several times slower.
    let start = 0;
    let nl = text.indexOf('\n');
    if (nl >= 0 && carry) {
      parser.feed(carry + text.slice(0, nl), line++);
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    for (; nl >= 0; nl = text.indexOf('\n', start)) {
      parser.feedRange(text, start, nl, line++);
      start = nl + 1;
    }
    // A line without end is refused once it passes the limit, before joining it grows past what a string holds.
    if (start === 0 && carry.length + text.length > MAX_TRACE_LINE_CHARS) throw lineTooLong(file, line);
    carry = start === 0 ? carry + text : text.slice(start);
    done += Buffer.byteLength(text);
    opts.onProgress?.({ phase: 'reading', done: Math.min(done, total), total });
  }
  if (carry) parser.feed(carry, line);
  return parser.finish();
}

/** The import's row was removed by another process (possible only if this one looked dead to it). */
function importLost(id: number): AppError {
  return new AppError('conflict', `Another fleetplan process removed this import (workload ${id}) while it was being written; nothing was kept. Import the file again.`);
}

/**
 * The message for a full disk, with the space this import still needs: rows left times the bytes a row took
 * so far (twice: the write-ahead log holds a copy until it is checkpointed), or, when not one chunk fitted, the
 * trace file's own size, which is above what its rows take in the database.
 */
function diskFull(db: Db, rowsLeft: number, rowsWritten: number, pagesBefore: number, sourceBytes = 0): AppError {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const grown = ((db.pragma('page_count', { simple: true }) as number) - pagesBefore) * pageSize;
  const bytes = rowsWritten > 0 && grown > 0 ? (2 * grown * rowsLeft) / rowsWritten : sourceBytes;
  const mb = Math.max(1, Math.ceil(bytes / 1e6));
  return new AppError('conflict', `The disk holding ${dirname(db.name)} is full: this import needs about ${mb.toLocaleString('en-US')} MB more free space there. Nothing was kept; free some space and import again.`);
}

/**
 * Writes a parsed trace as a new workload in chunks, each chunk's transaction first checking that the row is
 * still this process's (claimImport), so a row removed meanwhile is never written into or finished.
 */
export async function writeWorkload(db: Db, trace: TraceColumns, meta: { name: string; sourceName: string; attribution?: string | null; licence?: string | null }, opts: ImportOptions): Promise<number> {
  const n = trace.inputTokens.length;
  const chunk = opts.chunkRows ?? 100_000;
  const owner = thisProcess();
  const pagesBefore = db.pragma('page_count', { simple: true }) as number;
  let written = 0;
  const id = beginWorkload(db, { name: meta.name, sourceFormat: trace.format, sourceName: meta.sourceName, attribution: meta.attribution, licence: meta.licence }, opts.now, owner, Date.now());
  try {
    for (let from = 0; from < n; from += chunk) {
      checkCancel(opts.signal);
      const to = Math.min(n, from + chunk);
      db.transaction(() => {
        if (!claimImport(db, id, owner, Date.now())) throw importLost(id);
        insertWorkloadRequests(db, id, trace, from, to);
      })();
      written = to;
      opts.onProgress?.({ phase: 'writing', done: to, total: n });
      await new Promise((r) => setImmediate(r));
    }
    checkCancel(opts.signal);
    if (!finishWorkload(db, id, trace, owner)) throw importLost(id);
    return id;
  } catch (err) {
    try {
      abandonImport(db, id, owner);
    } catch {
      // A full disk can refuse the delete too; the row names this process as owner, so the first start after
      // this process has exited removes it.
    }
    if (isDiskFull(err)) throw diskFull(db, n - written, written, pagesBefore, opts.sourceBytes);
    throw err;
  }
}

/** A stored open-loop workload holding exactly these requests (same count first, then every column), or null. */
export function twinOf(db: Db, trace: TraceColumns): { id: number; name: string; attribution: string | null; licence: string | null } | null {
  const n = trace.inputTokens.length;
  for (const w of listWorkloads(db)) {
    if (w.closedLoop || w.requestCount !== n) continue;
    const c = readWorkloadColumns(db, w.id);
    if (!c) continue;
    let same = true;
    for (let i = 0; i < n && same; i++) {
      same = c.arrivalS[i] === trace.arrivalS[i] && c.inputTokens[i] === trace.inputTokens[i] && c.outputTokens[i] === trace.outputTokens[i];
    }
    if (same) return { id: w.id, name: w.name, ...(workloadProvenance(db, w.id) ?? { attribution: null, licence: null }) };
  }
  return null;
}

/** The warning for a trace already imported (it is imported again, as a second copy with the first's attribution). */
export function duplicateWarning(twin: { id: number; name: string } | null, file: string): string | null {
  return twin ? `${file}: the same requests as workload "${twin.name}" (#${twin.id}), already imported; this is a second copy (delete one under Workloads if it was a mistake)` : null;
}

/** The warnings of an import, joined; null when there are none. */
export function importWarnings(...ws: (string | null)[]): string | null {
  const kept = ws.filter((w): w is string => w !== null);
  return kept.length > 0 ? kept.join('; ') : null;
}

/** The warning for a trace whose rows were not in time order, or null. */
export function reorderedWarning(reordered: number, file: string): string | null {
  if (reordered === 0) return null;
  return `${file}: ${reordered.toLocaleString('en-US')} request${reordered === 1 ? '' : 's'} arrived before an earlier row and ${reordered === 1 ? 'was' : 'were'} sorted into time order`;
}

/** A workload's name from its file's: without the extension, within the 200 characters a name may have. */
export function defaultWorkloadName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '').trim().slice(0, 200) || 'imported trace';
}

/** Reads and stores a trace file as a new workload; returns its id and what was read. */
export async function importTraceFile(db: Db, path: string, opts: ImportOptions) {
  const trace = await readTraceFile(path, opts);
  const name = opts.name ?? defaultWorkloadName(basename(path));
  const twin = twinOf(db, trace);
  const workloadId = await writeWorkload(db, trace, { name, sourceName: basename(path), attribution: twin?.attribution, licence: twin?.licence }, { ...opts, sourceBytes: statSync(path).size });
  return {
    workloadId, name, format: trace.format, requests: trace.inputTokens.length, skipped: trace.skipped, reordered: trace.reordered, lengthsOnly: trace.lengthsOnly,
    duplicateOf: twin ? { id: twin.id, name: twin.name } : null,
  };
}
