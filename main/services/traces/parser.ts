// A line-at-a-time trace parser: the same rules whether the text is in memory or streamed from a large
// file. Columns grow in typed arrays (16 bytes a request), so a million-row trace stays small.
import { invalid, shown } from '../../domain/errors';
import { MAX_REQUEST_TOKENS } from '../../domain/workload';
import { CSV_TRACE_FORMATS, detectCsvFormat, formatFromMapping, parseTraceDatetimeMs, type CsvTraceFormat } from './csv-formats';
import { plainCount, plainDatetimeMs, plainDecimal, type DayCache } from './plain-fields';
import type { TraceColumns, TraceFormatId, TraceMapping } from './types';

class Growable {
  arrival = new Float64Array(1024);
  input = new Int32Array(1024);
  output = new Int32Array(1024);
  n = 0;
  push(a: number, i: number, o: number) {
    if (this.n === this.input.length) {
      const cap = this.n * 2;
      const grow = <T extends Float64Array | Int32Array>(old: T, next: T) => (next.set(old), next);
      this.arrival = grow(this.arrival, new Float64Array(cap));
      this.input = grow(this.input, new Int32Array(cap));
      this.output = grow(this.output, new Int32Array(cap));
    }
    this.arrival[this.n] = a;
    this.input[this.n] = i;
    this.output[this.n] = o;
    this.n++;
  }
}

/** Splits one CSV line; quotes are honoured within the line (trace files never break a record across lines). */
export function splitCsvLine(line: string): string[] {
  if (line.indexOf('"') < 0) return line.split(',');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(field), (field = '');
    else field += c;
  }
  out.push(field);
  return out;
}

/**
 * A token count as the file writes it: decimal digits only (no sign, exponent, fraction or 0x/0b prefix, which
 * Number() would take) and within 1..MAX_REQUEST_TOKENS (0 too where the format marks failed requests so).
 */
function tokens(text: string | undefined, file: string, line: number, field: string, allowZero: boolean): number {
  const t = (text ?? '').trim();
  const v = /^[0-9]{1,10}$/.test(t) ? Number(t) : NaN;
  if (!(v >= (allowZero ? 0 : 1) && v <= MAX_REQUEST_TOKENS)) {
    throw invalid(`${shown(t)} is not a ${allowZero ? 'non-negative' : 'positive'} whole number of tokens (at most ${MAX_REQUEST_TOKENS.toLocaleString('en-US')})`, { file, line, field });
  }
  return v;
}

/** A JSON field's token count: a JSON whole number, or a string of digits, read by the same rule. */
function jsonTokens(value: unknown, file: string, line: number, field: string): number {
  const text = typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? String(value) : typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  return tokens(text, file, line, field, false);
}

/**
 * The longest span of arrivals a trace may cover: a year, some fifty times the week-long Azure LLM inference
 * trace of 2024 (assets/traces/SOURCES.md). A longer span is a unit mistake or a corrupt timestamp.
 */
export const MAX_TRACE_SPAN_S = 366 * 86_400;

/**
 * The longest line a trace may have, in characters: a request's prompt of MAX_REQUEST_TOKENS written out as text
 * (about 4 characters a token, OpenAI's rule of thumb in its tokenizer help) is 4 M characters; four times that
 * leaves room for escaping and other fields, and stays far below the ~512 M characters a V8 string can hold,
 * so a file that is one huge line (binary data, a missing newline) is refused by name instead of failing
 * with "Invalid string length".
 */
export const MAX_TRACE_LINE_CHARS = 16 * 1024 * 1024;

/** The refusal for a line past MAX_TRACE_LINE_CHARS. */
export function lineTooLong(file: string, line: number): Error {
  return invalid(`the line is longer than ${MAX_TRACE_LINE_CHARS / (1024 * 1024)} MiB, the longest a trace line may be; is this a trace file?`, { file, line });
}

const MOONCAKE: TraceMapping = { arrival: { column: 'timestamp', unit: 'ms' }, input: 'input_length', output: 'output_length' };

export class TraceParser {
  private cols = new Growable();
  private hashes: (number[] | null)[] | null = null;
  private kind: 'unknown' | 'csv' | 'jsonl' = 'unknown';
  private csv: CsvTraceFormat | undefined;
  private at = { arrival: -1, input: -1, output: -1 };
  private t0 = NaN;
  private lastMs = -Infinity;
  /** Rows that arrive before an earlier row; finish() sorts them into place and says so. */
  private reordered = 0;
  private skipped = 0;
  private lines = 0;
  /** Field bounds [start, end) of the current line, reused by the plain-line path. */
  private bounds = new Int32Array(0);
  private day: DayCache = { key: -1, ms: 0 };

  /** With a mapping, its columns are used; without, the format is recognised from the header. */
  constructor(
    private readonly file: string,
    private readonly mapping?: TraceMapping,
  ) {}

  get rows(): number {
    return this.cols.n;
  }

  /**
   * Feeds text[start, end) as one line (without its newline). A plain CSV row is read in place; any other
   * line goes to feed(), so every rule and error message stays in one place.
   */
  feedRange(text: string, start: number, end: number, line: number): void {
    if (end - start > MAX_TRACE_LINE_CHARS) throw lineTooLong(this.file, line);
    if (this.kind !== 'csv' || !this.plainCsv(text, start, end, line)) this.feed(text.slice(start, end), line);
  }

  /** Feeds one line (without its newline); `line` is its 1-based number in the file. */
  feed(raw: string, line: number): void {
    if (raw.length > MAX_TRACE_LINE_CHARS) throw lineTooLong(this.file, line);
    this.lines = line;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return;
    if (this.kind === 'unknown') {
      const body = line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      if (body.trimStart().startsWith('{')) {
        this.kind = 'jsonl';
        this.hashes = [];
        this.feedJson(body, line);
      } else {
        this.kind = 'csv';
        this.header(splitCsvLine(body), line);
      }
      return;
    }
    if (this.kind === 'jsonl') this.feedJson(text, line);
    else this.feedCsv(text, line);
  }

  private header(fields: string[], line: number) {
    if (this.mapping) {
      const f = formatFromMapping(this.mapping);
      const missing = f.requires.find((c) => !fields.some((h) => h.trim() === c));
      if (missing) throw invalid(`the header has no column ${shown(missing)}; it has: ${shown(fields.join(', '), 120)}`, { file: this.file, line, field: missing.slice(0, 60) });
      this.csv = f;
    } else this.csv = detectCsvFormat(fields);
    if (!this.csv) {
      // The header is cut and the known formats named by their first columns, to stay one short line.
      const known = CSV_TRACE_FORMATS.map((f) => f.requires[0]).join(', ');
      throw invalid(`unrecognised CSV header ${shown(fields.join(','))}; known headers start with ${known}`, { file: this.file, line });
    }
    const idx = (name: string) => fields.findIndex((h) => h.trim() === name);
    this.at = { arrival: this.csv.arrival ? idx(this.csv.arrival.column) : -1, input: idx(this.csv.input), output: idx(this.csv.output) };
    this.bounds = new Int32Array(2 * (Math.max(this.at.arrival, this.at.input, this.at.output) + 1));
  }

  /**
   * Reads a CSV row whose needed fields are in plain form (see plain-fields.ts) without making strings;
   * returns false, having stored nothing, for any row that feedCsv must judge (quotes, spaces, errors).
   */
  private plainCsv(text: string, start: number, end: number, line: number): boolean {
    const b = this.bounds;
    const last = b.length / 2 - 1;
    const e = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    // Field bounds up to the last needed column. splitCsvLine reads fields before a quote as split(',')
    // does, so only a quote within them sends the row to the general path.
    let col = 0;
    for (let i = start, s = start; ; i++) {
      const c = i < e ? text.charCodeAt(i) : 44;
      if (c === 34) return false;
      if (c !== 44) continue;
      b[2 * col] = s;
      b[2 * col + 1] = i;
      s = i + 1;
      if (++col > last) break;
      if (i >= e) return false;
    }
    const f = this.csv!;
    const at = this.at;
    const output = plainCount(text, b[2 * at.output], b[2 * at.output + 1]);
    if (output < 0 || output > MAX_REQUEST_TOKENS || (output === 0 && !f.zeroOutputMeansFailed)) return false;
    if (output === 0) {
      this.lines = line;
      this.skipped++;
      return true;
    }
    const input = plainCount(text, b[2 * at.input], b[2 * at.input + 1]);
    if (input <= 0 || input > MAX_REQUEST_TOKENS) return false;
    let ms = 0;
    if (f.arrival) {
      const s = b[2 * at.arrival];
      const t = b[2 * at.arrival + 1];
      ms = f.arrival.parse === 'datetime' ? plainDatetimeMs(text, s, t, this.day) : plainDecimal(text, s, t) * (f.arrival.parse === 'milliseconds' ? 1 : 1000);
      if (!Number.isFinite(ms) || this.arrivalProblem(ms, f.arrival.parse !== 'datetime') !== null) return false;
    }
    this.lines = line;
    this.record(ms, input, output);
    return true;
  }

  private feedCsv(text: string, line: number) {
    const f = this.csv!;
    const fields = splitCsvLine(text);
    const output = tokens(fields[this.at.output], this.file, line, f.output, f.zeroOutputMeansFailed === true);
    if (output === 0) {
      this.skipped++;
      return;
    }
    const input = tokens(fields[this.at.input], this.file, line, f.input, false);
    let ms = 0;
    if (f.arrival) {
      const raw = (fields[this.at.arrival] ?? '').trim();
      const scale = f.arrival.parse === 'milliseconds' ? 1 : 1000;
      ms = f.arrival.parse === 'datetime' ? parseTraceDatetimeMs(raw) : raw === '' ? NaN : Number(raw) * scale;
      if (!Number.isFinite(ms)) {
        const what = f.arrival.parse === 'datetime' ? 'date and time' : `time in ${f.arrival.parse}`;
        throw invalid(`${shown(raw)} is not a ${what}`, { file: this.file, line, field: f.arrival.column });
      }
      const problem = this.arrivalProblem(ms, f.arrival.parse !== 'datetime');
      if (problem) throw invalid(`${shown(raw)} ${problem}`, { file: this.file, line, field: f.arrival.column });
    }
    this.record(ms, input, output);
  }

  private feedJson(text: string, line: number) {
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw invalid('is not valid JSON', { file: this.file, line });
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw invalid('is not a JSON object', { file: this.file, line });
    const m = this.mapping ?? MOONCAKE;
    let ts = 0;
    if (m.arrival) {
      const raw = o[m.arrival.column];
      ts = m.arrival.unit === 'datetime' ? parseTraceDatetimeMs(String(raw ?? '')) : typeof raw === 'number' ? raw * (m.arrival.unit === 's' ? 1000 : 1) : NaN;
      if (!Number.isFinite(ts)) {
        const what = m.arrival.unit === 'datetime' ? 'a date and time' : m.arrival.unit === 's' ? 'a number (seconds)' : 'a number (milliseconds)';
        throw invalid(`must be ${what}`, { file: this.file, line, field: m.arrival.column });
      }
      const problem = this.arrivalProblem(ts, m.arrival.unit !== 'datetime');
      if (problem) throw invalid(`${shown(String(raw))} ${problem}`, { file: this.file, line, field: m.arrival.column });
    }
    const input = jsonTokens(o[m.input], this.file, line, m.input);
    const output = jsonTokens(o[m.output], this.file, line, m.output);
    let h: number[] | null = null;
    if (o.hash_ids !== undefined) {
      if (!Array.isArray(o.hash_ids) || !o.hash_ids.every((x) => Number.isInteger(x))) {
        throw invalid('must be an array of whole numbers', { file: this.file, line, field: 'hash_ids' });
      }
      h = o.hash_ids as number[];
    }
    this.hashes!.push(h);
    this.record(ts, input, output);
  }

  /** What is wrong with an arrival at `ms` given the first row's, or null. */
  private arrivalProblem(ms: number, numeric: boolean): string | null {
    if (numeric && ms < 0) return 'is a negative time; arrival times count from 0';
    if (!Number.isNaN(this.t0) && Math.abs(ms - this.t0) > MAX_TRACE_SPAN_S * 1000) {
      return `is more than ${MAX_TRACE_SPAN_S / 86_400} days from the first request's time, the longest span a trace may have`;
    }
    return null;
  }

  private record(ms: number, input: number, output: number) {
    if (Number.isNaN(this.t0)) this.t0 = ms;
    if (ms < this.lastMs) this.reordered++;
    else this.lastMs = ms;
    this.cols.push((ms - this.t0) / 1000, input, output);
  }

  /**
   * The whole trace, sorted by arrival (stably) and shifted so the first request arrives at 0; `reordered`
   * counts the rows that had to move, for the warning the CLI and the app show.
   */
  finish(): TraceColumns {
    if (this.kind === 'unknown') throw invalid('the file is empty', { file: this.file });
    const c = this.cols;
    const n = c.n;
    if (n === 0) throw invalid('the file holds no requests', { file: this.file, line: this.lines });
    const format: TraceFormatId = this.mapping ? 'custom' : this.kind === 'jsonl' ? 'mooncake' : this.csv!.id;
    let min = Infinity;
    for (let i = 0; i < n; i++) if (c.arrival[i] < min) min = c.arrival[i];
    const arrivalS = c.arrival.slice(0, n);
    let inputTokens = c.input.slice(0, n);
    let outputTokens = c.output.slice(0, n);
    let prefixHashes = this.hashes;
    if (this.reordered > 0) {
      const order = Uint32Array.from({ length: n }, (_, k) => k).sort((x, y) => arrivalS[x] - arrivalS[y] || x - y);
      const a = new Float64Array(n);
      const inp = new Int32Array(n);
      const outp = new Int32Array(n);
      order.forEach((i, k) => {
        a[k] = arrivalS[i];
        inp[k] = inputTokens[i];
        outp[k] = outputTokens[i];
      });
      arrivalS.set(a);
      inputTokens = inp;
      outputTokens = outp;
      if (prefixHashes) prefixHashes = Array.from(order, (i) => this.hashes![i]);
    }
    for (let i = 0; i < n; i++) arrivalS[i] -= min;
    const lengthsOnly = this.mapping ? this.mapping.arrival === null : !!this.csv && !this.csv.arrival;
    return { format, arrivalS, inputTokens, outputTokens, prefixHashes, skipped: this.skipped, reordered: this.reordered, lengthsOnly };
  }
}

/**
 * Feeds lines of `text` from offset `start` (line number `line`) until `maxLines` were fed or the text
 * ends; returns where it stopped, so callers can yield between slices. `start` past the end means done.
 */
export function feedText(parser: TraceParser, text: string, start: number, line: number, maxLines = Infinity): { start: number; line: number } {
  let fed = 0;
  while (start <= text.length && fed < maxLines) {
    const nl = text.indexOf('\n', start);
    // What follows a final newline is no line (a file streamed from disk ends there too).
    if (nl < 0 && start === text.length && start > 0) return { start: text.length + 1, line };
    parser.feedRange(text, start, nl < 0 ? text.length : nl, line);
    fed++;
    line++;
    start = nl < 0 ? text.length + 1 : nl + 1;
  }
  return { start, line };
}
