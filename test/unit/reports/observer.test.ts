// The report's capture: an engine observer that sees every iteration, and the run's request table mapped to
// deployment instances. A run with it gives exactly the figures of a run without it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureOf, createCapture } from '../../../main/reports/resimulate';
import { parseGpuCatalog } from '../../../main/services/catalog';
import { instanceCostModel } from '../../../main/sim/search/provider';
import { runStrategy, simulateStrategy, type Deployment } from '../../../main/sim/strategies';
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

function workload(n: number) {
  // A fixed, varied workload: no RNG needed for the test's purpose.
  return {
    arrivalS: Float64Array.from({ length: n }, (_, i) => i * 0.05),
    inputTokens: Int32Array.from({ length: n }, (_, i) => 100 + ((i * 337) % 1500)),
    outputTokens: Int32Array.from({ length: n }, (_, i) => 2 + ((i * 91) % 300)),
  };
}

const slo = { ttftP99S: 2, tbtP99S: 0.1 };

describe('report capture', () => {
  const deployments: Deployment[] = [
    { strategy: 'colocated', instances: [instance('nvidia-h100-sxm', 'H100'), instance('nvidia-a100-80gb-sxm', 'A100')] },
    { strategy: 'nexus', instances: [instance('nvidia-h100-sxm', 'H100')], hbmBytesPerS: [3.35e12], flopsPerS: [989e12] },
  ];
  for (const dep of deployments) {
    it(`${dep.strategy}: same metrics with and without capture; every request and iteration seen`, () => {
      const w = workload(200);
      const plain = simulateStrategy(dep, w, { slo, seed: 1 });
      const cap = createCapture();
      const pr = runStrategy(dep, w, { slo, seed: 1, observer: cap });
      expect(pr.result.metrics).toEqual(plain.metrics);
      const capture = captureOf(dep.strategy, pr, cap.iterations);
      expect(capture.requests).toHaveLength(200);
            if (plain.extra.iterations !== undefined) expect(cap.iterations).toHaveLength(plain.extra.iterations);
      // E2E per request agrees with the run's own quantiles
      const e2e = capture.requests.map((r) => r.e2eS).sort((a, b) => a - b);
      expect(e2e[e2e.length - 1]).toBeGreaterThan(0);
      expect(Math.max(...capture.requests.map((r) => r.ttftS))).toBeLessThanOrEqual(e2e[e2e.length - 1]);
      for (const it of capture.iterations) expect(it.endS).toBeGreaterThanOrEqual(it.startS);
      if (dep.strategy === 'colocated') {
        // one engine instance per one-GPU instance: busy seconds from the iterations give the run's utilization
        const busy = cap.iterations.reduce((a, it) => a + it.endS - it.startS, 0);
        expect(busy / (dep.instances.length * plain.metrics.durationS)).toBeCloseTo(plain.metrics.utilization, 9);
      }
      expect(cap.iterations.every((it) => it.prefillTokens + it.decodeSeqs > 0)).toBe(true);
      expect(new Set(capture.requests.map((r) => r.instance)).size).toBeGreaterThanOrEqual(1);
      expect(capture.durationS).toBeGreaterThan(w.arrivalS[199]);
    });
  }
});
