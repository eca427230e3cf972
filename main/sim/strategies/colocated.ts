// Colocated serving, data parallel across unlike pools: every instance prefills (chunked, Sarathi/vLLM style)
// and decodes its own requests; a router that knows each instance's speed spreads the arrivals.
import type { EngineId } from '../engines';
import type { PrefillOrder } from '../scheduler-config';
import type { RouterKind } from '../router';
import { describeInstances, engineBase, runPlan, schedulerOf, unitOf, type Plan, type RunOptions } from './plan';
import type { InstanceSpec, StrategyResult, StrategyWorkload } from './types';

export interface ColocatedDeployment {
  strategy: 'colocated';
  instances: InstanceSpec[];
  router?: RouterKind;
  tokenBudget?: number;
  /** Per-instance budgets (e.g. sized to the TBT SLO); overrides tokenBudget. */
  tokenBudgets?: number[];
  maxSeqs?: number;
  /** Prefill chunk cap within the budget; default the budget. */
  chunkSize?: number;
  /** Serving-engine profile of every instance; absent: the default scheduler. */
  engine?: EngineId;
  /** Prefill queue order (default the engine's FCFS) and its aging in tokens per second waited (spf-aging). */
  prefillOrder?: PrefillOrder;
  agingPerS?: number;
}

const tag = (i: InstanceSpec) => `${i.pool} TP${i.tp}${i.pp > 1 ? ` PP${i.pp}` : ''}`;

export function colocatedPlan(dep: ColocatedDeployment, strategy: 'colocated' | 'pipeline' = 'colocated'): Plan {
  if (dep.instances.length === 0) throw new Error(`${strategy}: a deployment needs at least one instance`);
  return {
    strategy,
    engine: dep.engine,
    label: describeInstances(dep.instances),
    instances: dep.instances.map((inst, i) => ({
      cm: inst.cm,
      scheduler: schedulerOf({ tokenBudget: dep.tokenBudgets?.[i] ?? dep.tokenBudget, maxRunning: dep.maxSeqs, chunkSize: dep.chunkSize, prefillOrder: dep.prefillOrder, agingPerS: dep.agingPerS }, engineBase(dep.engine, inst)),
    })),
    instanceLabels: dep.instances.map(tag),
    units: dep.instances.map(unitOf),
    unitOf: dep.instances.map((_, i) => i),
    router: { kind: dep.router ?? 'least-finish' },
  };
}

export function simulateColocated(dep: ColocatedDeployment, w: StrategyWorkload, opts: RunOptions): StrategyResult {
  return runPlan(colocatedPlan(dep), w, opts).result;
}
