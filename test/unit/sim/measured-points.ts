// The device run's measured tables (assets/calibration/measured/, from test/calibration/measure.py) and the
// cost model's relative error on each row. Shared by the calibration test and the report-figures test.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGpuCatalog } from '../../../main/services/catalog';
import { createInstanceCostModel, gemmKernelSeconds } from '../../../main/sim/costmodel';
import { gpuSpecFromCatalog } from '../../../main/sim/hardware';
import { modelFromConfig, type ModelSpec } from '../../../main/sim/model';

const root = process.cwd();
const dir = join(root, 'assets/calibration/measured');
const gpus = parseGpuCatalog(readFileSync(join(root, 'assets/hardware/gpus.csv'), 'utf8'));
const gpu = (id: string) => gpuSpecFromCatalog(gpus.find((g) => g.id === id)!);

// The shapes measure.py builds (random weights; untied lm_head in both).
const SHAPES: Record<string, ModelSpec> = {
  'llama3-8b': modelFromConfig('llama3-8b', {
    architectures: ['LlamaForCausalLM'], hidden_size: 4096, intermediate_size: 14336, num_hidden_layers: 32,
    num_attention_heads: 32, num_key_value_heads: 8, vocab_size: 128256, max_position_embeddings: 8192, torch_dtype: 'bfloat16',
  }),
  'qwen2.5-3b': modelFromConfig('qwen2.5-3b', {
    architectures: ['Qwen2ForCausalLM'], hidden_size: 2048, intermediate_size: 11008, num_hidden_layers: 36,
    num_attention_heads: 16, num_key_value_heads: 2, vocab_size: 151936, max_position_embeddings: 32768,
    torch_dtype: 'bfloat16', tie_word_embeddings: false,
  }),
};

export function measuredTable(file: string): Record<string, string>[] {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const head = lines[0].split(',');
  return lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [head[i], v])));
}

export const hasMeasured = (file: string) => existsSync(join(dir, file));

export interface PointError { id: string; model: string; err: number }

/** Whole-iteration rows: GPU time only (CUDA graphs), so the cost model runs without its host terms. */
export function iterationErrors(file: string, gpuId: string): PointError[] {
  const g = gpu(gpuId);
  return measuredTable(file).map((r) => {
    const cm = createInstanceCostModel(g, SHAPES[r.model], { tp: 1, pp: 1, gpusPerNode: 8, hostIterationS: 0, hostPerSeqS: 0 });
    const pred = cm.iterationSeconds({
      prefillSeqs: +r.prefillSeqs, prefillTokens: +r.prefillTokens, prefillAttnPairs: +r.prefillAttnPairs,
      prefillKvTokens: +r.prefillKvTokens, decodeSeqs: +r.decodeSeqs, decodeKvTokens: +r.decodeKvTokens,
    });
    return { id: `${r.model} ${r.case}`, model: r.model, err: pred / (+r.ms / 1e3) - 1 };
  });
}

export function gemmErrors(file: string, gpuId: string): PointError[] {
  const g = gpu(gpuId);
  return measuredTable(file).map((r) => ({
    id: `${r.model} ${r.op} M=${r.M}`, model: r.model,
    err: gemmKernelSeconds(g, 'bf16', +r.M, +r.N, +r.K) / (+r.ms / 1e3) - 1,
  }));
}

export function medianAndWorst(errors: PointError[]): { n: number; median: number; worst: number } {
  const e = errors.map((x) => Math.abs(x.err)).sort((a, b) => a - b);
  return { n: e.length, median: (e[(e.length - 1) >> 1] + e[e.length >> 1]) / 2, worst: e[e.length - 1] };
}
