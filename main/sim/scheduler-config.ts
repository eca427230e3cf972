// The knobs of one instance's continuous-batching scheduler (main/sim/scheduler.ts) and its test hook. Every
// field is plain JSON, so a run's settings can be printed, stored and read back; docs/engine.md says where each
// default comes from.
import type { BatchAggregate } from './types';

/**
 * An instance's part in a deployment. 'mixed' prefills and decodes (colocated). 'prefill' hands a request's KV
 * to another instance when its prefill target is reached: after the first token (disaggregated prefill), or
 * part-way through the prompt when the router gave it a partial target (Cronus' partial-prefill instance).
 * 'decode' is a mixed instance the router never sends new prompts to: it takes KV computed elsewhere.
 */
export type InstanceRole = 'mixed' | 'prefill' | 'decode';

/** Order in which waiting prompts are admitted. */
export type PrefillOrder = 'fcfs' | 'sjf' | 'ljf' | 'spf-aging';

/**
 * Admission of requests whose KV arrives from elsewhere. 'greedy': when their blocks fit now (vLLM).
 * TetriInfer's 'reserve-static': when the predicted whole context fits what nobody has used or reserved;
 * 'reserve-dynamic': the same, counting the reservation of the decode due to finish first as free.
 */
export type DecodeAdmission = 'greedy' | 'reserve-static' | 'reserve-dynamic';

export interface SchedulerConfig {
  /** Tokens per iteration (each decode counts one). vLLM's max_num_batched_tokens. */
  tokenBudget: number;
  /** Largest prefill chunk one request gets per iteration (≤ tokenBudget; = tokenBudget is Sarathi). */
  chunkSize: number;
  /** Most requests running (prefilling or decoding) at once. vLLM's max_num_seqs. */
  maxRunning: number;
  /** Fraction of KV blocks a new admission must leave free (vLLM's watermark), so decodes can grow. */
  watermark: number;
  /**
   * Mixed iterations whose prefill/decode split of time is evaluated (two extra cost-model calls): every
   * k-th one per instance; the others take the ratio of the evaluated ones (1 = every mixed iteration).
   */
  attributionStride: number;
  role: InstanceRole;
  /**
   * When a prompt takes its KV blocks. 'chunk': each chunk's blocks as it is scheduled, so a prompt
   * is admitted with one chunk's worth of memory and a running prefill can be cut short by full memory (vLLM
   * v1's allocate_slots). 'prompt': the blocks of the whole prefill target at admission, which must fit within
   * the watermark (vLLM v0's block_manager.allocate) — the default. Under KV pressure 'chunk' admits more
   * prompts than can finish and thrashes (docs/engine.md).
   */
  kvAllocation: 'chunk' | 'prompt';
  prefillOrder: PrefillOrder;
  /** γ of shortest-prompt-first with aging (Nexus §4.3): tokens of priority gained per second waited. */
  agingPerS: number;
  decodeAdmission: DecodeAdmission;
  /**
   * Prefill role: most requests admitted and not yet delivered elsewhere (running + KV still leaving);
   * 0 = no cap beyond maxRunning. Cronus caps its partial-prefill instance at 2 (§4.2).
   */
  maxInFlight: number;
  /**
   * An iteration with prompts to prefill runs them alone and every decode waits for the next one (vLLM V0's
   * prompt-first scheduling; SGLang without mixed chunks alternates prefill and decode batches the same way).
   */
  decodesWaitForPrefill: boolean;
  /** A prompt-only batch costs as if every prompt were as long as its longest (vLLM V0 padded prompts). */
  padPrompts: boolean;
  /**
   * CUDA-graph padding: 'decode' pads a decode-only batch to the next captured batch size (SGLang, vLLM V0,
   * full graphs); 'tokens' pads any batch's token count to the next captured size (vLLM V1's piecewise
   * graphs). Batches past the largest size run eagerly, unpadded. Only the cost sees the padding.
   */
  graphPadding: 'none' | 'decode' | 'tokens';
  /** Captured sizes, ascending (graphPadding's targets). */
  graphSizes: number[];
  /**
   * Host seconds per iteration and per sequence beyond the cost model's own assumed host cost
   * (efficiency.ts hostIterationS, hostPerSeqS); negative where an engine hides its host work (main/sim/engines.ts).
   */
  hostExtraS: number;
  hostExtraPerSeqS: number;
  /**
   * Prefix caching (vLLM V1's enable_prefix_caching, SGLang's radix cache): a request prefills only the
   * tokens of its prompt this instance does not hold cached from earlier requests (main/sim/prefix.ts). Needs
   * a workload that says what its requests share (Workload.prefix); off in fleetplan's default scheduler.
   */
  prefixCaching: boolean;
}

export const DEFAULT_SCHEDULER: SchedulerConfig = {
  tokenBudget: 2048,
  chunkSize: 2048,
  maxRunning: 256,
  watermark: 0.01,
  attributionStride: 8,
  role: 'mixed',
  kvAllocation: 'prompt',
  prefillOrder: 'fcfs',
  agingPerS: 0,
  decodeAdmission: 'greedy',
  maxInFlight: 0,
  decodesWaitForPrefill: false,
  padPrompts: false,
  graphPadding: 'none',
  graphSizes: [],
  hostExtraS: 0,
  hostExtraPerSeqS: 0,
  prefixCaching: false,
};

/** Optional per-iteration observer (tests, traces). Not called when absent, so the hot loop stays lean. */
export interface IterationObserver {
  iteration(instance: number, startS: number, endS: number, blocksUsed: number, totalBlocks: number, agg: BatchAggregate): void;
}

const ROLES: readonly InstanceRole[] = ['mixed', 'prefill', 'decode'];
const ORDERS: readonly PrefillOrder[] = ['fcfs', 'sjf', 'ljf', 'spf-aging'];
const ADMISSIONS: readonly DecodeAdmission[] = ['greedy', 'reserve-static', 'reserve-dynamic'];

export function checkSchedulerConfig(cfg: SchedulerConfig): void {
  if (!(cfg.tokenBudget >= 1 && cfg.maxRunning >= 1 && cfg.chunkSize >= 1 && cfg.attributionStride >= 1)) {
    throw new RangeError(`scheduler needs tokenBudget, chunkSize, maxRunning and attributionStride ≥ 1`);
  }
  if (cfg.maxRunning > cfg.tokenBudget) {
    throw new RangeError(`maxRunning (${cfg.maxRunning}) must not exceed tokenBudget (${cfg.tokenBudget}): every decode needs a token`);
  }
  if (!(cfg.watermark >= 0 && cfg.watermark < 1)) throw new RangeError(`watermark must be in [0, 1), got ${cfg.watermark}`);
  if (cfg.kvAllocation !== 'chunk' && cfg.kvAllocation !== 'prompt') {
    throw new RangeError(`kvAllocation must be 'chunk' or 'prompt', got ${String(cfg.kvAllocation)}`);
  }
  if (!ROLES.includes(cfg.role)) throw new RangeError(`role must be one of ${ROLES.join(', ')}, got ${String(cfg.role)}`);
  if (!ORDERS.includes(cfg.prefillOrder)) throw new RangeError(`prefillOrder must be one of ${ORDERS.join(', ')}, got ${String(cfg.prefillOrder)}`);
  if (!ADMISSIONS.includes(cfg.decodeAdmission)) {
    throw new RangeError(`decodeAdmission must be one of ${ADMISSIONS.join(', ')}, got ${String(cfg.decodeAdmission)}`);
  }
  if (!(cfg.agingPerS >= 0 && Number.isFinite(cfg.agingPerS))) throw new RangeError(`agingPerS must be ≥ 0, got ${cfg.agingPerS}`);
  if (!(Number.isInteger(cfg.maxInFlight) && cfg.maxInFlight >= 0)) throw new RangeError(`maxInFlight must be a whole number ≥ 0, got ${cfg.maxInFlight}`);
  if (!['none', 'decode', 'tokens'].includes(cfg.graphPadding)) throw new RangeError(`graphPadding must be none, decode or tokens, got ${String(cfg.graphPadding)}`);
  const sizes = cfg.graphSizes;
  if (!Array.isArray(sizes) || sizes.some((v, i) => !(Number.isInteger(v) && v >= 1 && (i === 0 || v > sizes[i - 1])))) {
    throw new RangeError(`graphSizes must be whole numbers ≥ 1 in ascending order`);
  }
  if (cfg.graphPadding !== 'none' && sizes.length === 0) throw new RangeError(`graphPadding ${cfg.graphPadding} needs graphSizes`);
  if (!(Number.isFinite(cfg.hostExtraS) && Number.isFinite(cfg.hostExtraPerSeqS))) throw new RangeError(`hostExtraS and hostExtraPerSeqS must be finite`);
}
