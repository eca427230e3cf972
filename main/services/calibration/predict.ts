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
import { createInstanceCostModel, decodeStepSeconds, prefillSeconds } from '../../sim/costmodel';
import type { EfficiencyParams } from '../../sim/efficiency';
import { gpuSpecFromCatalog } from '../../sim/hardware';
import type { ModelSpec } from '../../sim/model';
import type { Dtype, InstanceCostModel } from '../../sim/types';
import type { GpuType } from '../../ipc/types';
import type { IterationPoint, MeasuredPoint, ServingPoint } from './points';

export type Metric = 'iteration' | 'tpot' | 'ttft';

/** Light enough that TTFT is prefill plus a step, not a queue. */
export const TTFT_LOAD_LIMIT = 8;

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

function costModel(ctx: PredictContext, eff: EfficiencyParams, model: ModelSpec, tp: number, host: boolean): InstanceCostModel {
  const gpu = gpuSpecFromCatalog(ctx.gpu, { eff });
  return createInstanceCostModel(gpu, model, {
    tp, pp: 1, gpusPerNode: Math.max(8, tp), dtype: ctx.dtype, memoryUtilization: 0.95,
    ...(host ? {} : { hostIterationS: 0, hostPerSeqS: 0 }),
  });
}

function throughputOf(p: ServingPoint): number | null {
  return p.requestsPerS ?? (p.outputTokensPerS !== null ? p.outputTokensPerS / p.outputTokens : p.requestRate);
}

export function servingLoad(p: ServingPoint): { inFlight: number; decodeBatch: number; requestsPerS: number | null } {
  const x = throughputOf(p);
  const decodeS = Math.max(0, p.outputTokens - 1) * p.tpotS;
  if (x === null) {
    const c = p.concurrency ?? 1;
    return { inFlight: c, decodeBatch: Math.max(1, c * (decodeS / (p.ttftS + decodeS))), requestsPerS: null };
  }
  const cap = p.concurrency ?? Infinity;
  return { inFlight: Math.min(cap, x * (p.ttftS + decodeS)), decodeBatch: Math.max(1, Math.min(cap, x * decodeS)), requestsPerS: x };
}

function predictIteration(ctx: PredictContext, eff: EfficiencyParams, p: IterationPoint): Comparison[] {
  const cm = costModel(ctx, eff, ctx.model(p.model ?? ''), p.tp ?? ctx.tp, false);
  return [{ metric: 'iteration', measured: p.seconds, predicted: cm.iterationSeconds(p.batch) }];
}

function predictServing(ctx: PredictContext, eff: EfficiencyParams, p: ServingPoint): Comparison[] {
  const cm = costModel(ctx, eff, ctx.model(p.model ?? ''), p.tp ?? ctx.tp, true);
  const load = servingLoad(p);
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
