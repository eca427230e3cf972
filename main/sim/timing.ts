// Single-iteration timings read off a cost model: what routers, balancers and the search estimate with.
// Not on the hot path (a scratch aggregate, one cost-model call each).
import { DEFAULT_SCHEDULER } from './scheduler-config';
import type { BatchAggregate, InstanceCostModel } from './types';

const scratch: BatchAggregate = { prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: 0, decodeKvTokens: 0 };

type Timed = Pick<InstanceCostModel, 'iterationSeconds'>;

/** Time of one un-chunked prefill of `tokens` with `prior` tokens already in KV. */
export function prefillSeconds(cm: Timed, tokens: number, prior = 0): number {
  scratch.prefillSeqs = 1;
  scratch.prefillTokens = tokens;
  scratch.prefillAttnPairs = tokens * (prior + (tokens + 1) / 2);
  scratch.prefillKvTokens = prior + tokens;
  scratch.decodeSeqs = 0;
  scratch.decodeKvTokens = 0;
  return cm.iterationSeconds(scratch);
}

/** Time of one decode step for `batch` requests with `ctx` tokens of context each. */
export function decodeStepSeconds(cm: Timed, batch: number, ctx: number): number {
  scratch.prefillSeqs = scratch.prefillTokens = scratch.prefillAttnPairs = scratch.prefillKvTokens = 0;
  scratch.decodeSeqs = batch;
  scratch.decodeKvTokens = batch * ctx;
  return cm.iterationSeconds(scratch);
}

/**
 * Sarathi-Serve's rule for the iteration token budget: the largest power-of-two chunk (64..8192) whose
 * iteration, next to a typical decode batch, stays within 90% of the TBT target — every decode in a mixed
 * batch waits for the chunk. 64 when even that is too slow; without a target, the default budget. This is the
 * one rule by which every output picks a budget the user did not set (docs/engine.md "Scheduler defaults").
 */
export function budgetForTbt(cm: Timed, tbtS: number | undefined, decodeBatch = 32, ctx = 2048): number {
  if (tbtS === undefined || !Number.isFinite(tbtS)) return DEFAULT_SCHEDULER.tokenBudget;
  let best = 64;
  for (let c = 64; c <= 8192; c *= 2) {
    scratch.prefillSeqs = 1;
    scratch.prefillTokens = c;
    scratch.prefillAttnPairs = c * (ctx + (c + 1) / 2);
    scratch.prefillKvTokens = ctx + c;
    scratch.decodeSeqs = decodeBatch;
    scratch.decodeKvTokens = decodeBatch * ctx;
    if (cm.iterationSeconds(scratch) <= 0.9 * tbtS) best = c;
    else break;
  }
  return best;
}

/** What a router needs to know about an instance's speed, measured once from its cost model. */
export interface InstanceSpeed {
  /** Seconds of one full prefill chunk (the iteration budget of prompt tokens). */
  chunkS: number;
  /** Marginal seconds one more running decode adds to an iteration. */
  perDecodeS: number;
  /** Prompt tokens one iteration can take (the token budget). */
  budget: number;
}

export function instanceSpeed(cm: Timed, budget: number): InstanceSpeed {
  const ctx = 1024;
  const perDecodeS = Math.max(0, (decodeStepSeconds(cm, 65, ctx) - decodeStepSeconds(cm, 1, ctx)) / 64);
  return { chunkS: prefillSeconds(cm, Math.min(budget, 1 << 16), 0), perDecodeS, budget };
}
