// The simulator's one-call facade for the app, the CLI and the strategies: run a workload on a set of
// instances and get a plain JSON-able summary (plus, on request, the per-request columns).
import { runEngine, type EngineInstance, type Handoff } from './engine';
import { summarize, type InstanceEconomics, type Pricing, type SimulationSummary, type Slo } from './metrics';
import type { RouterSpec } from './router';
import type { SchedulerConfig } from './scheduler';
import type { Workload } from './workload';

export interface SimInstance extends EngineInstance {
  /** Label for reports (pool or GPU name). */
  name?: string;
  usdPerGpuHour?: number;
  purchaseUsdPerGpu?: number;
  tdpW?: number;
  idleW?: number;
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
  /** Default: rental prices per GPU-hour. */
  pricing?: Pricing;
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
  summary: SimulationSummary;
  instances: { name: string; gpus: number; busyS: number; iterations: number; preemptions: number; prefillTokens: number; decodeTokens: number }[];
  perRequest?: PerRequestColumns;
}

export function simulate(input: SimulationInput): SimulationResult {
  const run = runEngine(input.workload, input.instances, { scheduler: input.scheduler, router: input.router, seed: input.seed, handoff: input.handoff });
  const economics: InstanceEconomics[] = input.instances.map((i) => ({
    gpus: i.cm.gpus,
    usdPerGpuHour: i.usdPerGpuHour,
    purchaseUsdPerGpu: i.purchaseUsdPerGpu,
    tdpW: i.tdpW,
    idleW: i.idleW,
  }));
  const summary = summarize(run, economics, input.pricing ?? { mode: 'rental' }, input.slo);
  const result: SimulationResult = {
    summary,
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
