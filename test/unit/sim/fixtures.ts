// A small roofline cost model standing in for the calibrated one, so the engine is tested on its own:
// iteration = overhead + max(compute, memory), FLOPs and bytes counted from the batch aggregate.
import type { BatchAggregate, InstanceCostModel, IterationCost, OpBreakdown } from '../../../main/sim/types';

export interface RooflineSpec {
  /** Effective FLOP/s. */
  flops: number;
  /** Effective HBM bytes/s. */
  bytesPerS: number;
  /** Model parameters (2 FLOPs per parameter per token; 2 bytes each read per iteration). */
  params: number;
  /** Attention FLOPs per (query, key) pair (4 · layers · hidden). */
  attnFlopsPerPair: number;
  kvBytesPerToken: number;
  kvCapacityTokens: number;
  kvBlockTokens: number;
  overheadS: number;
}

/** Roughly Llama-3.1-8B on one H100 at realistic efficiency. */
export const LLAMA8B_H100: RooflineSpec = {
  flops: 989e12 * 0.6,
  bytesPerS: 3.35e12 * 0.8,
  params: 8e9,
  attnFlopsPerPair: 4 * 32 * 4096,
  kvBytesPerToken: 131072,
  kvCapacityTokens: 400_000,
  kvBlockTokens: 16,
  overheadS: 0.002,
};

export function roofline(spec: RooflineSpec = LLAMA8B_H100, over: Partial<RooflineSpec> = {}): InstanceCostModel {
  const s = { ...spec, ...over };
  const seconds = (b: BatchAggregate): number => {
    const tokens = b.prefillTokens + b.decodeSeqs;
    if (tokens === 0) return 0;
    const compute = (2 * s.params * tokens + s.attnFlopsPerPair * (b.prefillAttnPairs + b.decodeKvTokens)) / s.flops;
    const memory = (2 * s.params + s.kvBytesPerToken * (b.decodeKvTokens + b.prefillKvTokens)) / s.bytesPerS;
    return s.overheadS + Math.max(compute, memory);
  };
  return {
    iterationSeconds: seconds,
    iterationCost(b: BatchAggregate): IterationCost {
      const total = seconds(b);
      const breakdown: OpBreakdown = { qkv: 0, attention: 0, o_proj: 0, mlp: 0, norm_act: 0, lm_head: 0, tp_comm: 0, pp_comm: 0, overhead: s.overheadS };
      breakdown.mlp = total - s.overheadS;
      return { total, breakdown };
    },
    kvCapacityTokens: s.kvCapacityTokens,
    kvBlockTokens: s.kvBlockTokens,
    kvBytesPerToken: s.kvBytesPerToken,
    gpus: 1,
  };
}

/** Time of a batch given as explicit lists (the reference the engine's running sums must agree with). */
export function batchSeconds(
  cm: InstanceCostModel,
  prefills: { chunk: number; prior: number }[],
  decodeContexts: number[],
): number {
  const b: BatchAggregate = { prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: 0, decodeKvTokens: 0 };
  for (const p of prefills) {
    b.prefillSeqs++;
    b.prefillTokens += p.chunk;
    b.prefillAttnPairs += p.chunk * (p.prior + (p.chunk + 1) / 2);
    b.prefillKvTokens += p.prior + p.chunk;
  }
  for (const c of decodeContexts) {
    b.decodeSeqs++;
    b.decodeKvTokens += c;
  }
  return cm.iterationSeconds(b);
}
