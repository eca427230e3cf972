// The charts gathered while a run goes (sim/charts.ts): utilization bins that stay bounded on long runs and
// keep every busy second, CDFs whose P99 is the run's reported P99, and no change to the run's figures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binUtilization } from '../../../main/reports/csv';
import { captureOf, createCapture } from '../../../main/reports/resimulate';
import { parseGpuCatalog } from '../../../main/services/catalog';
import { runWithCharts, UtilizationBins, utilizationBinS } from '../../../main/sim/charts';
import { instanceCostModel } from '../../../main/sim/search/provider';
import { simulateStrategy, type Deployment } from '../../../main/sim/strategies';
import type { InstanceSpec } from '../../../main/sim/strategies/types';

const root = process.cwd();
const gpus = parseGpuCatalog(readFileSync(join(root, 'assets/hardware/gpus.csv'), 'utf8'));
const catalog = JSON.parse(readFileSync(join(root, 'assets/models/catalog.json'), 'utf8')) as { id: string; config: Record<string, unknown> }[];
const model = catalog.find((m) => m.id === 'meta-llama/Llama-3.1-8B')!;

function instance(gpuId: string, pool: string): InstanceSpec {
  const g = gpus.find((x) => x.id === gpuId)!;
  const cm = instanceCostModel(g, model, 1, { gpusPerNode: 8 })!;
  return { pool, gpuTypeId: gpuId, vendor: g.vendor, cm, tp: 1, pp: 1, pricing: { kind: 'hourly', usdPerGpuHour: 2 }, tdpW: g.tdpW, usdPerHour: 2 };
}

function workload(n: number, gapS: number) {
  return {
    arrivalS: Float64Array.from({ length: n }, (_, i) => 7 + i * gapS),
    inputTokens: Int32Array.from({ length: n }, (_, i) => 100 + ((i * 337) % 1500)),
    outputTokens: Int32Array.from({ length: n }, (_, i) => 2 + ((i * 91) % 300)),
  };
}

const slo = { ttftP99S: 2, tbtP99S: 0.1 };
const agg = { prefillTokens: 0, decodeSeqs: 1 } as never;

describe('utilization bins', () => {
  it('stay bounded over a long run and keep every busy second: one unit always busy, one half of every 10 s', () => {
    const u = new UtilizationBins(100, [0, 1], 2);
    const span = 5000;
    for (let t = 0; t + 0.07 <= span; t += 0.07) u.iteration(0, 100 + t, 100 + t + 0.07, 0, 0, agg);
    for (let k = 0; k < span / 10; k++) for (let j = 0; j < 100; j++) u.iteration(1, 100 + k * 10 + j * 0.05, 100 + k * 10 + (j + 1) * 0.05, 0, 0, agg);
    const { binS, busy } = u.busyShares(span);
    expect(binS).toBe(utilizationBinS(span));
    expect(busy[0]).toHaveLength(Math.ceil(span / binS));
    // Every full bin of the always-busy unit reads 1, the other unit 0.5; the bins merged on the way lose nothing.
    for (let b = 0; b < busy[0].length - 1; b++) {
      expect(busy[0][b]).toBeCloseTo(1, 9);
      expect(busy[1][b]).toBeCloseTo(0.5, 9);
    }
    const seconds = (row: number[]) => row.reduce((a, x) => a + x * binS, 0);
    expect(seconds(busy[1])).toBeCloseTo(span / 2, 6);
  });

  it('a run with charts has the figures of a run without; its bins are the CSV binning of its iterations', () => {
    const dep: Deployment = { strategy: 'colocated', instances: [instance('nvidia-h100-sxm', 'H100'), instance('nvidia-a100-80gb-sxm', 'A100')] };
    const w = workload(600, 0.04);
    const plain = simulateStrategy(dep, w, { slo, seed: 1 });
    const cap = createCapture();
    const { pr, charts } = runWithCharts(dep, w, { slo, seed: 1, observer: cap });
    expect(pr.result.metrics).toEqual(plain.metrics);
    const trace = charts.trace();
    const capture = captureOf('colocated', pr, cap.iterations);
    const n = capture.instanceLabels.length;
    const binS = utilizationBinS(capture.durationS);
    const csv = binUtilization(capture.iterations, n, binS, capture.durationS);
    expect(trace.utilization.binS).toBe(binS);
    expect(trace.instanceLabels).toEqual(capture.instanceLabels);
    for (let i = 0; i < n; i++) {
      expect(trace.utilization.busy[i]).toHaveLength(csv.bins);
      for (let b = 0; b < csv.bins; b++) expect(trace.utilization.busy[i][b]).toBeCloseTo(Math.min(1, csv.busy[b * n + i] / binS), 9);
    }
    expect(trace.utilization.busy.flat().some((x) => x > 0.2)).toBe(true);
  });
});

describe('latency CDFs', () => {
  const deployments: Deployment[] = [
    { strategy: 'colocated', instances: [instance('nvidia-h100-sxm', 'H100')] },
    { strategy: 'nexus', instances: [instance('nvidia-h100-sxm', 'H100')], weightBytes: 16e9, hbmBytesPerS: [3.35e12] },
  ];
  for (const dep of deployments) {
    it(`${dep.strategy}: the CDFs' P50 and P99 points are the run's reported quantiles`, () => {
      const { pr, charts } = runWithCharts(dep, workload(400, 0.2), { slo, seed: 2 });
      const m = pr.result.metrics;
      const t = charts.trace();
      expect(t.requests).toBe(400);
      for (const cdf of [t.ttftCdf, t.e2eCdf, t.meanGapCdf]) {
        expect(cdf).toHaveLength(101);
        for (let k = 1; k < 101; k++) expect(cdf[k].x).toBeGreaterThanOrEqual(cdf[k - 1].x);
      }
      expect([t.ttftCdf[50].x, t.ttftCdf[99].x]).toEqual([m.ttft.p50, m.ttft.p99]);
      expect([t.e2eCdf[50].x, t.e2eCdf[99].x]).toEqual([m.e2e.p50, m.e2e.p99]);
      expect(t.meanGapCdf[99].x).toBe(m.tpot!.p99);
      expect(t.ttftCdf[100].x).toBe(m.ttft.max);
    });
  }
});
