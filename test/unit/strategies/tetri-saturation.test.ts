// TetriInfer's saturation chunk is read off the prefill rates of chunks the model accepts: for OPT-13B (a
// 2,048-token model) the plateau is its 2,048-token rate, not a 16k-token rate no request of it reaches.
import { describe, expect, it } from 'vitest';
import { loadGpuCatalog, loadModelCatalog } from '../../../main/services/seed';
import { catalogEnv, factsOf, instanceOf } from '../../../main/sim/scenarios/env';
import { saturationChunk } from '../../../main/sim/strategies/tetri';
import { prefillSeconds } from '../../../main/sim/timing';

const env = catalogEnv(loadGpuCatalog('assets'), loadModelCatalog('assets'));

describe('saturation chunk', () => {
  it('OPT-13B on an A100: the smallest power of two within 90% of the rate at its own context', () => {
    const ctx = factsOf(env, 'facebook/opt-13b').maxContext!;
    expect(ctx).toBe(2048);
    const cm = instanceOf(env, 'nvidia-a100-80gb-sxm', 'facebook/opt-13b').cm;
    const rate = (c: number) => c / prefillSeconds(cm, c, 0);
    const chunk = saturationChunk(cm, ctx);
    console.log(JSON.stringify({ metric: 'tetri_saturation_chunk', model: 'opt-13b', gpu: 'a100-80gb-sxm', chunk, uncapped: saturationChunk(cm) }));
    expect(chunk).toBeLessThanOrEqual(ctx);
    expect(rate(chunk)).toBeGreaterThanOrEqual(0.9 * rate(ctx));
    if (chunk > 64) expect(rate(chunk / 2)).toBeLessThan(0.9 * rate(ctx));
  });

  it('a long-context model keeps the 16k plateau', () => {
    const cm = instanceOf(env, 'nvidia-h100-sxm', 'meta-llama/Llama-3.1-8B').cm;
    expect(saturationChunk(cm, factsOf(env, 'meta-llama/Llama-3.1-8B').maxContext)).toBe(saturationChunk(cm));
  });
});
