// Which of the Compare screen's charts the printed report can draw for a run, and the sentence it prints
// instead of an empty box for each one it cannot: a run without rate probes (closed-loop workloads, runs
// stored before the probes were kept), a strategy whose replay failed or found nothing to replay, a run with
// no simulated deployment. Pure; the chart components and their data shaping are renderer/src/charts'.
import type { ComparisonResult, StrategyTrace } from '../../../../main/domain';
import { chosenDeployment } from '../../../../main/reports/summary';
import type { TraceFetch } from '../../api/traces';
import { strategyShort } from '../../charts/chart-style';
import { deploymentPoints, rateSweepLines } from '../../charts/compare-data';

export interface ReportChartPlan {
  /** Replays to draw (latency CDFs, utilization over time), in the run's strategy order. */
  traces: StrategyTrace[];
  /** Why some or all strategies have no replay to draw; '' when every strategy has one. */
  traceNote: string;
  /** Under the utilization charts when no replay could be drawn (the reasons are in traceNote); else ''. */
  utilizationNote: string;
  /** True when at least one strategy has a rate sweep to draw. */
  sweep: boolean;
  /** Why the sweep is missing, for the run or for some strategies; '' when every strategy has one. */
  sweepNote: string;
  /** True when at least one simulated deployment has a finite cost and TTFT P99 to place. */
  pareto: boolean;
  paretoNote: string;
}

// The charts' legends use the short names: the sentences under them do too.
const nameOf = strategyShort;

function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Why one strategy has no replay, or null when it has one. */
function missingTrace(result: Pick<ComparisonResult, 'strategies'>, f: TraceFetch | undefined, strategy: string): string | null {
  if (f?.trace) return null;
  if (f?.error) return `the replay failed: ${f.error.replace(/\.$/, '')}`;
  const o = result.strategies.find((x) => x.strategy === strategy);
  if (!o || !chosenDeployment(o)) return 'no deployment could be simulated';
  if (!f) return 'not replayed';
  return 'the chosen deployment was not found again to replay: the run may come from another fleetplan version';
}

/** "A and B (reason); C (other reason)": strategies sharing a reason are named together, the reason once. */
function byReason(missing: { strategy: string; reason: string }[]): string {
  const groups = new Map<string, string[]>();
  for (const m of missing) groups.set(m.reason, [...(groups.get(m.reason) ?? []), nameOf(m.strategy)]);
  return [...groups].map(([reason, names]) => `${list(names)} (${reason})`).join('; ');
}

/**
 * The plan for a run's charts. `fetched` is what asking run.trace for each strategy gave (null when the
 * replays could not be asked for at all; `fetchError` then says why).
 */
export function reportChartPlan(result: Pick<ComparisonResult, 'strategies' | 'closedLoop'>, fetched: readonly TraceFetch[] | null, fetchError?: string): ReportChartPlan {
  const ids = result.strategies.map((o) => o.strategy);
  const byStrategy = new Map((fetched ?? []).map((f) => [f.strategy, f]));
  const traces = ids.flatMap((s) => {
    const t = byStrategy.get(s)?.trace;
    return t ? [t] : [];
  });
  let traceNote = '';
  if (fetched === null) {
    traceNote = `The latency CDFs and utilization over time are not available: the chosen deployments could not be replayed${fetchError ? ` (${fetchError.replace(/\.$/, '')})` : ''}.`;
  } else {
    const missing = ids.flatMap((s) => {
      const reason = missingTrace(result, byStrategy.get(s), s);
      return reason === null ? [] : [{ strategy: s, reason }];
    });
    if (missing.length > 0 && traces.length === 0) {
      traceNote = `The latency CDFs and utilization over time come from a replay of each strategy's chosen deployment, and none could be drawn: ${byReason(missing)}.`;
    } else if (missing.length > 0) {
      traceNote = `Not drawn for ${byReason(missing)}.`;
    }
  }

  const swept = new Set(rateSweepLines(result.strategies).map((l) => l.strategy));
  let sweepNote = '';
  if (result.closedLoop) {
    sweepNote = `No rate sweep: this is a closed-loop workload (${result.closedLoop.users} users, think ${result.closedLoop.thinkTimeS} s), whose clients set the arrival rate; every figure is at that concurrency.`;
  } else if (swept.size === 0) {
    sweepNote = 'No rate sweep: the search stored no arrival-rate probes for this run. A closed-loop workload has none (its clients set the arrival rate), and neither has a run stored before the probes were kept.';
  } else {
    const unswept = ids.filter((s) => !swept.has(s)).map(nameOf);
    if (unswept.length > 0) sweepNote = `No rate sweep for ${list(unswept)}: none of ${unswept.length === 1 ? 'its' : 'their'} deployments was probed at higher arrival rates.`;
  }

  const points = [...deploymentPoints(result.strategies).values()].flat();
  const pareto = points.length > 0;
  return {
    traces,
    traceNote,
    utilizationNote: traces.length === 0 ? 'No utilization over time: it needs the same replays as the latency distributions above.' : '',
    sweep: swept.size > 0,
    sweepNote,
    pareto,
    paretoNote: pareto ? '' : 'No cost–latency Pareto front: no deployment was simulated with a finite cost and TTFT P99.',
  };
}
