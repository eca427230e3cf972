// A transformer described by its Hugging Face config.json: the shapes the cost model needs, and the
// parameter / FLOP / KV-cache arithmetic derived from them. Pure: no fs; the caller parses the JSON.
import { invalid, shownValue } from '../domain/errors';
import type { Dtype } from './types';

export type MlpKind = 'gated' | 'plain';

export interface MoeSpec {
  experts: number;
  topK: number;
  /** Intermediate size of one routed expert. */
  expertFfn: number;
  /** Intermediate size of the always-on shared expert (Qwen-MoE), 0 when none. */
  sharedFfn: number;
}

export interface ModelSpec {
  id: string;
  arch: 'llama' | 'opt';
  hidden: number;
  layers: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  /** Dense MLP intermediate size (0 for pure-MoE layers). */
  ffn: number;
  mlp: MlpKind;
  moe: MoeSpec | null;
  vocab: number;
  maxContext: number;
  tiedEmbeddings: boolean;
  /** q/k/v projections carry a bias (Qwen2, OPT). */
  qkvBias: boolean;
  /** OPT: every linear has a bias and norms are LayerNorm (weight + bias). */
  allBias: boolean;
  /** Qwen3 normalises q and k per head (RMSNorm weights of head_dim each). */
  qkNorm: boolean;
  /** OPT learned positions (max_position_embeddings + 2 rows); 0 for rotary models. */
  positionRows: number;
  /** OPT word_embed_proj_dim when it differs from hidden (project_in/out), else 0. */
  embedProjDim: number;
  weightDtype: Dtype;
  kvDtype: Dtype;
}

export const DTYPE_BYTES: Record<Dtype, number> = { bf16: 2, fp16: 2, fp8: 1, int8: 1 };

type Config = Record<string, unknown>;

function posInt(cfg: Config, field: string, where: string): number {
  const v = cfg[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw invalid(v === undefined ? `${field} is missing from config.json` : `${field} must be a positive integer, got ${shownValue(v)}`, {
      file: where,
      field,
    });
  }
  return v;
}

function optInt(cfg: Config, field: string, where: string): number | null {
  return cfg[field] === undefined || cfg[field] === null ? null : posInt(cfg, field, where);
}

/** torch_dtype string -> the dtype fleetplan simulates (fp32 checkpoints are served in bf16). */
function dtypeOf(torchDtype: unknown): Dtype {
  if (torchDtype === 'float16') return 'fp16';
  return 'bf16';
}

export interface ModelOptions {
  weightDtype?: Dtype;
  kvDtype?: Dtype;
  /** Name for messages (file name or Hugging Face id). */
  source?: string;
}

/** Reads the fields fleetplan uses from a config.json object; throws AppError naming the missing field. */
export function modelFromConfig(id: string, cfg: Config, opts: ModelOptions = {}): ModelSpec {
  const where = opts.source ?? id;
  if (cfg === null || typeof cfg !== 'object') throw invalid('config must be a JSON object', { file: where });
  const archs = Array.isArray(cfg.architectures) ? (cfg.architectures as unknown[]).map(String) : [];
  const modelType = typeof cfg.model_type === 'string' ? cfg.model_type : '';
  const isOpt = modelType === 'opt' || archs.some((a) => a.startsWith('OPT'));
  const hidden = posInt(cfg, 'hidden_size', where);
  const layers = posInt(cfg, 'num_hidden_layers', where);
  const heads = posInt(cfg, 'num_attention_heads', where);
  const vocab = posInt(cfg, 'vocab_size', where);
  const maxContext = posInt(cfg, 'max_position_embeddings', where);
  const weightDtype = opts.weightDtype ?? dtypeOf(cfg.torch_dtype);
  const kvDtype = opts.kvDtype ?? (weightDtype === 'fp8' || weightDtype === 'int8' ? 'bf16' : weightDtype);

  if (isOpt) {
    const ffn = posInt(cfg, 'ffn_dim', where);
    const proj = optInt(cfg, 'word_embed_proj_dim', where) ?? hidden;
    return {
      id, arch: 'opt', hidden, layers, heads, kvHeads: heads, headDim: hidden / heads, ffn, mlp: 'plain', moe: null,
      vocab, maxContext, tiedEmbeddings: cfg.tie_word_embeddings !== false, qkvBias: true, allBias: true, qkNorm: false,
      positionRows: maxContext + 2, embedProjDim: proj === hidden ? 0 : proj, weightDtype, kvDtype,
    };
  }

  const kvHeads = optInt(cfg, 'num_key_value_heads', where) ?? heads;
  if (heads % kvHeads !== 0) {
    throw invalid(`num_attention_heads (${heads}) must be a multiple of num_key_value_heads (${kvHeads})`, {
      file: where, field: 'num_key_value_heads',
    });
  }
  const headDim = optInt(cfg, 'head_dim', where) ?? hidden / heads;
  if (!Number.isInteger(headDim)) throw invalid('hidden_size / num_attention_heads is not an integer; give head_dim', { file: where, field: 'head_dim' });

  // Mixture of experts: Mixtral names experts num_local_experts; Qwen-MoE num_experts + moe_intermediate_size.
  let moe: MoeSpec | null = null;
  let ffn: number;
  const mixtral = optInt(cfg, 'num_local_experts', where);
  const qwenExperts = optInt(cfg, 'num_experts', where);
  if (mixtral !== null) {
    ffn = 0;
    moe = { experts: mixtral, topK: posInt(cfg, 'num_experts_per_tok', where), expertFfn: posInt(cfg, 'intermediate_size', where), sharedFfn: 0 };
  } else if (qwenExperts !== null) {
    ffn = 0;
    moe = {
      experts: qwenExperts,
      topK: posInt(cfg, 'num_experts_per_tok', where),
      expertFfn: posInt(cfg, 'moe_intermediate_size', where),
      sharedFfn: optInt(cfg, 'shared_expert_intermediate_size', where) ?? 0,
    };
  } else {
    ffn = posInt(cfg, 'intermediate_size', where);
  }
  if (moe && moe.topK > moe.experts) {
    throw invalid(`num_experts_per_tok (${moe.topK}) exceeds the number of experts (${moe.experts})`, { file: where, field: 'num_experts_per_tok' });
  }
  const qwen2 = modelType.startsWith('qwen2') || archs.some((a) => a.startsWith('Qwen2'));
  return {
    id, arch: 'llama', hidden, layers, heads, kvHeads, headDim, ffn, mlp: 'gated', moe, vocab, maxContext,
    tiedEmbeddings: cfg.tie_word_embeddings === true,
    qkvBias: qwen2 || cfg.attention_bias === true, allBias: false, positionRows: 0, embedProjDim: 0,
    qkNorm: modelType === 'qwen3' || modelType === 'qwen3_moe' || archs.some((a) => a.startsWith('Qwen3')),
    weightDtype, kvDtype,
  };
}

/** Parameters of one decoder layer's attention block (q, k, v, o projections, biases, q/k norms). */
export function attentionParams(m: ModelSpec): number {
  const q = m.heads * m.headDim;
  const kv = m.kvHeads * m.headDim;
  let p = m.hidden * (q + 2 * kv) + q * m.hidden;
  if (m.qkvBias) p += q + 2 * kv;
  if (m.allBias) p += m.hidden;
  if (m.qkNorm) p += 2 * m.headDim;
  return p;
}

/** Parameters of one layer's MLP or MoE block (all experts, router and shared expert included). */
export function mlpParams(m: ModelSpec): number {
  const mats = m.mlp === 'gated' ? 3 : 2;
  if (!m.moe) return mats * m.hidden * m.ffn + (m.allBias ? m.ffn + m.hidden : 0);
  const { experts, expertFfn, sharedFfn } = m.moe;
  let p = experts * 3 * m.hidden * expertFfn + m.hidden * experts;
  if (sharedFfn > 0) p += 3 * m.hidden * sharedFfn + m.hidden; // shared expert + its sigmoid gate
  return p;
}

/** Norm weights per layer (RMSNorm: weight; LayerNorm: weight + bias). */
function layerNormParams(m: ModelSpec): number {
  return (m.allBias ? 4 : 2) * m.hidden;
}

/** Embedding-side parameters: token embeddings, lm_head unless tied, positions, projections, final norm. */
export function embeddingParams(m: ModelSpec): number {
  const embDim = m.embedProjDim || m.hidden;
  let p = m.vocab * embDim + (m.tiedEmbeddings ? 0 : m.vocab * embDim);
  p += m.positionRows * m.hidden;
  if (m.embedProjDim) p += 2 * m.embedProjDim * m.hidden;
  p += (m.allBias ? 2 : 1) * m.hidden;
  return p;
}

export function parameterCount(m: ModelSpec): number {
  return m.layers * (attentionParams(m) + mlpParams(m) + layerNormParams(m)) + embeddingParams(m);
}

export function weightBytes(m: ModelSpec): number {
  return parameterCount(m) * DTYPE_BYTES[m.weightDtype];
}

/** K and V of one token across all layers. */
export function kvBytesPerToken(m: ModelSpec): number {
  return 2 * m.layers * m.kvHeads * m.headDim * DTYPE_BYTES[m.kvDtype];
}

/** Parameters a token actually multiplies by in one layer's MLP (top-k experts + shared expert). */
export function activeMlpParams(m: ModelSpec): number {
  if (!m.moe) return mlpParams(m);
  const { topK, expertFfn, sharedFfn, experts } = m.moe;
  return topK * 3 * m.hidden * expertFfn + m.hidden * experts + (sharedFfn ? 3 * m.hidden * sharedFfn : 0);
}

/**
 * FLOPs to process one token at position `context` (the number of earlier tokens it attends to, itself
 * included): 2 per multiply-add in every linear layer it passes, plus 4·heads·headDim per attended key
 * (QKᵀ and PV), plus the lm_head when `withLogits`.
 */
export function flopsPerToken(m: ModelSpec, context: number, withLogits = true): number {
  const linear = m.layers * 2 * (attentionParams(m) + activeMlpParams(m));
  const attn = m.layers * 4 * m.heads * m.headDim * context;
  const head = withLogits ? 2 * m.hidden * m.vocab : 0;
  return linear + attn + head;
}
