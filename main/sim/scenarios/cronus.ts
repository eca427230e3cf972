// Cronus (partially disaggregated prefill) under its paper's setup: an A100 with an A10 or A30, Llama-3-8B,
// the Azure trace, against DP, PP and full disaggregation. Pure: the caller passes the catalogs and the trace.
import { simulateColocated } from '../strategies/colocated';
import { simulateCronus } from '../strategies/cronus';
import { simulateDisaggregated } from '../strategies/disaggregated';
import { simulatePipeline, splitLayers } from '../strategies/pipeline';
import type { Slo, StrategyResult, StrategyWorkload, TransferPath } from '../strategies/types';
import { factsOf, instanceOf, maxSustainableRate, meets as meetsOf, timingInstanceOf, type ScenarioEnv } from './env';
import { seedOpts, type ScenarioRow } from './row';
import { atRate } from './workloads';

const CRONUS_MODEL = 'meta-llama/Meta-Llama-3-8B';
/** One server: both GPUs on PCIe Gen4 (25 GB/s achieved) — the paper's pairs share a host (fleetplan's reading). */
const PCIE_PATH: TransferPath = { hops: [{ name: 'pcie4', bytesPerS: 25e9, latencyS: 5e-6 }], storeAndForward: false, convertSPerByte: 0 };
/** SLO for the throughput comparison (the paper's values were not found; fleetplan's choice). */
export const CRONUS_SLO: Slo = { ttftP99S: 5, tbtP99S: 0.2 };
const CRONUS_RATES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16];

export function runCronusScenario(env: ScenarioEnv, lowGpu: 'nvidia-a10' | 'nvidia-a30', azure: StrategyWorkload, requests = 1200): ScenarioRow[] {
  const id = `cronus-a100-${lowGpu.replace('nvidia-', '')}`;
  const high = instanceOf(env, 'nvidia-a100-80gb-pcie', CRONUS_MODEL);
  const low = instanceOf(env, lowGpu, CRONUS_MODEL);
  const facts = factsOf(env, CRONUS_MODEL);
  const layers = facts.layers;
  const w = (rate: number) => atRate(azure, rate, requests);
  const highT = timingInstanceOf(env, 'nvidia-a100-80gb-pcie', CRONUS_MODEL);
  const lowT = timingInstanceOf(env, lowGpu, CRONUS_MODEL);
  const usable = (g: string) => env.gpu(g).memoryGb * 1e9 * 0.9 - 4e9;
  const split = splitLayers(facts, [{ cm: highT.cm, usableBytes: usable('nvidia-a100-80gb-pcie') }, { cm: lowT.cm, usableBytes: usable(lowGpu) }])!;
  const systems: Record<string, (rate: number) => StrategyResult> = {
    DP: (r) => simulateColocated({ strategy: 'colocated', instances: [high, low] }, w(r), seedOpts),
    PP: (r) => simulatePipeline({ strategy: 'pipeline', model: facts, replicas: [{ stages: [
      { instance: highT, layers: split[0], usableBytes: usable('nvidia-a100-80gb-pcie') },
      { instance: lowT, layers: split[1], usableBytes: usable(lowGpu) }], links: [PCIE_PATH] }] }, w(r), seedOpts),
    'Disagg L-H': (r) => simulateDisaggregated({ strategy: 'disaggregated', prefill: [low], decode: [high], kvPaths: [[PCIE_PATH]], layers, layerwiseOverlap: true }, w(r), seedOpts),
    'Disagg H-L': (r) => simulateDisaggregated({ strategy: 'disaggregated', prefill: [high], decode: [low], kvPaths: [[PCIE_PATH]], layers, layerwiseOverlap: true }, w(r), seedOpts),
    Cronus: (r) => simulateCronus({ strategy: 'cronus', pairs: [{ high, low, path: PCIE_PATH }], layers }, w(r), seedOpts),
  };
  const meets = meetsOf(CRONUS_SLO);
  const maxRate = Object.fromEntries(Object.entries(systems).map(([k, f]) => [k, maxSustainableRate(CRONUS_RATES, f, meets).rate]));
  // Tail latency where DP is loaded but keeping up: 80% of DP's max rate.
  const at = Math.max(1, 0.8 * Math.max(maxRate.DP, maxRate.Cronus));
  const tail = Object.fromEntries(Object.entries(systems).map(([k, f]) => [k, f(at).metrics]));
  const pct = (a: number, b: number) => `${(100 * (1 - a / b)).toFixed(0)}% lower`;
  const rows: ScenarioRow[] = [];
  for (const base of ['DP', 'PP'] as const) {
    rows.push({ scenario: id, metric: `TTFT P99 vs ${base} at ${at.toFixed(1)} req/s (s)`, fleetplan: tail.Cronus.ttft.p99, baseline: tail[base].ttft.p99,
      fleetplanValue: pct(tail.Cronus.ttft.p99, tail[base].ttft.p99), paper: base === 'DP' ? 'up to 55% lower (AI summary)' : 'up to 58% lower (AI summary)', holds: tail.Cronus.ttft.p99 < tail[base].ttft.p99 });
    rows.push({ scenario: id, metric: `TBT P99 vs ${base} at ${at.toFixed(1)} req/s (s)`, fleetplan: tail.Cronus.tbt.p99, baseline: tail[base].tbt.p99,
      fleetplanValue: pct(tail.Cronus.tbt.p99, tail[base].tbt.p99), paper: base === 'DP' ? 'up to 63% lower (AI summary)' : 'up to 70% lower (AI summary)', holds: tail.Cronus.tbt.p99 < tail[base].tbt.p99 });
  }
  for (const base of ['Disagg L-H', 'DP'] as const) {
    rows.push({ scenario: id, metric: `max rate at SLO vs ${base} (req/s)`, fleetplan: maxRate.Cronus, baseline: maxRate[base],
      fleetplanValue: `${(maxRate.Cronus / Math.max(1e-9, maxRate[base])).toFixed(2)}×`,
      paper: base === 'DP' ? 'similar (reviewers: little or no gain over DP)' : 'significantly higher (up to 5.64×, AI summary)',
      holds: base === 'DP' ? maxRate.Cronus >= 0.8 * maxRate.DP : maxRate.Cronus > maxRate[base] });
  }
  return rows;
}


/**
 * The modern table: Cronus on the same A100 + low-end pair against today's strongest colocated baseline on the
 * same two GPUs (data parallel, vLLM V1's chunked prefill with shortest-prompt-first admission), at 80% of the
 * better of the two max rates, and the max rates themselves.
 */
export function runCronusModern(env: ScenarioEnv, lowGpu: 'nvidia-a10' | 'nvidia-a30', azure: StrategyWorkload, requests = 1200): ScenarioRow[] {
  const id = `cronus-a100-${lowGpu.replace('nvidia-', '')}`;
  const high = instanceOf(env, 'nvidia-a100-80gb-pcie', CRONUS_MODEL);
  const low = instanceOf(env, lowGpu, CRONUS_MODEL);
  const w = (rate: number) => atRate(azure, rate, requests);
  const base = (r: number) => simulateColocated({ strategy: 'colocated', engine: 'vllm-v1', prefillOrder: 'sjf', instances: [high, low] }, w(r), seedOpts);
  const cronus = (r: number) => simulateCronus({ strategy: 'cronus', engine: 'vllm-v1', pairs: [{ high, low, path: PCIE_PATH }], layers: factsOf(env, CRONUS_MODEL).layers }, w(r), seedOpts);
  const meets = meetsOf(CRONUS_SLO);
  const bMax = maxSustainableRate(CRONUS_RATES, base, meets).rate;
  const cMax = maxSustainableRate(CRONUS_RATES, cronus, meets).rate;
  const at = Math.max(1, 0.8 * Math.max(bMax, cMax));
  const b = base(at).metrics;
  const c = cronus(at).metrics;
  const pct = (x: number, y: number) => `${(100 * (1 - x / y)).toFixed(0)}% lower`;
  const vs = 'DP vLLM V1 + SJF';
  return [
    { scenario: id, metric: `TTFT P99 vs ${vs} at ${at.toFixed(1)} req/s (s)`, fleetplan: c.ttft.p99, baseline: b.ttft.p99, fleetplanValue: pct(c.ttft.p99, b.ttft.p99), paper: 'up to 55% lower vs DP (AI summary)', holds: c.ttft.p99 < b.ttft.p99 },
    { scenario: id, metric: `TBT P99 vs ${vs} at ${at.toFixed(1)} req/s (s)`, fleetplan: c.tbt.p99, baseline: b.tbt.p99, fleetplanValue: pct(c.tbt.p99, b.tbt.p99), paper: 'up to 63% lower vs DP (AI summary)', holds: c.tbt.p99 < b.tbt.p99 },
    { scenario: id, metric: `max rate at SLO vs ${vs} (req/s)`, fleetplan: cMax, baseline: bMax, fleetplanValue: `${(cMax / Math.max(1e-9, bMax)).toFixed(2)}×`, paper: 'similar to DP (reviewers: little or no gain over DP)', holds: cMax >= 0.8 * bMax },
  ];
}
