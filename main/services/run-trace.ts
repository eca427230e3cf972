// What the Compare view draws beyond the stored aggregates: latency CDFs and utilization over time for a
// strategy's chosen deployment. The search stores only aggregates, so the deployment is replayed (same
// seed, same deployment, same figures) with capture on, and the capture is reduced to chart-sized data.
import { binUtilization } from '../reports/csv';
import { captureChosen } from '../reports/resimulate';
import { utilizationBinS, type StrategyCapture } from '../reports/write';
import type { StrategyTrace } from '../ipc/types';
import type { CompareInput, StrategyOutcome } from '../sim/search/types';

/** 101 points: the value at each percentile 0..100 (nearest rank), NaNs (unfinished requests) left out. */
export function cdfPoints(values: ArrayLike<number>): { p: number; x: number }[] {
  const v = Float64Array.from(values).filter((x) => Number.isFinite(x)).sort();
  if (v.length === 0) return [];
  return Array.from({ length: 101 }, (_, k) => ({ p: k / 100, x: v[Math.min(v.length - 1, Math.max(0, Math.ceil((k / 100) * v.length) - 1))] }));
}

export function traceChosen(input: CompareInput, outcome: StrategyOutcome): StrategyTrace | null {
  const c = captureChosen(input, outcome);
  return c ? traceOfCapture(c) : null;
}

/** A capture reduced to chart-sized data (the CLI reuses the captures it made for the CSVs). */
export function traceOfCapture(c: StrategyCapture): StrategyTrace {
  const gaps = c.requests.map((r) => (r.outputTokens > 1 ? (r.e2eS - r.ttftS) / (r.outputTokens - 1) : NaN));
  const binS = utilizationBinS(c.durationS);
  const n = c.instanceLabels.length;
  const { bins, busy } = binUtilization(c.iterations, n, binS, c.durationS);
  return {
    strategy: c.strategy,
    instanceLabels: c.instanceLabels,
    requests: c.requests.length,
    ttftCdf: cdfPoints(c.requests.map((r) => r.ttftS)),
    e2eCdf: cdfPoints(c.requests.map((r) => r.e2eS)),
    meanGapCdf: cdfPoints(gaps),
    utilization: {
      binS,
      busy: c.instanceLabels.map((_, i) => Array.from({ length: bins }, (_, b) => Math.min(1, busy[b * n + i] / binS))),
    },
  };
}
