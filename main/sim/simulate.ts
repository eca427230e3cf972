// The simulator's one-call facade for the CLI and tests: run a workload on a set of instances and get a plain
// JSON-able summary (plus, on request, the per-request columns). Strategies go through strategies/plan.ts,
// which uses the same engine and the same metrics.
import { runEngine, type EngineInstance, type Handoff } from './engine';
import { summarize, type CostPart, type RunSummary, type Slo } from './metrics';
import { DEFAULT_ROUTER, routerName, type RouterSpec } from './router';
import { DEFAULT_SCHEDULER, type SchedulerConfig } from './scheduler';
import type { Workload } from './workload';

export interface SimInstance extends EngineInstance {
  /** Label for reports (pool or GPU name). */
  name?: string;
  /** How its GPUs are paid and powered (gpus defaults to the cost model's); none: no cost or energy. */
  cost?: Omit<CostPart, 'gpus'> & { gpus?: number };
}

export interface SimulationInput {
  instances: SimInstance[];
  workload: Workload;
  scheduler?: Partial<SchedulerConfig>;
  router?: RouterSpec;
  seed?: number;
  slo?: Slo;
  /** Where requests prefilled on 'prefill'-role instances go, and their KV transfer time. */
  handoff?: Handoff;
  /** Also return per-request columns (typed arrays; not JSON-able as such). */
  perRequest?: boolean;
}

export interface PerRequestColumns {
  arrivalS: Float64Array;
  firstTokenS: Float64Array;
  finishS: Float64Array;
  scheduledS: Float64Array;
  maxGapS: Float64Array;
  instance: Int32Array;
  preemptions: Int32Array;
  /** 4 = done, 5 = rejected (anything else did not finish). */
  state: Uint8Array;
}

export interface SimulationResult {
  summary: RunSummary;
  /** The scheduler settings and router the run used. */
  settings: { router: string; scheduler: SchedulerConfig };
  instances: { name: string; gpus: number; busyS: number; iterations: number; preemptions: number; prefillTokens: number; decodeTokens: number }[];
  perRequest?: PerRequestColumns;
}

export function simulate(input: SimulationInput): SimulationResult {
  const router = input.router ?? { kind: DEFAULT_ROUTER };
  const run = runEngine(input.workload, input.instances, { scheduler: input.scheduler, router, seed: input.seed, handoff: input.handoff });
  const costed = input.instances.every((i) => i.cost);
  const units = costed ? input.instances.map((i) => ({ parts: [{ gpus: i.cm.gpus, ...i.cost! }] })) : null;
  const summary = summarize(run, units, input.slo ?? null);
  const result: SimulationResult = {
    summary,
    settings: { router: routerName(router), scheduler: { ...DEFAULT_SCHEDULER, ...input.scheduler } },
    instances: run.instances.map((s, i) => ({
      name: input.instances[i].name ?? `instance-${i}`,
      gpus: s.cm.gpus,
      busyS: s.busyS,
      iterations: s.iterations,
      preemptions: s.preemptions,
      prefillTokens: s.prefillTokens,
      decodeTokens: s.decodeTokens,
    })),
  };
  if (input.perRequest) {
    const q = run.requests;
    result.perRequest = {
      arrivalS: q.arrivalS,
      firstTokenS: q.firstTokenS,
      finishS: q.finishS,
      scheduledS: q.scheduledS,
      maxGapS: q.maxGapS,
      instance: q.instance,
      preemptions: q.preemptions,
      state: q.state,
    };
  }
  return result;
}
