// What a measurement file says once read: serving points (a benchmark client's summary of one run at one load)
// or iteration points (one engine step of a known batch, timed on the GPU). Every reader in this folder turns
// its tool's format into these, so the fit never sees a tool's field names.
import { invalid, shownValue } from '../../domain/errors';
import type { BatchAggregate, Dtype } from '../../sim/types';

export type MeasurementTool = 'vllm' | 'sglang' | 'aiperf' | 'genai-perf' | 'fleetplan-measure' | 'csv';

interface PointOrigin {
  file: string;
  /** 1-based line of the record (JSONL, CSV) or of the run's first metric field (one JSON object). */
  line: number;
  tool: MeasurementTool;
  /** Model id as the file names it (a Hugging Face id, or a measure.py shape); null when the file does not say. */
  model: string | null;
  /** Tensor-parallel degree when the file says; the import supplies it otherwise. */
  tp: number | null;
  /** Serving engine when the file says (vllm, sglang, ...), else null. */
  engine: string | null;
  /** Weight dtype the run used (fp8, bf16, ...) when the file says; else the model's own. */
  dtype?: Dtype;
  /** KV-cache dtype when the file says (fp8 KV caches halve the cache and its reads). */
  kvDtype?: Dtype;
}

/** One benchmark run at one load level: means over its requests. */
export interface ServingPoint extends PointOrigin {
  kind: 'serving';
  /** Closed-loop clients (max concurrency); null for an open-loop run. */
  concurrency: number | null;
  /** Offered requests/s; null when unlimited or closed-loop. */
  requestRate: number | null;
  inputTokens: number;
  outputTokens: number;
  /** Null only for throughput-only rows (a vendor table of batch size and tokens/s). */
  ttftS: number | null;
  /** Time per output token after the first (TPOT; ITL where the tool reports only that); null as ttftS. */
  tpotS: number | null;
  requestsPerS: number | null;
  outputTokensPerS: number | null;
}

/** One engine iteration of a known batch (measure.py's whole-model CUDA-graph replays). */
export interface IterationPoint extends PointOrigin {
  kind: 'iteration';
  case: string;
  batch: BatchAggregate;
  seconds: number;
}

export type MeasuredPoint = ServingPoint | IterationPoint;

/** A stable id for a point: what a user names to hold it out, and what the automatic split hashes. */
export function pointId(p: MeasuredPoint): string {
  return `${p.file}:${p.line}`;
}

/** A positive finite number, or the reader refuses the file naming where. */
export function positive(v: unknown, file: string, line: number, field: string): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) {
    throw invalid(`must be a positive number, got ${shownValue(v ?? null)}`, { file, line, field });
  }
  return n;
}

/** Like positive(), but absent (undefined, null, '') is allowed and gives null. */
export function optionalPositive(v: unknown, file: string, line: number, field: string): number | null {
  if (v === undefined || v === null || v === '') return null;
  return positive(v, file, line, field);
}

/** Python's json.dumps writes inf and nan bare (not JSON); turn them into strings the readers can name. */
export function parsePythonJson(text: string, file: string, line: number): unknown {
  const cleaned = text.replace(/([:[,]\s*)(-?Infinity|NaN)(?=\s*[,}\]])/g, '$1"$2"');
  try {
    return JSON.parse(cleaned);
  } catch (e) {
    // V8 quotes a stretch of the text in its message: keep it short.
    throw invalid(`not valid JSON (${(e as Error).message.slice(0, 120)})`, { file, line });
  }
}

/** Line (1-based) of the first `"key":` in a JSON text, for errors in single-object files. */
export function lineOfKey(text: string, key: string): number {
  const at = text.indexOf(`"${key}"`);
  if (at < 0) return 1;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Engines whose name a benchmark client's backend field carries (vllm bench serve --backend, SGLang --backend). */
export function engineOfBackend(backend: unknown): string | null {
  if (typeof backend !== 'string') return null;
  const b = backend.toLowerCase();
  for (const e of ['vllm', 'sglang', 'tensorrt-llm', 'trt-llm', 'lmdeploy', 'tgi']) if (b.startsWith(e)) return e === 'trt-llm' ? 'tensorrt-llm' : e;
  return null;
}

export function tooFewPoints(file: string): never {
  throw invalid('holds no measured points', { file });
}
