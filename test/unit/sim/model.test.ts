import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors';
import { flopsPerToken, kvBytesPerToken, modelFromConfig, parameterCount, weightBytes } from '../../../main/sim/model';

const catalog = JSON.parse(readFileSync(join(__dirname, '../../../assets/models/catalog.json'), 'utf8')) as {
  id: string;
  config: Record<string, unknown>;
}[];
const byId = (id: string) => {
  const m = catalog.find((x) => x.id === id);
  if (!m) throw new Error(`catalog lacks ${id}`);
  return modelFromConfig(m.id, m.config);
};

// Published parameter counts (model cards / papers), in billions.
const PUBLISHED: [string, number][] = [
  ['meta-llama/Llama-2-7b-hf', 6.74],
  ['meta-llama/Llama-2-70b-hf', 68.98],
  ['meta-llama/Meta-Llama-3-8B', 8.03],
  ['meta-llama/Llama-3.1-8B', 8.03],
  ['meta-llama/Llama-3.1-70B', 70.6],
  ['Qwen/Qwen2-7B', 7.62],
  ['Qwen/Qwen2.5-3B', 3.09],
  ['Qwen/Qwen2.5-7B', 7.61],
  ['Qwen/Qwen2.5-14B', 14.7],
  ['Qwen/Qwen2.5-32B', 32.5],
  ['Qwen/Qwen2.5-72B', 72.7],
  ['Qwen/Qwen3-32B', 32.8],
  ['Qwen/Qwen1.5-MoE-A2.7B', 14.3],
  ['mistralai/Mixtral-8x7B-v0.1', 46.7],
  ['mistralai/Mistral-7B-v0.1', 7.24],
  ['facebook/opt-13b', 12.9],
];

describe('model from config.json', () => {
  it('has every model the brief names', () => {
    for (const id of [
      'meta-llama/Llama-2-7b-hf', 'meta-llama/Llama-2-70b-hf', 'meta-llama/Meta-Llama-3-8B', 'meta-llama/Meta-Llama-3-70B',
      'meta-llama/Llama-3.1-8B', 'meta-llama/Llama-3.1-70B', 'Qwen/Qwen2-7B', 'Qwen/Qwen2.5-3B', 'Qwen/Qwen2.5-7B',
      'Qwen/Qwen2.5-14B', 'Qwen/Qwen2.5-32B', 'Qwen/Qwen2.5-72B', 'Qwen/Qwen3-32B', 'facebook/opt-13b', 'mistralai/Mixtral-8x7B-v0.1',
    ]) expect(catalog.some((m) => m.id === id), id).toBe(true);
  });

  it.each(PUBLISHED)('%s parameter count is within 1.5%% of the published %f B', (id, billions) => {
    const p = parameterCount(byId(id)) / 1e9;
    expect(Math.abs(p / billions - 1)).toBeLessThan(0.015);
  });

  it('KV bytes per token follow 2·layers·kv_heads·head_dim·bytes', () => {
    expect(kvBytesPerToken(byId('meta-llama/Meta-Llama-3-8B'))).toBe(131072);
    expect(kvBytesPerToken(byId('meta-llama/Llama-2-7b-hf'))).toBe(2 * 32 * 32 * 128 * 2); // MHA
    expect(kvBytesPerToken(byId('Qwen/Qwen2.5-3B'))).toBe(2 * 36 * 2 * 128 * 2);
    const fp8 = modelFromConfig('x', catalog.find((m) => m.id === 'meta-llama/Meta-Llama-3-8B')!.config, { kvDtype: 'fp8' });
    expect(kvBytesPerToken(fp8)).toBe(65536);
  });

  it('uses head_dim when the config gives one (Qwen3: 64 heads x 128 > hidden 5120)', () => {
    const q3 = byId('Qwen/Qwen3-32B');
    expect(q3.headDim).toBe(128);
    expect(q3.heads * q3.headDim).toBeGreaterThan(q3.hidden);
  });

  it('reads MoE fields of both conventions', () => {
    const mix = byId('mistralai/Mixtral-8x7B-v0.1');
    expect(mix.moe).toEqual({ experts: 8, topK: 2, expertFfn: 14336, sharedFfn: 0 });
    const qm = byId('Qwen/Qwen1.5-MoE-A2.7B');
    expect(qm.moe).toEqual({ experts: 60, topK: 4, expertFfn: 1408, sharedFfn: 5632 });
    // Mixtral activates ~12.9B of its 46.7B parameters per token.
    const active = (flopsPerToken(mix, 0, true) / 2) / 1e9;
    expect(active).toBeGreaterThan(12.5);
    expect(active).toBeLessThan(13.3);
  });

  it('OPT uses ffn_dim, a plain MLP, tied embeddings and learned positions', () => {
    const opt = byId('facebook/opt-13b');
    expect(opt.mlp).toBe('plain');
    expect(opt.ffn).toBe(20480);
    expect(opt.tiedEmbeddings).toBe(true);
    expect(opt.positionRows).toBe(2050);
  });

  it('tied embeddings count the table once', () => {
    const cfg = { ...catalog.find((m) => m.id === 'Qwen/Qwen2.5-3B')!.config };
    const tied = parameterCount(modelFromConfig('t', cfg));
    const untied = parameterCount(modelFromConfig('u', { ...cfg, tie_word_embeddings: false }));
    expect(untied - tied).toBe(151936 * 2048);
  });

  it('FLOPs per token grow with context and weights halve in fp8', () => {
    const m = byId('meta-llama/Llama-3.1-8B');
    expect(flopsPerToken(m, 8192)).toBeGreaterThan(flopsPerToken(m, 1024));
    // ≈ 2 × parameters at short context, less the input embedding (a lookup, not a matmul)
    const ratio = flopsPerToken(m, 1) / (2 * (parameterCount(m) - m.vocab * m.hidden));
    expect(ratio).toBeGreaterThan(0.99);
    expect(ratio).toBeLessThan(1.01);
    const f8 = modelFromConfig('f8', catalog.find((x) => x.id === 'meta-llama/Llama-3.1-8B')!.config, { weightDtype: 'fp8' });
    expect(weightBytes(f8) * 2).toBe(weightBytes(m));
  });

  it('names the missing or bad field', () => {
    const cfg = { ...catalog.find((m) => m.id === 'meta-llama/Llama-3.1-8B')!.config };
    delete cfg.num_hidden_layers;
    expect(() => modelFromConfig('x', cfg)).toThrowError(AppError);
    try {
      modelFromConfig('x', cfg, { source: 'config.json' });
    } catch (e) {
      expect((e as AppError).location).toEqual({ file: 'config.json', field: 'num_hidden_layers' });
    }
    expect(() => modelFromConfig('x', { ...cfg, num_hidden_layers: 32, num_key_value_heads: 5 })).toThrow(/num_key_value_heads/);
    const moe = { ...catalog.find((m) => m.id === 'Qwen/Qwen1.5-MoE-A2.7B')!.config };
    delete moe.moe_intermediate_size;
    expect(() => modelFromConfig('m', moe)).toThrow(/moe_intermediate_size/);
  });
});
