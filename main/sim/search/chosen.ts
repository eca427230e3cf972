// Which deployment a strategy is reported with (the table's row, the charts, the CSVs, the PDF). Types only,
// so the renderer's summary (main/reports/summary.ts) reads the same rule.
import type { DeploymentSummary, StrategyOutcome } from './types';

/** Of simulated deployments none of which met the SLOs: the highest SLO attainment, then the cheapest. */
export function closestDeployment(list: readonly DeploymentSummary[]): DeploymentSummary | null {
  return [...list].sort(byCloseness)[0] ?? null;
}

/**
 * The deployment a strategy is reported with: its cheapest deployment meeting the SLOs; when none does, the
 * one that came closest (its whole-workload run where the search made one), flagged meets_slo = no; a pinned
 * strategy's is its pin.
 */
export function chosenDeployment(o: StrategyOutcome): DeploymentSummary | null {
  if (o.bestByCost) return o.bestByCost;
  // A pinned deployment is reported as it is, SLOs met or not.
  if (o.pinned) return o.pinned;
  return o.closest ?? closestDeployment(o.simulatedDeployments);
}

/** The order bestByCost is taken in among feasible deployments: $ per 1M tokens, then label. */
export function byCostPerToken(a: DeploymentSummary, b: DeploymentSummary): number {
  return a.metrics.usdPer1MTokens - b.metrics.usdPer1MTokens || a.label.localeCompare(b.label);
}

/** The order the closest infeasible deployment is taken in: SLO attainment (highest first), price, label. */
export function byCloseness(a: DeploymentSummary, b: DeploymentSummary): number {
  return b.metrics.sloAttainment - a.metrics.sloAttainment || a.usdPerHour - b.usdPerHour || a.label.localeCompare(b.label);
}
