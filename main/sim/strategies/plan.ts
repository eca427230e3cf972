// A strategy is a plan for the one engine (main/sim/engine.ts): its instances with their roles and scheduler
// settings, what each costs, the router for arrivals, the hand-off of KV between instances, and hooks only
// where the strategy needs one. runPlan runs it and summarises the run with metrics.ts, the one place every
// figure is defined.
import { runEngine, type EngineContext, type EngineInstance, type EngineRun, type Handoff } from '../engine';
import type { Quantiles } from '../histogram';
import { summarize, type CostUnit, type LatencyHistograms, type RunSummary, type Slo } from '../metrics';
import { routerName, type RouterSpec } from '../router';
import { DEFAULT_SCHEDULER, type IterationObserver, type SchedulerConfig } from '../scheduler';
import { unitGpus, unitUsdPerHour } from '../metrics';
import { engineProfile, engineScheduler, type EngineId } from '../engines';
import type { Workload } from '../workload';
import type { InstanceSpec, RunSettings, StrategyId, StrategyMetrics, StrategyResult, StrategyWorkload } from './types';

export interface RunOptions {
  slo: Slo;
  seed: number;
  /** Stop a run once a request has waited this long for its first token; default max(60 s, 30 × TTFT target). */
  abortWaitS?: number;
  /** Per-iteration capture for reports and charts; absent during most of a search. */
  observer?: IterationObserver;
  /** Empty histograms for summarize to fill with the run's TTFT, E2E and TPOT (for the charts' CDFs). */
  histograms?: LatencyHistograms;
  /** Arrivals routed so far, every ROUTED_STRIDE of them (engine.ts): progress within a run. */
  onRouted?: (routed: number) => void;
}

export interface Plan {
  strategy: StrategyId;
  /** The serving-engine profile under every instance's settings; absent: DEFAULT_SCHEDULER alone. */
  engine?: EngineId;
  label: string;
  instances: EngineInstance[];
  /** A label per engine instance, for reports ("prefill: H100 node TP4"). */
  instanceLabels: string[];
  /** A label per cost unit where units are not one per engine instance (Nexus); default instanceLabels. */
  unitLabels?: string[];
  /** What is paid for: one unit per deployment instance (a Nexus GPU's two halves are one). */
  units: CostUnit[];
  /** unitOf[i]: the unit of engine instance i. */
  unitOf: number[];
  router: RouterSpec;
  handoff?: Handoff;
  entry?: number[];
  predictedOutput?: Int32Array | null;
  onFinish?: (req: number, instance: number) => void;
  bind?: (ctx: EngineContext) => void;
  /** Strategy-specific counters, read once the run is over. */
  extra?: (run: EngineRun) => Record<string, number>;
}

/** The cost unit an instance spec is paid as. */
export function unitOf(spec: InstanceSpec): CostUnit {
  return { parts: spec.parts ?? [{ gpus: spec.cm.gpus, pricing: spec.pricing, tdpW: spec.tdpW }] };
}

/** An instance's list price per hour (flat out), the one the search orders deployments by. */
export function specUsdPerHour(spec: Pick<InstanceSpec, 'pricing' | 'tdpW' | 'parts'> & { cm: { gpus: number } }): number {
  return unitUsdPerHour({ parts: spec.parts ?? [{ gpus: spec.cm.gpus, pricing: spec.pricing, tdpW: spec.tdpW }] });
}

/** The workload as the engine reads it. */
export function engineWorkload(w: StrategyWorkload): Workload {
  const c = w.closedLoop;
  if (c && !(Number.isInteger(c.users) && c.users >= 1)) throw new RangeError(`closed loop: users must be a whole number ≥ 1, got ${c.users}`);
  return {
    n: w.arrivalS.length,
    arrivalS: w.arrivalS,
    inputTokens: w.inputTokens,
    outputTokens: w.outputTokens,
    closedLoop: c
      ? { users: c.users, think: c.thinkTimeS > 0 ? (c.think === 'exponential' ? { kind: 'exponential', meanS: c.thinkTimeS } : { kind: 'fixed', seconds: c.thinkTimeS }) : { kind: 'none' } }
      : undefined,
  };
}

export interface PlanRun {
  plan: Plan;
  run: EngineRun;
  summary: RunSummary;
  result: StrategyResult;
}

export function runPlan(plan: Plan, w: StrategyWorkload, opts: RunOptions): PlanRun {
  const run = runEngine(engineWorkload(w), plan.instances, {
    router: plan.router,
    seed: opts.seed,
    handoff: plan.handoff,
    entry: plan.entry,
    predictedOutput: plan.predictedOutput,
    onFinish: plan.onFinish,
    bind: plan.bind,
    observer: opts.observer,
    onRouted: opts.onRouted,
    abortWaitS: opts.abortWaitS ?? Math.max(60, 30 * (opts.slo.ttftP99S ?? 2)),
  });
  const summary = summarize(run, plan.units, opts.slo, plan.unitOf, opts.histograms);
  const result: StrategyResult = {
    strategy: plan.strategy,
    label: plan.label,
    gpus: plan.units.reduce((s, u) => s + unitGpus(u), 0),
    metrics: strategyMetrics(summary),
    extra: { preemptions: summary.preemptions, iterations: run.iterations, ...plan.extra?.(run) },
    settings: planSettings(plan),
  };
  return { plan, run, summary, result };
}

const zero = (q: Quantiles): Quantiles => ({
  mean: q.mean === q.mean ? q.mean : 0, p50: q.p50 === q.p50 ? q.p50 : 0, p90: q.p90 === q.p90 ? q.p90 : 0,
  p99: q.p99 === q.p99 ? q.p99 : 0, max: q.max === q.max ? q.max : 0,
});

/** The stored, shown projection of a run's summary (an empty latency reads 0). */
export function strategyMetrics(s: RunSummary): StrategyMetrics {
  const cost = s.cost;
  return {
    requests: s.requests,
    completed: s.completed,
    rejected: s.rejected,
    preemptions: s.preemptions,
    saturated: s.saturated,
    durationS: s.durationS,
    ttft: zero(s.ttft),
    tbt: zero(s.tbt),
    tpot: zero(s.tpot),
    e2e: zero(s.e2e),
    queueing: zero(s.queueing),
    normalizedLatency: zero(s.normalizedLatency),
    throughput: s.throughput,
    goodputRps: s.slo?.goodputRps ?? s.throughput.requestsPerS,
    sloAttainment: s.slo?.attainment ?? 1,
    utilization: s.utilization.busyFraction,
    usdPerHour: cost?.usdPerHour ?? 0,
    usdPer1MTokens: cost?.usdPerMTokens ?? Infinity,
    usdPer1MInputTokens: cost?.usdPerMInputTokens ?? Infinity,
    usdPer1MOutputTokens: cost?.usdPerMOutputTokens ?? Infinity,
    joulesPerToken: s.energy && s.energy.joulesPerToken === s.energy.joulesPerToken ? s.energy.joulesPerToken : 0,
  };
}

/** The settings each group of alike instances ran with, and the router. */
export function planSettings(plan: Plan): RunSettings {
  const groups = new Map<string, RunSettings['instances'][number]>();
  plan.instances.forEach((inst, i) => {
    const c: SchedulerConfig = { ...DEFAULT_SCHEDULER, ...inst.scheduler };
    const label = plan.instanceLabels[i].replace(/#\d+$/, '');
    const row = {
      label, count: 1, role: c.role, tokenBudget: c.tokenBudget, chunkSize: Math.min(c.chunkSize, c.tokenBudget), maxRunning: c.maxRunning,
      kvAllocation: c.kvAllocation, prefillOrder: c.prefillOrder, decodeAdmission: c.decodeAdmission, watermark: c.watermark,
      ...(c.maxInFlight > 0 ? { maxInFlight: c.maxInFlight } : {}),
    };
    const key = JSON.stringify({ ...row, count: 0 });
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, row);
  });
  return { engine: plan.engine ?? 'default', router: routerName(plan.router), instances: [...groups.values()] };
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

/** The settings an engine's defaults give an instance (none without an engine). */
export function engineBase(engine: EngineId | undefined, inst: Pick<InstanceSpec, 'gpuTypeId' | 'gpuMemoryGb'>): Partial<SchedulerConfig> {
  if (engine === undefined) return {};
  if (inst.gpuMemoryGb === undefined) throw new RangeError(`engine ${engine}: its defaults need the memory of GPU ${inst.gpuTypeId}`);
  return engineScheduler(engineProfile(engine), { name: inst.gpuTypeId, memoryGb: inst.gpuMemoryGb });
}

/**
 * Scheduler settings of one instance: the run's defaults, under the engine's (`base`, engineBase), under the
 * strategy's overrides.
 */
export function schedulerOf(over: Partial<SchedulerConfig>, base: Partial<SchedulerConfig> = {}): Partial<SchedulerConfig> {
  const given = { ...base, ...Object.fromEntries(Object.entries(over).filter(([, v]) => v !== undefined)) } as Partial<SchedulerConfig>;
  const budget = given.tokenBudget ?? DEFAULT_SCHEDULER.tokenBudget;
  // vLLM requires max_num_seqs ≤ max_num_batched_tokens (every running decode takes a token of the budget).
  return { ...given, chunkSize: given.chunkSize ?? budget, maxRunning: Math.min(given.maxRunning ?? DEFAULT_SCHEDULER.maxRunning, budget) };
}
