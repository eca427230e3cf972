// The multi-vendor P/D paper's two claims (arXiv 2509.17542) as scenarios on fleetplan's own search: (1) the
// joint search of parallelism and instance counts beats a fixed P:D ratio, (2) a heterogeneous pairing beats a
// homogeneous one at equal cost. The paper's evaluation (vendors, models, QPS, SLOs) could not be read
// (../shared/research/papers.md §3.3), so every setting here is fleetplan's and says so: an NVIDIA H100 and
// an AMD MI300X pool at the catalog's indicative prices, Llama-3.1-8B, the Azure conversation trace's lengths,
// TTFT P99 ≤ 2 s and TBT P99 ≤ 100 ms. Pure: the caller passes the catalogs and the trace.
import type { GpuType, Pool } from '../../domain';
import { compareStrategies, type CompareInput } from '../search';
import type { DeploymentPin } from '../search/types';
import type { Slo, StrategyWorkload } from '../strategies/types';
import { simulateColocated } from '../strategies/colocated';
import { instanceOf, meets, type ScenarioEnv } from './env';
import { seedOpts } from './row';
import type { ScenarioRow } from './row';
import { atRate } from './workloads';

const MODEL = 'meta-llama/Llama-3.1-8B';
const SLO: Slo = { ttftP99S: 2, tbtP99S: 0.1 };
const PREFILL_GPU = 'nvidia-h100-sxm';
const DECODE_GPU = 'amd-mi300x';
const REQUESTS = 1500;
const BUDGET = { searchRequests: 1500, simulationsPerStrategy: 12, rateSteps: 3 };

function pool(g: GpuType, count: number): Pool {
  const nvidia = g.vendor === 'NVIDIA';
  return {
    name: `${g.id} pool`, gpuTypeId: g.id, gpuCount: count, gpusPerNode: 8,
    intraNode: nvidia ? { link: 'nvlink', bandwidthGBps: 450 } : { link: 'infinity-fabric', bandwidthGBps: 448 },
    interNode: { link: 'roce', bandwidthGBps: 50 },
    // The catalog's indicative on-demand price (assets/hardware/gpu_prices.csv, its median).
    pricing: { kind: 'hourly', usdPerGpuHour: g.defaultUsdPerGpuHour ?? 1 },
  };
}

function input(env: ScenarioEnv, pools: Pool[], workload: StrategyWorkload, pins: DeploymentPin[] = [], rateSteps = BUDGET.rateSteps, engine?: 'vllm-v1', strategy: 'disaggregated' | 'colocated' = 'disaggregated'): CompareInput {
  const m = env.model(MODEL);
  return {
    pools, gpus: pools.map((p) => env.gpu(p.gpuTypeId)), model: { id: m.id, config: m.config }, workload, slo: SLO,
    strategies: [strategy], seed: 5, budget: { ...BUDGET, rateSteps }, ...(pins.length ? { pins } : {}), ...(engine ? { engine } : {}),
  };
}

/**
 * Claim 1 at each rate: the search's cheapest SLO-meeting disaggregated deployment on 8 H100 + 8 MI300X against
 * the cheapest with a fixed 1:1 ratio (k H100 TP1 prefill : k MI300X TP1 decode, the fewest k that meets the SLOs).
 */
export function runJointVsFixedRatio(env: ScenarioEnv, azure: StrategyWorkload, rates = [6, 12]): ScenarioRow[] {
  const h = env.gpu(PREFILL_GPU);
  const d = env.gpu(DECODE_GPU);
  const pools = [pool(h, 8), pool(d, 8)];
  return rates.map((rate) => {
    const w = atRate(azure, rate, REQUESTS);
    const joint = compareStrategies(input(env, pools, w)).strategies[0].bestByCost;
    let fixed: number | null = null;
    for (let k = 1; k <= 8 && fixed === null; k++) {
      const pin: DeploymentPin = { strategy: 'disaggregated', instances: [
        { pool: pools[0].name, gpuTypeId: h.id, tp: 1, role: 'prefill', count: k },
        { pool: pools[1].name, gpuTypeId: d.id, tp: 1, role: 'decode', count: k },
      ] };
      const o = compareStrategies(input(env, pools, w, [pin])).strategies[0];
      if (o.pinned?.meetsSlo) fixed = o.pinned.metrics.usdPer1MTokens;
    }
    const j = joint ? joint.metrics.usdPer1MTokens : Infinity;
    const f = fixed ?? Infinity;
    return {
      scenario: `mvpd-joint-vs-1to1-${rate}rps`, metric: `$ per 1M tokens at ${rate} req/s, joint search vs fixed 1:1 P:D (${joint?.label ?? 'none'})`,
      fleetplan: j, baseline: f, fleetplanValue: Number.isFinite(j) && Number.isFinite(f) ? `${(100 * (1 - j / f)).toFixed(0)}% cheaper` : 'no feasible deployment',
      paper: 'the joint optimization finds the optimal deployment (abstract; figures not found)', holds: j < f,
    };
  });
}

/**
 * Claim 2: max goodput at the SLOs of the best disaggregated deployment on a heterogeneous inventory (4 H100 +
 * 4 MI300X) against all-H100 and all-MI300X inventories of (as near as whole GPUs allow) the same hourly price.
 */
export function runHeterogeneousVsHomogeneous(env: ScenarioEnv, azure: StrategyWorkload, rate = 16): ScenarioRow[] {
  const h = env.gpu(PREFILL_GPU);
  const d = env.gpu(DECODE_GPU);
  const price = (g: GpuType) => g.defaultUsdPerGpuHour ?? 1;
  const budget = 4 * price(h) + 4 * price(d);
  const w = atRate(azure, rate, REQUESTS);
  const best = (pools: Pool[]) => {
    // Every rate step up to 8× (search.RATE_MULTIPLES), so the probe's ceiling does not cap all three alike.
    const o = compareStrategies(input(env, pools, w, [], 6)).strategies[0];
    return o.bestByGoodput?.maxGoodputRps ?? 0;
  };
  const hetero = best([pool(h, 4), pool(d, 4)]);
  return [h, d].map((g) => {
    const n = Math.max(1, Math.round(budget / price(g)));
    const homo = best([pool(g, n)]);
    return {
      scenario: `mvpd-hetero-vs-${g.id}`, metric: `max goodput at the SLOs (req/s), 4 H100 + 4 MI300X vs ${n} ${g.name} ($${budget.toFixed(2)} vs $${(n * price(g)).toFixed(2)} an hour)`,
      fleetplan: hetero, baseline: homo, fleetplanValue: homo > 0 ? `${(hetero / homo).toFixed(2)}×` : 'baseline meets no SLO',
      paper: '38% higher resource utilization than homogeneous (secondary summary; primary figures not found)', holds: hetero > homo,
    };
  });
}

/**
 * The modern table for claim 1: the joint search's cheapest SLO-meeting P/D deployment on 8 H100 + 8 MI300X (vLLM
 * V1 engine) against the cheapest SLO-meeting colocated fleet on either pool (k × TP1, k ≤ 8, vLLM V1's chunked
 * prefill with shortest-prompt-first admission), per 1M tokens at `rate`. Claim 2: the max goodput of the best P/D
 * deployment on 4 H100 + 4 MI300X against the best colocated one on the same GPUs, both searched on vLLM V1 (the
 * search's own goodput probe, so both figures mean the same; the search admits prompts FCFS).
 */
export function runMultivendorModern(env: ScenarioEnv, azure: StrategyWorkload, rate = 12, heteroRate = 16): ScenarioRow[] {
  const h = env.gpu(PREFILL_GPU);
  const d = env.gpu(DECODE_GPU);
  const w = atRate(azure, rate, REQUESTS);
  const joint = compareStrategies(input(env, [pool(h, 8), pool(d, 8)], w, [], BUDGET.rateSteps, 'vllm-v1')).strategies[0].bestByCost;
  let colo = Infinity;
  let coloLabel = 'none';
  for (const g of [h, d]) {
    const inst = instanceOf(env, g.id, MODEL);
    for (let k = 1; k <= 8; k++) {
      const r = simulateColocated({ strategy: 'colocated', engine: 'vllm-v1', prefillOrder: 'sjf', instances: Array.from({ length: k }, () => inst) }, w, { ...seedOpts, slo: SLO });
      if (!meets(SLO)(r)) continue;
      if (r.metrics.usdPer1MTokens < colo) [colo, coloLabel] = [r.metrics.usdPer1MTokens, `${k}× ${g.id}`];
      break;
    }
  }
  const j = joint ? joint.metrics.usdPer1MTokens : Infinity;
  const hw = atRate(azure, heteroRate, REQUESTS);
  const goodput = (strategy: 'disaggregated' | 'colocated') => compareStrategies(input(env, [pool(h, 4), pool(d, 4)], hw, [], 6, 'vllm-v1', strategy)).strategies[0].bestByGoodput?.maxGoodputRps ?? 0;
  const pd = goodput('disaggregated');
  const cg = goodput('colocated');
  return [{
    scenario: `mvpd-joint-vs-colocated-${rate}rps`, metric: `$ per 1M tokens at ${rate} req/s, joint P/D search (${joint?.label ?? 'none'}) vs cheapest colocated vLLM V1 + SJF (${coloLabel})`,
    fleetplan: j, baseline: colo, fleetplanValue: Number.isFinite(j) && Number.isFinite(colo) ? `${(100 * (1 - j / colo)).toFixed(0)}% cheaper` : 'no feasible deployment',
    paper: 'the joint optimization finds the optimal deployment (abstract; figures not found)', holds: j < colo,
  }, {
    scenario: 'mvpd-hetero-vs-colocated', metric: 'max goodput at the SLOs (req/s), 4 H100 + 4 MI300X: P/D vs colocated vLLM V1 (search, FCFS)',
    fleetplan: pd, baseline: cg, fleetplanValue: cg > 0 ? `${(pd / cg).toFixed(2)}×` : 'baseline meets no SLO',
    paper: '38% higher resource utilization than homogeneous (secondary summary; primary figures not found)', holds: pd > cg,
  }];
}
