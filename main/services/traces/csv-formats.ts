// The CSV trace formats fleetplan knows, as data: how to recognise each header and which columns carry the
// arrival time and token counts. Adding a format is adding a row here.
import type { TraceFormatId, TraceMapping } from './types';

export type ArrivalParser = 'datetime' | 'seconds' | 'milliseconds';

export interface CsvTraceFormat {
  id: TraceFormatId;
  label: string;
  /** Columns that must all be present (exact header names) for the format to match. */
  requires: string[];
  arrival: { column: string; parse: ArrivalParser } | null;
  input: string;
  output: string;
  /** Rows whose output is zero are failed requests in this format, left out rather than refused. */
  zeroOutputMeansFailed?: boolean;
}

export const CSV_TRACE_FORMATS: readonly CsvTraceFormat[] = [
  {
    id: 'azure-2023',
    label: 'Azure LLM inference trace (2023/2024)',
    requires: ['TIMESTAMP', 'ContextTokens', 'GeneratedTokens'],
    arrival: { column: 'TIMESTAMP', parse: 'datetime' },
    input: 'ContextTokens',
    output: 'GeneratedTokens',
  },
  {
    id: 'burstgpt',
    label: 'BurstGPT',
    requires: ['Timestamp', 'Request tokens', 'Response tokens'],
    arrival: { column: 'Timestamp', parse: 'seconds' },
    input: 'Request tokens',
    output: 'Response tokens',
    zeroOutputMeansFailed: true,
  },
  {
    id: 'splitwise',
    label: 'Splitwise simulator trace',
    requires: ['arrival_timestamp', 'prompt_size', 'token_size'],
    arrival: { column: 'arrival_timestamp', parse: 'seconds' },
    input: 'prompt_size',
    output: 'token_size',
  },
  {
    id: 'vidur',
    label: 'Vidur processed trace',
    requires: ['arrived_at', 'num_prefill_tokens', 'num_decode_tokens'],
    arrival: { column: 'arrived_at', parse: 'seconds' },
    input: 'num_prefill_tokens',
    output: 'num_decode_tokens',
  },
  {
    id: 'lengths',
    label: 'Length-only table (arrivals generated)',
    requires: ['num_prefill_tokens', 'num_decode_tokens'],
    arrival: null,
    input: 'num_prefill_tokens',
    output: 'num_decode_tokens',
  },
];

/** A format built from the user's column mapping; it is checked against the header like any other. */
export function formatFromMapping(m: TraceMapping): CsvTraceFormat {
  const parse: ArrivalParser | undefined = m.arrival ? ({ s: 'seconds', ms: 'milliseconds', datetime: 'datetime' } as const)[m.arrival.unit] : undefined;
  return {
    id: 'custom',
    label: 'Custom column mapping',
    requires: [m.arrival?.column, m.input, m.output].filter((c): c is string => !!c),
    arrival: m.arrival && parse ? { column: m.arrival.column, parse } : null,
    input: m.input,
    output: m.output,
  };
}

export function detectCsvFormat(header: readonly string[]): CsvTraceFormat | undefined {
  const cols = new Set(header.map((h) => h.trim()));
  return CSV_TRACE_FORMATS.find((f) => f.requires.every((c) => cols.has(c)));
}

/** True for a real day of the Gregorian calendar from year 1000 on (no 30 February, no month 13). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/**
 * Milliseconds since the epoch for "2023-11-16 18:17:03.9799600", "2023-11-16T18:17:03+00:00" and the like.
 * Hand-parsed: Date.parse is slow on millions of rows and reads naive datetimes in local time.
 */
export function parseTraceDatetimeMs(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return NaN;
  const [y, mo, d, h, mi, sec] = [+m[1], +m[2], +m[3], +m[4], +m[5], +m[6]];
  if (!isCalendarDay(y, mo, d) || h > 23 || mi > 59 || sec > 59) return NaN;
  const base = Date.UTC(y, mo - 1, d, h, mi, sec);
  const frac = m[7] ? Number(m[7]) * 1000 : 0;
  let offsetMin = 0;
  if (m[8] && m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const digits = m[8].slice(1).replace(':', '');
    const [oh, om] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
    if (oh > 23 || om > 59) return NaN;
    offsetMin = sign * (oh * 60 + om);
  }
  return base + frac - offsetMin * 60_000;
}
