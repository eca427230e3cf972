// The device run's measured tables (assets/calibration/measured/, from test/calibration/measure.py) as rows
// that predict themselves from a set of efficiency curves. One source for the fit (test/calibration/fit.ts),
// the calibration test and the figures reports quote.
//
// The harness is not vLLM: its norms, rotary, SiLU-gate and residual adds are separate PyTorch kernels, where
// vLLM fuses them (the cost model's norm_act assumes fused kernels). So an iteration of the harness is
// predicted as the model's total with its norm_act replaced by the harness's own elementwise time, measured
// alone (elementwise.csv, per layer at 7 token counts, interpolated log-log). Without that substitution the fit
// hid the unfused kernels' ~7 ms at 2k tokens inside a 2× too slow attention.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEASURE_PY_SHAPES } from '../../../main/services/calibration/measure-table';
import { parseGpuCatalog } from '../../../main/services/catalog';
import { createInstanceCostModel, gemmKernelSeconds } from '../../../main/sim/costmodel';
import { DEFAULT_EFFICIENCY, type EfficiencyParams } from '../../../main/sim/efficiency';
import { gpuSpecFromCatalog, type GpuSpec } from '../../../main/sim/hardware';
import { modelFromConfig, type ModelSpec } from '../../../main/sim/model';
import type { BatchAggregate } from '../../../main/sim/types';

const root = process.cwd();
const dir = join(root, 'assets/calibration/measured');
const gpus = parseGpuCatalog(readFileSync(join(root, 'assets/hardware/gpus.csv'), 'utf8'));

export function gpuWith(id: string, eff: EfficiencyParams = DEFAULT_EFFICIENCY): GpuSpec {
  const g = gpus.find((x) => x.id === id);
  if (!g) throw new Error(`unknown gpu ${id}`);
  return gpuSpecFromCatalog(g, { eff });
}

// The shapes measure.py builds (random weights; untied lm_head in both).
export const SHAPES: Record<string, ModelSpec> = Object.fromEntries(
  Object.entries(MEASURE_PY_SHAPES).map(([id, cfg]) => [id, modelFromConfig(id, cfg)]),
);

export function measuredTable(file: string): Record<string, string>[] {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const head = lines[0].split(',');
  return lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [head[i], v])));
}

export const hasMeasured = (file: string) => existsSync(join(dir, file));

/** One measured time and how to predict it. `kind` says which table it came from. */
export interface MeasuredPoint {
  id: string;
  kind: 'iteration' | 'gemm' | 'attention';
  model: string;
  seconds: number;
  predict: (eff: EfficiencyParams) => number;
}

const cmFor = (gpuId: string, model: string, eff: EfficiencyParams) =>
  createInstanceCostModel(gpuWith(gpuId, eff), SHAPES[model], { tp: 1, pp: 1, gpusPerNode: 8, hostIterationS: 0, hostPerSeqS: 0 });

/** The harness's unfused elementwise seconds per layer at T tokens (log-log between measured points). */
function elementwiseSeconds(prefix: string): (model: string, T: number, eff: EfficiencyParams, gpuId: string) => number {
  const pts = measuredTable(`${prefix}elementwise.csv`).map((r) => [+r.M, +r.ms / 1e3] as const).sort((a, b) => a[0] - b[0]);
  const llama = (T: number) => {
    let i = 1;
    while (i < pts.length - 1 && pts[i][0] < T) i++;
    const [x0, y0] = pts[i - 1];
    const [x1, y1] = pts[i];
    const f = (Math.log(Math.max(T, 1)) - Math.log(x0)) / (Math.log(x1) - Math.log(x0));
    return Math.exp(Math.log(y0) + f * (Math.log(y1) - Math.log(y0)));
  };
  // Only the Llama shape was measured alone; other shapes scale it by the model's own norm_act ratio.
  return (model, T, eff, gpuId) => {
    if (model === 'llama3-8b') return llama(T);
    const norm = (m: string) => {
      const b: BatchAggregate = { prefillSeqs: 1, prefillTokens: T, prefillAttnPairs: T, prefillKvTokens: T, decodeSeqs: 0, decodeKvTokens: 0 };
      return cmFor(gpuId, m, eff).iterationCost(b).breakdown.norm_act / SHAPES[m].layers;
    };
    return llama(T) * (norm(model) / norm('llama3-8b'));
  };
}

export function iterationPoints(prefix: string, gpuId: string): MeasuredPoint[] {
  const ew = elementwiseSeconds(prefix);
  return measuredTable(`${prefix}iteration.csv`).map((r) => {
    const b: BatchAggregate = {
      prefillSeqs: +r.prefillSeqs, prefillTokens: +r.prefillTokens, prefillAttnPairs: +r.prefillAttnPairs,
      prefillKvTokens: +r.prefillKvTokens, decodeSeqs: +r.decodeSeqs, decodeKvTokens: +r.decodeKvTokens,
    };
    const T = b.prefillTokens + b.decodeSeqs;
    return {
      id: `${prefix}iter ${r.model} ${r.case}`, kind: 'iteration', model: r.model, seconds: +r.ms / 1e3,
      predict: (eff) => {
        const c = cmFor(gpuId, r.model, eff).iterationCost(b);
        return c.total - c.breakdown.norm_act + SHAPES[r.model].layers * ew(r.model, T, eff, gpuId);
      },
    };
  });
}

export function gemmPoints(prefix: string, gpuId: string): MeasuredPoint[] {
  return measuredTable(`${prefix}gemm.csv`).map((r) => ({
    id: `${prefix}gemm ${r.model} ${r.op} M=${r.M}`, kind: 'gemm', model: r.model, seconds: +r.ms / 1e3,
    predict: (eff) => gemmKernelSeconds(gpuWith(gpuId, eff), 'bf16', +r.M, +r.N, +r.K),
  }));
}

/** Attention alone, one layer: prefill (chunk after prior context) or decode (batch × context). */
export function attentionPoints(prefix: string, gpuId: string): MeasuredPoint[] {
  return measuredTable(`${prefix}attention.csv`).map((r) => {
    const c = +r.chunk, p = +r.prior, B = +r.batch, C = +r.ctx;
    const b: BatchAggregate = r.kind === 'prefill'
      ? { prefillSeqs: 1, prefillTokens: c, prefillAttnPairs: c * (p + (c + 1) / 2), prefillKvTokens: p + c, decodeSeqs: 0, decodeKvTokens: 0 }
      : { prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: B, decodeKvTokens: B * C };
    return {
      id: `${prefix}attn ${r.model} ${r.kind} ${r.kind === 'prefill' ? `${c}@${p}` : `${B}x${C}`}`, kind: 'attention', model: r.model,
      seconds: +r.ms / 1e3,
      predict: (eff) => cmFor(gpuId, r.model, eff).iterationCost(b).breakdown.attention / SHAPES[r.model].layers,
    };
  });
}

export interface PointError { id: string; model: string; err: number }

export function errorsOf(points: MeasuredPoint[], eff: EfficiencyParams = DEFAULT_EFFICIENCY): PointError[] {
  return points.map((p) => ({ id: p.id, model: p.model, err: p.predict(eff) / p.seconds - 1 }));
}

/** Whole-iteration errors of one measured table with the default curves. */
export function iterationErrors(file: string, gpuId: string): PointError[] {
  return errorsOf(iterationPoints(file.replace('iteration.csv', ''), gpuId));
}

export function gemmErrors(file: string, gpuId: string): PointError[] {
  return errorsOf(gemmPoints(file.replace('gemm.csv', ''), gpuId));
}

export function attentionErrors(file: string, gpuId: string): PointError[] {
  return errorsOf(attentionPoints(file.replace('attention.csv', ''), gpuId));
}

export function medianAndWorst(errors: PointError[]): { n: number; median: number; worst: number } {
  const e = errors.map((x) => Math.abs(x.err)).sort((a, b) => a - b);
  return { n: e.length, median: (e[(e.length - 1) >> 1] + e[e.length >> 1]) / 2, worst: e[e.length - 1] };
}
