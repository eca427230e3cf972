import { describe, expect, it } from 'vitest';
import { dep, outcome } from './compare-fixtures';
import { deploymentPoints, latencyBars, logDomain, paretoFront, resultParetoLine, utilizationBars, type DeploymentPoint } from '../../../renderer/src/charts/compare-data';

const pt = (usd: number, ttft: number): DeploymentPoint => ({
  strategy: 's', deployment: `${usd}/${ttft}`, gpus: 1, usdPer1MTokens: usd, ttftP99Ms: ttft, tbtP99Ms: 1, outputTokensPerS: 1, goodputRps: 1, meetsSlo: true,
});

describe('latencyBars', () => {
  it('gives each feasible strategy its best deployment in milliseconds and skips strategies without one', () => {
    const bars = latencyBars([
      outcome('colocated', [dep('colocated', 'A', 1, 0.2)]),
      outcome('disaggregated', [dep('disaggregated', 'B', 1, 9, false)]),
    ]);
    expect(bars).toHaveLength(1);
    expect(bars[0]).toMatchObject({ strategy: 'colocated', deployment: 'A', ttftP99Ms: 200, ttftP50Ms: 50, tbtP99Ms: 30, tbtP50Ms: 10 });
  });
});

describe('paretoFront', () => {
  it('keeps points no cheaper point beats on TTFT', () => {
    const front = paretoFront([pt(3, 10), pt(1, 50), pt(2, 60), pt(2, 40), pt(4, 10), pt(5, 5)]);
    expect(front.map((p) => [p.usdPer1MTokens, p.ttftP99Ms])).toEqual([[1, 50], [2, 40], [3, 10], [5, 5]]);
  });

  it('ignores non-finite points', () => {
    expect(paretoFront([pt(Number.NaN, 1), pt(1, Infinity), pt(2, 3)])).toHaveLength(1);
  });

  it('reads the result Pareto set into a cost-ordered line', () => {
    const line = resultParetoLine({ pareto: [dep('nexus', 'X', 2, 0.1), dep('colocated', 'Y', 1, 0.3)] });
    expect(line.map((p) => p.deployment)).toEqual(['Y', 'X']);
    expect(line[1].ttftP99Ms).toBeCloseTo(100);
  });
});

describe('deploymentPoints and utilizationBars', () => {
  it('groups every simulated deployment by strategy, infeasible ones included', () => {
    const m = deploymentPoints([outcome('colocated', [dep('colocated', 'A', 1, 0.2), dep('colocated', 'B', 2, 5, false)])]);
    expect(m.get('colocated')!.map((p) => [p.deployment, p.meetsSlo])).toEqual([['A', true], ['B', false]]);
  });

  it('reports utilization and SLO attainment as percentages', () => {
    const [u] = utilizationBars([outcome('nexus', [dep('nexus', 'N', 1, 0.1)])]);
    expect(u.utilizationPct).toBeCloseTo(60);
    expect(u.sloAttainmentPct).toBeCloseTo(95);
  });
});

describe('logDomain', () => {
  it('pads positive values and ignores zeros', () => {
    expect(logDomain([0, 2, 30])).toEqual([2 / 1.5, 45]);
    expect(logDomain([0, -1])).toBeNull();
  });
});
