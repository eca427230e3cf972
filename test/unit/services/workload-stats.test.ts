import { describe, expect, it } from 'vitest';
import { rescaleArrivals, workloadStats } from '../../../main/services/workload-stats';

describe('workload statistics', () => {
  const arrivalS = Float64Array.from({ length: 1000 }, (_, i) => i * 0.1);
  const inputTokens = Int32Array.from({ length: 1000 }, (_, i) => (i % 100) + 1);
  const outputTokens = Int32Array.from({ length: 1000 }, () => 10);
  const s = workloadStats({ arrivalS, inputTokens, outputTokens }, { arrivalBins: 10, lengthBins: 8 });

  it('totals and rates', () => {
    expect(s.requests).toBe(1000);
    expect(s.durationS).toBeCloseTo(99.9);
    expect(s.meanRatePerS).toBeCloseTo(1000 / 99.9);
    expect(s.totalInputTokens).toBe(10 * 5050);
    expect(s.totalOutputTokens).toBe(10_000);
    expect(s.arrivals.counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(s.arrivals.counts.every((c) => c >= 99 && c <= 101)).toBe(true);
  });

  it('length distributions agree with exact quantiles and count every request once', () => {
    expect(s.input.mean).toBeCloseTo(50.5);
    expect(s.input.p50).toBe(50);
    expect(s.input.p99).toBe(99);
    expect(s.input.max).toBe(100);
    expect(s.input.histogram.counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(s.input.cdf[0]).toEqual({ p: 0, x: 1 });
    expect(s.input.cdf[100]).toEqual({ p: 1, x: 100 });
    for (let i = 1; i < s.input.cdf.length; i++) expect(s.input.cdf[i].x).toBeGreaterThanOrEqual(s.input.cdf[i - 1].x);
    expect(s.output.histogram.counts.filter((c) => c > 0)).toEqual([1000]);
  });

  it('rescales the arrival rate', () => {
    const fast = rescaleArrivals(arrivalS, 2);
    expect(fast[999]).toBeCloseTo(49.95);
    expect(workloadStats({ arrivalS: fast, inputTokens, outputTokens }).meanRatePerS).toBeCloseTo(2 * s.meanRatePerS);
  });
});
