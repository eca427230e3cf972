// Pure shaping of replayed traces (run.trace) into chart rows: latency CDFs with one line per strategy, and
// GPU busy share over time for one strategy's deployment. Times come in seconds; the CDFs leave in ms or s
// (whichever reads better for the values drawn), busy shares in percent.
import type { StrategyTrace } from '../../../main/domain';

export type TraceMetric = 'ttft' | 'gap' | 'e2e';

export interface CdfLine {
  strategy: string;
  /** x in the chosen unit, p in percent (0..100), increasing in both. */
  points: { x: number; p: number }[];
}

export interface CdfChartData {
  unit: 'ms' | 's';
  lines: CdfLine[];
  /** The SLO in the same unit, or undefined when none was set. */
  slo?: number;
  /** Upper end of the x axis: the largest value drawn (the SLO included, when it is near enough to be drawn), rounded up. */
  xMax: number;
  /** False when the SLO lies so far right of every line that drawing it would squash them. */
  drawSlo: boolean;
  /** Set when the axis was cut short of a few outliers: the slowest value (same unit), which lies past xMax. */
  clippedMax?: number;
}

const SLO_SQUASH = 3;
// The axis ends past every line's P99, not at its slowest request, when that one lies more than this many
// times further out: one 500 ms stall would otherwise squash lines that sit under 60 ms into the left edge.
const OUTLIER_RATIO = 2;
const TAIL_P = 0.99; // the highest percentile short of the maximum that run.trace's 101-point CDFs carry
const NICE = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The next round number at or above v (1.2, 1.5, 2, 2.5 … times a power of ten), for an axis end. */
export function niceCeil(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  const m = NICE.find((n) => n * p >= v * (1 - 1e-12)) ?? 10;
  return m * p;
}

function cdfOf(t: StrategyTrace, metric: TraceMetric) {
  return metric === 'ttft' ? t.ttftCdf : metric === 'gap' ? t.meanGapCdf : t.e2eCdf;
}

/**
 * One CDF line per trace. Seconds become ms unless the largest value is 10 s or more. Repeated x values
 * (a percentile step) are kept: the line rises vertically there, which is what a CDF does.
 */
export function cdfChartData(traces: readonly StrategyTrace[], metric: TraceMetric, sloS?: number): CdfChartData {
  const raw = traces.map((t) => ({ strategy: t.strategy, pts: cdfOf(t, metric).filter((q) => Number.isFinite(q.x)) }));
  const maxS = Math.max(0, ...raw.flatMap((r) => r.pts.map((q) => q.x)));
  const tailS = Math.max(0, ...raw.map((r) => r.pts.find((q) => q.p >= TAIL_P - 1e-9)?.x ?? 0));
  const clipped = tailS > 0 && maxS > OUTLIER_RATIO * tailS;
  const shownS = clipped ? niceCeil(tailS * 1.2) : maxS;
  const unit: 'ms' | 's' = shownS >= 10 ? 's' : 'ms';
  const k = unit === 'ms' ? 1000 : 1;
  const lines = raw.filter((r) => r.pts.length > 0).map((r) => ({ strategy: r.strategy, points: r.pts.map((q) => ({ x: q.x * k, p: q.p * 100 })) }));
  const slo = sloS !== undefined && Number.isFinite(sloS) ? sloS * k : undefined;
  const top = shownS * k;
  const drawSlo = slo !== undefined && (top === 0 || slo <= top * SLO_SQUASH);
  const xMax = niceCeil(Math.max(top, drawSlo && slo !== undefined ? slo : 0));
  if (!(maxS * k > xMax)) return { unit, lines, slo, xMax, drawSlo };
  // Each line stops at the axis's end at the share it has reached there (below 100%: the rest lie past it).
  const cut = lines.map((l) => {
    const inside = l.points.filter((q) => q.x <= xMax);
    const last = inside[inside.length - 1];
    return { ...l, points: last && last.x < xMax && inside.length < l.points.length ? [...inside, { x: xMax, p: last.p }] : inside };
  });
  return { unit, lines: cut, slo, xMax, drawSlo, clippedMax: maxS * k };
}

/** Share of requests (percent) at or below a value, read off a CDF line; 0 below it, 100 above it. */
export function shareAtOrBelow(line: CdfLine, x: number): number {
  let share = 0;
  for (const q of line.points) if (q.x <= x) share = q.p;
  return share;
}

export interface UtilizationSeries {
  /** Width of one (possibly merged) bin, seconds. */
  binS: number;
  /** Series keys and what they are called: one per instance, or only the mean when there are many. */
  keys: { key: string; name: string }[];
  /** tS: the bin's start, seconds; each key: busy percent; mean: over all instances. */
  rows: Record<string, number>[];
  /** Busy share over the whole replay, percent (the mean of the bins). */
  overallPct: number;
}

/** More lines than this and the chart shows only the mean (and the spread is in the tooltip). */
export const MAX_INSTANCE_LINES = 8;
/** Bins are merged (averaged) down to at most this many points: more would not be visible and costs render time. */
export const MAX_POINTS = 240;

export function utilizationSeries(t: StrategyTrace, maxPoints = MAX_POINTS): UtilizationSeries {
  const busy = t.utilization.busy;
  const n = busy.length;
  const bins = n > 0 ? Math.max(...busy.map((b) => b.length)) : 0;
  const merge = Math.max(1, Math.ceil(bins / maxPoints));
  const rows: Record<string, number>[] = [];
  let total = 0;
  for (let start = 0; start < bins; start += merge) {
    const end = Math.min(bins, start + merge);
    const row: Record<string, number> = { tS: start * t.utilization.binS };
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let b = start; b < end; b++) s += busy[i][b] ?? 0;
      const pct = (s / (end - start)) * 100;
      row[`i${i}`] = pct;
      sum += pct;
      min = Math.min(min, pct);
      max = Math.max(max, pct);
    }
    row.mean = n > 0 ? sum / n : 0;
    row.min = n > 0 ? min : 0;
    row.max = n > 0 ? max : 0;
    total += row.mean * (end - start);
    rows.push(row);
  }
  const keys = n <= MAX_INSTANCE_LINES
    ? t.instanceLabels.map((name, i) => ({ key: `i${i}`, name }))
    : [{ key: 'mean', name: `mean of ${n} instances` }];
  return { binS: t.utilization.binS * merge, keys, rows, overallPct: bins > 0 ? total / bins : 0 };
}
