// Enumerates each strategy's deployments over an inventory and bounds them analytically, so only plausible
// ones are simulated. Bounds (per instance, at the workload's mean lengths L̄ in, Ō out):
//   prefill time per token  p = T_prefill(L̄) / L̄
//   decode batch            B = min(256, KV capacity / (L̄ + Ō/2)),  step s = T_decode(B, L̄ + Ō/2)
//   colocated capacity      1 / (L̄·p + Ō·s/B)  requests/s      (max batch: an upper bound)
//   prefill-only capacity   1 / (L̄·p),   decode-only capacity  B / (Ō·s)
// A deployment is pruned when its capacity is below the arrival rate, when no instance can prefill the P99
// prompt within the TTFT SLO, or when a lone decode step already breaks the TBT SLO.
import type { InstanceCostModel } from '../types';
import { decodeStepSeconds, prefillSeconds } from '../timing';
import { splitLayers } from '../strategies/pipeline';
import type { Slo, StrategyId, StrategyWorkload } from '../strategies/types';
import type { Placement, SearchProvider } from './types';

export interface WorkloadShape {
  rate: number;
  meanIn: number;
  meanOut: number;
  p99In: number;
}

export function workloadShape(w: StrategyWorkload): WorkloadShape {
  const n = w.arrivalS.length;
  let si = 0;
  let so = 0;
  for (let i = 0; i < n; i++) {
    si += w.inputTokens[i];
    so += w.outputTokens[i];
  }
  const sorted = Int32Array.from(w.inputTokens).sort();
  const span = n > 1 ? w.arrivalS[n - 1] - w.arrivalS[0] : 1;
  // A closed loop has no arrival rate (its load is its users): rate 0 prunes nothing by capacity.
  const rate = w.closedLoop ? 0 : n / Math.max(1e-9, span);
  return { rate, meanIn: si / Math.max(1, n), meanOut: so / Math.max(1, n), p99In: sorted[Math.min(n - 1, Math.ceil(0.99 * n) - 1)] ?? 0 };
}

/** An instance shape in a pool with its analytic figures. */
export interface InstanceOption {
  pool: number;
  tp: number;
  maxCount: number;
  cm: InstanceCostModel;
  prefillRps: number;
  decodeRps: number;
  colocatedRps: number;
  ttftP99FloorS: number;
  tbtFloorS: number;
  usdPerHour: number;
}

export function instanceOptions(p: SearchProvider, shape: WorkloadShape): { options: InstanceOption[]; prunedMemory: number } {
  const options: InstanceOption[] = [];
  let prunedMemory = 0;
  p.pools.forEach((pool, i) => {
    for (const tp of [1, 2, 4, 8]) {
      if (tp > pool.gpuCount || tp > pool.gpusPerNode) continue;
      const cm = p.costModel(i, tp);
      if (!cm) {
        prunedMemory++;
        continue;
      }
      const L = Math.max(1, Math.round(shape.meanIn));
      const ctx = Math.round(shape.meanIn + shape.meanOut / 2);
      const perTok = prefillSeconds(cm, L) / L;
      const B = Math.max(1, Math.min(256, Math.floor(cm.kvCapacityTokens / Math.max(1, ctx))));
      const step = decodeStepSeconds(cm, B, ctx);
      options.push({
        pool: i, tp, maxCount: Math.floor(pool.gpuCount / tp), cm,
        prefillRps: 1 / (shape.meanIn * perTok),
        decodeRps: B / (shape.meanOut * step),
        colocatedRps: 1 / (shape.meanIn * perTok + (shape.meanOut * step) / B),
        ttftP99FloorS: prefillSeconds(cm, Math.max(1, shape.p99In)),
        tbtFloorS: decodeStepSeconds(cm, 1, ctx),
        usdPerHour: p.usdPerGpuHour(i) * tp,
      });
    }
  });
  return { options, prunedMemory };
}

/** Instance counts worth trying: all up to 8, then roughly geometric (large pools stay tractable). */
export function countChoices(max: number): number[] {
  const out: number[] = [];
  for (let n = 1; n <= max; n = n < 8 ? n + 1 : Math.ceil(n * 1.5)) out.push(n);
  if (out[out.length - 1] !== max && max > 0) out.push(max);
  return out;
}

export interface Candidate {
  strategy: StrategyId;
  key: string;
  usdPerHour: number;
  gpus: number;
  capacityRps: number;
  /** Instances in the deployment (placements in pool GPU order); meaning depends on the strategy. */
  parts: { role: 'instance' | 'prefill' | 'decode' | 'high' | 'low' | 'stage'; option: InstanceOption | null; at: Placement; layers?: number }[];
}

function place(used: number[], pool: number, tp: number): Placement {
  const at = { pool, tp, firstGpu: used[pool] };
  used[pool] += tp;
  return at;
}

// The candidate builders below are shared by the enumerators and by pinned deployments (pin.ts), so a
// pinned deployment is the very candidate the search would have built for it: same placements, same figures.

/** Colocated or Nexus: n instances of each picked shape, placed in pick order. */
export function dataParallelCandidate(strategy: 'colocated' | 'nexus', p: SearchProvider, pick: { o: InstanceOption; n: number }[]): Candidate {
  const used = p.pools.map(() => 0);
  const parts = pick.flatMap((x) => Array.from({ length: x.n }, () => ({ role: 'instance' as const, option: x.o, at: place(used, x.o.pool, x.o.tp) })));
  return {
    strategy, capacityRps: pick.reduce((s, x) => s + x.n * x.o.colocatedRps, 0), parts,
    key: pick.map((x) => `${x.n}x${p.pools[x.o.pool].name}/tp${x.o.tp}`).join('+'),
    usdPerHour: pick.reduce((s, x) => s + x.n * x.o.usdPerHour, 0),
    gpus: pick.reduce((s, x) => s + x.n * x.o.tp, 0),
  };
}

/** Full P/D: np prefill instances of shape po, then nd decode instances of shape dO. */
export function disaggregatedCandidate(p: SearchProvider, po: InstanceOption, np: number, dO: InstanceOption, nd: number): Candidate {
  const used = p.pools.map(() => 0);
  const parts = [
    ...Array.from({ length: np }, () => ({ role: 'prefill' as const, option: po, at: place(used, po.pool, po.tp) })),
    ...Array.from({ length: nd }, () => ({ role: 'decode' as const, option: dO, at: place(used, dO.pool, dO.tp) })),
  ];
  return {
    strategy: 'disaggregated', capacityRps: Math.min(np * po.prefillRps, nd * dO.decodeRps), parts,
    key: `P:${np}x${p.pools[po.pool].name}/tp${po.tp}|D:${nd}x${p.pools[dO.pool].name}/tp${dO.tp}`,
    usdPerHour: np * po.usdPerHour + nd * dO.usdPerHour,
    gpus: np * po.tp + nd * dO.tp,
  };
}

/** Cronus: n (high-end instance, low-end PPI) pairs, placed pair by pair. */
export function cronusCandidate(p: SearchProvider, h: InstanceOption, l: InstanceOption, n: number): Candidate {
  // The PPI takes prefill work off the high-end in proportion to its prefill speed.
  const offload = l.prefillRps / (h.prefillRps + l.prefillRps);
  const highPerReq = (1 - offload) / h.prefillRps + 1 / h.decodeRps;
  const used = p.pools.map(() => 0);
  const parts = Array.from({ length: n }, () => [
    { role: 'high' as const, option: h, at: place(used, h.pool, h.tp) },
    { role: 'low' as const, option: l, at: place(used, l.pool, l.tp) },
  ]).flat();
  return {
    strategy: 'cronus', capacityRps: n / highPerReq, parts,
    key: `${n}x(${p.pools[h.pool].name}/tp${h.tp}+${p.pools[l.pool].name}/tp${l.tp})`,
    usdPerHour: n * (h.usdPerHour + l.usdPerHour),
    gpus: n * (h.tp + l.tp),
  };
}

/** Pipeline: r replicas of stage (pool a, ta GPUs, layers[0]) then (pool b, tb GPUs, layers[1]); no capacity yet. */
export function pipelineParts(p: SearchProvider, a: number, ta: number, b: number, tb: number, r: number, layers: number[]): Candidate['parts'] {
  const used = p.pools.map(() => 0);
  return Array.from({ length: r }, () => [
    { role: 'stage' as const, option: null, at: place(used, a, ta), layers: layers[0] },
    { role: 'stage' as const, option: null, at: place(used, b, tb), layers: layers[1] },
  ]).flat();
}

export function pipelineCandidate(p: SearchProvider, parts: Candidate['parts'], capacityRps: number): Candidate {
  const [s0, s1] = parts;
  const [a, b] = [s0.at.pool, s1.at.pool];
  const [ta, tb] = [s0.at.tp, s1.at.tp];
  return {
    strategy: 'pipeline', capacityRps, parts,
    key: `${parts.length / 2}x(${p.pools[a].name}/tp${ta}[${s0.layers}L]>${p.pools[b].name}/tp${tb}[${s1.layers}L])`,
    usdPerHour: (parts.length / 2) * (p.usdPerGpuHour(a) * ta + p.usdPerGpuHour(b) * tb),
    gpus: (parts.length / 2) * (ta + tb),
  };
}

/** Colocated and Nexus: per pool, one instance shape and a count (or none). */
export function enumerateDataParallel(strategy: 'colocated' | 'nexus', p: SearchProvider, opts: InstanceOption[], shape: WorkloadShape, slo: Slo) {
  const perPool = p.pools.map((_, i) => opts.filter((o) => o.pool === i));
  const out: Candidate[] = [];
  let enumerated = 0;
  let prunedCapacity = 0;
  const pick: { o: InstanceOption; n: number }[] = [];
  const walk = (pool: number) => {
    if (pool === p.pools.length) {
      if (pick.length === 0) return;
      enumerated++;
      const cap = pick.reduce((s, x) => s + x.n * x.o.colocatedRps, 0);
      const ttftOk = pick.some((x) => x.o.ttftP99FloorS <= (slo.ttftP99S ?? Infinity));
      const tbtOk = pick.every((x) => x.o.tbtFloorS <= (slo.tbtP99S ?? Infinity));
      if (cap < shape.rate || !ttftOk || !tbtOk) {
        prunedCapacity++;
        return;
      }
      out.push(dataParallelCandidate(strategy, p, pick));
      return;
    }
    walk(pool + 1);
    for (const o of perPool[pool]) {
      for (const n of countChoices(o.maxCount)) {
        pick.push({ o, n });
        walk(pool + 1);
        pick.pop();
      }
    }
  };
  walk(0);
  return { candidates: out, enumerated, prunedCapacity };
}

/** Full P/D: a prefill shape and count on one pool, a decode shape and count on the same or another pool. */
export function enumerateDisaggregated(p: SearchProvider, opts: InstanceOption[], shape: WorkloadShape, slo: Slo) {
  const out: Candidate[] = [];
  let enumerated = 0;
  let prunedCapacity = 0;
  for (const po of opts) {
    for (const dO of opts) {
      for (const np of countChoices(po.maxCount)) {
        for (const nd of countChoices(dO.maxCount)) {
          if (po.pool === dO.pool && np * po.tp + nd * dO.tp > p.pools[po.pool].gpuCount) continue;
          enumerated++;
          const cap = Math.min(np * po.prefillRps, nd * dO.decodeRps);
          if (cap < shape.rate || po.ttftP99FloorS > (slo.ttftP99S ?? Infinity) || dO.tbtFloorS > (slo.tbtP99S ?? Infinity)) {
            prunedCapacity++;
            continue;
          }
          out.push(disaggregatedCandidate(p, po, np, dO, nd));
        }
      }
    }
  }
  return { candidates: out, enumerated, prunedCapacity };
}

/** Cronus: n pairs of (high-end instance, low-end PPI) from two pools, the high-end the faster prefiller. */
export function enumerateCronus(p: SearchProvider, opts: InstanceOption[], shape: WorkloadShape, slo: Slo) {
  const out: Candidate[] = [];
  let enumerated = 0;
  let prunedCapacity = 0;
  for (const h of opts) {
    for (const l of opts) {
      if (h.pool === l.pool || h.prefillRps <= l.prefillRps) continue;
      for (const n of countChoices(Math.min(h.maxCount, l.maxCount))) {
        enumerated++;
        const c = cronusCandidate(p, h, l, n);
        if (c.capacityRps < shape.rate || h.tbtFloorS > (slo.tbtP99S ?? Infinity) || h.ttftP99FloorS > (slo.ttftP99S ?? Infinity)) {
          prunedCapacity++;
          continue;
        }
        out.push(c);
      }
    }
  }
  return { candidates: out, enumerated, prunedCapacity };
}

/** Pipeline: replicas of a two-stage pipeline over two unlike pools, layers split by speed within memory. */
export function enumeratePipeline(p: SearchProvider, shape: WorkloadShape, slo: Slo, capacityOf: (parts: Candidate['parts']) => { rps: number; ttftFloor: number; tbtFloor: number } | null) {
  const out: Candidate[] = [];
  let enumerated = 0;
  let prunedCapacity = 0;
  let prunedMemory = 0;
  const tps = (i: number) => [1, 2, 4, 8].filter((t) => t <= p.pools[i].gpuCount && t <= p.pools[i].gpusPerNode);
  for (let a = 0; a < p.pools.length; a++) {
    for (let b = 0; b < p.pools.length; b++) {
      if (a === b || p.pools[a].gpuTypeId === p.pools[b].gpuTypeId) continue;
      for (const ta of tps(a)) {
        for (const tb of tps(b)) {
          const layers = splitLayers(p.model, [
            { cm: p.timingModel(a, ta), usableBytes: p.usableBytes(a, ta) },
            { cm: p.timingModel(b, tb), usableBytes: p.usableBytes(b, tb) },
          ]);
          if (!layers) {
            prunedMemory++;
            continue;
          }
          // Stage order is fixed by pool order (a < b) unless the reverse is the only one that fits.
          if (a > b && splitLayers(p.model, [
            { cm: p.timingModel(b, tb), usableBytes: p.usableBytes(b, tb) },
            { cm: p.timingModel(a, ta), usableBytes: p.usableBytes(a, ta) },
          ])) continue;
          const maxRep = Math.min(Math.floor(p.pools[a].gpuCount / ta), Math.floor(p.pools[b].gpuCount / tb));
          for (const r of countChoices(maxRep)) {
            enumerated++;
            const parts = pipelineParts(p, a, ta, b, tb, r, layers);
            const c = capacityOf(parts);
            if (!c || c.rps < shape.rate || c.tbtFloor > (slo.tbtP99S ?? Infinity) || c.ttftFloor > (slo.ttftP99S ?? Infinity)) {
              prunedCapacity++;
              continue;
            }
            out.push(pipelineCandidate(p, parts, c.rps));
          }
        }
      }
    }
  }
  return { candidates: out, enumerated, prunedCapacity, prunedMemory };
}
