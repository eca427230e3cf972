// The built-in reproduction scenarios: each paper's setup as data, a runner, and fleetplan's figures next to
// the paper's. Pure: the caller passes the catalogs (and, for Cronus, the Azure trace's lengths).
import { simulateColocated } from '../strategies/colocated';
import { simulateCronus } from '../strategies/cronus';
import { simulateDisaggregated } from '../strategies/disaggregated';
import { simulateNexus } from '../strategies/nexus';
import { simulatePipeline, splitLayers } from '../strategies/pipeline';
import type { Slo, StrategyResult, StrategyWorkload, TransferPath } from '../strategies/types';
import { factsOf, instanceOf, maxSustainableRate, meets as meetsOf, timingInstanceOf, type ScenarioEnv } from './env';
import { runHeterogeneousVsHomogeneous, runJointVsFixedRatio } from './multivendor';
import { atRate, mixtureWorkload, NEXUS_TABLE1, tetriWorkload, type TetriMix } from './workloads';

export interface ReproRow {
  scenario: string;
  metric: string;
  fleetplan: number;
  baseline: number;
  /** fleetplan's ratio in the paper's terms (e.g. throughput ×, TTFT reduction %). */
  fleetplanValue: string;
  paper: string;
  /** Whether fleetplan reproduces the paper's direction. */
  holds: boolean;
}

const NO_SLO: Slo = { ttftP99S: 1e9, tbtP99S: 1e9 };
const seedOpts = { slo: NO_SLO, seed: 1, abortWaitS: 300 };

// ---------------------------------------------------------------- Nexus (§6, Fig. 9: one L20)

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

export function runNexusScenario(env: ScenarioEnv, id: keyof typeof NEXUS_SCENARIOS, requests = 500): ReproRow[] {
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

// ---------------------------------------------------------------- Cronus (A100 + A10 / A30, Llama-3-8B, Azure)

const CRONUS_MODEL = 'meta-llama/Meta-Llama-3-8B';
/** One server: both GPUs on PCIe Gen4 (25 GB/s achieved) — the paper's pairs share a host (fleetplan's reading). */
const PCIE_PATH: TransferPath = { hops: [{ name: 'pcie4', bytesPerS: 25e9, latencyS: 5e-6 }], storeAndForward: false, convertSPerByte: 0 };
/** SLO for the throughput comparison (the paper's values were not found; fleetplan's choice). */
export const CRONUS_SLO: Slo = { ttftP99S: 5, tbtP99S: 0.2 };
const CRONUS_RATES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16];

export function runCronusScenario(env: ScenarioEnv, lowGpu: 'nvidia-a10' | 'nvidia-a30', azure: StrategyWorkload, requests = 1200): ReproRow[] {
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
  const rows: ReproRow[] = [];
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

// ---------------------------------------------------------------- TetriInfer (§5: OPT-13B, light/heavy mixes)

const TETRI_MODEL = 'facebook/opt-13b';
/** The paper's GPUs were not read: fleetplan uses A100-80G SXM with NVLink between instances. */
const TETRI_GPU = 'nvidia-a100-80gb-sxm';
const NVLINK: TransferPath = { hops: [{ name: 'nvlink', bytesPerS: 240e9, latencyS: 2e-6 }], storeAndForward: false, convertSPerByte: 0 };

/**
 * TetriInfer (saturation chunks, SJF prefill, predictor g = 200 at 74.9%, power-of-two placement,
 * reserve-dynamic) on four GPUs split by the mix — 2 prefill + 2 decode for heavy prefill (OPT-13B's KV, 0.8 MB a
 * token, makes one decode instance run out of room), 1 + 3 for heavy
 * decode — against colocated chunked-prefill serving on the same four GPUs, at a load where colocated serving
 * is busy (80% of its max rate with TTFT P99 ≤ 10 s).
 */
export function runTetriScenario(env: ScenarioEnv, mix: Extract<TetriMix, 'HPLD' | 'LPHD'>, requests = 1500): ReproRow[] {
  const id = `tetriinfer-${mix}`;
  const a = instanceOf(env, TETRI_GPU, TETRI_MODEL);
  const w = (rate: number) => tetriWorkload(mix, requests, rate, 11);
  const [np, nd] = mix === 'HPLD' ? [2, 2] : [1, 3];
  const colo = (rate: number, k = 4) => simulateColocated({ strategy: 'colocated', instances: Array.from({ length: k }, () => a) }, w(rate), seedOpts);
  const tetri = (rate: number) => simulateDisaggregated({
    strategy: 'disaggregated', prefill: Array.from({ length: np }, () => a), decode: Array.from({ length: nd }, () => a),
    kvPaths: Array.from({ length: np }, () => Array.from({ length: nd }, () => NVLINK)), tetri: { maxContextTokens: factsOf(env, TETRI_MODEL).maxContext },
  }, w(rate), seedOpts);
  const rates = [1, 2, 3, 4, 6, 8, 10, 12, 16, 20, 24, 32];
  const cMax = maxSustainableRate(rates, colo, (r) => !r.metrics.saturated && r.metrics.ttft.p99 <= 10).rate;
  const at = Math.max(rates[0], 0.8 * cMax);
  const c = colo(at).metrics;
  const t = tetri(at).metrics;
  // Resources for the same service: the fewest colocated GPUs whose mean TTFT matches TetriInfer's four.
  let need = 4;
  for (let k = 2; k <= 12; k++) {
    need = k;
    if (colo(at, k).metrics.ttft.mean <= t.ttft.mean) break;
  }
  return [
    { scenario: id, metric: `mean TTFT at ${at.toFixed(1)} req/s (s)`, fleetplan: t.ttft.mean, baseline: c.ttft.mean, fleetplanValue: `${(100 * (1 - t.ttft.mean / c.ttft.mean)).toFixed(0)}% lower`, paper: '97% lower mean TTFT (abstract example)', holds: t.ttft.mean < 0.5 * c.ttft.mean },
    { scenario: id, metric: `mean JCT at ${at.toFixed(1)} req/s (s)`, fleetplan: t.e2e.mean, baseline: c.e2e.mean, fleetplanValue: `${(100 * (1 - t.e2e.mean / c.e2e.mean)).toFixed(0)}% lower`, paper: '47% lower mean JCT (abstract example)', holds: t.e2e.mean < c.e2e.mean },
    { scenario: id, metric: 'colocated GPUs for TetriInfer\'s mean TTFT (TetriInfer uses 4)', fleetplan: 4, baseline: need, fleetplanValue: `${(100 * (1 - 4 / need)).toFixed(0)}% fewer GPUs`, paper: '38% less resources', holds: need > 4 },
  ];
}

export function runAllScenarios(env: ScenarioEnv, azure: StrategyWorkload): ReproRow[] {
  return [
    ...runNexusScenario(env, 'nexus-qwen3b-longdata'),
    ...runNexusScenario(env, 'nexus-llama8b-mixed'),
    ...runCronusScenario(env, 'nvidia-a10', azure),
    ...runCronusScenario(env, 'nvidia-a30', azure),
    ...runTetriScenario(env, 'HPLD'),
    ...runTetriScenario(env, 'LPHD'),
    ...runJointVsFixedRatio(env, azure),
    ...runHeterogeneousVsHomogeneous(env, azure),
  ];
}
