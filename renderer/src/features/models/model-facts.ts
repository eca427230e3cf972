// What a Hugging Face config.json says about serving cost, computed in the renderer for the Models screen:
// parameter count, KV-cache bytes per token, and whether the weights fit a GPU at a tensor-parallel degree.
// Estimates (norms and biases ignored, < 0.1% of weights); the simulator's own arithmetic is in main/sim/model.ts.

export interface ModelFacts {
  layers: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  vocab: number;
  maxContext: number | null;
  /** Experts per MoE layer and experts active per token, null for dense models. */
  experts: { total: number; active: number } | null;
  params: number;
  /** Parameters touched per token (MoE: only the routed experts). */
  activeParams: number;
  /** bf16 KV cache per token over all layers: 2 (K and V) · layers · kvHeads · headDim · 2 bytes. */
  kvBytesPerToken: number;
}

type Config = Record<string, unknown>;

function int(cfg: Config, key: string): number | null {
  const v = cfg[key];
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;
}

/** Null when the config lacks what a decoder-only transformer needs (the missing field is named). */
export function modelFacts(cfg: Config): { facts: ModelFacts } | { missing: string } {
  const hidden = int(cfg, 'hidden_size');
  const layers = int(cfg, 'num_hidden_layers');
  const heads = int(cfg, 'num_attention_heads');
  const vocab = int(cfg, 'vocab_size');
  for (const [k, v] of [['hidden_size', hidden], ['num_hidden_layers', layers], ['num_attention_heads', heads], ['vocab_size', vocab]] as const) {
    if (v === null) return { missing: k };
  }
  const isOpt = cfg.model_type === 'opt';
  const kvHeads = isOpt ? heads! : int(cfg, 'num_key_value_heads') ?? heads!;
  const headDim = int(cfg, 'head_dim') ?? hidden! / heads!;
  const h = hidden!;
  const attn = h * heads! * headDim + 2 * h * kvHeads * headDim + heads! * headDim * h;

  let mlp: number;
  let mlpActive: number;
  let experts: ModelFacts['experts'] = null;
  const mixtral = int(cfg, 'num_local_experts');
  const qwenMoe = int(cfg, 'num_experts');
  const topK = int(cfg, 'num_experts_per_tok') ?? 2;
  if (mixtral !== null) {
    const one = 3 * h * (int(cfg, 'intermediate_size') ?? 0);
    mlp = mixtral * one + h * mixtral;
    mlpActive = topK * one + h * mixtral;
    experts = { total: mixtral, active: topK };
  } else if (qwenMoe !== null) {
    const one = 3 * h * (int(cfg, 'moe_intermediate_size') ?? 0);
    const shared = 3 * h * (int(cfg, 'shared_expert_intermediate_size') ?? 0);
    mlp = qwenMoe * one + shared + h * qwenMoe;
    mlpActive = topK * one + shared + h * qwenMoe;
    experts = { total: qwenMoe, active: topK };
  } else if (isOpt) {
    mlp = 2 * h * (int(cfg, 'ffn_dim') ?? 4 * h);
    mlpActive = mlp;
  } else {
    mlp = 3 * h * (int(cfg, 'intermediate_size') ?? 4 * h);
    mlpActive = mlp;
  }
  const tied = isOpt ? cfg.tie_word_embeddings !== false : cfg.tie_word_embeddings === true;
  const embed = vocab! * h * (tied ? 1 : 2);
  return {
    facts: {
      layers: layers!, hidden: h, heads: heads!, kvHeads, headDim, vocab: vocab!,
      maxContext: int(cfg, 'max_position_embeddings'),
      experts,
      params: layers! * (attn + mlp) + embed,
      activeParams: layers! * (attn + mlpActive) + embed,
      kvBytesPerToken: 2 * layers! * kvHeads * headDim * 2,
    },
  };
}

export const RESERVE = 0.1;

export interface MemoryFit {
  /** Weights on each GPU, bytes (bf16: 2 bytes per parameter, split evenly over TP ranks). */
  weightsPerGpu: number;
  /** GPU memory minus the 10% reserve for activations, CUDA graphs and fragmentation. */
  usablePerGpu: number;
  /** What is left for the KV cache on each GPU (negative: the weights do not fit). */
  kvRoomPerGpu: number;
  fits: boolean;
  /** Tokens of KV the whole TP group holds (KV is sharded over the same ranks). */
  kvTokens: number;
}

/** Memory per GPU at a TP degree on a GPU of `memoryGb` decimal gigabytes. */
export function memoryFit(facts: Pick<ModelFacts, 'params' | 'kvBytesPerToken'>, tp: number, memoryGb: number): MemoryFit {
  const weightsPerGpu = (facts.params * 2) / tp;
  const usablePerGpu = memoryGb * 1e9 * (1 - RESERVE);
  const kvRoomPerGpu = usablePerGpu - weightsPerGpu;
  const fits = kvRoomPerGpu > 0;
  return {
    weightsPerGpu, usablePerGpu, kvRoomPerGpu, fits,
    kvTokens: fits && facts.kvBytesPerToken > 0 ? Math.floor((kvRoomPerGpu * tp) / facts.kvBytesPerToken) : 0,
  };
}

/** "8.03 B" / "141 M" parameters. */
export function fmtParams(n: number): string {
  if (n >= 1e9) return `${+(n / 1e9).toFixed(n >= 1e11 ? 0 : 2)} B`;
  return `${+(n / 1e6).toFixed(0)} M`;
}

/** Bytes in decimal units: 131 kB, 16.1 GB. */
export function fmtBytes(n: number): string {
  const a = Math.abs(n);
  const [d, u] = a >= 1e9 ? [1e9, 'GB'] : a >= 1e6 ? [1e6, 'MB'] : a >= 1e3 ? [1e3, 'kB'] : [1, 'B'];
  return `${+(n / d).toFixed(a / d >= 100 ? 0 : 1)} ${u}`;
}
