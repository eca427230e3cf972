// Nexus (intra-GPU disaggregation) under its paper's setup: one L20, Qwen2.5-3B and Llama-3.1-8B, the
// paper's Table 1 workloads, against colocated serving. Pure: the caller passes the catalogs.
import { simulateColocated } from '../strategies/colocated';
import { simulateNexus } from '../strategies/nexus';
import type { StrategyResult } from '../strategies/types';
import { instanceOf, maxSustainableRate, type ScenarioEnv } from './env';
import { seedOpts, type ScenarioRow } from './row';
import { mixtureWorkload, NEXUS_TABLE1 } from './workloads';

/**
 * Nexus' "throughput" is the highest rate before latency blows up; its latency constraint is not stated.
 * Fleetplan's limit: mean normalized latency (E2E / output tokens, the paper's latency metric) ≤ 0.2 s/token.
 */
export const NEXUS_NORM_LATENCY_LIMIT_S = 0.2;
const NEXUS_RATES = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4];

export const NEXUS_SCENARIOS = {
  'nexus-qwen3b-longdata': { model: 'Qwen/Qwen2.5-3B', parts: [{ data: NEXUS_TABLE1.longData, weight: 1 }], paperThroughput: '1.5–1.8× vLLM', paperTtft: '2–20× lower mean TTFT than vLLM' },
  'nexus-llama8b-mixed': {
    model: 'meta-llama/Llama-3.1-8B',
    parts: [{ data: NEXUS_TABLE1.sharegpt, weight: 0.6 }, { data: NEXUS_TABLE1.longData, weight: 0.4 }],
    paperThroughput: '1.9× vLLM', paperTtft: '2–20× lower mean TTFT than vLLM',
  },
} as const;

export function runNexusScenario(env: ScenarioEnv, id: keyof typeof NEXUS_SCENARIOS, requests = 500): ScenarioRow[] {
  const s = NEXUS_SCENARIOS[id];
  const inst = instanceOf(env, 'nvidia-l20', s.model);
  const w = (rate: number) => mixtureWorkload(s.parts as never, requests, rate, 7);
  const colo = (rate: number) => simulateColocated({ strategy: 'colocated', instances: [inst] }, w(rate), seedOpts);
  const nexus = (rate: number) => simulateNexus({ strategy: 'nexus', instances: [inst], hbmBytesPerS: [env.gpu('nvidia-l20').hbmBwGBps * 1e9], flopsPerS: [env.gpu('nvidia-l20').bf16Tflops * 1e12] }, w(rate), seedOpts);
  const ok = (r: StrategyResult) => !r.metrics.saturated && r.metrics.normalizedLatency.mean <= NEXUS_NORM_LATENCY_LIMIT_S;
  const c = maxSustainableRate(NEXUS_RATES, colo, ok);
  const n = maxSustainableRate(NEXUS_RATES, nexus, ok);
  // Mean TTFT where vLLM is busy but keeping up: its own max rate.
  const at = c.rate > 0 ? c.rate : NEXUS_RATES[0];
  const cT = colo(at).metrics.ttft.mean;
  const nT = nexus(at).metrics.ttft.mean;
  const cTbt = colo(at).metrics.tbt.mean;
  const nTbt = nexus(at).metrics.tbt.mean;
  return [
    { scenario: id, metric: 'max rate at latency limit (req/s)', fleetplan: n.rate, baseline: c.rate, fleetplanValue: `${(n.rate / Math.max(1e-9, c.rate)).toFixed(2)}×`, paper: s.paperThroughput, holds: n.rate > c.rate },
    { scenario: id, metric: `mean TTFT at ${at} req/s (s)`, fleetplan: nT, baseline: cT, fleetplanValue: `${(cT / nT).toFixed(2)}× lower`, paper: s.paperTtft, holds: nT < cT },
    { scenario: id, metric: `mean TBT at ${at} req/s (s)`, fleetplan: nTbt, baseline: cTbt, fleetplanValue: `${(cTbt / nTbt).toFixed(2)}× lower`, paper: 'vLLM trails Nexus by 1.24–1.48× (TBT)', holds: nTbt < cTbt },
  ];
}

