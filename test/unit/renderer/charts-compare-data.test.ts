import { describe, expect, it } from 'vitest';
import { dep, outcome } from './compare-fixtures';
import { deploymentPoints, latencyBars, logDomain, paretoFront, rateSweepLines, resultParetoLine, utilizationBars, type DeploymentPoint } from '../../../renderer/src/charts/compare-data';

const pt = (usd: number, ttft: number): DeploymentPoint => ({
  strategy: 's', deployment: `${usd}/${ttft}`, gpus: 1, usdPer1MTokens: usd, ttftP99Ms: ttft, tbtP99Ms: 1, outputTokensPerS: 1, goodputRps: 1, meetsSlo: true,
});

describe('latencyBars', () => {
  it('gives each strategy the deployment its table row shows, in milliseconds: a closest miss or a missed pin is drawn and flagged, not left blank', () => {
    const missedPin = dep('nexus', 'P', 1, 7, false);
    const bars = latencyBars([
      outcome('colocated', [dep('colocated', 'A', 1, 0.2)]),
      outcome('disaggregated', [dep('disaggregated', 'B', 1, 9, false)]),
      { ...outcome('nexus', [missedPin]), pinned: missedPin },
      outcome('pipeline', []),
    ]);
    expect(bars.map((b) => [b.strategy, b.deployment, b.meetsSlo])).toEqual([['colocated', 'A', true], ['disaggregated', 'B', false], ['nexus', 'P', false]]);
    expect(bars[0]).toMatchObject({ ttftP99Ms: 200, ttftP50Ms: 50, tbtP99Ms: 30, tbtP50Ms: 10 });
    expect(bars[1].ttftP99Ms).toBe(9000);
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

describe('rateSweepLines', () => {
  const step = (m: number, tput: number, ttft: number, ok = true) => ({
    rateMultiple: m, offeredRps: 2 * m, throughputRps: tput, outputTokensPerS: tput * 100, goodputRps: ok ? tput : 0, ttftP99S: ttft, tbtP99S: 0.02, meetsSlo: ok,
  });

  it("follows each strategy's probed deployment in ms, dropping non-finite steps", () => {
    const a = { ...dep('colocated', 'A', 1, 0.2), rateSweep: [step(1, 2, 0.2), step(1.5, 3, 0.4), step(2, 3.2, Number.NaN, false)] };
    const lines = rateSweepLines([outcome('colocated', [a]), outcome('nexus', [dep('nexus', 'N', 1, 0.1)])]);
    expect(lines).toHaveLength(1);
    expect(lines[0].deployment).toBe('A');
    expect(lines[0].points.map((p) => [p.rateMultiple, p.throughputRps, p.ttftP99Ms, p.tbtP99Ms])).toEqual([[1, 2, 200, 20], [1.5, 3, 400, 20]]);
  });

  it('falls back to the best-by-goodput deployment when the chosen one was not probed', () => {
    const o = outcome('disaggregated', [dep('disaggregated', 'C', 1, 0.2)]);
    o.bestByGoodput = { ...dep('disaggregated', 'G', 3, 0.1), rateSweep: [step(1, 5, 0.1), step(1.5, 7, 3, false)] };
    const lines = rateSweepLines([o]);
    expect(lines[0].deployment).toBe('G');
    expect(lines[0].points.map((p) => p.meetsSlo)).toEqual([true, false]);
  });
});
