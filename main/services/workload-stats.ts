// What a planner wants to see of a workload before simulating it: totals, the arrival rate over time, and
// the input and output length distributions (histogram and CDF), computed in one pass plus two sorts.
import type { LengthDistribution, WorkloadStats } from '../domain';
import type { TraceColumns } from './traces';

export type { LengthDistribution, WorkloadStats };

function quantile(sorted: Int32Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function distribution(values: Int32Array, bins: number): LengthDistribution {
  const sorted = Int32Array.from(values).sort();
  const n = sorted.length;
  const max = n ? sorted[n - 1] : 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const top = Math.max(2, max + 1);
  const edges = Array.from({ length: bins + 1 }, (_, i) => Math.round(Math.exp((Math.log(top) * i) / bins)));
  const uniq = [...new Set([1, ...edges])].sort((a, b) => a - b);
  const counts = new Array(uniq.length - 1).fill(0);
  let b = 0;
  for (let i = 0; i < n; i++) {
    while (b < counts.length - 1 && sorted[i] >= uniq[b + 1]) b++;
    counts[b]++;
  }
  return {
    mean: n ? sum / n : 0,
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    max,
    histogram: { edges: uniq, counts },
    cdf: Array.from({ length: 101 }, (_, p) => ({ p: p / 100, x: quantile(sorted, p / 100) })),
  };
}

export function workloadStats(t: Pick<TraceColumns, 'arrivalS' | 'inputTokens' | 'outputTokens'>, opts: { arrivalBins?: number; lengthBins?: number } = {}): WorkloadStats {
  const n = t.inputTokens.length;
  const duration = n ? t.arrivalS[n - 1] - t.arrivalS[0] : 0;
  const binCount = Math.max(1, opts.arrivalBins ?? 60);
  const binS = duration > 0 ? duration / binCount : 1;
  const counts = new Array(binCount).fill(0);
  let inTotal = 0;
  let outTotal = 0;
  for (let i = 0; i < n; i++) {
    counts[Math.min(binCount - 1, Math.floor((t.arrivalS[i] - t.arrivalS[0]) / binS))]++;
    inTotal += t.inputTokens[i];
    outTotal += t.outputTokens[i];
  }
  return {
    requests: n,
    durationS: duration,
    meanRatePerS: duration > 0 ? n / duration : 0,
    totalInputTokens: inTotal,
    totalOutputTokens: outTotal,
    arrivals: { binS, counts },
    input: distribution(t.inputTokens, opts.lengthBins ?? 30),
    output: distribution(t.outputTokens, opts.lengthBins ?? 30),
  };
}

/** A copy of a trace whose arrivals come `factor` times as fast (factor 2: twice the rate). */
export function rescaleArrivals(arrivalS: Float64Array, factor: number): Float64Array {
  const out = new Float64Array(arrivalS.length);
  for (let i = 0; i < arrivalS.length; i++) out[i] = arrivalS[i] / factor;
  return out;
}
