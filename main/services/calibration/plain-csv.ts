// The documented plain CSV for numbers from anywhere else (a spreadsheet, a vendor table, another tool).
// One row a run; header names, any order, case-insensitive:
//   model          Hugging Face id (blank: the import's --model)
//   tp             tensor-parallel degree (blank: the import's --tp, else 1)
//   isl, osl       mean input and output tokens per request
//   concurrency    closed-loop clients  } at least one of the two
//   request_rate   offered requests/s   }
//   ttft_ms        mean time to first token
//   tpot_ms        mean time per output token after the first (or itl_ms, mean inter-token latency)
//   output_tok_s   output tokens/s of the whole run (optional)
//   request_s      completed requests/s (optional)
//   engine         vllm, sglang, ... (optional)
//   source         where the numbers come from (optional; kept with the calibration)
import { invalid } from '../../errors';
import { parseCsv } from '../csv';
import { optionalPositive, positive, tooFewPoints, type ServingPoint } from './points';

export const PLAIN_CSV_COLUMNS = ['model', 'tp', 'isl', 'osl', 'concurrency', 'request_rate', 'ttft_ms', 'tpot_ms', 'itl_ms',
  'output_tok_s', 'request_s', 'engine', 'source'] as const;

export function looksLikePlainCsv(text: string): boolean {
  const head = (text.split('\n').find((l) => l.trim()) ?? '').toLowerCase();
  return head.includes('ttft_ms') && head.includes('isl');
}

export function readPlainCsv(text: string, file: string): ServingPoint[] {
  const rows = parseCsv(text).filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (rows.length === 0) tooFewPoints(file);
  const header = rows[0].fields.map((h) => h.trim().toLowerCase());
  const col = (c: string) => header.indexOf(c);
  for (const c of ['isl', 'osl', 'ttft_ms']) if (col(c) < 0) throw invalid(`missing column "${c}"`, { file, line: rows[0].line, field: c });
  if (col('tpot_ms') < 0 && col('itl_ms') < 0) throw invalid('needs a tpot_ms or an itl_ms column', { file, line: rows[0].line, field: 'tpot_ms' });
  if (col('concurrency') < 0 && col('request_rate') < 0) {
    throw invalid('needs a concurrency or a request_rate column', { file, line: rows[0].line, field: 'concurrency' });
  }
  const unknown = header.filter((h) => h && !(PLAIN_CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) throw invalid(`unknown column "${unknown[0]}"`, { file, line: rows[0].line, field: unknown[0] });
  const out = rows.slice(1).map((r): ServingPoint => {
    const f = (c: string) => (col(c) < 0 ? '' : (r.fields[col(c)] ?? '').trim());
    const concurrency = optionalPositive(f('concurrency'), file, r.line, 'concurrency');
    const requestRate = optionalPositive(f('request_rate'), file, r.line, 'request_rate');
    if (concurrency === null && requestRate === null) throw invalid('needs a concurrency or a request_rate', { file, line: r.line, field: 'concurrency' });
    const tpot = f('tpot_ms') !== '' ? positive(f('tpot_ms'), file, r.line, 'tpot_ms') : positive(f('itl_ms'), file, r.line, 'itl_ms');
    const tp = optionalPositive(f('tp'), file, r.line, 'tp');
    if (tp !== null && !Number.isInteger(tp)) throw invalid(`must be a whole number, got "${f('tp')}"`, { file, line: r.line, field: 'tp' });
    return {
      kind: 'serving', file, line: r.line, tool: 'csv', model: f('model') || null, tp, engine: f('engine') || null,
      concurrency, requestRate,
      inputTokens: positive(f('isl'), file, r.line, 'isl'), outputTokens: positive(f('osl'), file, r.line, 'osl'),
      ttftS: positive(f('ttft_ms'), file, r.line, 'ttft_ms') / 1e3, tpotS: tpot / 1e3,
      requestsPerS: optionalPositive(f('request_s'), file, r.line, 'request_s'),
      outputTokensPerS: optionalPositive(f('output_tok_s'), file, r.line, 'output_tok_s'),
    };
  });
  if (out.length === 0) tooFewPoints(file);
  return out;
}

/** The `source` column of each data row, for the calibration record (blank rows give ''). */
export function plainCsvSources(text: string): string[] {
  const rows = parseCsv(text).filter((r) => r.fields.some((f) => f.trim() !== ''));
  const at = rows[0]?.fields.map((h) => h.trim().toLowerCase()).indexOf('source') ?? -1;
  return at < 0 ? [] : rows.slice(1).map((r) => (r.fields[at] ?? '').trim());
}
