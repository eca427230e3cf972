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
//   total_tok_s    input + output tokens/s (optional; read as output_tok_s · (isl + osl) / osl)
//   request_s      completed requests/s (optional)
//   dtype          weight dtype of the run: bf16, fp16, fp8, int8 (optional; else the model's own)
//   kv_dtype       KV-cache dtype of the run, same values (optional; else 16-bit)
//   engine         vllm, sglang, ... (optional)
//   source         where the numbers come from (optional; kept with the calibration)
//   licence        the terms the numbers are shipped under (optional; public calibrations give it per row)
// A throughput-only row (vendor tables: batch size and tokens/s, no latencies) leaves ttft_ms and tpot_ms
// blank and gives concurrency (the batch) with output_tok_s or total_tok_s.
import { invalid, shown } from '../../domain/errors';
import { parseCsv } from '../csv';
import type { Dtype } from '../../sim/types';
import { optionalPositive, positive, tooFewPoints, type ServingPoint } from './points';

export const PLAIN_CSV_COLUMNS = ['model', 'tp', 'isl', 'osl', 'concurrency', 'request_rate', 'ttft_ms', 'tpot_ms', 'itl_ms',
  'output_tok_s', 'total_tok_s', 'request_s', 'dtype', 'kv_dtype', 'engine', 'source', 'licence'] as const;
const DTYPES: readonly Dtype[] = ['bf16', 'fp16', 'fp8', 'int8'];

export function looksLikePlainCsv(text: string): boolean {
  const head = (text.split('\n').find((l) => l.trim()) ?? '').toLowerCase();
  const cols = head.split(',').map((c) => c.trim());
  return cols.includes('isl') && cols.includes('osl') && ['ttft_ms', 'output_tok_s', 'total_tok_s'].some((c) => cols.includes(c));
}

export function readPlainCsv(text: string, file: string): ServingPoint[] {
  const rows = parseCsv(text, file).filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (rows.length === 0) tooFewPoints(file);
  const header = rows[0].fields.map((h) => h.trim().toLowerCase());
  const col = (c: string) => header.indexOf(c);
  for (const c of ['isl', 'osl']) if (col(c) < 0) throw invalid(`missing column "${c}"`, { file, line: rows[0].line, field: c });
  const throughputColumn = col('output_tok_s') >= 0 || col('total_tok_s') >= 0;
  if (col('ttft_ms') < 0 && !throughputColumn) throw invalid('needs a ttft_ms column (or output_tok_s for throughput-only rows)', { file, line: rows[0].line, field: 'ttft_ms' });
  if (col('tpot_ms') < 0 && col('itl_ms') < 0 && !throughputColumn) {
    throw invalid('needs a tpot_ms or an itl_ms column (or output_tok_s for throughput-only rows)', { file, line: rows[0].line, field: 'tpot_ms' });
  }
  if (col('concurrency') < 0 && col('request_rate') < 0) {
    throw invalid('needs a concurrency or a request_rate column', { file, line: rows[0].line, field: 'concurrency' });
  }
  const unknown = header.filter((h) => h && !(PLAIN_CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) throw invalid(`unknown column ${shown(unknown[0])}`, { file, line: rows[0].line, field: unknown[0].slice(0, 40) });
  const out = rows.slice(1).map((r): ServingPoint => {
    const f = (c: string) => (col(c) < 0 ? '' : (r.fields[col(c)] ?? '').trim());
    const concurrency = optionalPositive(f('concurrency'), file, r.line, 'concurrency');
    const requestRate = optionalPositive(f('request_rate'), file, r.line, 'request_rate');
    if (concurrency === null && requestRate === null) throw invalid('needs a concurrency or a request_rate', { file, line: r.line, field: 'concurrency' });
    const isl = positive(f('isl'), file, r.line, 'isl');
    const osl = positive(f('osl'), file, r.line, 'osl');
    const total = optionalPositive(f('total_tok_s'), file, r.line, 'total_tok_s');
    const outputTokensPerS = optionalPositive(f('output_tok_s'), file, r.line, 'output_tok_s') ?? (total === null ? null : (total * osl) / (isl + osl));
    const latencies = f('ttft_ms') !== '' || f('tpot_ms') !== '' || f('itl_ms') !== '';
    if (!latencies && (outputTokensPerS === null || concurrency === null)) {
      throw invalid('a row without ttft_ms and tpot_ms needs concurrency and output_tok_s (or total_tok_s)', { file, line: r.line, field: 'ttft_ms' });
    }
    const tpot = !latencies ? null : f('tpot_ms') !== '' ? positive(f('tpot_ms'), file, r.line, 'tpot_ms') : positive(f('itl_ms'), file, r.line, 'itl_ms');
    const tp = optionalPositive(f('tp'), file, r.line, 'tp');
    if (tp !== null && !Number.isInteger(tp)) throw invalid(`must be a whole number, got ${shown(f('tp'))}`, { file, line: r.line, field: 'tp' });
    const dtypeOf = (c: 'dtype' | 'kv_dtype') => {
      const d = f(c).toLowerCase();
      if (d && !DTYPES.includes(d as Dtype)) throw invalid(`${shown(d)} is not one of ${DTYPES.join(', ')}`, { file, line: r.line, field: c });
      return d as Dtype | '';
    };
    const dtype = dtypeOf('dtype');
    const kvDtype = dtypeOf('kv_dtype');
    return {
      kind: 'serving', file, line: r.line, tool: 'csv', model: f('model') || null, tp, engine: f('engine') || null,
      ...(dtype ? { dtype } : {}), ...(kvDtype ? { kvDtype } : {}),
      concurrency, requestRate, inputTokens: isl, outputTokens: osl,
      ttftS: latencies ? positive(f('ttft_ms'), file, r.line, 'ttft_ms') / 1e3 : null, tpotS: tpot === null ? null : tpot / 1e3,
      requestsPerS: optionalPositive(f('request_s'), file, r.line, 'request_s'),
      outputTokensPerS,
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
