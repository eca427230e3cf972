// Shapes shared by the simulator's parts. The engine talks to the cost model only through
// BatchAggregate -> IterationCost so that one iteration costs O(1) however large the batch is:
// the engine keeps these sums running instead of walking the batch.

/** Sums over one engine iteration's batch on one instance. */
export interface BatchAggregate {
  /** Number of requests contributing a prefill chunk this iteration. */
  prefillSeqs: number;
  /** Σ chunk tokens over the prefill chunks. */
  prefillTokens: number;
  /**
   * Σ over prefill chunks of chunk·(prior + (chunk+1)/2): the number of (query, key) pairs the chunk's
   * causal attention touches, where `prior` is the context already in KV before the chunk.
   */
  prefillAttnPairs: number;
  /** Σ over prefill chunks of (prior + chunk): KV tokens read by prefill attention. */
  prefillKvTokens: number;
  /** Number of decoding requests (one new token each). */
  decodeSeqs: number;
  /** Σ over decodes of their context length (KV tokens each decode attends to). */
  decodeKvTokens: number;
}

export const OP_CLASSES = [
  'qkv',
  'attention',
  'o_proj',
  'mlp',
  'norm_act',
  'lm_head',
  'tp_comm',
  'pp_comm',
  'overhead',
] as const;
export type OpClass = (typeof OP_CLASSES)[number];

/** Seconds per op class for one iteration; `total` is the iteration's wall time. */
export type OpBreakdown = Record<OpClass, number>;

export interface IterationCost {
  total: number;
  breakdown: OpBreakdown;
}

export type Dtype = 'bf16' | 'fp16' | 'fp8' | 'int8';

/** How one instance is laid out: t GPUs in tensor parallel within each of p pipeline stages. */
export interface Parallelism {
  tp: number;
  pp: number;
}

/**
 * The engine's view of one instance's speed. `iterationSeconds` is the hot path: it must not allocate.
 * `kvCapacityTokens` is the KV cache size after weights, activations and the reserve.
 */
export interface InstanceCostModel {
  iterationSeconds(batch: BatchAggregate): number;
  /**
   * iterationSeconds written to out[0], for the engine's per-iteration call: V8 boxes a double returned from
   * a call it does not inline, which would allocate once per iteration. Optional; the engine falls back.
   */
  iterationSecondsInto?(batch: BatchAggregate, out: Float64Array): void;
  iterationCost(batch: BatchAggregate): IterationCost;
  /**
   * What the batch asks of the GPU, for phases that share one (Nexus), written to out[0..4]: seconds (as
   * iterationSeconds), the memory-bound and the compute-bound seconds among them (the rest is links, launch and
   * host time, which neither HBM nor the SM clock stretch), HBM bytes, FLOPs. Optional; must not allocate.
   */
  iterationDemandInto?(batch: BatchAggregate, out: Float64Array): void;
  kvCapacityTokens: number;
  kvBlockTokens: number;
  kvBytesPerToken: number;
  /** Number of GPUs the instance occupies (tp·pp). */
  gpus: number;
}

/** Slots of iterationDemandInto's output. */
export const DEMAND_SECONDS = 0, DEMAND_MEMORY_S = 1, DEMAND_COMPUTE_S = 2, DEMAND_BYTES = 3, DEMAND_FLOPS = 4, DEMAND_SLOTS = 5;

/** A cost model's time for a batch, written to out[0]. */
export type SecondsInto = (batch: BatchAggregate, out: Float64Array) => void;

/** The cost model's iterationSecondsInto, or iterationSeconds written to out[0] where it has none. */
export function secondsIntoOf(cm: Pick<InstanceCostModel, 'iterationSeconds' | 'iterationSecondsInto'>): SecondsInto {
  if (cm.iterationSecondsInto) return (batch, out) => cm.iterationSecondsInto!(batch, out);
  return (batch, out) => {
    out[0] = cm.iterationSeconds(batch);
  };
}
