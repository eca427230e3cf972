// fleetplan's own device measurement (test/calibration/measure.py): iteration.csv, whole-model iterations
// replayed as CUDA graphs, one row a batch, with the batch's running sums (the cost model's BatchAggregate)
// in the columns prefillSeqs … decodeKvTokens and the median time in `ms`. The first line is the
// `# device=…; driver=…; date=…` comment the script writes. Only iteration.csv is a calibration input: the
// kernel tables (gemm, attention, elementwise) feed test/calibration/fit.ts, not a per-GPU calibration.
import { invalid, shown } from '../../domain/errors';
import { parseCsv } from '../csv';
import { positive, tooFewPoints, type IterationPoint } from './points';

const AGGREGATE_COLUMNS = ['prefillSeqs', 'prefillTokens', 'prefillAttnPairs', 'prefillKvTokens', 'decodeSeqs', 'decodeKvTokens'] as const;
const COLUMNS = ['model', 'case', 'ms', ...AGGREGATE_COLUMNS] as const;

/** The model shapes measure.py builds (random weights, untied lm_head), as config.json facts. */
export const MEASURE_PY_SHAPES: Record<string, Record<string, unknown>> = {
  'llama3-8b': {
    architectures: ['LlamaForCausalLM'], hidden_size: 4096, intermediate_size: 14336, num_hidden_layers: 32,
    num_attention_heads: 32, num_key_value_heads: 8, vocab_size: 128256, max_position_embeddings: 8192, torch_dtype: 'bfloat16',
  },
  'qwen2.5-3b': {
    architectures: ['Qwen2ForCausalLM'], hidden_size: 2048, intermediate_size: 11008, num_hidden_layers: 36,
    num_attention_heads: 16, num_key_value_heads: 2, vocab_size: 151936, max_position_embeddings: 32768,
    torch_dtype: 'bfloat16', tie_word_embeddings: false,
  },
};

export function looksLikeMeasureTable(text: string): boolean {
  const head = text.split('\n').find((l) => l.trim() && !l.startsWith('#')) ?? '';
  return head.includes('prefillAttnPairs') && head.includes('decodeKvTokens');
}

export function readMeasureTable(text: string, file: string): IterationPoint[] {
  // Comment lines keep their place so the line numbers in errors match the file.
  const blanked = text.split('\n').map((l) => (l.startsWith('#') ? '' : l)).join('\n');
  const rows = parseCsv(blanked, file).filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (rows.length === 0) tooFewPoints(file);
  const header = rows[0].fields.map((h) => h.trim());
  const idx: Record<string, number> = {};
  for (const c of COLUMNS) {
    idx[c] = header.indexOf(c);
    if (idx[c] < 0) throw invalid(`missing column "${c}" (is this measure.py's iteration.csv?)`, { file, line: rows[0].line, field: c });
  }
  const out = rows.slice(1).map((r): IterationPoint => {
    const f = (c: string) => r.fields[idx[c]] ?? '';
    const count = (c: (typeof AGGREGATE_COLUMNS)[number]) => {
      const v = Number(f(c));
      if (!Number.isFinite(v) || v < 0) throw invalid(`must be a count >= 0, got ${shown(f(c))}`, { file, line: r.line, field: c });
      return v;
    };
    const batch = {
      prefillSeqs: count('prefillSeqs'), prefillTokens: count('prefillTokens'), prefillAttnPairs: count('prefillAttnPairs'),
      prefillKvTokens: count('prefillKvTokens'), decodeSeqs: count('decodeSeqs'), decodeKvTokens: count('decodeKvTokens'),
    };
    if (batch.prefillTokens + batch.decodeSeqs === 0) throw invalid('the batch has no tokens', { file, line: r.line, field: 'prefillTokens' });
    return {
      kind: 'iteration', file, line: r.line, tool: 'fleetplan-measure', model: f('model').trim() || null, tp: 1, engine: null,
      case: f('case'), batch, seconds: positive(f('ms'), file, r.line, 'ms') / 1e3,
    };
  });
  if (out.length === 0) tooFewPoints(file);
  return out;
}
