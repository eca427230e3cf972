// Predicting a measured point with the cost model under a set of efficiency curves. Iteration points are
// direct: the batch's running sums go into iterationSeconds, with no host time (measure.py replays CUDA
// graphs, which time the GPU alone). Serving points are a closed form of the engine under load, not a
// simulation:
//   requests in flight  L = X · (TTFT + (OSL − 1) · TPOT)            Little's law on the measured figures,
//                                                                    X = measured requests/s (or output
//                                                                    tokens/s ÷ OSL, or the offered rate)
//   decoding batch      B = X · (OSL − 1) · TPOT, at most the concurrency, at least 1
//   prefill time share  ρ = X · prefill(ISL)                         capped at 0.9
//   TPOT ≈ decode step(B, ISL + OSL/2) / (1 − ρ)                      prefills interleave with decode steps
//   TTFT ≈ prefill(ISL) + decode step(B, …)                           joins the running batch; no queueing
// TTFT is only compared where L ≤ 8: under heavier load it is mostly queueing, which this form leaves out.
// A throughput-only point (a batch of c requests, output tokens/s, no latencies) is compared on throughput:
//   running batch       B = min(c, KV capacity ÷ (ISL + OSL))
//   output tokens/s ≈ B · OSL / (OSL · decode step(B, ISL + OSL/2) + prefill of B prompts)
// the B prompts prefilled together in chunks of PREFILL_CHUNK tokens (vLLM's default max_num_batched_tokens;
// a prompt longer than that is one chunk), then OSL steps of the whole batch.
import type { CalibrationMetric } from '../../domain/calibration';
import { createInstanceCostModel, decodeStepSeconds, prefillSeconds } from '../../sim/costmodel';
import type { EfficiencyParams } from '../../sim/efficiency';
import { gpuSpecFromCatalog } from '../../sim/hardware';
import type { ModelSpec } from '../../sim/model';
import type { Dtype, InstanceCostModel } from '../../sim/types';
import type { GpuType } from '../../domain';
import type { IterationPoint, MeasuredPoint, ServingPoint } from './points';

export type Metric = CalibrationMetric;

/** Light enough that TTFT is prefill plus a step, not a queue. */
export const TTFT_LOAD_LIMIT = 8;
/** Tokens per prefill iteration when a batch of prompts arrives at once (vLLM's max_num_batched_tokens default). */
export const PREFILL_CHUNK = 8192;

export interface PredictContext {
  gpu: GpuType;
  model: (id: string) => ModelSpec;
  /** Applied where the point does not say. */
  tp: number;
  dtype?: Dtype;
}

export interface Comparison {
  metric: Metric;
  measured: number;
  predicted: number;
}

function costModel(ctx: PredictContext, eff: EfficiencyParams, p: MeasuredPoint, host: boolean): InstanceCostModel {
  const gpu = gpuSpecFromCatalog(ctx.gpu, { eff });
  return createInstanceCostModel(gpu, ctx.model(p.model ?? ''), {
    tp: p.tp ?? ctx.tp, pp: 1, gpusPerNode: Math.max(8, p.tp ?? ctx.tp), dtype: p.dtype ?? ctx.dtype, kvDtype: p.kvDtype, memoryUtilization: 0.95,
    ...(host ? {} : { hostIterationS: 0, hostPerSeqS: 0 }),
  });
}

function throughputOf(p: ServingPoint): number | null {
  return p.requestsPerS ?? (p.outputTokensPerS !== null ? p.outputTokensPerS / p.outputTokens : p.requestRate);
}

type TimedPoint = ServingPoint & { ttftS: number; tpotS: number };

export function servingLoad(p: TimedPoint): { inFlight: number; decodeBatch: number; requestsPerS: number | null } {
  const x = throughputOf(p);
  const decodeS = Math.max(0, p.outputTokens - 1) * p.tpotS;
  if (x === null) {
    const c = p.concurrency ?? 1;
    return { inFlight: c, decodeBatch: Math.max(1, c * (decodeS / (p.ttftS + decodeS))), requestsPerS: null };
  }
  const cap = p.concurrency ?? Infinity;
  return { inFlight: Math.min(cap, x * (p.ttftS + decodeS)), decodeBatch: Math.max(1, Math.min(cap, x * decodeS)), requestsPerS: x };
}

function predictThroughput(cm: InstanceCostModel, p: ServingPoint): Comparison[] {
  const isl = Math.round(p.inputTokens);
  const osl = Math.round(p.outputTokens);
  const batch = Math.max(1, Math.min(p.concurrency!, Math.floor(cm.kvCapacityTokens / (isl + osl))));
  const perChunk = Math.max(1, Math.min(batch, Math.floor(PREFILL_CHUNK / isl)));
  const chunk = (n: number) => cm.iterationSeconds({
    prefillSeqs: n, prefillTokens: n * isl, prefillAttnPairs: (n * isl * (isl + 1)) / 2, prefillKvTokens: n * isl, decodeSeqs: 0, decodeKvTokens: 0,
  });
  const full = Math.floor(batch / perChunk);
  const rest = batch - full * perChunk;
  const prefill = full * chunk(perChunk) + (rest > 0 ? chunk(rest) : 0);
  const seconds = osl * decodeStepSeconds(cm, batch, Math.round(isl + osl / 2)) + prefill;
  return [{ metric: 'throughput', measured: p.outputTokensPerS!, predicted: (batch * osl) / seconds }];
}

function predictIteration(ctx: PredictContext, eff: EfficiencyParams, p: IterationPoint): Comparison[] {
  const cm = costModel(ctx, eff, p, false);
  return [{ metric: 'iteration', measured: p.seconds, predicted: cm.iterationSeconds(p.batch) }];
}

function predictServing(ctx: PredictContext, eff: EfficiencyParams, p: ServingPoint): Comparison[] {
  const cm = costModel(ctx, eff, p, true);
  if (p.tpotS === null || p.ttftS === null) return predictThroughput(cm, p);
  const load = servingLoad(p as TimedPoint);
  const context = Math.round(p.inputTokens + p.outputTokens / 2);
  const step = decodeStepSeconds(cm, Math.round(load.decodeBatch), context);
  const prefill = prefillSeconds(cm, Math.round(p.inputTokens));
  const share = load.requestsPerS === null ? 0 : Math.min(0.9, load.requestsPerS * prefill);
  const out: Comparison[] = [{ metric: 'tpot', measured: p.tpotS, predicted: step / (1 - share) }];
  if (load.inFlight <= TTFT_LOAD_LIMIT) out.push({ metric: 'ttft', measured: p.ttftS, predicted: prefill + step });
  return out;
}

export function predictPoint(ctx: PredictContext, eff: EfficiencyParams, p: MeasuredPoint): Comparison[] {
  return p.kind === 'iteration' ? predictIteration(ctx, eff, p) : predictServing(ctx, eff, p);
}
