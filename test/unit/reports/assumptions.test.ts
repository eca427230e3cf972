// The error figures every report quotes must be the model's current error on the calibration points:
// recomputed here from assets/calibration/ and compared with COST_MODEL_ERROR at its printed precision.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COST_MODEL_ERROR } from '../../../main/reports/assumptions';
import { parseGpuCatalog } from '../../../main/services/catalog';
import { createInstanceCostModel, decodeStepSeconds, gemmKernelSeconds } from '../../../main/sim/costmodel';
import { gpuSpecFromCatalog, memorySeconds } from '../../../main/sim/hardware';
import { modelFromConfig } from '../../../main/sim/model';
import { iterationErrors } from '../sim/measured-points';

const root = process.cwd();
const gpus = parseGpuCatalog(readFileSync(join(root, 'assets/hardware/gpus.csv'), 'utf8'));
const catalog = JSON.parse(readFileSync(join(root, 'assets/models/catalog.json'), 'utf8')) as { id: string; config: Record<string, unknown> }[];
const gpu = (id: string) => gpuSpecFromCatalog(gpus.find((g) => g.id === id)!);

function rows(file: string): Record<string, string>[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const head = lines[0].split(',');
  return lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [head[i], v])));
}

function figure(errors: number[]) {
  const e = errors.map(Math.abs).sort((a, b) => a - b);
  return { points: e.length, medianPct: Math.round(e[(e.length - 1) >> 1] * 1000) / 10, worstPct: Math.round(e[e.length - 1] * 1000) / 10 };
}

const quoted = (key: string) => COST_MODEL_ERROR.find((e) => e.key === key)!;

describe('the cost model error quoted in reports', () => {
  it('matches the device run: H100 iterations (fit), Qwen2.5-3B shape and H200 (held out)', () => {
    const h100 = iterationErrors('iteration.csv', 'nvidia-h100-sxm');
    const cases: [string, number[]][] = [
      ['h100-iterations', h100.filter((e) => e.model === 'llama3-8b').map((e) => e.err)],
      ['qwen-heldout', h100.filter((e) => e.model === 'qwen2.5-3b').map((e) => e.err)],
      ['h200-heldout', iterationErrors('h200_iteration.csv', 'nvidia-h200-sxm').map((e) => e.err)],
    ];
    for (const [key, errs] of cases) {
      const q = quoted(key);
      expect(figure(errs), key).toEqual({ points: q.points, medianPct: q.medianPct, worstPct: q.worstPct });
    }
  });

  const kernel = rows('assets/calibration/reference_points.csv');
  const kernelErr = (r: Record<string, string>) => {
    const g = gpu(r.gpu_id);
    const pred = r.kind === 'gemm' ? gemmKernelSeconds(g, 'bf16', +r.rows, +r.n, +r.k) : memorySeconds(g, +r.bytes);
    return pred / (+r.measured_ms / 1e3) - 1;
  };

  it('matches the fitted and the cross-GPU kernel points', () => {
    const fit = quoted('kernel-fit');
    const cross = quoted('kernel-cross');
    expect(figure(kernel.filter((r) => r.role === 'fit').map(kernelErr))).toEqual({ points: fit.points, medianPct: fit.medianPct, worstPct: fit.worstPct });
    expect(figure(kernel.filter((r) => r.role === 'cross').map(kernelErr))).toEqual({ points: cross.points, medianPct: cross.medianPct, worstPct: cross.worstPct });
  });

  it('matches the published end-to-end iteration times', () => {
    const l70 = modelFromConfig('meta-llama/Llama-2-70b-hf', catalog.find((m) => m.id === 'meta-llama/Llama-2-70b-hf')!.config);
    const e2e = rows('assets/calibration/published_e2e.csv').map((r) => {
      const cm = createInstanceCostModel(gpu(r.gpu_id), l70, { tp: +r.tp, pp: 1, gpusPerNode: 8, maxBatchTokens: 4096 });
      const L = +r.prompt;
      const B = +r.batch;
      const pred = r.kind === 'prompt'
        ? cm.iterationSeconds({ prefillSeqs: B, prefillTokens: B * L, prefillAttnPairs: (B * L * (L + 1)) / 2, prefillKvTokens: B * L, decodeSeqs: 0, decodeKvTokens: 0 })
        : decodeStepSeconds(cm, B, L + 64);
      return pred / (+r.measured_ms / 1e3) - 1;
    });
    const q = quoted('published-e2e');
    expect(figure(e2e)).toEqual({ points: q.points, medianPct: q.medianPct, worstPct: q.worstPct });
  });
});
