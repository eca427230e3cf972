// Streaming weighted histogram for latency quantiles. Log-spaced buckets of 1% width cover 10 µs..1e5 s, so
// a quantile is within 1% and adding a sample is O(1) with no allocation: the fleet loop adds one weighted
// sample per iteration (every decode in the batch waited the same iteration).
import type { Quantiles } from './types';

const MIN_S = 1e-5;
const RATIO = 1.01;
const LOG_RATIO = Math.log(RATIO);
const BUCKETS = Math.ceil(Math.log(1e5 / MIN_S) / LOG_RATIO) + 2;

export interface Histogram {
  counts: Float64Array;
  total: number;
  sum: number;
}

export function createHistogram(): Histogram {
  return { counts: new Float64Array(BUCKETS), total: 0, sum: 0 };
}

export function addSample(h: Histogram, seconds: number, weight = 1): void {
  if (weight <= 0) return;
  let b = seconds <= MIN_S ? 0 : Math.floor(Math.log(seconds / MIN_S) / LOG_RATIO) + 1;
  if (b >= BUCKETS) b = BUCKETS - 1;
  h.counts[b] += weight;
  h.total += weight;
  h.sum += seconds * weight;
}

/** The bucket's geometric middle for the smallest bucket holding at least q of the weight. */
export function quantile(h: Histogram, q: number): number {
  if (h.total === 0) return 0;
  const target = q * h.total;
  let acc = 0;
  for (let b = 0; b < BUCKETS; b++) {
    acc += h.counts[b];
    if (acc >= target && h.counts[b] > 0) return b === 0 ? MIN_S : MIN_S * Math.pow(RATIO, b - 0.5);
  }
  return MIN_S * Math.pow(RATIO, BUCKETS - 1);
}

export function summarize(h: Histogram): Quantiles {
  return {
    mean: h.total > 0 ? h.sum / h.total : 0,
    p50: quantile(h, 0.5),
    p90: quantile(h, 0.9),
    p99: quantile(h, 0.99),
  };
}
