// `vllm bench serve --save-result` (or --append-result, one JSON object a line) result files. Field names as
// vllm/benchmarks/serve.py writes them: model_id, backend, request_rate ("inf" when unlimited),
// max_concurrency, completed, total_input_tokens, total_output_tokens, request_throughput,
// output_throughput, mean_ttft_ms, mean_tpot_ms, mean_itl_ms; `--metadata KEY=VALUE` pairs land at the top
// level as strings, so tensor_parallel_size / tp and engine are read from there when given.
import { invalid } from '../../domain/errors';
import {
  engineOfBackend, lineOfKey, optionalPositive, parsePythonJson, positive, tooFewPoints, type ServingPoint,
} from './points';

type Json = Record<string, unknown>;

export function looksLikeVllmResult(o: unknown): boolean {
  const r = o as Json;
  return !!r && typeof r === 'object' && 'mean_ttft_ms' in r && ('mean_e2el_ms' in r || 'model_id' in r) && !('mean_e2e_latency_ms' in r);
}

function records(text: string, file: string): { rec: Json; line: number; text: string }[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') && !/}\s*\n\s*{/.test(trimmed)) {
    const rec = parsePythonJson(trimmed, file, 1);
    return [{ rec: rec as Json, line: 0, text: trimmed }];
  }
  return text.split('\n').flatMap((l, i) => (l.trim() ? [{ rec: parsePythonJson(l, file, i + 1) as Json, line: i + 1, text: l }] : []));
}

export function readVllmResult(text: string, file: string): ServingPoint[] {
  const out = records(text, file).map(({ rec, line, text: recText }) => {
    // One object over many lines: name the line of the field at fault.
    const at = (key: string) => (line > 0 ? line : lineOfKey(recText, key));
    if (!looksLikeVllmResult(rec)) throw invalid('is not a vllm bench serve result (no mean_ttft_ms / model_id)', { file, line: at('mean_ttft_ms') });
    const completed = positive(rec.completed, file, at('completed'), 'completed');
    const rate = rec.request_rate === 'inf' || rec.request_rate === 'Infinity' || rec.request_rate == null
      ? null : positive(rec.request_rate, file, at('request_rate'), 'request_rate');
    const tpMeta = rec.tensor_parallel_size ?? rec.tp;
    const tpot = optionalPositive(rec.mean_tpot_ms, file, at('mean_tpot_ms'), 'mean_tpot_ms')
      ?? positive(rec.mean_itl_ms, file, at('mean_itl_ms'), 'mean_itl_ms');
    const point: ServingPoint = {
      kind: 'serving', file, line: at('mean_ttft_ms'), tool: 'vllm',
      model: typeof rec.model_id === 'string' ? rec.model_id : null,
      tp: tpMeta === undefined ? null : positive(tpMeta, file, at(rec.tensor_parallel_size !== undefined ? 'tensor_parallel_size' : 'tp'), 'tensor_parallel_size'),
      engine: typeof rec.engine === 'string' ? rec.engine : engineOfBackend(rec.backend ?? rec.endpoint_type),
      concurrency: optionalPositive(rec.max_concurrency, file, at('max_concurrency'), 'max_concurrency'),
      requestRate: rate,
      inputTokens: positive(rec.total_input_tokens, file, at('total_input_tokens'), 'total_input_tokens') / completed,
      outputTokens: positive(rec.total_output_tokens, file, at('total_output_tokens'), 'total_output_tokens') / completed,
      ttftS: positive(rec.mean_ttft_ms, file, at('mean_ttft_ms'), 'mean_ttft_ms') / 1e3,
      tpotS: tpot / 1e3,
      requestsPerS: optionalPositive(rec.request_throughput, file, at('request_throughput'), 'request_throughput'),
      outputTokensPerS: optionalPositive(rec.output_throughput, file, at('output_throughput'), 'output_throughput'),
    };
    return point;
  });
  if (out.length === 0) tooFewPoints(file);
  return out;
}
