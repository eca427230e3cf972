import { it } from 'vitest';
import { loadGpuCatalog, loadModelCatalog } from '../../../main/services/seed';
import { catalogEnv, instanceOf } from '../../../main/sim/scenarios/env';
it('mixed', () => {
  const env = catalogEnv(loadGpuCatalog('assets'), loadModelCatalog('assets'));
  const cm = instanceOf(env, 'nvidia-l20', 'Qwen/Qwen2.5-3B').cm;
  const agg = (c: number, prior: number, d: number, ctx: number) => ({ prefillSeqs: c > 0 ? 1 : 0, prefillTokens: c, prefillAttnPairs: c * (prior + (c + 1) / 2), prefillKvTokens: prior + c, decodeSeqs: d, decodeKvTokens: d * ctx });
  for (const [c, prior, d, ctx] of [[2048, 0, 0, 0], [2048, 4000, 0, 0], [0, 0, 20, 6000], [0,0,1,6000], [2048, 4000, 20, 6000], [5900, 0, 0, 0]]) {
    const r = cm.iterationCost(agg(c, prior, d, ctx));
    console.log(c, prior, d, ctx, (r.total * 1000).toFixed(1), JSON.stringify(Object.fromEntries(Object.entries(r.breakdown).map(([k, v]) => [k, +(v * 1000).toFixed(1)]))));
  }
});
