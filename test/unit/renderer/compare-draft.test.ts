import { describe, expect, it } from 'vitest';
import { presetFromDraft } from '../../../renderer/src/features/compare/preset';

const choices = {
  inventories: [{ id: 7, name: 'Fleet', poolCount: 1, gpuCount: 8, updatedAt: '' }],
  models: [{ id: 'org/M', name: 'M', builtin: true, config: {} }],
  workloads: [{ id: 3, name: 'Trace', sourceFormat: 'x', requestCount: 1, durationS: 1, meanInputTokens: 1, meanOutputTokens: 1, attribution: null, createdAt: '' }],
};

describe('the Compare form draft', () => {
  it('comes back as it was set, for the run it was set over', () => {
    const d = presetFromDraft({ runId: 12, values: { inventoryId: 7, modelId: 'org/M', workloadId: 3, slo: { ttftP99: { value: '1.5', unit: 's' }, tbtP99: { value: '80', unit: 'ms' } }, strategies: ['nexus', 'colocated'], seed: '7', maxRequests: '123', engine: 'sglang', strategyEngines: { nexus: 'vllm-v1' } } }, choices);
    expect(d).toEqual({ runId: 12, values: { inventoryId: 7, modelId: 'org/M', workloadId: 3, slo: { ttftP99: { value: '1.5', unit: 's' }, tbtP99: { value: '80', unit: 'ms' } }, strategies: ['colocated', 'nexus'], seed: '7', maxRequests: '123', engine: 'sglang', strategyEngines: { nexus: 'vllm-v1' } } });
  });

  it('drops what no longer exists or has the wrong shape, and refuses what is not a draft', () => {
    const d = presetFromDraft({ values: { inventoryId: 99, modelId: 'gone/M', workloadId: 3, slo: { ttftP99: 2 }, strategies: ['bogus'], seed: 4, engine: 'vllm-v9', strategyEngines: { bogus: 'sglang' } } }, choices);
    expect(d).toEqual({ runId: null, values: { workloadId: 3, strategies: [], strategyEngines: {} } });
    expect(presetFromDraft(null, choices)).toBeNull();
    expect(presetFromDraft('text', choices)).toBeNull();
    expect(presetFromDraft({ runId: 1 }, choices)).toBeNull();
  });
});
