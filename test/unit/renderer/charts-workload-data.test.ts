import { describe, expect, it } from 'vitest';
import { arrivalRateSeries, cdfSeries, histogramBars, mergedCdf } from '../../../renderer/src/charts/workload-data';

describe('arrivalRateSeries', () => {
  it('turns counts per bin into requests per second', () => {
    expect(arrivalRateSeries({ binS: 2, counts: [4, 0, 6] })).toEqual([
      { tS: 0, ratePerS: 2 },
      { tS: 2, ratePerS: 0 },
      { tS: 4, ratePerS: 3 },
    ]);
  });

  it('merges bins down to the point budget and keeps the total count', () => {
    const counts = Array.from({ length: 1000 }, (_, i) => i % 7);
    const pts = arrivalRateSeries({ binS: 1, counts }, 100);
    expect(pts.length).toBeLessThanOrEqual(100);
    const merge = 10;
    const total = pts.reduce((s, p) => s + p.ratePerS * merge, 0);
    expect(total).toBeCloseTo(counts.reduce((a, b) => a + b, 0), 6);
    expect(pts[1].tS).toBe(10);
  });

  it('rates a short last bin over its own width', () => {
    const pts = arrivalRateSeries({ binS: 1, counts: [1, 1, 1, 1, 9] }, 2);
    expect(pts).toHaveLength(2);
    expect(pts[1]).toEqual({ tS: 3, ratePerS: 5 });
  });

  it('is empty for no bins or a zero bin width', () => {
    expect(arrivalRateSeries({ binS: 1, counts: [] })).toEqual([]);
    expect(arrivalRateSeries({ binS: 0, counts: [1] })).toEqual([]);
  });
});

describe('histogramBars', () => {
  it('drops empty bins at both ends and computes shares', () => {
    const bars = histogramBars({ edges: [1, 2, 4, 8, 16, 32], counts: [0, 3, 0, 1, 0] });
    expect(bars.map((b) => [b.from, b.to, b.count])).toEqual([[2, 4, 3], [4, 8, 0], [8, 16, 1]]);
    expect(bars[0].share).toBeCloseTo(0.75);
    expect(bars[0].range).toBe('2–4');
  });

  it('labels large edges compactly', () => {
    const bars = histogramBars({ edges: [1000, 16_384, 2_000_000], counts: [1, 1] });
    expect(bars.map((b) => b.range)).toEqual(['1k–16k', '16k–2M']);
  });

  it('returns nothing for an all-zero histogram', () => {
    expect(histogramBars({ edges: [1, 2, 3], counts: [0, 0] })).toEqual([]);
  });
});

describe('cdfSeries / mergedCdf', () => {
  it('collapses equal lengths to their highest percentile and sorts by p', () => {
    const pts = cdfSeries([{ p: 0.5, x: 10 }, { p: 0, x: 5 }, { p: 0.25, x: 5 }, { p: 1, x: 20 }]);
    expect(pts).toEqual([{ x: 5, p: 0.25 }, { x: 10, p: 0.5 }, { x: 20, p: 1 }]);
  });

  it('merges input and output on one x axis', () => {
    const rows = mergedCdf([{ x: 1, p: 0.5 }, { x: 3, p: 1 }], [{ x: 2, p: 0.4 }, { x: 3, p: 1 }]);
    expect(rows).toEqual([
      { x: 1, input: 0.5, output: null },
      { x: 2, input: null, output: 0.4 },
      { x: 3, input: 1, output: 1 },
    ]);
  });
});
