import { describe, expect, it } from 'vitest';
import type { StrategyTrace } from '../../../main/domain';
import { cdfChartData, MAX_INSTANCE_LINES, niceCeil, shareAtOrBelow, utilizationSeries } from '../../../renderer/src/charts/trace-data';

/** A CDF whose value at percentile k is f(k/100) seconds. */
const cdf = (f: (p: number) => number) => Array.from({ length: 101 }, (_, k) => ({ p: k / 100, x: f(k / 100) }));

function trace(strategy: string, over: Partial<StrategyTrace> = {}): StrategyTrace {
  return {
    strategy, instanceLabels: ['a', 'b'], requests: 100,
    ttftCdf: cdf((p) => 0.05 + 0.2 * p), e2eCdf: cdf((p) => 1 + p), meanGapCdf: cdf((p) => 0.01 + 0.02 * p),
    utilization: { binS: 1, busy: [[0.5, 1, 0], [1, 1, 0.5]] },
    ...over,
  };
}

describe('cdfChartData', () => {
  it('draws sub-10 s values in ms, one increasing line per strategy, with the SLO in the same unit', () => {
    const d = cdfChartData([trace('colocated'), trace('nexus', { ttftCdf: cdf((p) => 0.1 + p) })], 'ttft', 0.5);
    expect(d.unit).toBe('ms');
    expect(d.lines.map((l) => l.strategy)).toEqual(['colocated', 'nexus']);
    expect(d.lines[0].points[0]).toEqual({ x: 50, p: 0 });
    expect(d.lines[0].points[100].x).toBeCloseTo(250);
    expect(d.lines[1].points[100].p).toBe(100);
    for (const l of d.lines) for (let i = 1; i < l.points.length; i++) expect(l.points[i].x).toBeGreaterThanOrEqual(l.points[i - 1].x);
    expect(d.slo).toBe(500);
    expect(d.drawSlo).toBe(true);
    // The axis ends at a round number just past the slowest line.
    expect(d.xMax).toBe(1200);
  });

  it('switches to seconds for long latencies and reads the token-gap CDF for gap', () => {
    expect(cdfChartData([trace('x', { ttftCdf: cdf((p) => 30 * p) })], 'ttft').unit).toBe('s');
    const gap = cdfChartData([trace('x')], 'gap', 0.1);
    expect(gap.lines[0].points[100].x).toBeCloseTo(30);
    // 100 ms is over 3x the 30 ms tail: named in the subtitle, not drawn, and the axis does not stretch to it.
    expect(gap.drawSlo).toBe(false);
    expect(gap.xMax).toBeCloseTo(30);
  });

  it('cuts the axis past every P99 when one outlier lies far beyond, and says how far', () => {
    // Token gaps under 60 ms but for one 500 ms stall at the maximum.
    const gaps = cdf((p) => (p === 1 ? 0.5 : 0.02 + 0.04 * p));
    const d = cdfChartData([trace('x', { meanGapCdf: gaps })], 'gap', 0.1);
    expect(d.unit).toBe('ms');
    expect(d.xMax).toBeLessThanOrEqual(100); // the 100 ms SLO, drawn; not 500
    expect(d.xMax).toBeGreaterThanOrEqual(0.02e3 + 0.04e3 * 0.99);
    expect(d.clippedMax).toBeCloseTo(500);
    const pts = d.lines[0].points;
    expect(pts[pts.length - 1]).toEqual({ x: d.xMax, p: 99 });
    for (const q of pts) expect(q.x).toBeLessThanOrEqual(d.xMax);
    // A tail that is the data's own shape (P100 within 2x of P99) is drawn whole.
    expect(cdfChartData([trace('x')], 'gap').clippedMax).toBeUndefined();
  });

  it('rounds axis ends up to round numbers', () => {
    expect([0.7, 1, 1.01, 101, 2400, 7e-3].map(niceCeil)).toEqual([0.8, 1, 1.2, 120, 2500, 8e-3]);
  });

  it('drops non-finite points and strategies with nothing left', () => {
    const d = cdfChartData([trace('a', { ttftCdf: cdf(() => Number.NaN) }), trace('b')], 'ttft');
    expect(d.lines.map((l) => l.strategy)).toEqual(['b']);
    expect(d.slo).toBeUndefined();
  });

  it('reads the share of requests at or below a value', () => {
    const line = cdfChartData([trace('a')], 'ttft').lines[0];
    expect(shareAtOrBelow(line, 10)).toBe(0);
    expect(shareAtOrBelow(line, 151)).toBe(50);
    expect(shareAtOrBelow(line, 1e9)).toBe(100);
  });
});

describe('utilizationSeries', () => {
  it('gives one line per instance in percent, and the overall mean', () => {
    const s = utilizationSeries(trace('a'));
    expect(s.keys.map((k) => k.name)).toEqual(['a', 'b']);
    expect(s.rows.map((r) => [r.tS, r.i0, r.i1, r.mean])).toEqual([[0, 50, 100, 75], [1, 100, 100, 100], [2, 0, 50, 25]]);
    expect(s.overallPct).toBeCloseTo(200 / 3);
  });

  it('merges bins down to the point limit without changing the overall share', () => {
    const busy = [Array.from({ length: 1000 }, (_, i) => (i % 2 ? 1 : 0))];
    const s = utilizationSeries(trace('a', { instanceLabels: ['only'], utilization: { binS: 0.5, busy } }), 100);
    expect(s.rows).toHaveLength(100);
    expect(s.binS).toBe(5);
    expect(s.rows.every((r) => Math.abs(r.i0 - 50) < 1e-9)).toBe(true);
    expect(s.overallPct).toBeCloseTo(50);
  });

  it('shows only the mean (with min and max) when there are many instances', () => {
    const n = MAX_INSTANCE_LINES + 1;
    const s = utilizationSeries(trace('a', { instanceLabels: Array.from({ length: n }, (_, i) => `g${i}`), utilization: { binS: 1, busy: Array.from({ length: n }, (_, i) => [i / n]) } }));
    expect(s.keys).toEqual([{ key: 'mean', name: `mean of ${n} instances` }]);
    expect(s.rows[0].min).toBe(0);
    expect(s.rows[0].max).toBeCloseTo(((n - 1) / n) * 100);
  });
});
