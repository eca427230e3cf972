// Pipeline parallel across unlike GPUs: the model's layers are split over stages in proportion to each
// stage's speed (within its memory), activations cross a link between stages, and the batch runs as
// micro-batches so stages overlap. One pipeline is one instance to the scheduler; replicas are data parallel.
//
//   stage time      t_s(mb) = (layers_s / L)·(T_s(mb) − o_s) + o_s    (T_s: the whole model on stage s's GPUs,
//                                                                      o_s: its per-iteration overhead)
//   activations     a(mb)   = tokens(mb)·hidden·2 bytes over the stage link, per boundary
//   one iteration   max( Σ_s t_s(big) + Σ_links a(big),  max_s [t_s(big) + (m−1)·t_s(small)] )
//                   with m = min(P, requests) micro-batches: the prompt chunks ride in one ("big", a chunk
//                   cannot be split), the decodes spread over all m in whole sequences ("big" ceil(decodes/m),
//                   "small" floor(decodes/m)). The first term is the big micro-batch's trip through every stage (what a token waits for), the second the
//                   busiest stage's work per cycle (the bubble shows when the stages or micro-batches differ).
// fleetplan's assumption, after vLLM's virtual-engine pipelining; Cronus §2.1 reports PP loses to its
// inter-stage traffic and smaller batches, which this reproduces qualitatively.
import type { BatchAggregate, InstanceCostModel, IterationCost } from '../types';
import { OP_CLASSES, secondsIntoOf } from '../types';
import { transferLine } from '../kvtransfer';
import { decodeStepSeconds, prefillSeconds } from '../timing';
import type { EngineId } from '../engines';
import { colocatedPlan } from './colocated';
import { runPlan, type Plan, type RunOptions } from './plan';
import type { InstanceSpec, StrategyResult, StrategyWorkload, TransferPath } from './types';

export interface ModelFacts {
  layers: number;
  hidden: number;
  weightBytes: number;
  kvBytesPerToken: number;
  /** Tokens of context the model accepts (max_position_embeddings); absent where unknown. */
  maxContext?: number;
}

export interface PipelineStage {
  /** The stage's GPUs (tp of them) with a cost model of the WHOLE model on them, used for timing only. */
  instance: InstanceSpec;
  layers: number;
  /** HBM bytes usable on the stage's GPUs (all tp of them) after activations and the reserve. */
  usableBytes: number;
}

export interface PipelineReplica {
  stages: PipelineStage[];
  /** links[s]: from stage s to s + 1. */
  links: TransferPath[];
}

export interface PipelineDeployment {
  strategy: 'pipeline';
  model: ModelFacts;
  replicas: PipelineReplica[];
  tokenBudget?: number;
  /** Serving-engine profile of every instance; absent: the default scheduler. */
  engine?: EngineId;
}

/**
 * Layers per stage in proportion to speed (1 / a 2k-token prefill plus a 64×1k decode step), then moved off
 * any stage whose share of the weights leaves it less than `minKvTokens` of KV. Null when memory cannot hold
 * the model at all.
 */
export function splitLayers(model: ModelFacts, stages: { cm: InstanceCostModel; usableBytes: number }[], minKvTokens = 2048): number[] | null {
  const speed = stages.map((s) => 1 / (prefillSeconds(s.cm, 2048) + decodeStepSeconds(s.cm, 64, 1024)));
  const perLayer = model.weightBytes / model.layers;
  const kvPerLayerTok = model.kvBytesPerToken / model.layers;
  const maxLayers = stages.map((s) => Math.floor(s.usableBytes / (perLayer + kvPerLayerTok * minKvTokens)));
  if (maxLayers.reduce((a, b) => a + b, 0) < model.layers) return null;
  const out = new Array<number>(stages.length).fill(0);
  let left = model.layers;
  const open = new Set(stages.map((_, i) => i));
  // Water-filling: give each open stage its speed share, cap by memory, redistribute the rest.
  while (left > 0 && open.size > 0) {
    const total = [...open].reduce((a, i) => a + speed[i], 0);
    let capped = false;
    for (const i of open) {
      const want = (left * speed[i]) / total;
      if (out[i] + want >= maxLayers[i]) {
        left -= maxLayers[i] - out[i];
        out[i] = maxLayers[i];
        open.delete(i);
        capped = true;
      }
    }
    if (capped) continue;
    const shares = [...open].map((i) => ({ i, x: (left * speed[i]) / total }));
    let given = 0;
    for (const s of shares) {
      const k = Math.floor(s.x);
      out[s.i] += k;
      given += k;
    }
    // Largest remainders take the leftover layers, ties to the earlier stage: deterministic.
    shares.sort((a, b) => b.x - Math.floor(b.x) - (a.x - Math.floor(a.x)) || a.i - b.i);
    for (let k = 0; k < left - given; k++) out[shares[k % shares.length].i]++;
    left = 0;
  }
  return out.every((l) => l > 0) ? out : null;
}

/** The pipeline as one cost model: iterationSeconds follows the header's equations. */
export function pipelineCostModel(model: ModelFacts, rep: PipelineReplica): InstanceCostModel {
  const P = rep.stages.length;
  const frac = rep.stages.map((s) => s.layers / model.layers);
  const overhead = rep.stages.map((s) => s.instance.cm.iterationCost({
    prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: 1, decodeKvTokens: 1,
  }).breakdown.overhead);
  const big: BatchAggregate = { prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: 0, decodeKvTokens: 0 };
  const small: BatchAggregate = { ...big };
  const actBytesPerToken = model.hidden * 2;
  const stageInto = rep.stages.map((s) => secondsIntoOf(s.instance.cm));
  const one = new Float64Array(1);
  const stage = (s: number, b: BatchAggregate) => {
    if (b.prefillTokens + b.decodeSeqs <= 0) return 0;
    stageInto[s](b, one);
    return frac[s] * (one[0] - overhead[s]) + overhead[s];
  };
  // Activations cross each link once per iteration: its time as a line in the bytes, summed over the links
  // (the same figure as kvTransferSeconds per link, without walking the hops every iteration).
  const lines = rep.links.map(transferLine);
  const linkLatencyS = lines.reduce((a, l) => a + l.latencyS, 0);
  const linkSPerByte = lines.reduce((a, l) => a + l.sPerByte, 0);
  const timeInto = (b: BatchAggregate, out: Float64Array): void => {
    const m = Math.max(1, Math.min(P, b.prefillSeqs + b.decodeSeqs));
    // A prompt's chunk cannot be split across micro-batches: the prefill rides in one ("big"), the decodes
    // spread evenly over all m.
    big.prefillSeqs = b.prefillSeqs;
    big.prefillTokens = b.prefillTokens;
    big.prefillAttnPairs = b.prefillAttnPairs;
    big.prefillKvTokens = b.prefillKvTokens;
    // Whole sequences per micro-batch: the cost model tabulates its terms per whole token/sequence count, so a
    // fractional batch read past its tables and gave NaN. The prefill's micro-batch carries the larger share,
    // ceil(D/m), the others floor(D/m), KV in proportion.
    const perCtx = b.decodeSeqs > 0 ? b.decodeKvTokens / b.decodeSeqs : 0;
    big.decodeSeqs = Math.ceil(b.decodeSeqs / m);
    small.decodeSeqs = Math.floor(b.decodeSeqs / m);
    big.decodeKvTokens = big.decodeSeqs * perCtx;
    small.decodeKvTokens = small.decodeSeqs * perCtx;
    let trip = 0;
    let busiest = 0;
    for (let s = 0; s < P; s++) {
      const tb = stage(s, big);
      trip += tb;
      const work = m > 1 ? tb + (m - 1) * stage(s, small) : tb;
      if (work > busiest) busiest = work;
    }
    const act = (big.prefillTokens + big.decodeSeqs) * actBytesPerToken;
    trip += linkLatencyS + linkSPerByte * act;
    out[0] = trip > busiest ? trip : busiest;
  };
  const result = new Float64Array(1);
  const time = (b: BatchAggregate): number => {
    timeInto(b, result);
    return result[0];
  };
  const kvCap = Math.min(...rep.stages.map((s, i) => {
    const free = s.usableBytes - frac[i] * model.weightBytes;
    return Math.floor(free / (frac[i] * model.kvBytesPerToken));
  }));
  return {
    iterationSeconds: time,
    iterationSecondsInto: timeInto,
    iterationCost(b): IterationCost {
      const total = time(b);
      const breakdown = Object.fromEntries(OP_CLASSES.map((k) => [k, 0])) as IterationCost['breakdown'];
      breakdown.overhead = total; // the pipeline is not broken down by op class
      return { total, breakdown };
    },
    kvCapacityTokens: Math.max(0, kvCap),
    kvBlockTokens: 16,
    kvBytesPerToken: model.kvBytesPerToken,
    gpus: rep.stages.reduce((a, s) => a + s.instance.cm.gpus, 0),
  };
}

/** A pipeline replica as one instance: its stages' cost models folded into pipelineCostModel. */
function replicaSpec(model: ModelFacts, rep: PipelineReplica): InstanceSpec {
  const cm = pipelineCostModel(model, rep);
  const first = rep.stages[0].instance;
  const tps = [...new Set(rep.stages.map((s) => s.instance.tp))];
  return {
    pool: rep.stages.map((s) => `${s.instance.pool}[${s.layers}L${tps.length > 1 ? ` TP${s.instance.tp}` : ''}]`).join('→'),
    gpuTypeId: first.gpuTypeId, vendor: first.vendor, cm, tp: tps.length === 1 ? tps[0] : Math.max(...tps), pp: rep.stages.length,
    pricing: first.pricing,
    tdpW: first.tdpW,
    gpuMemoryGb: first.gpuMemoryGb,
    parts: rep.stages.map((s) => ({ gpus: s.instance.cm.gpus, pricing: s.instance.pricing, tdpW: s.instance.tdpW })),
    usdPerHour: rep.stages.reduce((a, s) => a + s.instance.usdPerHour, 0),
  };
}

export function pipelinePlan(dep: PipelineDeployment): Plan {
  if (dep.replicas.length === 0) throw new Error('pipeline: a deployment needs at least one replica');
  const instances = dep.replicas.map((rep) => replicaSpec(dep.model, rep));
  const plan = colocatedPlan({ strategy: 'colocated', instances, tokenBudget: dep.tokenBudget, engine: dep.engine }, 'pipeline');
  plan.instanceLabels = dep.replicas.map((r) => r.stages.map((s) => `${s.instance.pool} TP${s.instance.tp} [${s.layers} layers]`).join(' → '));
  plan.extra = () => ({ stages: dep.replicas[0].stages.length, kvCapacityTokens: instances[0].cm.kvCapacityTokens });
  return plan;
}

export function simulatePipeline(dep: PipelineDeployment, w: StrategyWorkload, opts: RunOptions): StrategyResult {
  return runPlan(pipelinePlan(dep), w, opts).result;
}
