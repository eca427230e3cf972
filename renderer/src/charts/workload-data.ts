// Pure shaping of workload.stats into chart rows. No React, no DOM: unit-tested.
import type { LengthDistribution } from '../../../main/domain';

export interface RatePoint {
  /** Start of the bin, seconds from the first arrival. */
  tS: number;
  /** Mean arrivals per second over the bin. */
  ratePerS: number;
}

/**
 * Arrivals per bin -> requests/s, merged into at most `maxPoints` bins so an hour of 1 s bins stays
 * readable (and cheap to draw). A merged bin's rate is its total over its full width.
 */
export function arrivalRateSeries(arrivals: { binS: number; counts: number[] }, maxPoints = 120): RatePoint[] {
  const { binS, counts } = arrivals;
  if (!(binS > 0) || counts.length === 0) return [];
  const merge = Math.max(1, Math.ceil(counts.length / Math.max(1, maxPoints)));
  const out: RatePoint[] = [];
  for (let i = 0; i < counts.length; i += merge) {
    let sum = 0;
    const end = Math.min(counts.length, i + merge);
    for (let j = i; j < end; j++) sum += counts[j];
    out.push({ tS: i * binS, ratePerS: sum / ((end - i) * binS) });
  }
  return out;
}

export interface HistogramBar {
  /** "128–256" in tokens. */
  range: string;
  from: number;
  to: number;
  count: number;
  /** Fraction of all requests, 0..1. */
  share: number;
}

function compact(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)}M`;
  if (n >= 10_000) return `${Math.round(n / 1000)}k`;
  if (n >= 1000) return `${+(n / 1000).toFixed(1)}k`;
  return String(Math.round(n));
}

/** Histogram bins as bars; empty bins at both ends are dropped (log bins often span far past the data). */
export function histogramBars(h: LengthDistribution['histogram']): HistogramBar[] {
  const n = Math.min(h.counts.length, h.edges.length - 1);
  let first = 0;
  let last = n - 1;
  while (first <= last && h.counts[first] === 0) first++;
  while (last >= first && h.counts[last] === 0) last--;
  let total = 0;
  for (let i = 0; i < n; i++) total += h.counts[i];
  const bars: HistogramBar[] = [];
  for (let i = first; i <= last; i++) {
    bars.push({
      range: `${compact(h.edges[i])}–${compact(h.edges[i + 1])}`,
      from: h.edges[i],
      to: h.edges[i + 1],
      count: h.counts[i],
      share: total > 0 ? h.counts[i] / total : 0,
    });
  }
  return bars;
}

export interface CdfPoint {
  /** Length in tokens. */
  x: number;
  /** Fraction of requests at or below x, 0..1. */
  p: number;
}

/**
 * The percentile table (p in 0..1) as CDF points; runs of equal lengths collapsed to
 * their highest percentile (a vertical run would otherwise draw as a wall of points).
 */
export function cdfSeries(cdf: LengthDistribution['cdf']): CdfPoint[] {
  const sorted = [...cdf].sort((a, b) => a.p - b.p);
  const out: CdfPoint[] = [];
  for (const pt of sorted) {
    const p = pt.p;
    const prev = out[out.length - 1];
    if (prev && prev.x === pt.x) prev.p = p;
    else out.push({ x: pt.x, p });
  }
  return out;
}

/** Both CDFs on one x axis: rows keyed by length with input/output fractions (null where a series has no point). */
export function mergedCdf(input: CdfPoint[], output: CdfPoint[]): { x: number; input: number | null; output: number | null }[] {
  const rows = new Map<number, { x: number; input: number | null; output: number | null }>();
  for (const pt of input) rows.set(pt.x, { x: pt.x, input: pt.p, output: null });
  for (const pt of output) {
    const row = rows.get(pt.x) ?? { x: pt.x, input: null, output: null };
    row.output = pt.p;
    rows.set(pt.x, row);
  }
  return [...rows.values()].sort((a, b) => a.x - b.x);
}
