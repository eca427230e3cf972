import { describe, expect, it } from 'vitest';
import { memoryFit, modelFacts, type ModelFacts } from '../../../renderer/src/features/models/model-facts';

// Llama 3.1 8B's published config; its model card states 8.03 B parameters.
const llama8b = {
  model_type: 'llama', hidden_size: 4096, intermediate_size: 14336, num_hidden_layers: 32, num_attention_heads: 32,
  num_key_value_heads: 8, vocab_size: 128256, max_position_embeddings: 131072, tie_word_embeddings: false,
};

function facts(cfg: Record<string, unknown>): ModelFacts {
  const r = modelFacts(cfg);
  if (!('facts' in r)) throw new Error(`missing ${r.missing}`);
  return r.facts;
}

describe('modelFacts', () => {
  it('counts Llama 3.1 8B at about 8.03 B parameters and 128 KiB of bf16 KV per token', () => {
    const f = facts(llama8b);
    expect(f.params / 1e9).toBeCloseTo(8.03, 2);
    expect(f.headDim).toBe(128);
    expect(f.kvBytesPerToken).toBe(2 * 32 * 8 * 128 * 2);
    expect(f.experts).toBeNull();
  });

  it('counts Mixtral 8x7B at about 46.7 B total and 12.9 B active', () => {
    const f = facts({
      model_type: 'mixtral', hidden_size: 4096, intermediate_size: 14336, num_hidden_layers: 32, num_attention_heads: 32,
      num_key_value_heads: 8, vocab_size: 32000, num_local_experts: 8, num_experts_per_tok: 2, max_position_embeddings: 32768,
    });
    expect(f.params / 1e9).toBeCloseTo(46.7, 1);
    expect(f.activeParams / 1e9).toBeCloseTo(12.9, 1);
    expect(f.experts).toEqual({ total: 8, active: 2 });
  });

  it('names the first missing field', () => {
    expect(modelFacts({ hidden_size: 10 })).toEqual({ missing: 'num_hidden_layers' });
  });

  it('treats OPT as multi-head attention with tied embeddings', () => {
    const f = facts({ model_type: 'opt', hidden_size: 5120, ffn_dim: 20480, num_hidden_layers: 40, num_attention_heads: 40, vocab_size: 50272 });
    expect(f.kvHeads).toBe(40);
    expect(f.params / 1e9).toBeCloseTo(12.85, 1);
  });
});

describe('memoryFit', () => {
  const f = facts(llama8b);
  it('splits bf16 weights over TP ranks and keeps a 10% reserve', () => {
    const m = memoryFit(f, 2, 80);
    expect(m.weightsPerGpu).toBeCloseTo(f.params, 0);
    expect(m.usablePerGpu).toBe(72e9);
    expect(m.fits).toBe(true);
    expect(m.kvTokens).toBe(Math.floor(((72e9 - f.params) * 2) / f.kvBytesPerToken));
  });

  it('does not fit a 16 GB weight file on a 16 GB GPU at TP1', () => {
    const m = memoryFit(f, 1, 16);
    expect(m.fits).toBe(false);
    expect(m.kvTokens).toBe(0);
  });
});
