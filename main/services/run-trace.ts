// What the Compare view draws beyond the stored aggregates: latency CDFs and utilization over time for a
// strategy's chosen deployment. The search keeps them with each outcome (sim/charts.ts, from the run that
// gave the table's figures); a run stored before it did has its chosen deployment replayed here instead
// (same seed, same deployment, same figures), in a worker in the app.
import { replayDeployment } from '../reports/resimulate';
import { chosenDeployment } from '../sim/search/chosen';
import type { StrategyTrace } from '../domain';
import type { CompareInput, StrategyOutcome } from '../sim/search/types';

/** The outcome's charts: as the search kept them, else from a replay of its chosen deployment (null: none). */
export function traceChosen(input: CompareInput, outcome: StrategyOutcome): StrategyTrace | null {
  if (outcome.trace) return outcome.trace;
  const d = chosenDeployment(outcome);
  return d ? replayDeployment(input, d)?.trace ?? null : null;
}
