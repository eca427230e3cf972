// Deployment and outcome builders for the compare charts' and recommendation's tests.
import type { StrategyOutcome } from '../../../main/domain';
import type { DeploymentSummary } from '../../../main/sim/search/types';

const q = (p50: number, p99: number) => ({ mean: p50, p50, p90: (p50 + p99) / 2, p99 });

export function dep(strategy: DeploymentSummary['strategy'], label: string, usd: number, ttftP99: number, meetsSlo = true): DeploymentSummary {
  return {
    strategy, label, gpus: 2, usdPerHour: 1, capacityRps: 10, meetsSlo, extra: {},
    metrics: {
      requests: 100, completed: 100, saturated: false, durationS: 60,
      ttft: q(ttftP99 / 4, ttftP99), tbt: q(0.01, 0.03), e2e: q(1, 2), queueing: q(0, 0), normalizedLatency: q(0, 0),
      throughput: { requestsPerS: 2, inputTokensPerS: 2000, outputTokensPerS: 500 },
      goodputRps: 1.9, sloAttainment: 0.95, utilization: 0.6, usdPerHour: 1,
      usdPer1MTokens: usd, usdPer1MInputTokens: usd / 2, usdPer1MOutputTokens: usd * 3, joulesPerToken: 0.2,
    },
  };
}

export function outcome(strategy: StrategyOutcome['strategy'], sims: DeploymentSummary[]): StrategyOutcome {
  const feasible = sims.filter((d) => d.meetsSlo).sort((a, b) => a.metrics.usdPer1MTokens - b.metrics.usdPer1MTokens);
  return {
    strategy, enumerated: sims.length, prunedMemory: 0, prunedCapacity: 0, simulated: sims.length,
    bestByCost: feasible[0] ?? null, bestByGoodput: feasible[0] ?? null, pareto: [], simulatedDeployments: sims,
  };
}

