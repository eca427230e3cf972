// How far the search's pick is from the best deployment: on a case small enough to simulate every enumerated
// deployment (nothing pruned), the cheapest one meeting the SLOs per strategy is the optimum, and the search's
// choice is measured against it. Pure; the bench and a test draw seeded random cases (main/bench/search-gap.ts).
import { simulateStrategy } from '../strategies';
import { meetsSlo } from '../metrics';
import type { Slo, StrategyId, StrategyWorkload } from '../strategies/types';
import { buildDeployment, compareWithProvider, pipelineCapacity } from './compare';
import { enumerateCronus, enumerateDataParallel, enumerateDisaggregated, enumeratePipeline, instanceOptions, workloadShape, type Candidate } from './enumerate';
import type { SearchBudget, SearchProvider } from './types';

export interface StrategyGap {
  strategy: StrategyId;
  /** Deployments simulated by the exhaustive run. */
  exhaustive: number;
  /** Cheapest $/1M tokens among those meeting the SLOs; null when none does. */
  optimumUsd: number | null;
  /** The search's choice; null when it found none. */
  searchUsd: number | null;
  /** searchUsd / optimumUsd − 1 (0 when both are null). */
  gap: number;
  /** The exhaustive run found a feasible deployment and the search called the strategy infeasible. */
  falseInfeasible: boolean;
}

/** Every deployment the enumerator can build, none pruned (rate 0 and no targets disable every bound). */
export function everyCandidate(p: SearchProvider, w: StrategyWorkload, strategy: StrategyId): Candidate[] {
  const shape = { ...workloadShape(w), rate: 0 };
  const { options } = instanceOptions(p, shape);
  switch (strategy) {
    case 'colocated':
    case 'nexus': return enumerateDataParallel(strategy, p, options, shape, {}).candidates;
    case 'disaggregated': return enumerateDisaggregated(p, options, shape, {}).candidates;
    case 'cronus': return enumerateCronus(p, options, shape, {}).candidates;
    case 'pipeline': return enumeratePipeline(p, shape, {}, pipelineCapacity(p, shape)).candidates;
  }
}

/** The search against brute force, per strategy. The workload must fit the search window (no sampling). */
export function searchGap(p: SearchProvider, w: StrategyWorkload, slo: Slo, strategies: StrategyId[], seed: number, budget: Partial<SearchBudget> = {}): StrategyGap[] {
  const searched = compareWithProvider(p, w, slo, strategies, seed, { ...budget, searchRequests: Math.max(w.arrivalS.length, budget.searchRequests ?? 0) });
  return strategies.map((strategy) => {
    const all = everyCandidate(p, w, strategy);
    let best = Infinity;
    for (const c of all) {
      const r = simulateStrategy(buildDeployment(p, c, slo), w, { slo, seed });
      if (meetsSlo(r.metrics, slo) && r.metrics.usdPer1MTokens < best) best = r.metrics.usdPer1MTokens;
    }
    const pick = searched.strategies.find((o) => o.strategy === strategy)!.bestByCost;
    const optimumUsd = best < Infinity ? best : null;
    const searchUsd = pick ? pick.metrics.usdPer1MTokens : null;
    const gap = optimumUsd === null ? (searchUsd === null ? 0 : -1) : searchUsd === null ? Infinity : searchUsd / optimumUsd - 1;
    return { strategy, exhaustive: all.length, optimumUsd, searchUsd, gap, falseInfeasible: optimumUsd !== null && searchUsd === null };
  });
}
