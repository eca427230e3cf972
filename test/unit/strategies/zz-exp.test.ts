import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readTrace } from '../../../main/services/traces';
import { simulateColocated } from '../../../main/sim/strategies/colocated';
import { simulateNexus } from '../../../main/sim/strategies/nexus';
import { simulateDisaggregated } from '../../../main/sim/strategies/disaggregated';
import { H100, A100, stubInstance, LLAMA8B } from './fixtures';
const slo = { ttftP99S: 2, tbtP99S: 0.1 };
const M70 = { params: 70e9, layers: 80, hidden: 8192, kvBytesPerToken: 327680 };
it('speed', () => {
  const tr = readTrace(readFileSync('assets/traces/AzureLLMInferenceTrace_conv.csv', 'utf8'), 'AzureLLMInferenceTrace_conv.csv');
  const t0 = tr.arrivalS[0];
  const w = { arrivalS: tr.arrivalS.map((x) => x - t0), inputTokens: tr.inputTokens, outputTokens: tr.outputTokens };
  console.log('n', w.arrivalS.length, 'span', w.arrivalS[w.arrivalS.length - 1]);
  for (const k of [1, 2, 4]) {
    const inst = Array.from({ length: k }, () => stubInstance(H100, M70, 4));
    let s = performance.now();
    const r = simulateColocated({ strategy: 'colocated', instances: inst }, w, { slo, seed: 1 });
    console.log('colo', k, (performance.now() - s).toFixed(0), 'ms', r.extra.iterations, r.metrics.ttft.p99.toFixed(3), r.metrics.tbt.p99.toFixed(3), r.metrics.saturated);
    s = performance.now();
    const nx = simulateNexus({ strategy: 'nexus', instances: inst, weightBytes: 140e9, hbmBytesPerS: inst.map(() => 4 * 3.35e12) }, w, { slo, seed: 1 });
    console.log('nexus', k, (performance.now() - s).toFixed(0), 'ms', nx.metrics.ttft.p99.toFixed(3), nx.metrics.tbt.p99.toFixed(3), nx.metrics.saturated, nx.extra.controllerRuns);
  }
});
