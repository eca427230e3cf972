import { it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { readTrace } from '../../../main/services/traces';
import { loadGpuCatalog, loadModelCatalog } from '../../../main/services/seed';
import { catalogEnv } from '../../../main/sim/scenarios/env';
import { runAllScenarios } from '../../../main/sim/scenarios/reproductions';
it('repro', () => {
  const env = catalogEnv(loadGpuCatalog('assets'), loadModelCatalog('assets'));
  const tr = readTrace(readFileSync('assets/traces/AzureLLMInferenceTrace_conv.csv', 'utf8'), 'AzureLLMInferenceTrace_conv.csv');
  const t = performance.now();
  const rows = runAllScenarios(env, { arrivalS: tr.arrivalS, inputTokens: tr.inputTokens, outputTokens: tr.outputTokens });
  writeFileSync('/tmp/repro.json', JSON.stringify({ ms: performance.now() - t, rows }, null, 1));
}, 600000);
