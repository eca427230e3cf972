import { it } from 'vitest';
import { loadGpuCatalog, loadModelCatalog } from '../../../main/services/seed';
import { catalogEnv, instanceOf } from '../../../main/sim/scenarios/env';
import { mixtureWorkload, NEXUS_TABLE1 } from '../../../main/sim/scenarios/workloads';
import { simulateColocated } from '../../../main/sim/strategies/colocated';
import { simulateNexus } from '../../../main/sim/strategies/nexus';
import { modelFacts } from '../../../main/sim/search/provider';
it('nexus', () => {
  const env = catalogEnv(loadGpuCatalog('assets'), loadModelCatalog('assets'));
  for (const [model, parts] of [['Qwen/Qwen2.5-3B', [{ data: NEXUS_TABLE1.longData, weight: 1 }]], ['meta-llama/Llama-3.1-8B', [{ data: NEXUS_TABLE1.sharegpt, weight: 0.6 }, { data: NEXUS_TABLE1.longData, weight: 0.4 }]]] as const) {
    const inst = instanceOf(env, 'nvidia-l20', model);
    const facts = modelFacts(env.model(model));
    console.log(model, 'kvcap', inst.cm.kvCapacityTokens);
    for (const rate of [0.5, 1, 1.5, 2, 2.5, 3, 4, 5]) {
      const w = mixtureWorkload(parts as never, 500, rate, 7);
      const slo = { ttftP99S: 1e9, tbtP99S: 1e9 };
      const c = simulateColocated({ strategy: 'colocated', instances: [inst] }, w, { slo, seed: 1 });
      const n = simulateNexus({ strategy: 'nexus', instances: [inst], weightBytes: facts.weightBytes, hbmBytesPerS: [864e9] }, w, { slo, seed: 1 });
      const f = (r: typeof c) => `ttft ${r.metrics.ttft.mean.toFixed(2)}/${r.metrics.ttft.p90.toFixed(2)} tbt ${(r.metrics.tbt.mean*1000).toFixed(0)}/${(r.metrics.tbt.p99*1000).toFixed(0)} norm ${r.metrics.normalizedLatency.mean.toFixed(3)} sat ${r.metrics.saturated}`;
      console.log(rate, 'COLO', f(c), '| NEXUS', f(n), 'share', n.extra.meanPrefillShare.toFixed(0));
    }
  }
}, 300000);
