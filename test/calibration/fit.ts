// Fits fleetplan's efficiency curves to the calibration tables and prints predicted vs measured.
//   npx esbuild test/calibration/fit.ts --bundle --platform=node --outfile=/tmp/fit.cjs && node /tmp/fit.cjs [--write | --check]
// Inputs (assets/calibration/): reference_points.csv (published kernel points, always), and when a device
// run has produced them, measured/gemm.csv and measured/iteration.csv from measure.py (H100, Llama-3-8B
// shape). Fits by coordinate descent on the mean squared log error of the role=fit rows / measured rows;
// --write stores the result in assets/calibration/fitted.json. main/sim/efficiency.ts holds the defaults
// copied from that file (the sim is pure and cannot read it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInstanceCostModel, gemmKernelSeconds } from '../../main/sim/costmodel';
import { DEFAULT_EFFICIENCY, type EfficiencyParams } from '../../main/sim/efficiency';
import { memorySeconds } from '../../main/sim/hardware';
import { modelFromConfig } from '../../main/sim/model';
import type { BatchAggregate } from '../../main/sim/types';
import { attentionPoints, gemmPoints, gpuWith, hasMeasured, iterationPoints, type MeasuredPoint } from '../unit/sim/measured-points';

const root = join(__dirname.includes('/tmp') ? process.cwd() : join(__dirname, '..', '..'));
const dir = join(root, 'assets', 'calibration');

function table(file: string): Record<string, string>[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
  const head = lines[0].split(',');
  return lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [head[i], v])));
}

interface Row {
  id: string;
  role: string;
  measured: number;
  predict: (eff: EfficiencyParams) => number;
}

const spec = gpuWith;

const rows: Row[] = [];
for (const r of table(join(dir, 'reference_points.csv'))) {
  const rowsN = Number(r.rows);
  const n = Number(r.n);
  const k = Number(r.k);
  const bytes = Number(r.bytes);
  rows.push({
    id: r.id, role: r.role, measured: Number(r.measured_ms) / 1e3,
    predict: r.kind === 'gemm' ? (e) => gemmKernelSeconds(spec(r.gpu_id, e), 'bf16', rowsN, n, k) : (e) => memorySeconds(spec(r.gpu_id, e), bytes),
  });
}

// Roles: 'fit' rows shape the curves (H100, Llama-3-8B: whole iterations, GEMMs and attention alone); 'heldout'
// rows never do (the Qwen2.5-3B shape on the same H100), nor do 'h200' rows (the H200 run predicted from its
// datasheet numbers with the H100-fitted curves).
const asRows = (pts: MeasuredPoint[], roleOf: (p: MeasuredPoint) => string): Row[] =>
  pts.map((p) => ({ id: p.id, role: roleOf(p), measured: p.seconds, predict: p.predict }));
const h100Role = (p: MeasuredPoint) => (p.model === 'llama3-8b' ? 'fit' : 'heldout');
if (hasMeasured('iteration.csv')) {
  rows.push(...asRows(iterationPoints('', 'nvidia-h100-sxm'), h100Role));
  rows.push(...asRows(gemmPoints('', 'nvidia-h100-sxm'), h100Role));
  rows.push(...asRows(attentionPoints('', 'nvidia-h100-sxm'), h100Role));
}
if (hasMeasured('h200_iteration.csv')) {
  for (const pts of [iterationPoints('h200_', 'nvidia-h200-sxm'), gemmPoints('h200_', 'nvidia-h200-sxm'), attentionPoints('h200_', 'nvidia-h200-sxm')]) {
    rows.push(...asRows(pts, () => 'h200'));
  }
}

function errors(eff: EfficiencyParams, role: string): { id: string; err: number; pred: number; meas: number }[] {
  return rows.filter((r) => r.role === role).map((r) => {
    const pred = r.predict(eff);
    return { id: r.id, err: pred / r.measured - 1, pred, meas: r.measured };
  });
}

function loss(eff: EfficiencyParams): number {
  const e = errors(eff, 'fit');
  return e.reduce((s, x) => s + Math.log(1 + x.err) ** 2, 0) / e.length;
}

// Coordinate descent over the curve parameters (multiplicative steps, shrinking).
type Knob = [get: (e: EfficiencyParams) => number, set: (e: EfficiencyParams, v: number) => void, lo: number, hi: number];
const knobs: Knob[] = [
  [(e) => e.gemm.max, (e, v) => (e.gemm.max = v), 0.3, 0.95],
  [(e) => e.gemm.half, (e, v) => (e.gemm.half = v), 1, 2048],
  [(e) => e.memory.max, (e, v) => (e.memory.max = v), 0.5, 0.97],
  [(e) => e.memory.half, (e, v) => (e.memory.half = v), 1e5, 1e8],
];
if (rows.some((r) => r.id.startsWith('iter '))) {
  knobs.push(
    [(e) => e.attnPrefill.max, (e, v) => (e.attnPrefill.max = v), 0.2, 0.9],
    [(e) => e.attnPrefill.half, (e, v) => (e.attnPrefill.half = v), 16, 16384],
    [(e) => e.attnDecode.max, (e, v) => (e.attnDecode.max = v), 0.3, 0.95],
    [(e) => e.attnDecode.half, (e, v) => (e.attnDecode.half = v), 1e5, 1e8],
    [(e) => e.attnDecodeCompute, (e, v) => (e.attnDecodeCompute = v), 0.005, 0.9],
    [(e) => e.iterationS, (e, v) => (e.iterationS = v), 1e-6, 2e-3],
  );
}
const eff: EfficiencyParams = structuredClone(DEFAULT_EFFICIENCY);
let best = loss(eff);
// --check: no descent, print the tables for DEFAULT_EFFICIENCY as it is (what docs/model.md quotes).
for (let step = process.argv.includes('--check') ? 0 : 0.5; step > 0.005; step /= 2) {
  for (let pass = 0; pass < 6; pass++) {
    for (const [get, set, lo, hi] of knobs) {
      for (const dir of [1 + step, 1 / (1 + step)]) {
        const old = get(eff);
        set(eff, Math.min(hi, Math.max(lo, old * dir)));
        const l = loss(eff);
        if (l < best) best = l;
        else set(eff, old);
      }
    }
  }
}

function summary(label: string, e: { id: string; err: number; pred: number; meas: number }[]): void {
  const abs = e.map((x) => Math.abs(x.err)).sort((a, b) => a - b);
  const median = abs.length ? (abs[(abs.length - 1) >> 1] + abs[abs.length >> 1]) / 2 : NaN;
  console.log(`\n${label}: n=${e.length} median |err| ${(median * 100).toFixed(1)}%, worst ${((abs[abs.length - 1] ?? NaN) * 100).toFixed(1)}%`);
  for (const x of e) console.log(`  ${x.id.padEnd(34)} measured ${(x.meas * 1e3).toFixed(3).padStart(9)} ms  predicted ${(x.pred * 1e3).toFixed(3).padStart(9)} ms  ${(x.err * 100).toFixed(1).padStart(6)}%`);
}
const round = (v: number) => Number(v.toPrecision(3));
const fitted = JSON.parse(JSON.stringify(eff, (_k, v) => (typeof v === 'number' ? round(v) : v))) as EfficiencyParams;
console.log('fitted efficiency params:', JSON.stringify(fitted));
summary('defaults (main/sim/efficiency.ts), fit rows', errors(DEFAULT_EFFICIENCY, 'fit'));
summary('defaults, cross-GPU rows (datasheet specs only)', errors(DEFAULT_EFFICIENCY, 'cross'));
summary('fitted, fit rows', errors(fitted, 'fit'));
summary('fitted, cross-GPU rows', errors(fitted, 'cross'));
const only = (kind: string, e: ReturnType<typeof errors>) => e.filter((x) => x.id.includes(kind));
summary('fitted, H100 Llama-3-8B whole iterations (the fit target)', only('iter ', errors(fitted, 'fit')));
summary('fitted, H100 Llama-3-8B GEMMs', only('gemm ', errors(fitted, 'fit')));
summary('fitted, H100 Llama-3-8B attention alone (per layer)', only('attn ', errors(fitted, 'fit')));
summary('fitted, held out: H100 Qwen2.5-3B shape (iterations)', only('iter ', errors(fitted, 'heldout')));
summary('fitted, held out: H100 Qwen2.5-3B shape (GEMMs)', only('gemm ', errors(fitted, 'heldout')));
summary('fitted, held out: H200 from its datasheet (iterations)', only('iter ', errors(fitted, 'h200')));
summary('fitted, held out: H200 from its datasheet (GEMMs)', only('gemm ', errors(fitted, 'h200')));
summary('fitted, held out: H200 from its datasheet (attention alone)', only('attn ', errors(fitted, 'h200')));
// End-to-end published points: reported, never fitted (they include a 2023 software stack's overheads).
const catalog = JSON.parse(readFileSync(join(root, 'assets', 'models', 'catalog.json'), 'utf8')) as { id: string; config: Record<string, unknown> }[];
const e2e = table(join(dir, 'published_e2e.csv')).map((r) => {
  const m = modelFromConfig(r.model, catalog.find((x) => x.id === r.model)!.config);
  const cm = createInstanceCostModel(spec(r.gpu_id, fitted), m, { tp: +r.tp, pp: 1, gpusPerNode: 8, maxBatchTokens: 4096 });
  const L = +r.prompt;
  const B = +r.batch;
  const b: BatchAggregate = r.kind === 'prompt'
    ? { prefillSeqs: B, prefillTokens: B * L, prefillAttnPairs: (B * L * (L + 1)) / 2, prefillKvTokens: B * L, decodeSeqs: 0, decodeKvTokens: 0 }
    : { prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: B, decodeKvTokens: B * (L + 64) };
  const pred = cm.iterationSeconds(b);
  const meas = +r.measured_ms / 1e3;
  return { id: r.id, err: pred / meas - 1, pred, meas };
});
summary('published end-to-end (Splitwise 2023 vLLM), datasheet specs + fitted curves', e2e);
if (process.argv.includes('--write')) {
  writeFileSync(join(dir, 'fitted.json'), JSON.stringify({ fittedFrom: rows.filter((r) => r.role === 'fit').map((r) => r.id), params: fitted }, null, 2) + '\n');
  console.log('wrote assets/calibration/fitted.json');
}
