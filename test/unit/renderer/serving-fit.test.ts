// The Models screen's fit check agrees with what a comparison will do: the same KV tokens as the search's
// cost model, and "too little KV" exactly where the search skips a TP degree.
import { describe, expect, it } from 'vitest';
import type { Pool } from '../../../main/domain';
import { assetsDir } from '../../../main/paths';
import { loadGpuCatalog, loadModelCatalog } from '../../../main/services/seed';
import { buildProvider } from '../../../main/sim/search/provider';
import { fitText } from '../../../renderer/src/features/models/ModelDetail';
import { servingFit } from '../../../renderer/src/features/models/serving-fit';

const h100 = loadGpuCatalog(assetsDir()).find((g) => g.id === 'nvidia-h100-sxm')!;
const models = loadModelCatalog(assetsDir());
const llama70b = models.find((m) => m.id === 'meta-llama/Llama-3.1-70B')!;
const llama2 = models.find((m) => m.id === 'meta-llama/Llama-2-70b-hf')!;
const pool: Pool = {
  name: 'H100', gpuTypeId: h100.id, gpuCount: 8, gpusPerNode: 8, intraNode: { link: 'nvlink', bandwidthGBps: 450 },
  interNode: { link: 'infiniband', bandwidthGBps: 50 }, pricing: { kind: 'hourly', usdPerGpuHour: 3 },
};
const search = buildProvider([pool], [h100], { id: llama70b.id, config: llama70b.config });
const search2 = buildProvider([pool], [h100], { id: llama2.id, config: llama2.config });

describe('serving fit of Llama-3.1-70B on H100', () => {
  it('TP2 leaves no KV once activations and the reserve are counted (the screen used to say "fits" with 1.4 GB), TP4 serves', () => {
    expect(servingFit(h100, llama70b, 1, 1000).verdict).toBe('no');
    expect(servingFit(h100, llama70b, 2, 1000).verdict).toBe('no');
    expect(search.costModel(0, 2)).toBeNull();
    const tp4 = servingFit(h100, llama70b, 4, 1000);
    expect(tp4.verdict).toBe('fits');
    expect(tp4.kvTokens).toBe(Math.floor(search.costModel(0, 4)!.kvCapacityTokens));
    expect(tp4.concurrent).toBeGreaterThan(50);
  });

  it('Llama-2-70B (no GQA) at TP2: weights fit with under 4,096 tokens of KV, which the search skips', () => {
    const thin = servingFit(h100, llama2, 2, 1000);
    expect(thin.verdict).toBe('thin');
    expect(thin.kvTokens).toBeGreaterThan(0);
    expect(search2.costModel(0, 2)).toBeNull();
    expect(search2.costModel(0, 4)).not.toBeNull();
  });

  it('says how many requests of the workload fit, and why a thin fit is skipped', () => {
    const mean = { name: 'Azure code', tokens: 2000 };
    expect(fitText(servingFit(h100, llama2, 2, 2000), 2, mean)).toMatch(/^weights fit, but only [\d,]+ tokens of KV across TP2, about \d+ requests of Azure code's mean 2,000 tokens at once: below the 4,096 a comparison needs/);
    expect(fitText(servingFit(h100, llama70b, 8, 2000), 8, mean)).toMatch(/^fits: [\d,]+ tokens of KV across TP8, about [\d,]+ requests/);
  });
});
