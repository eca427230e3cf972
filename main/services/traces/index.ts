// Reads a workload trace file's text into columns. Every refusal names the file, the line and the column,
// and nothing partial is returned: a caller either gets the whole trace or an error.
import { invalid } from '../../errors';
import { forEachCsvRow } from '../csv';
import { detectCsvFormat, parseTraceDatetimeMs, CSV_TRACE_FORMATS } from './csv-formats';
import type { TraceColumns } from './types';

export type { TraceColumns, TraceFormatId } from './types';
export { CSV_TRACE_FORMATS } from './csv-formats';

class ColumnBuilder {
  arrival: number[] = [];
  input: number[] = [];
  output: number[] = [];
  hashes: (number[] | null)[] = [];
  skipped = 0;
}

function positiveInt(text: string | undefined, file: string, line: number, field: string, allowZero = false): number {
  const t = (text ?? '').trim();
  const v = Number(t);
  if (t === '' || !Number.isInteger(v) || v < 0 || (!allowZero && v === 0)) {
    throw invalid(`"${t}" is not a ${allowZero ? 'non-negative' : 'positive'} whole number of tokens`, { file, line, field });
  }
  return v;
}

function readCsvTrace(text: string, file: string): TraceColumns {
  const b = new ColumnBuilder();
  let format: ReturnType<typeof detectCsvFormat>;
  let col = { arrival: -1, input: -1, output: -1 };
  let t0 = NaN;
  forEachCsvRow(text, ({ line, fields }) => {
    if (!format) {
      format = detectCsvFormat(fields);
      if (!format) {
        const known = CSV_TRACE_FORMATS.map((f) => f.requires.join(',')).join(' | ');
        throw invalid(`unrecognised CSV header "${fields.join(',')}"; known headers: ${known}`, { file, line });
      }
      const at = (name: string) => fields.findIndex((h) => h.trim() === name);
      col = { arrival: format.arrival ? at(format.arrival.column) : -1, input: at(format.input), output: at(format.output) };
      return;
    }
    const output = positiveInt(fields[col.output], file, line, format.output, format.zeroOutputMeansFailed);
    if (output === 0) {
      b.skipped++;
      return;
    }
    const input = positiveInt(fields[col.input], file, line, format.input);
    let arrival = 0;
    if (format.arrival) {
      const raw = (fields[col.arrival] ?? '').trim();
      const ms = format.arrival.parse === 'datetime' ? parseTraceDatetimeMs(raw) : Number(raw) * 1000;
      if (raw === '' || !Number.isFinite(ms)) {
        throw invalid(`"${raw}" is not a ${format.arrival.parse === 'datetime' ? 'date and time' : 'time in seconds'}`, {
          file, line, field: format.arrival.column,
        });
      }
      if (Number.isNaN(t0)) t0 = ms;
      arrival = (ms - t0) / 1000;
    }
    b.arrival.push(arrival);
    b.input.push(input);
    b.output.push(output);
  });
  if (!format) throw invalid('the file is empty', { file });
  return finish(b, format.id, file, format.arrival === null, false);
}

function readJsonlTrace(text: string, file: string): TraceColumns {
  const b = new ColumnBuilder();
  let line = 0;
  let t0 = NaN;
  for (const raw of text.split('\n')) {
    line++;
    const s = raw.trim();
    if (s === '') continue;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(s) as Record<string, unknown>;
    } catch {
      throw invalid('is not valid JSON', { file, line });
    }
    if (typeof o !== 'object' || o === null) throw invalid('is not a JSON object', { file, line });
    const ts = o.timestamp;
    if (typeof ts !== 'number' || !Number.isFinite(ts)) throw invalid('must be a number (milliseconds)', { file, line, field: 'timestamp' });
    const input = positiveInt(String(o.input_length ?? ''), file, line, 'input_length');
    const output = positiveInt(String(o.output_length ?? ''), file, line, 'output_length');
    let hashes: number[] | null = null;
    if (o.hash_ids !== undefined) {
      if (!Array.isArray(o.hash_ids) || !o.hash_ids.every((h) => Number.isInteger(h))) {
        throw invalid('must be an array of whole numbers', { file, line, field: 'hash_ids' });
      }
      hashes = o.hash_ids as number[];
    }
    if (Number.isNaN(t0)) t0 = ts;
    b.arrival.push((ts - t0) / 1000);
    b.input.push(input);
    b.output.push(output);
    b.hashes.push(hashes);
  }
  if (b.input.length === 0) throw invalid('the file holds no requests', { file });
  return finish(b, 'mooncake', file, false, true);
}

/** Sorts by arrival (stably) when a trace is out of order, and shifts times so the earliest is 0. */
function finish(b: ColumnBuilder, format: TraceColumns['format'], file: string, lengthsOnly: boolean, withHashes: boolean): TraceColumns {
  const n = b.input.length;
  if (n === 0) throw invalid('the file holds no requests', { file });
  let order: number[] | null = null;
  for (let i = 1; i < n; i++) {
    if (b.arrival[i] < b.arrival[i - 1]) {
      order = Array.from({ length: n }, (_, k) => k).sort((x, y) => b.arrival[x] - b.arrival[y] || x - y);
      break;
    }
  }
  const pick = (k: number) => (order ? order[k] : k);
  let min = Infinity;
  for (const a of b.arrival) min = Math.min(min, a);
  const out: TraceColumns = {
    format,
    arrivalS: new Float64Array(n),
    inputTokens: new Int32Array(n),
    outputTokens: new Int32Array(n),
    prefixHashes: withHashes ? new Array(n) : null,
    skipped: b.skipped,
    lengthsOnly,
  };
  for (let k = 0; k < n; k++) {
    const i = pick(k);
    out.arrivalS[k] = b.arrival[i] - min;
    out.inputTokens[k] = b.input[i];
    out.outputTokens[k] = b.output[i];
    if (out.prefixHashes) out.prefixHashes[k] = b.hashes[i];
  }
  return out;
}

/** Reads a trace, choosing the format from the file's content (JSONL objects, or a known CSV header). */
export function readTrace(text: string, fileName: string): TraceColumns {
  const first = text.trimStart();
  if (first.startsWith('{')) return readJsonlTrace(text, fileName);
  return readCsvTrace(text, fileName);
}
