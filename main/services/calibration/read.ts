// One entry for every measurement format: say which it is (or let the content tell) and read it whole.
import { invalid } from '../../domain/errors';
import { looksLikeProfileExport, readProfileExport } from './aiperf-export';
import { looksLikeMeasureTable, readMeasureTable } from './measure-table';
import { looksLikePlainCsv, readPlainCsv } from './plain-csv';
import { parsePythonJson, type MeasuredPoint } from './points';
import { looksLikeSglangRecord, readSglangJsonl } from './sglang-jsonl';
import { looksLikeVllmResult, readVllmResult } from './vllm-result';

export type MeasurementFormat = 'vllm' | 'sglang' | 'aiperf' | 'measure' | 'csv';
export const MEASUREMENT_FORMATS: readonly MeasurementFormat[] = ['vllm', 'sglang', 'aiperf', 'measure', 'csv'];

export function detectFormat(text: string, file: string): MeasurementFormat {
  const t = text.trimStart();
  if (t.startsWith('{')) {
    // A JSONL file's first record decides; a single object is parsed whole.
    const firstLine = t.slice(0, t.indexOf('\n') < 0 ? t.length : t.indexOf('\n'));
    let first: unknown;
    try {
      first = parsePythonJson(firstLine, file, 1);
    } catch {
      first = parsePythonJson(t, file, 1);
    }
    if (looksLikeProfileExport(first)) return 'aiperf';
    if (looksLikeSglangRecord(first)) return 'sglang';
    if (looksLikeVllmResult(first)) return 'vllm';
    throw invalid('is JSON but not a vllm bench serve result, an SGLang bench_serving record or an aiperf / genai-perf export', { file, line: 1 });
  }
  if (looksLikeMeasureTable(text)) return 'measure';
  if (looksLikePlainCsv(text)) return 'csv';
  throw invalid('is not a measurement file fleetplan reads (see docs/calibration.md for the formats)', { file, line: 1 });
}

export function readMeasurements(text: string, file: string, format: MeasurementFormat = detectFormat(text, file)): MeasuredPoint[] {
  switch (format) {
    case 'vllm': return readVllmResult(text, file);
    case 'sglang': return readSglangJsonl(text, file);
    case 'aiperf': return readProfileExport(text, file);
    case 'measure': return readMeasureTable(text, file);
    case 'csv': return readPlainCsv(text, file);
  }
}
