// Colocated serving, data parallel across unlike pools: every instance prefills (chunked, Sarathi/vLLM style)
// and decodes its own requests; a router that knows each instance's speed spreads the arrivals.
import type { InstanceCostModel } from '../types';
import {
  DEFAULT_TOKEN_BUDGET, decodeStepSeconds, fleetMetrics, fleetOptions, mixedLane, prefillSeconds, type RunOptions,
} from './common';
import { createFleet, enqueuePrefill, runFleet, type Fleet, type FleetHooks, type Lane } from './fleet';
import type { InstanceSpec, StrategyResult, StrategyWorkload } from './types';

export type DpRouter = 'least-finish' | 'capacity-weighted' | 'round-robin';

export interface ColocatedDeployment {
  strategy: 'colocated';
  instances: InstanceSpec[];
  router?: DpRouter;
  tokenBudget?: number;
  /** Per-instance budgets (e.g. sized to the TBT SLO); overrides tokenBudget. */
  tokenBudgets?: number[];
  maxSeqs?: number;
}

/** What a router needs to know about an instance's speed, measured once from its cost model. */
export interface LaneSpeed {
  /** Seconds of one full prefill chunk (the iteration budget of prompt tokens). */
  chunkS: number;
  /** Marginal seconds one more running decode adds to an iteration. */
  perDecodeS: number;
  budget: number;
}

export function laneSpeed(cm: InstanceCostModel, budget: number): LaneSpeed {
  const ctx = 1024;
  const perDecodeS = Math.max(0, (decodeStepSeconds(cm, 65, ctx) - decodeStepSeconds(cm, 1, ctx)) / 64);
  return { chunkS: prefillSeconds(cm, budget, 0), perDecodeS, budget };
}

/**
 * Expected wait before a new prompt of `tokens` is prefilled on a lane: its backlog of prompt tokens over the
 * prompt tokens an iteration can take (the budget less the running decodes), times the iteration's length.
 * Fleetplan's assumption for "least expected finish time"; it ignores that decodes leave over time.
 */
export function expectedPrefillWait(lane: Lane, s: LaneSpeed, tokens: number): number {
  const room = Math.max(1, s.budget - lane.dCount);
  return Math.ceil((lane.pendingPrefill + tokens) / room) * (s.chunkS + lane.dCount * s.perDecodeS);
}

/** Builds the router hook over lanes [first, first + speeds.length). Shared with Nexus' DP layer. */
export function dpRoute(router: DpRouter, laneIds: number[], speeds: LaneSpeed[], enqueue: (f: Fleet, lane: number, req: number) => void): FleetHooks['route'] {
  let rr = 0;
  // Smooth weighted round robin: deterministic, and each instance's share tracks its prefill speed.
  const weight = speeds.map((s) => 1 / s.chunkS);
  const credit = new Float64Array(laneIds.length);
  const total = weight.reduce((a, b) => a + b, 0);
  return (f, req) => {
    let pick = 0;
    if (router === 'round-robin') pick = rr++ % laneIds.length;
    else if (router === 'capacity-weighted') {
      for (let i = 0; i < credit.length; i++) credit[i] += weight[i];
      for (let i = 1; i < credit.length; i++) if (credit[i] > credit[pick]) pick = i;
      credit[pick] -= total;
    } else {
      let best = Infinity;
      for (let i = 0; i < laneIds.length; i++) {
        const w = expectedPrefillWait(f.lanes[laneIds[i]], speeds[i], f.input[req]);
        if (w < best) {
          best = w;
          pick = i;
        }
      }
    }
    enqueue(f, laneIds[pick], req);
  };
}

export function simulateColocated(dep: ColocatedDeployment, w: StrategyWorkload, opts: RunOptions): StrategyResult {
  if (dep.instances.length === 0) throw new Error('colocated: a deployment needs at least one instance');
  const budget = (i: number) => dep.tokenBudgets?.[i] ?? dep.tokenBudget ?? DEFAULT_TOKEN_BUDGET;
  const lanes = dep.instances.map((inst, i) => mixedLane(i, inst.cm, i, { tokenBudget: budget(i), maxSeqs: dep.maxSeqs ?? 256 }));
  const speeds = dep.instances.map((inst, i) => laneSpeed(inst.cm, budget(i)));
  const laneIds = lanes.map((_, i) => i);
  const route = dpRoute(dep.router ?? 'least-finish', laneIds, speeds, (f, lane, req) => enqueuePrefill(f, lane, req, f.input[req]));
  const f = createFleet(w, lanes, { route }, fleetOptions(opts));
  runFleet(f);
  const metrics = fleetMetrics(f, dep.instances);
  return {
    strategy: 'colocated',
    label: describeInstances(dep.instances),
    gpus: dep.instances.reduce((s, i) => s + i.cm.gpus, 0),
    metrics,
    extra: { preemptions: f.preemptions, iterations: f.lanes.reduce((s, l) => s + l.iterations, 0) },
  };
}

/** "2×H100 TP4 + 1×MI300X TP1"-style label, grouping identical instances. */
export function describeInstances(list: InstanceSpec[]): string {
  const groups = new Map<string, number>();
  for (const i of list) {
    const key = `${i.pool} TP${i.tp}${i.pp > 1 ? ` PP${i.pp}` : ''}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups].map(([k, n]) => `${n}×${k}`).join(' + ');
}
