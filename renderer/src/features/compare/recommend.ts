// The answer to "which strategy should we use?". The rule and its wording are the report's
// (main/reports/recommendation.ts), so the screen and the PDF never disagree on ties or margins;
// this file adds only what the screen needs: the sentence when nothing met the SLOs, and display helpers.
import type { ComparisonResult, DeploymentSummary } from '../../../../main/domain';
import { STRATEGY_IDS, STRATEGY_LABELS, type StrategyId } from '../../../../main/domain/strategy';
import { closestMisses, recommendation, seconds, sloText, type ClosestMiss, type Fact } from '../../../../main/reports/recommendation';

export { STRATEGY_IDS, STRATEGY_LABELS };

export interface Recommendation {
  strategy: StrategyId | null;
  deployment: DeploymentSummary | null;
  sentence: string;
  /** The answer in parts (deploy, cost, margins, headroom, why, assumptions, caution); empty when nothing passed. */
  facts: Fact[];
  /** When nothing met the SLOs: each strategy's closest miss and what would make it pass. */
  misses: ClosestMiss[];
}

export function strategyLabel(id: string): string {
  return STRATEGY_LABELS[id as StrategyId] ?? id;
}

/** "2 s", "100 ms": how an SLO target reads in a sentence (the report's own formatter). */
export const fmtSeconds = seconds;

export function recommend(result: ComparisonResult): Recommendation {
  const rec = recommendation(result);
  if (rec) return { strategy: rec.strategy, deployment: rec.deployment, sentence: rec.reason, facts: rec.facts, misses: [] };
  return {
    strategy: null,
    deployment: null,
    sentence: `No strategy met ${sloText(result.slo)} on this inventory. Each strategy's closest miss, and what would make it pass:`,
    facts: [],
    misses: closestMisses(result),
  };
}
