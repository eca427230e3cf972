// Pure shaping of a comparison's result into chart rows. Times come in seconds and leave in milliseconds
// (what latency SLOs are discussed in); costs in $ per 1M tokens.
import type { ComparisonResult, StrategyOutcome } from '../../../main/domain';
import type { DeploymentSummary } from '../../../main/domain/result';
import { chosenDeployment } from '../../../main/sim/search/chosen';

export interface LatencyBar {
  strategy: string;
  deployment: string;
  ttftP50Ms: number;
  ttftP99Ms: number;
  tbtP50Ms: number;
  tbtP99Ms: number;
  /** False for a pinned deployment or a closest miss: drawn, and marked, rather than left out. */
  meetsSlo: boolean;
}

const ms = (s: number) => s * 1000;

/** P50/P99 of TTFT and TBT for each strategy's cheapest deployment that met the SLOs; strategies without one are left out. */
/** Each strategy's reported deployment (the table's: chosenDeployment), SLOs met or not. */
export function latencyBars(outcomes: readonly StrategyOutcome[]): LatencyBar[] {
  return outcomes.flatMap((o) => {
    const d = chosenDeployment(o);
    if (!d) return [];
    return [{
      strategy: o.strategy,
      deployment: d.label,
      ttftP50Ms: ms(d.metrics.ttft.p50),
      ttftP99Ms: ms(d.metrics.ttft.p99),
      tbtP50Ms: ms(d.metrics.tbt.p50),
      tbtP99Ms: ms(d.metrics.tbt.p99),
      meetsSlo: d.meetsSlo,
    }];
  });
}

export interface DeploymentPoint {
  strategy: string;
  deployment: string;
  gpus: number;
  usdPer1MTokens: number;
  ttftP99Ms: number;
  tbtP99Ms: number;
  /** Output tokens per second the deployment sustained on the replayed workload. */
  outputTokensPerS: number;
  goodputRps: number;
  meetsSlo: boolean;
}

export function toPoint(d: DeploymentSummary): DeploymentPoint {
  return {
    strategy: d.strategy,
    deployment: d.label,
    gpus: d.gpus,
    usdPer1MTokens: d.metrics.usdPer1MTokens,
    ttftP99Ms: ms(d.metrics.ttft.p99),
    tbtP99Ms: ms(d.metrics.tbt.p99),
    outputTokensPerS: d.metrics.throughput.outputTokensPerS,
    goodputRps: d.metrics.goodputRps,
    meetsSlo: d.meetsSlo,
  };
}

/** Every simulated deployment as a point, grouped by strategy (one scatter series each). Non-finite values are dropped. */
export function deploymentPoints(outcomes: readonly StrategyOutcome[]): Map<string, DeploymentPoint[]> {
  const out = new Map<string, DeploymentPoint[]>();
  for (const o of outcomes) {
    const pts = o.simulatedDeployments.map(toPoint).filter((p) => Number.isFinite(p.usdPer1MTokens) && Number.isFinite(p.ttftP99Ms));
    out.set(o.strategy, pts);
  }
  return out;
}

/**
 * The cost–TTFT P99 front: cheapest first, each point strictly faster than every cheaper one. Built from
 * the points given (so it works on result.pareto or on all simulated deployments alike).
 */
export function paretoFront(points: readonly DeploymentPoint[]): DeploymentPoint[] {
  const sorted = [...points]
    .filter((p) => Number.isFinite(p.usdPer1MTokens) && Number.isFinite(p.ttftP99Ms))
    .sort((a, b) => a.usdPer1MTokens - b.usdPer1MTokens || a.ttftP99Ms - b.ttftP99Ms);
  const front: DeploymentPoint[] = [];
  let best = Infinity;
  for (const p of sorted) {
    if (p.ttftP99Ms < best) {
      front.push(p);
      best = p.ttftP99Ms;
    }
  }
  return front;
}

/** The result's own Pareto set (over all strategies), as a line ordered by cost. */
export function resultParetoLine(result: Pick<ComparisonResult, 'pareto'>): DeploymentPoint[] {
  return paretoFront(result.pareto.map(toPoint));
}

export interface UtilizationBar {
  strategy: string;
  deployment: string;
  /** Busy GPU-seconds over paid GPU-seconds, percent. */
  utilizationPct: number;
  sloAttainmentPct: number;
  meetsSlo: boolean;
}

export function utilizationBars(outcomes: readonly StrategyOutcome[]): UtilizationBar[] {
  return outcomes.flatMap((o) => {
    const d = chosenDeployment(o);
    if (!d || !Number.isFinite(d.metrics.utilization)) return [];
    return [{ strategy: o.strategy, deployment: d.label, utilizationPct: d.metrics.utilization * 100, sloAttainmentPct: d.metrics.sloAttainment * 100, meetsSlo: d.meetsSlo }];
  });
}

/** A log axis needs positive bounds: [min/1.5, max*1.5] over the values, or null when there are none. */
export function logDomain(values: readonly number[]): [number, number] | null {
  const v = values.filter((x) => Number.isFinite(x) && x > 0);
  if (v.length === 0) return null;
  return [Math.min(...v) / 1.5, Math.max(...v) * 1.5];
}

export interface RateSweepPoint {
  rateMultiple: number;
  offeredRps: number;
  throughputRps: number;
  ttftP99Ms: number;
  tbtP99Ms: number;
  meetsSlo: boolean;
}

export interface RateSweepLine {
  strategy: string;
  deployment: string;
  points: RateSweepPoint[];
}

/**
 * Each strategy's probed deployment as the arrival rate rises: the chosen one (cheapest meeting the SLOs)
 * when it was probed, else the best by goodput. Steps with a non-finite tail are dropped; runs stored before
 * the sweep was kept give no lines.
 */
export function rateSweepLines(outcomes: readonly StrategyOutcome[]): RateSweepLine[] {
  return outcomes.flatMap((o) => {
    const d = [o.bestByCost, o.bestByGoodput].find((x) => x?.rateSweep && x.rateSweep.length > 0);
    if (!d) return [];
    const points = d.rateSweep!
      .map((s) => ({
        rateMultiple: s.rateMultiple, offeredRps: s.offeredRps, throughputRps: s.throughputRps,
        ttftP99Ms: ms(s.ttftP99S), tbtP99Ms: ms(s.tbtP99S), meetsSlo: s.meetsSlo,
      }))
      .filter((p) => Number.isFinite(p.throughputRps) && Number.isFinite(p.ttftP99Ms) && Number.isFinite(p.tbtP99Ms));
    return points.length > 0 ? [{ strategy: o.strategy, deployment: d.label, points }] : [];
  });
}
