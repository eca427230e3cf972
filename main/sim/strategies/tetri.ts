// TetriInfer's scheduling pieces (arXiv 2401.11181 §3.3): the accelerator's saturation chunk, the bucketed
// output-length predictor, and power-of-two decode placement that keeps the heavy:light decode ratio low.
import type { InstanceCostModel } from '../types';
import { prefillSeconds } from '../timing';
import type { Rng } from '../rng';

/** Paper §5: a decode is heavy past 128 generated tokens (ShareGPT's median answer). */
export const HEAVY_DECODE_TOKENS = 128;

/**
 * The prefill chunk at which the accelerator saturates: the smallest power-of-two chunk whose tokens/s reach
 * 90% of the plateau, the rate of the largest power-of-two chunk the model accepts (its context, at most 16k).
 * Fleetplan's reading of "the token count at which the accelerator saturates" (the paper found 512 for
 * OPT-13B, a 2,048-token model, on its GPUs); the 90% knee is an assumption. A plateau measured past the
 * model's context would be a rate no request of it can reach.
 */
export function saturationChunk(cm: InstanceCostModel, maxContextTokens = 16384): number {
  let top = 64;
  while (top * 2 <= Math.min(16384, maxContextTokens)) top *= 2;
  const rate = (c: number) => c / prefillSeconds(cm, c, 0);
  const peak = rate(top);
  for (let c = 64; c < top; c *= 2) if (rate(c) >= 0.9 * peak) return c;
  return top;
}

export interface LengthPredictor {
  /** Bucket width g in tokens. */
  granularity: number;
  /** Probability the predicted bucket is the true one (paper: 74.9% at g = 200). */
  accuracy: number;
}

/**
 * Per request, the predicted output length as its bucket's lower bound (what the paper reserves memory for).
 * A miss lands on a neighbouring bucket, up or down with equal odds (bucket 0 can only miss upwards): the
 * paper reports accuracy only, so how misses spread is fleetplan's assumption.
 */
export function predictOutputs(outputs: Int32Array, p: LengthPredictor, rng: Rng): { lower: Int32Array; bucket: Int32Array } {
  const g = Math.max(1, Math.floor(p.granularity));
  const lower = new Int32Array(outputs.length);
  const bucket = new Int32Array(outputs.length);
  for (let i = 0; i < outputs.length; i++) {
    let b = Math.floor(outputs[i] / g);
    if (rng.uniform() >= p.accuracy) b = b === 0 || rng.uniform() < 0.5 ? b + 1 : b - 1;
    bucket[i] = b;
    lower[i] = b * g;
  }
  return { lower, bucket };
}

/** Heavy when the predicted bucket reaches past the threshold. */
export function isHeavy(bucket: number, granularity: number): boolean {
  return (bucket + 1) * granularity > HEAVY_DECODE_TOKENS;
}

export interface DecodeLoad {
  heavy: number;
  light: number;
  /** KV tokens free for new work on the instance (capacity less what it holds and has been promised). */
  freeTokens: number;
}

/**
 * Power-of-two choices (paper §3.3.4): instances with room for the request form set α (all of them if none
 * has room); two are drawn at random from it and the one whose heavy:light ratio after taking the request is
 * lower wins; ties go to the one with more free KV.
 */
export function placeDecode(loads: DecodeLoad[], needTokens: number, heavy: boolean, rng: Rng): number {
  const alpha: number[] = [];
  for (let i = 0; i < loads.length; i++) if (loads[i].freeTokens >= needTokens) alpha.push(i);
  const set = alpha.length > 0 ? alpha : loads.map((_, i) => i);
  if (set.length === 1) return set[0];
  const i = Math.floor(rng.uniform() * set.length);
  let j = Math.floor(rng.uniform() * (set.length - 1));
  if (j >= i) j++;
  const a = set[i];
  const b = set[j];
  const ratio = (l: DecodeLoad) => (l.heavy + (heavy ? 1 : 0)) / (l.light + (heavy ? 0 : 1) + 1);
  const ra = ratio(loads[a]);
  const rb = ratio(loads[b]);
  if (ra !== rb) return ra < rb ? a : b;
  return loads[a].freeTokens >= loads[b].freeTokens ? a : b;
}
