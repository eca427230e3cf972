// The one-sentence answer to "which strategy should we use?": the cheapest $ per 1M tokens among the
// strategies whose best deployment met the SLOs, and its margin over the runner-up. Pure, unit-tested.
import type { ComparisonResult } from '../../../../main/ipc/types';
import type { StrategyId } from '../../../../main/ipc/scenario';
import type { DeploymentSummary } from '../../../../main/sim/search/types';

/**
 * main/ipc/scenario.ts's STRATEGY_LABELS, repeated because that module builds zod schemas at load and the
 * renderer must not bundle zod; a unit test keeps the two equal.
 */
export const STRATEGY_LABELS: Record<StrategyId, string> = {
  colocated: 'Colocated (data parallel, chunked prefill)',
  pipeline: 'Pipeline parallel across unlike GPUs',
  disaggregated: 'Prefill/decode disaggregation',
  cronus: 'Partially disaggregated prefill (Cronus)',
  nexus: 'Intra-GPU disaggregation (Nexus)',
};
export const STRATEGY_IDS = Object.keys(STRATEGY_LABELS) as StrategyId[];

export interface Recommendation {
  strategy: string | null;
  deployment: DeploymentSummary | null;
  runnerUp: DeploymentSummary | null;
  /** How much cheaper the pick is than the runner-up, percent of the runner-up's cost. */
  savingPct: number | null;
  sentence: string;
}

export function strategyLabel(id: string): string {
  return STRATEGY_LABELS[id as StrategyId] ?? id;
}

/** "2 s", "100 ms": how an SLO target reads in a sentence. */
export function fmtSeconds(s: number): string {
  if (s >= 1) return `${+s.toFixed(2)} s`;
  return `${+(s * 1000).toFixed(1)} ms`;
}

function fmtCost(usd: number): string {
  if (!Number.isFinite(usd)) return '—';
  const digits = usd >= 10 ? 2 : usd >= 0.1 ? 3 : 4;
  return `$${+usd.toFixed(digits)}`;
}

function sloText(slo: ComparisonResult['slo']): string {
  const parts: string[] = [];
  if (slo.ttftP99S !== undefined) parts.push(`TTFT P99 ≤ ${fmtSeconds(slo.ttftP99S)}`);
  if (slo.tbtP99S !== undefined) parts.push(`TBT P99 ≤ ${fmtSeconds(slo.tbtP99S)}`);
  return parts.length > 0 ? parts.join(' and ') : 'no latency SLO';
}

export function recommend(result: Pick<ComparisonResult, 'strategies' | 'slo'>): Recommendation {
  const feasible = result.strategies
    .filter((o) => o.bestByCost !== null && Number.isFinite(o.bestByCost.metrics.usdPer1MTokens))
    .map((o) => o.bestByCost!)
    .sort((a, b) => a.metrics.usdPer1MTokens - b.metrics.usdPer1MTokens || a.strategy.localeCompare(b.strategy));
  const slo = sloText(result.slo);
  if (feasible.length === 0) {
    return {
      strategy: null, deployment: null, runnerUp: null, savingPct: null,
      sentence: `No strategy met ${slo} on this inventory: relax the SLOs, add GPUs, or try a smaller model.`,
    };
  }
  const best = feasible[0];
  const runnerUp = feasible[1] ?? null;
  const cost = `${fmtCost(best.metrics.usdPer1MTokens)} per 1M tokens`;
  const head = `Use ${strategyLabel(best.strategy)} on ${best.label}: ${cost} while meeting ${slo}`;
  if (!runnerUp) {
    const others = result.strategies.length - 1;
    return {
      strategy: best.strategy, deployment: best, runnerUp: null, savingPct: null,
      sentence: others > 0 ? `${head}; it is the only strategy of ${result.strategies.length} that met them.` : `${head}.`,
    };
  }
  const r = runnerUp.metrics.usdPer1MTokens;
  const savingPct = r > 0 ? ((r - best.metrics.usdPer1MTokens) / r) * 100 : 0;
  const margin = savingPct >= 0.5 ? `${savingPct.toFixed(0)}% cheaper than` : 'about the same cost as';
  return {
    strategy: best.strategy, deployment: best, runnerUp, savingPct,
    sentence: `${head}, ${margin} the runner-up ${strategyLabel(runnerUp.strategy)} (${fmtCost(r)}).`,
  };
}
