// Nexus (arXiv 2507.06608): intra-GPU disaggregation. Each instance runs a prefill executor and a decode
// executor side by side on one GPU group with an SM split; they share the GPU's KV memory, so a finished
// prefill starts decoding without any copy. A controller re-picks the split with Algorithm 1 (prefill-
// priority with β on decode below 70% KV use, decode-priority with α on prefill above), applied only past a
// hysteresis band; prefill is shortest-prompt-first with aging, decode FCFS. Split changes take effect from
// each executor's next iteration (the paper's asynchronous switching). An iteration's time is its batch's
// demand split from the cost model, scaled to the SMs its side holds (sm-partition.ts) and slowed by the other
// side's running batch (contention.ts); the controller decides with the paper's cost model instead (nexus-model.ts
// PairTimes: contention on decode attention only), as Nexus' own controller does.
import type { EngineContext } from '../engine';
import type { BatchAggregate } from '../types';
import type { SchedulerCore } from '../scheduler-core';
import type { ContentionConstants } from '../contention';
import { slowdownNextToInto } from '../contention';
import { emptyPhase, phaseOnPartition, prefillSmsFor, type PartitionedPhase } from '../sm-partition';
import {
  NEXUS_ALPHA, NEXUS_BETA, NEXUS_CONTROL_PERIOD_S, NEXUS_DELTA_PCT, NEXUS_GAMMA, NEXUS_KV_SWITCH,
  PairTimes, greedySplit, nexusGpuOf, type SplitSearch,
} from './nexus-model';
import type { EngineId } from '../engines';
import { describeInstances, engineBase, runPlan, schedulerOf, unitOf, type Plan, type RunOptions } from './plan';
import type { InstanceSpec, StrategyResult, StrategyWorkload } from './types';

export interface NexusDeployment {
  strategy: 'nexus';
  /** Serving-engine profile of every instance; absent: the default scheduler. */
  engine?: EngineId;
  instances: InstanceSpec[];
  /** HBM bandwidth of each instance (all its GPUs), bytes/s (datasheet). */
  hbmBytesPerS: number[];
  /** Dense 16-bit FLOP/s of each instance (all its GPUs; datasheet). */
  flopsPerS: number[];
  tokenBudget?: number;
  maxSeqs?: number;
  /** Coupling constants of the contention model (default: the H200 fit, contention.ts). */
  contention?: ContentionConstants;
  /** Ablations: a fixed prefill share (percent) instead of the controller; FCFS prefill instead of SPF. */
  staticPrefillShare?: number | null;
  prefillOrder?: 'spf-aging' | 'fcfs';
  deltaPct?: number;
}

/** One GPU (group) of the plan: its split, the controller's reusable state, and what each side last ran. */
interface GpuState {
  share: number; // prefill's percent of SMs; decode gets the rest
  lastControl: number;
  shareTime: number;
  since: number;
  repartitions: number;
  pair: PairTimes;
  /** Whether pair.prefill / pair.decode hold a batch yet. */
  seenPrefill: boolean;
  seenDecode: boolean;
  prefillTarget: SplitSearch;
  decodeTarget: SplitSearch;
  /** Each side's batch on the SMs it started with (an iteration keeps its partition: asynchronous switching). */
  prefillRun: PartitionedPhase;
  decodeRun: PartitionedPhase;
}

const tag = (i: InstanceSpec) => `${i.pool} TP${i.tp}`;

function gpuState(inst: InstanceSpec, hbm: number, flops: number, share: number, k: ContentionConstants | undefined): GpuState {
  const gpus = inst.cm.gpus;
  const pair = new PairTimes(nexusGpuOf(inst.gpuTypeId, hbm / gpus, flops / gpus, k));
  // The non-target phase's time at its share, contention of the target at the complement included.
  const prefillTarget: SplitSearch = {
    target: 'prefill', slack: NEXUS_BETA, evaluations: 0,
    otherCostInto(pct, out) {
      pair.timesAt(100 - pct);
      out[0] = pair.out[1];
    },
  };
  const decodeTarget: SplitSearch = {
    target: 'decode', slack: NEXUS_ALPHA, evaluations: 0,
    otherCostInto(pct, out) {
      pair.timesAt(pct);
      out[0] = pair.out[0];
    },
  };
  return {
    share, lastControl: -Infinity, shareTime: 0, since: 0, repartitions: 0, pair, seenPrefill: false, seenDecode: false, prefillTarget, decodeTarget,
    prefillRun: emptyPhase(), decodeRun: emptyPhase(),
  };
}

export function nexusPlan(dep: NexusDeployment): Plan {
  const n = dep.instances.length;
  if (n === 0) throw new Error('nexus: a deployment needs at least one instance');
  for (const i of dep.instances) {
    if (!i.cm.iterationDemandInto) throw new Error(`nexus: the cost model of ${tag(i)} does not split an iteration into memory- and compute-bound time (iterationDemandInto)`);
  }
  if (dep.hbmBytesPerS.length !== n || dep.flopsPerS.length !== n) throw new Error(`nexus: hbmBytesPerS and flopsPerS need one value per instance (${n})`);
  const budget = dep.tokenBudget ?? 2048;
  const delta = dep.deltaPct ?? NEXUS_DELTA_PCT;
  const order = dep.prefillOrder ?? 'spf-aging';
  const gpu: GpuState[] = dep.instances.map((inst, g) => gpuState(inst, dep.hbmBytesPerS[g], dep.flopsPerS[g], dep.staticPrefillShare ?? 50, dep.contention));
  // Scratch for an iteration's slowdown.
  const slow = new Float64Array(1);
  let ctx: EngineContext | null = null;
  let controls = 0;
  let minShare = 100;
  let maxShare = 0;
  // The latest iteration start, in an array: a double written to a closure's variable is boxed at every write.
  const lastStart = new Float64Array(1);

  const apply = (g: number, share: number, t: number) => {
    const s = gpu[g];
    if (share === s.share) return;
    s.shareTime += s.share * (t - s.since);
    s.since = t;
    s.share = share;
    s.repartitions++;
    if (share < minShare) minShare = share;
    if (share > maxShare) maxShare = share;
  };

  /** Algorithm 1 for GPU g now, called at the start of one side's iteration (its batch already in s.pair). */
  const control = (g: number, sched: SchedulerCore, callerIsPrefill: boolean) => {
    const s = gpu[g];
    const t = sched.now;
    s.lastControl = t;
    controls++;
    const pl = ctx!.instances[g];
    const dl = ctx!.instances[n + g];
    const pWork = callerIsPrefill || pl.inIteration || ctx!.view.pendingPrefill[g] > 0;
    const dWork = !callerIsPrefill || dl.inIteration || dl.decodeSeqs > 0 || dl.waiting.len > 0;
    if (!pWork || !dWork) {
      // One executor idle: the other gets the whole GPU until work shows up.
      if (pWork !== dWork) apply(g, pWork ? 100 : 0, t);
      return;
    }
    // The other side's real batch: the one it runs, or the one it last ran. Before it has run any, keep the split.
    if (!s.seenPrefill || !s.seenDecode) return;
    s.pair.invalidate();
    const kvUse = (pl.kv.total - pl.kv.free) / Math.max(1, pl.kv.total);
    const next = kvUse <= NEXUS_KV_SWITCH ? greedySplit(s.prefillTarget, s.share) : 100 - greedySplit(s.decodeTarget, 100 - s.share);
    // A phase with work but (almost) no SMs must not wait for the band.
    const starving = s.share < 5 || s.share > 95;
    if (starving || Math.abs(next - s.share) > delta) apply(g, next, t);
  };

  // Both executors of GPU g time their iterations here: their batch on their partition, slowed by the other
  // side's running batch.
  const timeHook = (sched: SchedulerCore, agg: BatchAggregate, out: Float64Array) => {
    const isPrefill = sched.index < n;
    const g = isPrefill ? sched.index : sched.index - n;
    const s = gpu[g];
    const t = sched.now;
    if (t > lastStart[0]) lastStart[0] = t;
    const pair = s.pair;
    const own = isPrefill ? pair.prefill : pair.decode;
    const cm = dep.instances[g].cm;
    cm.iterationDemandInto!(agg, own);
    if (isPrefill) s.seenPrefill = true;
    else {
      s.seenDecode = true;
      pair.decodeAttnBytes = agg.decodeKvTokens * cm.kvBytesPerToken;
    }
    // Due (or the caller has almost no SMs): the period is tested here so that no double is passed per iteration.
    if (dep.staticPrefillShare == null && (t - s.lastControl >= NEXUS_CONTROL_PERIOD_S || (isPrefill ? s.share : 100 - s.share) < 5)) control(g, sched, isPrefill);
    const layout = pair.gpu.layout;
    const share = isPrefill ? s.share : 100 - s.share;
    // A side the controller left at 0% (it ran before the other side had a batch) runs on the smallest partition.
    const mySms = share >= 100 ? layout.sms : isPrefill ? prefillSmsFor(layout, s.share) : layout.sms - prefillSmsFor(layout, s.share);
    const mine = phaseOnPartition(own, mySms, pair.gpu, isPrefill ? s.prefillRun : s.decodeRun);
    const other = ctx!.instances[isPrefill ? n + g : g];
    if (!other.inIteration || mySms === layout.sms) {
      out[0] = mine.fixedSeconds + mine.soloSeconds;
      return;
    }
    slowdownNextToInto(mine, isPrefill ? s.decodeRun : s.prefillRun, pair.gpu.shared, pair.gpu.contention, slow);
    out[0] = mine.fixedSeconds + mine.soloSeconds * slow[0];
  };

  return {
    strategy: 'nexus',
    engine: dep.engine,
    label: `${describeInstances(dep.instances)} (intra-GPU split)`,
    instances: [
      // Prefill executors 0..n-1 hand each prompt's KV, in place, to their GPU's decode executor n..2n-1.
      ...dep.instances.map((inst, g) => ({
        cm: inst.cm, kvPool: g, group: g, timeHook, residentHandoff: true,
        scheduler: schedulerOf({ role: 'prefill', tokenBudget: budget, prefillOrder: order, agingPerS: order === 'spf-aging' ? NEXUS_GAMMA : 0 }, engineBase(dep.engine, inst)),
      })),
      ...dep.instances.map((inst, g) => ({
        cm: inst.cm, kvPool: g, group: g, timeHook, scheduler: schedulerOf({ role: 'decode', tokenBudget: budget, maxRunning: dep.maxSeqs }, engineBase(dep.engine, inst)),
      })),
    ],
    instanceLabels: [...dep.instances.map((i) => `prefill executor: ${tag(i)}`), ...dep.instances.map((i) => `decode executor: ${tag(i)}`)],
    unitLabels: dep.instances.map(tag),
    units: dep.instances.map(unitOf),
    unitOf: [...dep.instances.map((_, g) => g), ...dep.instances.map((_, g) => g)],
    router: { kind: 'least-finish' },
    entry: dep.instances.map((_, g) => g),
    bind: (c) => {
      ctx = c;
    },
    handoff: { target: (_view, _r, from) => n + from, delayS: () => 0 },
    extra: (run) => {
      let shareTime = 0;
      let span = 0;
      const end = Math.max(run.endS, lastStart[0]);
      for (const s of gpu) {
        shareTime += s.shareTime + s.share * (end - s.since);
        span += end;
      }
      return {
        meanPrefillShare: span > 0 ? shareTime / span : 0,
        minPrefillShare: minShare,
        maxPrefillShare: maxShare,
        repartitions: gpu.reduce((a, x) => a + x.repartitions, 0),
        controllerRuns: controls,
        meanEvaluations: controls > 0 ? gpu.reduce((a, x) => a + x.prefillTarget.evaluations + x.decodeTarget.evaluations, 0) / controls : 0,
      };
    },
  };
}

export function simulateNexus(dep: NexusDeployment, w: StrategyWorkload, opts: RunOptions): StrategyResult {
  return runPlan(nexusPlan(dep), w, opts).result;
}
