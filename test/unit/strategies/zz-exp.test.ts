import { it } from 'vitest';
import { simulateDisaggregated } from '../../../main/sim/strategies/disaggregated';
import { simulateColocated } from '../../../main/sim/strategies/colocated';
import { A100, H100, poissonWorkload, stubInstance } from './fixtures';
const slo = { ttftP99S: 2, tbtP99S: 0.1 };
const nvlink = { hops: [{ name: 'nvlink', bytesPerS: 300e9, latencyS: 5e-6 }], storeAndForward: false, convertSPerByte: 0 };
it('x', () => {
  for (const rate of [5, 10, 20, 30, 40]) {
    const w = poissonWorkload(3000, rate, [1500, 4000], [10, 60], 4);
    const prefill = [stubInstance(H100), stubInstance(H100), stubInstance(A100)];
    for (const tetri of [null, {}]) {
    const d = simulateDisaggregated({ strategy: 'disaggregated', prefill, decode: [stubInstance(A100)], kvPaths: prefill.map(() => [nvlink]), tetri }, w, { slo, seed: 1 });
    console.log(rate, tetri ? 'tetri' : 'pd', d.metrics.ttft.mean.toFixed(3), d.metrics.ttft.p99.toFixed(3), d.metrics.tbt.p99.toFixed(3), d.metrics.saturated, d.extra.prefillChunk);
    }
    const c = simulateColocated({ strategy: 'colocated', instances: [stubInstance(H100), stubInstance(H100), stubInstance(A100), stubInstance(A100)] }, w, { slo, seed: 1 });
    console.log(rate, 'colo', c.metrics.ttft.mean.toFixed(3), c.metrics.ttft.p99.toFixed(3), c.metrics.tbt.p99.toFixed(3), c.metrics.saturated);
  }
});
