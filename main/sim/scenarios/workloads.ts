// Workloads of the reproduction scenarios, synthesised from what the papers publish.
// Nexus Table 1 gives mean / P50 / P95 / P99 per dataset; fleetplan draws log-normal lengths with the P50 as
// median and σ = ln(P95 / P50) / 1.645, clipped at a little above the P99 (a log-normal's tail is heavier
// than these datasets'). Input means land within 5% of the published ones; output means too, except
// ShareGPT's (P50 37 but P95 383: too skewed for a clipped log-normal), which comes out ~15% low (tested).
import { Rng } from '../rng';
import type { StrategyWorkload } from '../strategies/types';

export interface LengthStats {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface DatasetStats {
  name: string;
  input: LengthStats;
  output: LengthStats;
}

/** Nexus §6.1, Table 1. */
export const NEXUS_TABLE1: Record<'longData' | 'arxiv' | 'sharegpt', DatasetStats> = {
  longData: { name: 'Long Data Collections', input: { mean: 5905, p50: 5461, p95: 9292, p99: 9817 }, output: { mean: 180, p50: 159, p95: 339, p99: 454 } },
  arxiv: { name: 'ArXiv Summarization', input: { mean: 3832, p50: 3575, p95: 6460, p99: 6894 }, output: { mean: 200, p50: 181, p95: 357, p99: 443 } },
  sharegpt: { name: 'ShareGPT', input: { mean: 496, p50: 432, p95: 970, p99: 1367 }, output: { mean: 97, p50: 37, p95: 383, p99: 474 } },
};

function sampleLogNormal(s: LengthStats, rng: Rng): number {
  const sigma = Math.log(s.p95 / s.p50) / 1.645;
  const v = Math.round(s.p50 * Math.exp(sigma * rng.normal()));
  return Math.max(1, Math.min(Math.round(s.p99 * 1.05), v));
}

/** Poisson arrivals at `rate`; each request's lengths from one dataset, chosen by `weights`. */
export function mixtureWorkload(parts: { data: DatasetStats; weight: number }[], n: number, rate: number, seed: number): StrategyWorkload {
  const rng = new Rng(seed);
  const gaps = rng.fork();
  const lens = rng.fork();
  const total = parts.reduce((s, p) => s + p.weight, 0);
  const w = { arrivalS: new Float64Array(n), inputTokens: new Int32Array(n), outputTokens: new Int32Array(n) };
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += gaps.exponential(rate);
    w.arrivalS[i] = t;
    let u = lens.uniform() * total;
    let k = 0;
    while (k < parts.length - 1 && u >= parts[k].weight) u -= parts[k++].weight;
    w.inputTokens[i] = sampleLogNormal(parts[k].data.input, lens);
    w.outputTokens[i] = sampleLogNormal(parts[k].data.output, lens);
  }
  return w;
}

/** TetriInfer §5 thresholds: heavy prefill > 512 prompt tokens, heavy decode > 128 generated tokens. */
export type TetriMix = 'LPLD' | 'LPHD' | 'HPLD' | 'HPHD';

/**
 * The four light/heavy quadrants the paper's thresholds imply (its exact workload files were not read):
 * light prompts uniform in 32..512, heavy in 513..2048 (fleetplan's choice); light answers 8..128, heavy
 * 129..512.
 */
export function tetriWorkload(mix: TetriMix, n: number, rate: number, seed: number): StrategyWorkload {
  const rng = new Rng(seed);
  const gaps = rng.fork();
  const lens = rng.fork();
  const [pLo, pHi] = mix[0] === 'H' ? [513, 2048] : [32, 512];
  const [dLo, dHi] = mix[2] === 'H' ? [129, 512] : [8, 128];
  const w = { arrivalS: new Float64Array(n), inputTokens: new Int32Array(n), outputTokens: new Int32Array(n) };
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += gaps.exponential(rate);
    w.arrivalS[i] = t;
    w.inputTokens[i] = pLo + lens.int(pHi - pLo + 1);
    w.outputTokens[i] = dLo + lens.int(dHi - dLo + 1);
  }
  return w;
}

/** A trace's lengths (in order) with its arrivals rescaled to `rate` requests/s on average. */
export function atRate(w: StrategyWorkload, rate: number, n = w.arrivalS.length): StrategyWorkload {
  const m = Math.min(n, w.arrivalS.length);
  const t0 = w.arrivalS[0] ?? 0;
  const span = m > 1 ? w.arrivalS[m - 1] - t0 : 1;
  const k = span > 0 ? (m - 1) / span / rate : 1;
  return {
    arrivalS: Float64Array.from(w.arrivalS.subarray(0, m), (t) => (t - t0) * k),
    inputTokens: w.inputTokens.slice(0, m),
    outputTokens: w.outputTokens.slice(0, m),
  };
}
