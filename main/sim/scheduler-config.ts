// The knobs of one instance's continuous-batching scheduler (main/sim/scheduler.ts) and its test hook.
import type { BatchAggregate } from './types';

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
  /**
   * 'mixed': prefill and decode here (colocated). 'prefill': a request leaves after its first token — its KV
   * is handed to another instance (disaggregated prefill); it never decodes here. Any mixed instance accepts
   * requests whose KV was computed elsewhere (`deliver`), so a decode instance is a mixed one the router
   * never sends new prompts to.
   */
  role: 'mixed' | 'prefill';
  /**
   * When a prompt takes its KV blocks. 'chunk': each chunk's blocks as it is scheduled, so a prompt
   * is admitted with one chunk's worth of memory and a running prefill can be cut short by full memory (vLLM
   * v1's allocate_slots). 'prompt': the blocks of the whole prefill target at admission, which must fit within
   * the watermark (vLLM v0's block_manager.allocate) — the default, and the rule the strategies' lanes
   * (strategies/fleet.ts) follow. Under KV pressure 'chunk' admits more prompts than can finish and thrashes.
   */
  kvAllocation?: 'chunk' | 'prompt';
}

export const DEFAULT_SCHEDULER: SchedulerConfig = { tokenBudget: 2048, chunkSize: 2048, maxRunning: 256, watermark: 0.01, attributionStride: 8, role: 'mixed', kvAllocation: 'prompt' };

/** Optional per-iteration observer (tests, traces). Not called when absent, so the hot loop stays lean. */
export interface IterationObserver {
  iteration(instance: number, startS: number, endS: number, blocksUsed: number, totalBlocks: number, agg: BatchAggregate): void;
}


export function checkSchedulerConfig(cfg: SchedulerConfig): void {
  if (!(cfg.tokenBudget >= 1 && cfg.maxRunning >= 1 && cfg.chunkSize >= 1 && cfg.attributionStride >= 1)) {
    throw new RangeError(`scheduler needs tokenBudget, chunkSize, maxRunning and attributionStride ≥ 1`);
  }
  if (cfg.maxRunning > cfg.tokenBudget) {
    throw new RangeError(`maxRunning (${cfg.maxRunning}) must not exceed tokenBudget (${cfg.tokenBudget}): every decode needs a token`);
  }
  if (!(cfg.watermark >= 0 && cfg.watermark < 1)) throw new RangeError(`watermark must be in [0, 1), got ${cfg.watermark}`);
  if (cfg.kvAllocation !== undefined && cfg.kvAllocation !== 'chunk' && cfg.kvAllocation !== 'prompt') {
    throw new RangeError(`kvAllocation must be 'chunk' or 'prompt', got ${String(cfg.kvAllocation)}`);
  }
}
