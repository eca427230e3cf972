// aiperf `profile_export_aiperf.json` and genai-perf `profile_export_genai_perf.json`: one JSON object of
// metric summaries ({ unit, avg, p50, ... }) plus the run's configuration under input_config. Metric names as
// both tools write them: time_to_first_token, inter_token_latency, request_throughput,
// output_token_throughput, input_sequence_length, output_sequence_length (ms, tokens, per second). The
// configuration differs: aiperf nests it (input_config.endpoint.model_names, or models.items[].name in later
// versions; input_config.loadgen.concurrency / request_rate), genai-perf keeps its flat argparse names
// (input_config.model, concurrency, request_rate).
import { invalid } from '../../domain/errors';
import { engineOfBackend, lineOfKey, optionalPositive, parsePythonJson, positive, type MeasurementTool, type ServingPoint } from './points';

type Json = Record<string, unknown>;

export function looksLikeProfileExport(o: unknown): boolean {
  const r = o as Json;
  return !!r && typeof r === 'object' && 'time_to_first_token' in r && 'input_config' in r;
}

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

function modelOf(cfg: Json): string | null {
  const endpoint = obj(cfg.endpoint);
  const names = endpoint.model_names ?? cfg.model;
  if (Array.isArray(names) && typeof names[0] === 'string') return names[0];
  if (typeof names === 'string') return names;
  const items = obj(cfg.models).items;
  if (Array.isArray(items) && typeof obj(items[0]).name === 'string') return obj(items[0]).name as string;
  return null;
}

export function readProfileExport(text: string, file: string): ServingPoint[] {
  const rec = parsePythonJson(text, file, 1) as Json;
  if (!looksLikeProfileExport(rec)) {
    throw invalid('is not an aiperf / genai-perf profile export (no time_to_first_token and input_config)', { file, line: 1 });
  }
  const cfg = obj(rec.input_config);
  const loadgen = obj(cfg.loadgen);
  const tool: MeasurementTool = 'loadgen' in cfg || 'endpoint' in cfg || 'models' in cfg ? 'aiperf' : 'genai-perf';
  const avg = (metric: string, optional = false): number | null => {
    const line = lineOfKey(text, metric);
    const m = rec[metric];
    if (m === undefined || m === null) {
      if (optional) return null;
      throw invalid('is missing', { file, line, field: metric });
    }
    const v = obj(m).avg;
    return optional ? optionalPositive(v, file, line, `${metric}.avg`) : positive(v, file, line, `${metric}.avg`);
  };
  const cfgNumber = (key: string) => optionalPositive(loadgen[key] ?? cfg[key], file, lineOfKey(text, key), `input_config.${key}`);
  const ms = (metric: string) => {
    const unit = obj(rec[metric]).unit;
    if (unit !== undefined && unit !== 'ms') throw invalid(`unit "${String(unit)}" is not ms`, { file, line: lineOfKey(text, metric), field: `${metric}.unit` });
    return avg(metric)! / 1e3;
  };
  return [{
    kind: 'serving', file, line: lineOfKey(text, 'time_to_first_token'), tool,
    model: modelOf(cfg),
    tp: null,
    engine: engineOfBackend(cfg.backend ?? obj(cfg.endpoint).type),
    concurrency: cfgNumber('concurrency'),
    requestRate: cfgNumber('request_rate'),
    inputTokens: avg('input_sequence_length')!,
    outputTokens: avg('output_sequence_length')!,
    ttftS: ms('time_to_first_token'),
    tpotS: ms('inter_token_latency'),
    requestsPerS: avg('request_throughput', true),
    outputTokensPerS: avg('output_token_throughput', true),
  }];
}
