// Bench: the default comparison — the Azure conversation trace, the sample mixed inventory (H100 SXM ×8,
// A100-80G ×8, L40S ×8, MI300X ×8), Llama-3.1-70B, every strategy, TTFT P99 ≤ 2 s and TBT P99 ≤ 100 ms.
// Target (issue 4): ≤ 30 s on the 2-core dev machine. Reports the time and the deployments simulated.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetsDir } from '../paths';
import { loadGpuCatalog, loadModelCatalog, samplePools } from '../services/seed';
import { readTrace } from '../services/traces';
import { compareStrategies } from '../sim/search';
import { storedCalibrations } from '../cli/catalog-args';
import type { BenchOptions } from './index';

export const DEFAULT_COMPARE_MODEL = 'meta-llama/Llama-3.1-70B';
export const DEFAULT_COMPARE_SLO = { ttftP99S: 2, tbtP99S: 0.1 };

export function defaultComparisonInput(dir = assetsDir()) {
  const file = 'AzureLLMInferenceTrace_conv.csv';
  const trace = readTrace(readFileSync(join(dir, 'traces', file), 'utf8'), file);
  const t0 = trace.arrivalS[0] ?? 0;
  const model = loadModelCatalog(dir).find((m) => m.id === DEFAULT_COMPARE_MODEL);
  if (!model) throw new Error(`${DEFAULT_COMPARE_MODEL} is missing from assets/models/catalog.json`);
  return {
    pools: samplePools(),
    gpus: loadGpuCatalog(dir),
    model: { id: model.id, config: model.config },
    workload: { arrivalS: trace.arrivalS.map((t) => t - t0), inputTokens: trace.inputTokens, outputTokens: trace.outputTokens },
    slo: DEFAULT_COMPARE_SLO,
    strategies: 'all' as const,
    seed: 1,
  };
}

export async function benchCompare(opts: BenchOptions = {}): Promise<Record<string, number | string>> {
  const l0 = performance.now();
  const base = defaultComparisonInput();
  // The data folder's selected calibrations, as `fleetplan compare` applies them, named in the line.
  const calibrations = storedCalibrations(base.pools.map((p) => p.gpuTypeId), opts.dataDir);
  const input = { ...base, calibrations };
  const loadMs = performance.now() - l0;
  const t0 = performance.now();
  const r = compareStrategies(input);
  const ms = performance.now() - t0;
  const out: Record<string, number | string> = {
    bench: 'compare_default',
    compare_s: +(ms / 1000).toFixed(2),
    load_ms: Math.round(loadMs),
    requests: r.requests,
    search_requests: r.searchRequests,
    deployments_simulated: r.simulations,
    deployments_enumerated: r.strategies.reduce((s, o) => s + o.enumerated, 0),
    target_s: 30,
    calibrations: calibrations.map((c) => `${c.gpuTypeId}: ${c.label}`).join('; '),
  };
  for (const o of r.strategies) {
    const b = o.bestByCost;
    out[`${o.strategy}_best`] = b ? `${b.label} $${b.metrics.usdPer1MTokens.toFixed(3)}/1M ttft_p99=${b.metrics.ttft.p99.toFixed(2)}s tbt_p99=${(b.metrics.tbt.p99 * 1000).toFixed(0)}ms` : 'none meets the SLOs';
  }
  return out;
}
