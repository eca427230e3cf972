// CSV text for reports (RFC 4180: comma separated, CRLF-free "\n" lines, quotes doubled, a cell quoted when
// it holds a comma, quote or newline) and a parser for the same dialect, so round trips are exact.
// Renderer-safe: no Node imports.
import { fixed } from './format';
import type { Table } from './summary';

function cell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(t: Table): string {
  return [t.header, ...t.rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/** Parses CSV text into its header and rows of strings; throws naming the line on a malformed quote. */
export function parseCsv(text: string): Table {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        if (i < text.length && !/[,\n\r]/.test(text[i])) throw new Error(`CSV line ${line}: text after a closing quote`);
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
      line++;
    } else field += c;
    i++;
  }
  if (quoted) throw new Error(`CSV line ${line}: a quoted cell is never closed`);
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  const [header = [], ...body] = rows;
  return { header, rows: body };
}

/** One request of a re-simulated deployment. Times in seconds from the workload's first arrival. */
export interface RequestRecord {
  id: number;
  arrivalS: number;
  /** Instance index in the deployment (the one that produced its last token); -1 when it never ran. */
  instance: number;
  /** Time to first token; NaN when the run stopped before the request got one. */
  ttftS: number;
  e2eS: number;
  inputTokens: number;
  outputTokens: number;
}

/** One iteration (one batch step) of one lane of an instance. */
export interface IterationRecord {
  startS: number;
  endS: number;
  instance: number;
  /** Nexus runs two lanes on one instance; other strategies one lane per instance. */
  lane: number;
  prefillTokens: number;
  decodeSeqs: number;
}

export const REQUEST_COLUMNS = ['strategy', 'id', 'arrival_s', 'instance', 'instance_label', 'ttft_s', 'e2e_s', 'input_tokens', 'output_tokens'];

export function requestsTable(strategy: string, instanceLabels: string[], records: readonly RequestRecord[]): Table {
  return {
    header: REQUEST_COLUMNS,
    rows: records.map((r) => [
      strategy, String(r.id), fixed(r.arrivalS, 6), String(r.instance), instanceLabels[r.instance] ?? '',
      fixed(r.ttftS, 6), fixed(r.e2eS, 6), String(r.inputTokens), String(r.outputTokens),
    ]),
  };
}

export const ITERATION_COLUMNS = ['strategy', 'start_s', 'end_s', 'instance', 'instance_label', 'lane', 'prefill_tokens', 'decode_seqs', 'batch_tokens'];

export function iterationsTable(strategy: string, instanceLabels: string[], records: readonly IterationRecord[]): Table {
  return {
    header: ITERATION_COLUMNS,
    rows: records.map((r) => [
      strategy, fixed(r.startS, 6), fixed(r.endS, 6), String(r.instance), instanceLabels[r.instance] ?? '', String(r.lane),
      String(r.prefillTokens), String(r.decodeSeqs), String(r.prefillTokens + r.decodeSeqs),
    ]),
  };
}

export const UTILIZATION_COLUMNS = ['strategy', 'time_s', 'instance', 'instance_label', 'busy_fraction', 'batch_tokens_mean'];

/**
 * Busy fraction per instance in fixed time bins: the share of each bin its lanes spent in iterations (a Nexus
 * instance's two lanes overlap on one GPU, so it is capped at 1), and the mean tokens per iteration.
 */
/** Busy seconds, batch tokens and iteration counts per (bin, instance), flattened as bin * n + instance. */
export function binUtilization(records: readonly IterationRecord[], n: number, binS: number, durationS: number) {
  const bins = Math.max(1, Math.ceil(durationS / binS));
  const busy = new Float64Array(bins * n);
  const tokens = new Float64Array(bins * n);
  const count = new Float64Array(bins * n);
  for (const r of records) {
    let t = r.startS;
    const mid = Math.min(bins - 1, Math.floor((r.startS + r.endS) / 2 / binS));
    tokens[mid * n + r.instance] += r.prefillTokens + r.decodeSeqs;
    count[mid * n + r.instance]++;
    while (t < r.endS) {
      const b = Math.floor(t / binS);
      if (b >= bins) break;
      const end = Math.min(r.endS, (b + 1) * binS);
      if (!(end > t)) break; // float edge at a bin boundary
      busy[b * n + r.instance] += end - t;
      t = end;
    }
  }
  return { bins, busy, tokens, count };
}

export function utilizationTable(strategy: string, instanceLabels: string[], records: readonly IterationRecord[], binS: number, durationS: number): Table {
  const n = instanceLabels.length;
  const { bins, busy, tokens, count } = binUtilization(records, n, binS, durationS);
  const rows: string[][] = [];
  for (let b = 0; b < bins; b++) {
    for (let i = 0; i < n; i++) {
      const k = b * n + i;
      rows.push([strategy, fixed(b * binS, 3), String(i), instanceLabels[i], fixed(Math.min(1, busy[k] / binS), 4), fixed(count[k] ? tokens[k] / count[k] : 0, 1)]);
    }
  }
  return { header: UTILIZATION_COLUMNS, rows };
}
