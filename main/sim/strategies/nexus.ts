// Nexus (arXiv 2507.06608): intra-GPU disaggregation. Each instance runs a prefill executor and a decode
// executor side by side on one GPU group with an SM split; they share the GPU's KV memory, so a finished
// prefill starts decoding without any copy. A controller re-picks the split with Algorithm 1 (prefill-
// priority with β on decode below 70% KV use, decode-priority with α on prefill above), applied only past a
// hysteresis band; prefill is shortest-prompt-first with aging, decode FCFS. Split changes take effect from
// each executor's next iteration (the paper's asynchronous switching).
import type { BatchAggregate } from '../types';
import { describeInstances, dpRoute, laneSpeed } from './colocated';
import { DEFAULT_MAX_SEQS, DEFAULT_TOKEN_BUDGET, fleetMetrics, fleetOptions, mixedLane, type RunOptions } from './common';
import { completeLocally, createFleet, enqueueDecode, enqueuePrefill, runFleet, type Fleet, type FleetHooks, type Lane } from './fleet';
import {
  DEFAULT_CONTENTION, NEXUS_ALPHA, NEXUS_BETA, NEXUS_CONTROL_PERIOD_S, NEXUS_DELTA_PCT, NEXUS_GAMMA, NEXUS_KV_SWITCH,
  decodeContention, greedySplit, hbmUtilization, shareSlowdown, smShareCurvesFor, type ContentionCoefficients,
} from './nexus-model';
import type { InstanceSpec, StrategyResult, StrategyWorkload } from './types';

export interface NexusDeployment {
  strategy: 'nexus';
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

export function simulateNexus(dep: NexusDeployment, w: StrategyWorkload, opts: RunOptions): StrategyResult {
  const n = dep.instances.length;
  if (n === 0) throw new Error('nexus: a deployment needs at least one instance');
  const budget = dep.tokenBudget ?? DEFAULT_TOKEN_BUDGET;
  const kappa = dep.contention ?? DEFAULT_CONTENTION;
  const delta = dep.deltaPct ?? NEXUS_DELTA_PCT;
  const order = dep.prefillOrder ?? 'spf-aging';
  const curves = dep.instances.map((i) => smShareCurvesFor(i.gpuTypeId));
  // Lanes 0..n-1 prefill executors, n..2n-1 decode executors; instance g owns lanes g and n + g.
  const lanes = dep.instances.map((inst, g) => mixedLane(g, inst.cm, g, {
    role: 'prefill', tokenBudget: budget, prefillOrder: order, agingPerS: NEXUS_GAMMA,
  }));
  dep.instances.forEach((inst, g) => lanes.push(mixedLane(g, inst.cm, g, { role: 'decode', maxSeqs: dep.maxSeqs ?? DEFAULT_MAX_SEQS })));
  const gpu: GpuState[] = dep.instances.map(() => ({ share: dep.staticPrefillShare ?? 50, lastControl: -Infinity, shareTime: 0, since: 0, repartitions: 0 }));
  const util = new Float64Array(2 * n);
  // Per GPU, the running prefill's attention traffic and attention share of its time (for decode contention).
  const mp1 = new Float64Array(n);
  const pAttn = new Float64Array(n);
  const proxy: BatchAggregate = { prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: 0, decodeKvTokens: 0 };
  let controls = 0;
  let evaluations = 0;
  let minShare = 100;
  let maxShare = 0;

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

  const control = (f: Fleet, g: number, t: number, force: boolean) => {
    const s = gpu[g];
    if (!force && t - s.lastControl < NEXUS_CONTROL_PERIOD_S) return;
    s.lastControl = t;
    controls++;
    const pl = f.lanes[g];
    const dl = f.lanes[n + g];
    const cm = dep.instances[g].cm;
    // The prefill executor's next batch, as the controller sees it: PT = the next chunk.
    const pAgg = pl.busy ? pl.agg : chunkProxy(proxy, Math.min(budget, pl.pendingPrefill));
    const pWork = pl.busy || pl.pendingPrefill > 0;
    const dWork = dl.busy || dl.dCount > 0 || dl.dqHead < dl.dq.length;
    if (!pWork || !dWork) {
      // One executor idle: the other gets the whole GPU until work shows up.
      if (pWork !== dWork) apply(g, pWork ? 100 : 0, t);
      return;
    }
    const pc = cm.iterationCost(pAgg);
    const tp = pc.total;
    const pA = tp > 0 ? pc.breakdown.attention / tp : 0;
    const m1 = prefillAttnBytes(pAgg, cm.kvBytesPerToken);
    const dB = Math.max(1, dl.dCount);
    const dCtx = dl.dCount > 0 ? dl.dCtx : 1024;
    const dAgg = { prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: dB, decodeKvTokens: dCtx };
    const td = cm.iterationSeconds(dAgg);
    const md = decodeBytes(dAgg, cm.kvBytesPerToken);
    const uD = hbmUtilization(md, dep.hbmBytesPerS[g], td);
    const dSlow = decodeContention(kappa.kappaDecode, md, m1, dep.weightBytes, pA);
    const kvUse = f.kvUsed[g] / f.kvCap[g];
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

  const hooks: FleetHooks = {
    route: dpRoute('least-finish', lanes.slice(0, n).map((_, i) => i), dep.instances.map((i) => laneSpeed(i.cm, budget)),
      (f, lane, req) => enqueuePrefill(f, lane, req, f.input[req])),
    onPrefillDone(f, req, lane, t) {
      if (f.generated[req] >= f.output[req]) {
        completeLocally(f, lane, req, t);
        return;
      }
      // Same GPU memory: the decode executor takes the request as it is (held KV stays counted).
      lane.inFlight--;
      enqueueDecode(f, n + lane.index, req);
    },
    iterationTime(f, lane, agg, t) {
      const g = lane.cfg.instance;
      const isPrefill = lane.index < n;
      if (dep.staticPrefillShare == null) {
        const share = isPrefill ? gpu[g].share : 100 - gpu[g].share;
        control(f, g, t, share < 5);
      }
      const cm = dep.instances[g].cm;
      const other: Lane = f.lanes[isPrefill ? n + g : g];
      const share = isPrefill ? gpu[g].share : 100 - gpu[g].share;
      if (isPrefill) {
        const c = cm.iterationCost(agg);
        pAttn[g] = c.total > 0 ? c.breakdown.attention / c.total : 0;
        mp1[g] = prefillAttnBytes(agg, cm.kvBytesPerToken);
        const uD = other.busy ? util[other.index] : 0;
        return c.total * shareSlowdown('prefill', share / 100, curves[g]) * (1 + kappa.kappaPrefill * uD);
      }
      const a = cm.iterationSeconds(agg);
      const md = decodeBytes(agg, cm.kvBytesPerToken);
      util[lane.index] = hbmUtilization(md, dep.hbmBytesPerS[g], a);
      const slow = other.busy ? decodeContention(kappa.kappaDecode, md, mp1[g], dep.weightBytes, pAttn[g]) : 1;
      return a * shareSlowdown('decode', share / 100, curves[g]) * slow;
    },
  };
  const f = createFleet(w, lanes, hooks, fleetOptions(opts));
  runFleet(f);
  let shareTime = 0;
  let span = 0;
  for (const s of gpu) {
    shareTime += s.shareTime + s.share * (f.now - s.since);
    span += f.now;
  }
  return {
    strategy: 'nexus',
    label: `${describeInstances(dep.instances)} (intra-GPU split)`,
    gpus: dep.instances.reduce((s, i) => s + i.cm.gpus, 0),
    metrics: fleetMetrics(f, dep.instances),
    extra: {
      meanPrefillShare: span > 0 ? shareTime / span : 0,
      minPrefillShare: minShare,
      maxPrefillShare: maxShare,
      repartitions: gpu.reduce((s, x) => s + x.repartitions, 0),
      controllerRuns: controls,
      meanEvaluations: controls > 0 ? evaluations / controls : 0,
      preemptions: f.preemptions,
    },
  };
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
