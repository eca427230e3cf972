// One entry point for every strategy: simulateStrategy(deployment, workload, options) -> StrategyResult.
import { simulateColocated, type ColocatedDeployment } from './colocated';
import { simulateCronus, type CronusDeployment } from './cronus';
import { simulateDisaggregated, type DisaggregatedDeployment } from './disaggregated';
import { simulateNexus, type NexusDeployment } from './nexus';
import { simulatePipeline, type PipelineDeployment } from './pipeline';
import type { RunOptions } from './common';
import type { StrategyResult, StrategyWorkload } from './types';

export type Deployment = ColocatedDeployment | PipelineDeployment | DisaggregatedDeployment | CronusDeployment | NexusDeployment;

export function simulateStrategy(dep: Deployment, w: StrategyWorkload, opts: RunOptions): StrategyResult {
  switch (dep.strategy) {
    case 'colocated': return simulateColocated(dep, w, opts);
    case 'pipeline': return simulatePipeline(dep, w, opts);
    case 'disaggregated': return simulateDisaggregated(dep, w, opts);
    case 'cronus': return simulateCronus(dep, w, opts);
    case 'nexus': return simulateNexus(dep, w, opts);
  }
}

export type { RunOptions } from './common';
export type { ColocatedDeployment, CronusDeployment, DisaggregatedDeployment, NexusDeployment, PipelineDeployment };
export * from './types';
