// Seeded random small cases for measuring the search against brute force (sim/search/gap.ts): two or three
// pools of 2–4 GPUs of catalog types, a small catalog model, a Poisson workload of a few hundred requests and
// an SLO drawn from planners' usual targets. Small enough that every enumerated deployment can be simulated.
import type { Pool } from '../domain';
import { assetsDir } from '../paths';
import { loadGpuCatalog, loadModelCatalog } from '../services/seed';
import { Rng } from '../sim/rng';
import { searchGap, type StrategyGap } from '../sim/search/gap';
import { buildProvider } from '../sim/search/provider';
import { STRATEGY_IDS, type Slo, type StrategyWorkload } from '../sim/strategies/types';

const GPUS = ['nvidia-h100-sxm', 'nvidia-a100-80gb-sxm', 'nvidia-l40s', 'nvidia-a10', 'amd-mi300x', 'nvidia-l4'];
const MODELS = ['meta-llama/Llama-3.1-8B', 'Qwen/Qwen2.5-7B', 'Qwen/Qwen2.5-3B'];

export interface GapCase {
  seed: number;
  pools: Pool[];
  modelId: string;
  slo: Slo;
  workload: StrategyWorkload;
}

export function gapCase(seed: number): GapCase {
  const rng = new Rng(seed * 7919 + 13);
  const pick = <T>(xs: T[]) => xs[rng.int(xs.length)];
  const kinds = [...GPUS];
  const npools = 2 + rng.int(2);
  const pools: Pool[] = [];
  for (let k = 0; k < npools; k++) {
    const id = kinds.splice(rng.int(kinds.length), 1)[0];
    const gpus = pick([2, 4]);
    const nvlink = /h100|a100|mi300x/.test(id);
    pools.push({
      name: `${id.split('-')[1]}`, gpuTypeId: id, gpuCount: gpus, gpusPerNode: gpus,
      intraNode: { link: nvlink ? (id.startsWith('amd') ? 'infinity-fabric' : 'nvlink') : 'pcie', bandwidthGBps: nvlink ? 300 : 32 },
      interNode: { link: 'roce', bandwidthGBps: 25 },
      pricing: { kind: 'hourly', usdPerGpuHour: Math.round((0.6 + rng.uniform() * 3.4) * 100) / 100 },
    });
  }
  const n = 200 + rng.int(200);
  const rate = 1 + rng.uniform() * 11;
  const arrivalS = new Float64Array(n);
  const inputTokens = new Int32Array(n);
  const outputTokens = new Int32Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += rng.exponential(rate);
    arrivalS[i] = t;
    inputTokens[i] = Math.min(6000, Math.max(16, Math.round(rng.lognormal(Math.log(800), 0.9))));
    outputTokens[i] = Math.min(1200, Math.max(1, Math.round(rng.lognormal(Math.log(120), 0.9))));
  }
  const slo: Slo = { ttftP99S: pick([1, 2, 4]), tbtP99S: pick([0.05, 0.1, 0.2]) };
  return { seed, pools, modelId: pick(MODELS), slo, workload: { arrivalS, inputTokens, outputTokens } };
}

export function runGapCase(c: GapCase): StrategyGap[] {
  const dir = assetsDir();
  const gpus = loadGpuCatalog(dir);
  const model = loadModelCatalog(dir).find((m) => m.id === c.modelId)!;
  const p = buildProvider(c.pools, gpus, { id: model.id, config: model.config });
  return searchGap(p, c.workload, c.slo, [...STRATEGY_IDS], 1);
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** `search_gap_*` bench lines: the gap distribution over `cases` seeded cases, per strategy and overall. */
export function benchSearchGap(cases = 20): Record<string, number | string> {
  const t0 = performance.now();
  const all: StrategyGap[] = [];
  for (let s = 1; s <= cases; s++) all.push(...runGapCase(gapCase(s)));
  const out: Record<string, number | string> = { bench: 'search_gap', cases, target_max_gap: 0.02 };
  const finite = (g: StrategyGap[]) => g.filter((x) => x.optimumUsd !== null && Number.isFinite(x.gap)).map((x) => x.gap);
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  out.search_gap_p50 = r4(quantile(finite(all), 0.5));
  out.search_gap_p90 = r4(quantile(finite(all), 0.9));
  out.search_gap_max = r4(Math.max(0, ...finite(all)));
  out.search_gap_false_infeasible = all.filter((x) => x.falseInfeasible).length;
  out.search_gap_feasible_pairs = all.filter((x) => x.optimumUsd !== null).length;
  for (const s of STRATEGY_IDS) out[`search_gap_max_${s}`] = r4(Math.max(0, ...finite(all.filter((x) => x.strategy === s))));
  out.exhaustive_simulations = all.reduce((a, x) => a + x.exhaustive, 0);
  out.total_s = Math.round((performance.now() - t0) / 100) / 10;
  return out;
}
