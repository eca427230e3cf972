// The pipeline's iteration time must be a number for every batch the lanes can form: a fractional decode
// micro-batch once read past the cost model's per-count tables and made every PP run NaN.
import { describe, expect, it } from 'vitest';
import { loadGpuCatalog, loadModelCatalog } from '../../../main/services/seed';
import { catalogEnv, factsOf, timingInstanceOf } from '../../../main/sim/scenarios/env';
import { pipelineCostModel, splitLayers } from '../../../main/sim/strategies/pipeline';
import type { TransferPath } from '../../../main/sim/strategies/types';

const env = catalogEnv(loadGpuCatalog('assets'), loadModelCatalog('assets'));
const MODEL = 'meta-llama/Meta-Llama-3-8B';
const pcie: TransferPath = { hops: [{ name: 'pcie4', bytesPerS: 25e9, latencyS: 5e-6 }], storeAndForward: false, convertSPerByte: 0 };

describe('pipeline cost model', () => {
  const facts = factsOf(env, MODEL);
  const hi = timingInstanceOf(env, 'nvidia-a100-80gb-pcie', MODEL);
  const lo = timingInstanceOf(env, 'nvidia-a10', MODEL);
  const usable = (g: string) => env.gpu(g).memoryGb * 1e9 * 0.9 - 4e9;
  const split = splitLayers(facts, [{ cm: hi.cm, usableBytes: usable('nvidia-a100-80gb-pcie') }, { cm: lo.cm, usableBytes: usable('nvidia-a10') }])!;
  const cm = pipelineCostModel(facts, {
    stages: [{ instance: hi, layers: split[0], usableBytes: usable('nvidia-a100-80gb-pcie') }, { instance: lo, layers: split[1], usableBytes: usable('nvidia-a10') }],
    links: [pcie],
  });

  it('gives a finite time for decode batches of any size, growing with the batch', () => {
    let last = 0;
    for (let d = 1; d <= 257; d += 2) {
      const t = cm.iterationSeconds({ prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: d, decodeKvTokens: d * 1000 });
      expect(Number.isFinite(t), `${d} decodes`).toBe(true);
      expect(t).toBeGreaterThanOrEqual(last * 0.999);
      last = t;
    }
  });

  it('a mixed batch takes longer than its decodes alone', () => {
    const decodes = { prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: 33, decodeKvTokens: 33 * 800 };
    const mixed = { ...decodes, prefillSeqs: 1, prefillTokens: 512, prefillAttnPairs: 512 * 256.5, prefillKvTokens: 512 };
    const tm = cm.iterationSeconds(mixed);
    expect(Number.isFinite(tm)).toBe(true);
    expect(tm).toBeGreaterThan(cm.iterationSeconds(decodes));
  });
});
