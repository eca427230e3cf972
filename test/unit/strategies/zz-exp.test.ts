import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readTrace } from '../../../main/services/traces';
import { loadGpuCatalog, loadModelCatalog } from '../../../main/services/seed';
import { catalogEnv } from '../../../main/sim/scenarios/env';
import { runCronusScenario, runTetriScenario } from '../../../main/sim/scenarios/reproductions';
it('repro', () => {
  const env = catalogEnv(loadGpuCatalog('assets'), loadModelCatalog('assets'));
  const tr = readTrace(readFileSync('assets/traces/AzureLLMInferenceTrace_conv.csv', 'utf8'), 'AzureLLMInferenceTrace_conv.csv');
  const az = { arrivalS: tr.arrivalS, inputTokens: tr.inputTokens, outputTokens: tr.outputTokens };
  let t = performance.now();
  for (const r of [...runCronusScenario(env, 'nvidia-a10', az), ...runCronusScenario(env, 'nvidia-a30', az)]) console.log('ROW', r.scenario, '|', r.metric, '|', r.fleetplan.toFixed(3), r.baseline.toFixed(3), r.fleetplanValue, '|', r.holds);
  console.log('ROW cronus ms', performance.now() - t); t = performance.now();
  for (const r of [...runTetriScenario(env, 'HPLD'), ...runTetriScenario(env, 'LPHD')]) console.log('ROW', r.scenario, '|', r.metric, '|', r.fleetplan.toFixed(3), r.baseline.toFixed(3), r.fleetplanValue, '|', r.holds);
  console.log('ROW tetri ms', performance.now() - t);
}, 600000);
