// SGLang `python -m sglang.bench_serving --output-file X.jsonl`: one JSON object a line, appended per run.
// Field names as python/sglang/bench_serving.py writes them: backend, request_rate (a float; Python writes
// unlimited as bare Infinity), max_concurrency, completed, total_input_tokens, total_output_tokens,
// request_throughput, output_throughput, mean_ttft_ms, mean_tpot_ms, mean_itl_ms, mean_e2e_latency_ms.
// The file does not name the model or TP; the import supplies them.
import { invalid } from '../../domain/errors';
import { engineOfBackend, optionalPositive, parsePythonJson, positive, tooFewPoints, type ServingPoint } from './points';

type Json = Record<string, unknown>;

export function looksLikeSglangRecord(o: unknown): boolean {
  const r = o as Json;
  return !!r && typeof r === 'object' && 'mean_e2e_latency_ms' in r && 'mean_ttft_ms' in r;
}

export function readSglangJsonl(text: string, file: string): ServingPoint[] {
  const out: ServingPoint[] = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    const line = i + 1;
    const rec = parsePythonJson(raw, file, line) as Json;
    if (!looksLikeSglangRecord(rec)) throw invalid('is not an SGLang bench_serving record (no mean_e2e_latency_ms)', { file, line });
    const completed = positive(rec.completed, file, line, 'completed');
    const rate = rec.request_rate;
    out.push({
      kind: 'serving', file, line, tool: 'sglang',
      model: typeof rec.model_id === 'string' ? rec.model_id : typeof rec.model === 'string' ? rec.model : null,
      tp: optionalPositive(rec.tp_size ?? rec.tensor_parallel_size, file, line, 'tp_size'),
      engine: engineOfBackend(rec.backend) ?? 'sglang',
      concurrency: optionalPositive(rec.max_concurrency, file, line, 'max_concurrency'),
      requestRate: rate === 'Infinity' || rate === 'inf' || rate == null ? null : positive(rate, file, line, 'request_rate'),
      inputTokens: positive(rec.total_input_tokens, file, line, 'total_input_tokens') / completed,
      outputTokens: positive(rec.total_output_tokens, file, line, 'total_output_tokens') / completed,
      ttftS: positive(rec.mean_ttft_ms, file, line, 'mean_ttft_ms') / 1e3,
      tpotS: (optionalPositive(rec.mean_tpot_ms, file, line, 'mean_tpot_ms') ?? positive(rec.mean_itl_ms, file, line, 'mean_itl_ms')) / 1e3,
      requestsPerS: optionalPositive(rec.request_throughput, file, line, 'request_throughput'),
      outputTokensPerS: optionalPositive(rec.output_throughput, file, line, 'output_throughput'),
    });
  });
  if (out.length === 0) tooFewPoints(file);
  return out;
}
