// Nexus (arXiv 2507.06608): intra-GPU disaggregation. Each instance runs a prefill executor and a decode
// executor side by side on one GPU group with an SM split; they share the GPU's KV memory, so a finished
// prefill starts decoding without any copy. A controller re-picks the split with Algorithm 1 (prefill-
// priority with β on decode below 70% KV use, decode-priority with α on prefill above), applied only past a
// hysteresis band; prefill is shortest-prompt-first with aging, decode FCFS. Split changes take effect from
// each executor's next iteration (the paper's asynchronous switching).
import type { EngineContext } from '../engine';
import type { BatchAggregate } from '../types';
import type { SchedulerCore } from '../scheduler-core';
import {
  DEFAULT_CONTENTION, NEXUS_ALPHA, NEXUS_BETA, NEXUS_CONTROL_PERIOD_S, NEXUS_DELTA_PCT, NEXUS_GAMMA, NEXUS_KV_SWITCH,
  decodeContention, greedySplit, hbmUtilization, shareSlowdown, smShareCurvesFor, type ContentionCoefficients,
} from './nexus-model';
import type { EngineId } from '../engines';
import { describeInstances, engineBase, runPlan, schedulerOf, unitOf, type Plan, type RunOptions } from './plan';
import type { InstanceSpec, StrategyResult, StrategyWorkload } from './types';

export interface NexusDeployment {
  strategy: 'nexus';
  /** Serving-engine profile of every instance; absent: the default scheduler. */
  engine?: EngineId;
  instances: InstanceSpec[];
  /** Bytes of weights each instance streams per iteration (the model's, all tp shards together). */
  weightBytes: number;
  /** HBM bandwidth of each instance (all its GPUs), bytes/s. */
  hbmBytesPerS: number[];
  tokenBudget?: number;
  maxSeqs?: number;
  contention?: ContentionCoefficients;
  /** Ablations: a fixed prefill share (percent) instead of the controller; FCFS prefill instead of SPF. */
  staticPrefillShare?: number | null;
  prefillOrder?: 'spf-aging' | 'fcfs';
  deltaPct?: number;
}

interface GpuState {
  share: number; // prefill's percent of SMs; decode gets the rest
  lastControl: number;
  shareTime: number;
  since: number;
  repartitions: number;
}

const tag = (i: InstanceSpec) => `${i.pool} TP${i.tp}`;

export function nexusPlan(dep: NexusDeployment): Plan {
  const n = dep.instances.length;
  if (n === 0) throw new Error('nexus: a deployment needs at least one instance');
  const budget = dep.tokenBudget ?? 2048;
  const kappa = dep.contention ?? DEFAULT_CONTENTION;
  const delta = dep.deltaPct ?? NEXUS_DELTA_PCT;
  const order = dep.prefillOrder ?? 'spf-aging';
  const curves = dep.instances.map((i) => smShareCurvesFor(i.gpuTypeId));
  const gpu: GpuState[] = dep.instances.map(() => ({ share: dep.staticPrefillShare ?? 50, lastControl: -Infinity, shareTime: 0, since: 0, repartitions: 0 }));
  const util = new Float64Array(n);
  // Per GPU, the running prefill's attention traffic and attention share of its time (for decode contention).
  const mp1 = new Float64Array(n);
  const pAttn = new Float64Array(n);
  const proxy: BatchAggregate = { prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: 0, decodeKvTokens: 0 };
  const dAgg: BatchAggregate = { prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: 0, decodeKvTokens: 0 };
  let ctx: EngineContext | null = null;
  let controls = 0;
  let evaluations = 0;
  let minShare = 100;
  let maxShare = 0;
  let endS = 0;

  // Flash attention re-reads a prefill chunk's KV once per 128-query tile (see nexus-model.ts).
  const prefillAttnBytes = (a: BatchAggregate, kvB: number) => (kvB * a.prefillKvTokens * a.prefillTokens) / Math.max(1, a.prefillSeqs) / 128;
  const decodeBytes = (a: BatchAggregate, kvB: number) => dep.weightBytes + kvB * a.decodeKvTokens;

  const apply = (g: number, share: number, t: number) => {
    const s = gpu[g];
    if (share === s.share) return;
    s.shareTime += s.share * (t - s.since);
    s.since = t;
    s.share = share;
    s.repartitions++;
    minShare = Math.min(minShare, share);
    maxShare = Math.max(maxShare, share);
  };

  /** Algorithm 1 for GPU g at time t; `starting` is the prefill batch about to run, when the caller is prefill. */
  const control = (g: number, t: number, force: boolean, starting: BatchAggregate | null) => {
    const s = gpu[g];
    if (!force && t - s.lastControl < NEXUS_CONTROL_PERIOD_S) return;
    s.lastControl = t;
    controls++;
    const pl = ctx!.instances[g];
    const dl = ctx!.instances[n + g];
    const cm = dep.instances[g].cm;
    const pending = ctx!.view.pendingPrefill[g];
    // The prefill executor's batch as the controller sees it: the one starting, the one running, or the next chunk.
    const pAgg = starting ?? (pl.inIteration ? pl.agg : chunkProxy(proxy, Math.min(budget, pending)));
    const pWork = starting !== null || pl.inIteration || pending > 0;
    const dWork = dl.inIteration || dl.decodeSeqs > 0 || dl.waiting.len > 0;
    if (!pWork || !dWork) {
      // One executor idle: the other gets the whole GPU until work shows up.
      if (pWork !== dWork) apply(g, pWork ? 100 : 0, t);
      return;
    }
    const pc = cm.iterationCost(pAgg);
    const tp = pc.total;
    const pA = tp > 0 ? pc.breakdown.attention / tp : 0;
    const m1 = prefillAttnBytes(pAgg, cm.kvBytesPerToken);
    dAgg.decodeSeqs = Math.max(1, dl.decodeSeqs);
    dAgg.decodeKvTokens = dl.decodeSeqs > 0 ? dl.decodeKvTokens() : 1024;
    const td = cm.iterationSeconds(dAgg);
    const md = decodeBytes(dAgg, cm.kvBytesPerToken);
    const uD = hbmUtilization(md, dep.hbmBytesPerS[g], td);
    const dSlow = decodeContention(kappa.kappaDecode, md, m1, dep.weightBytes, pA);
    const kvUse = (pl.kv.total - pl.kv.free) / Math.max(1, pl.kv.total);
    let next: number;
    if (kvUse <= NEXUS_KV_SWITCH) {
      const r = greedySplit({ target: 'prefill', current: s.share, slack: NEXUS_BETA,
        otherCost: (pct) => td * shareSlowdown('decode', pct / 100, curves[g]) * dSlow });
      next = r.share;
      evaluations += r.evaluations;
    } else {
      const r = greedySplit({ target: 'decode', current: 100 - s.share, slack: NEXUS_ALPHA,
        otherCost: (pct) => tp * shareSlowdown('prefill', pct / 100, curves[g]) * (1 + kappa.kappaPrefill * uD) });
      next = 100 - r.share;
      evaluations += r.evaluations;
    }
    // A phase with work but (almost) no SMs must not wait for the band.
    const starving = s.share < 5 || s.share > 95;
    if (starving || Math.abs(next - s.share) > delta) apply(g, next, t);
  };

  // Both executors of GPU g time their iterations here: the SM share and the other executor's contention.
  const timeHook = (sched: SchedulerCore, agg: BatchAggregate, out: Float64Array) => {
    const isPrefill = sched.index < n;
    const g = isPrefill ? sched.index : sched.index - n;
    const t = sched.now;
    if (t > endS) endS = t;
    if (dep.staticPrefillShare == null) {
      const mine = isPrefill ? gpu[g].share : 100 - gpu[g].share;
      control(g, t, mine < 5, isPrefill ? agg : null);
    }
    const cm = dep.instances[g].cm;
    const other = ctx!.instances[isPrefill ? n + g : g];
    const share = isPrefill ? gpu[g].share : 100 - gpu[g].share;
    if (isPrefill) {
      const c = cm.iterationCost(agg);
      pAttn[g] = c.total > 0 ? c.breakdown.attention / c.total : 0;
      mp1[g] = prefillAttnBytes(agg, cm.kvBytesPerToken);
      const uD = other.inIteration ? util[g] : 0;
      out[0] = c.total * shareSlowdown('prefill', share / 100, curves[g]) * (1 + kappa.kappaPrefill * uD);
      return;
    }
    const a = cm.iterationSeconds(agg);
    const md = decodeBytes(agg, cm.kvBytesPerToken);
    util[g] = hbmUtilization(md, dep.hbmBytesPerS[g], a);
    const slow = other.inIteration ? decodeContention(kappa.kappaDecode, md, mp1[g], dep.weightBytes, pAttn[g]) : 1;
    out[0] = a * shareSlowdown('decode', share / 100, curves[g]) * slow;
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
      const end = Math.max(run.endS, endS);
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
        meanEvaluations: controls > 0 ? evaluations / controls : 0,
      };
    },
  };
}

export function simulateNexus(dep: NexusDeployment, w: StrategyWorkload, opts: RunOptions): StrategyResult {
  return runPlan(nexusPlan(dep), w, opts).result;
}

function chunkProxy(a: BatchAggregate, tokens: number): BatchAggregate {
  a.prefillSeqs = tokens > 0 ? 1 : 0;
  a.prefillTokens = tokens;
  a.prefillAttnPairs = (tokens * (tokens + 1)) / 2;
  a.prefillKvTokens = tokens;
  a.decodeSeqs = 0;
  a.decodeKvTokens = 0;
  return a;
}
