// One entry point for every strategy: a deployment becomes a plan for the one engine (plan.ts), which
// simulateStrategy runs and summarises.
import { colocatedPlan, type ColocatedDeployment } from './colocated';
import { cronusPlan, type CronusDeployment } from './cronus';
import { disaggregatedPlan, type DisaggregatedDeployment } from './disaggregated';
import { nexusPlan, type NexusDeployment } from './nexus';
import { pipelinePlan, type PipelineDeployment } from './pipeline';
import { runPlan, type Plan, type PlanRun, type RunOptions } from './plan';
import type { StrategyResult, StrategyWorkload } from './types';

export type Deployment = ColocatedDeployment | PipelineDeployment | DisaggregatedDeployment | CronusDeployment | NexusDeployment;

/** The plan the engine runs for a deployment (the workload and seed feed strategy-specific draws). */
export function planOf(dep: Deployment, w: StrategyWorkload, seed: number): Plan {
  switch (dep.strategy) {
    case 'colocated': return colocatedPlan(dep);
    case 'pipeline': return pipelinePlan(dep);
    case 'disaggregated': return disaggregatedPlan(dep, w, seed);
    case 'cronus': return cronusPlan(dep, w);
    case 'nexus': return nexusPlan(dep);
  }
}

/** Runs a deployment and keeps the engine's run (per-request columns, instances) for reports. */
export function runStrategy(dep: Deployment, w: StrategyWorkload, opts: RunOptions): PlanRun {
  return runPlan(planOf(dep, w, opts.seed), w, opts);
}

export function simulateStrategy(dep: Deployment, w: StrategyWorkload, opts: RunOptions): StrategyResult {
  return runStrategy(dep, w, opts).result;
}

export type { RunOptions, Plan, PlanRun } from './plan';
export type { ColocatedDeployment, CronusDeployment, DisaggregatedDeployment, NexusDeployment, PipelineDeployment };
export * from './types';
