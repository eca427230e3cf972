import { describe, expect, it } from 'vitest';
import type { ComparisonResult, StrategyOutcome } from '../../../main/domain';
import { recommendation } from '../../../main/reports/recommendation';
import { fmtSeconds, recommend } from '../../../renderer/src/features/compare/recommend';
import { dep, outcome } from './compare-fixtures';

const slo = { ttftP99S: 2, tbtP99S: 0.1 };
const comparison = (strategies: StrategyOutcome[]): ComparisonResult =>
  ({ model: 'm', slo, seed: 1, requests: 100, searchRequests: 100, strategies, pareto: [], simulations: strategies.length });

describe('recommend', () => {
  it('picks the cheapest feasible strategy and states its margin over the runner-up', () => {
    const r = recommend(comparison([
      outcome('colocated', [dep('colocated', '4×A TP1', 2, 0.2)]),
      outcome('disaggregated', [dep('disaggregated', 'prefill 1×A TP1 | decode 1×B TP1', 1.5, 0.3)]),
      outcome('nexus', [dep('nexus', 'N', 0.5, 9, false)]),
    ]));
    expect(r.strategy).toBe('disaggregated');
    expect(r.deployment?.label).toBe('prefill 1×A TP1 | decode 1×B TP1');
    expect(r.sentence).toContain('Prefill/decode disaggregation');
    expect(r.sentence).toContain('25% less than');
    expect(r.sentence).toContain('Colocated (data parallel, chunked prefill)');
    expect(r.sentence).toMatch(/against 2 s.*against 100 ms/);
  });

  it('says when only one strategy met the SLOs', () => {
    const r = recommend(comparison([outcome('colocated', [dep('colocated', 'A', 1, 0.1)]), outcome('nexus', [dep('nexus', 'N', 0.5, 9, false)])]));
    expect(r.strategy).toBe('colocated');
    expect(r.sentence).toMatch(/only strategy/);
  });

  it('says what to do when nothing met the SLOs', () => {
    const r = recommend(comparison([outcome('nexus', [dep('nexus', 'N', 0.5, 9, false)])]));
    expect(r.strategy).toBeNull();
    expect(r.sentence).toMatch(/No strategy met TTFT P99 ≤ 2 s and TBT P99 ≤ 100 ms/);
  });

  it('agrees with the PDF report, ties included: equal cost goes to the lower TTFT P99', () => {
    const tie = comparison([
      outcome('colocated', [dep('colocated', 'A', 1, 0.4)]),
      outcome('cronus', [dep('cronus', 'C', 1, 0.2)]),
      outcome('pipeline', [dep('pipeline', 'P', 3, 0.1)]),
    ]);
    const r = recommend(tie);
    expect(r.strategy).toBe('cronus');
    expect(r.strategy).toBe(recommendation(tie)!.strategy);
    expect(r.sentence).toBe(recommendation(tie)!.reason);
  });
});

describe('fmtSeconds', () => {
  it('uses ms below a second', () => {
    expect(fmtSeconds(0.1)).toBe('100 ms');
    expect(fmtSeconds(2)).toBe('2 s');
  });
});

describe('STRATEGY_LABELS', () => {
  it('matches the contract’s labels and order', async () => {
    const contract = await import('../../../main/domain/comparison');
    const mine = await import('../../../renderer/src/features/compare/recommend');
    expect(mine.STRATEGY_LABELS).toEqual(contract.STRATEGY_LABELS);
    expect(mine.STRATEGY_IDS).toEqual([...contract.STRATEGY_IDS]);
  });
});

describe('sloFromDraft', () => {
  it('converts ms and s to seconds and leaves blanks unenforced', async () => {
    const { sloFromDraft } = await import('../../../renderer/src/features/compare/slo-input');
    expect(sloFromDraft({ ttftP99: { value: '1.5', unit: 's' }, tbtP99: { value: '80', unit: 'ms' } })).toEqual({ slo: { ttftP99S: 1.5, tbtP99S: 0.08 } });
    expect(sloFromDraft({ ttftP99: { value: '', unit: 's' }, tbtP99: { value: '80', unit: 'ms' } })).toEqual({ slo: { tbtP99S: 0.08 } });
    expect(sloFromDraft({ ttftP99: { value: '-1', unit: 's' }, tbtP99: { value: '', unit: 'ms' } })).toMatchObject({ field: 'ttftP99' });
    expect(sloFromDraft({ ttftP99: { value: 'abc', unit: 's' }, tbtP99: { value: '', unit: 'ms' } })).toMatchObject({ field: 'ttftP99' });
  });
});

describe('presetFromRun', () => {
  it('reads a run’s scenario back into form values, matching inventory and workload by name', async () => {
    const { presetFromRun } = await import('../../../renderer/src/features/compare/preset');
    const choices = {
      inventories: [{ id: 7, name: 'Fleet', poolCount: 1, gpuCount: 8, updatedAt: '' }],
      models: [{ id: 'org/M', name: 'M', builtin: true, config: {} }],
      workloads: [{ id: 3, name: 'Trace', sourceFormat: 'x', requestCount: 1, durationS: 1, meanInputTokens: 1, meanOutputTokens: 1, attribution: null, createdAt: '' }],
    };
    const p = presetFromRun({
      inventoryName: 'Fleet', workloadName: 'Trace', modelId: 'org/M',
      scenario: { slo: { ttftP99S: 1.5, tbtP99S: 0.08 }, strategies: ['nexus', 'colocated', 'bogus'], seed: 4 },
    }, choices);
    expect(p).toEqual({
      inventoryId: 7, modelId: 'org/M', workloadId: 3,
      slo: { ttftP99: { value: '1.5', unit: 's' }, tbtP99: { value: '80', unit: 'ms' } },
      strategies: ['colocated', 'nexus'], seed: '4', maxRequests: '', engine: 'default', strategyEngines: {},
    });
    // The engine a run used comes back with it, per comparison and per strategy.
    const engined = presetFromRun({
      inventoryName: 'Fleet', workloadName: 'Trace', modelId: 'org/M',
      scenario: { slo: {}, strategies: ['colocated', 'disaggregated'], seed: 1, engine: 'vllm-v1', strategyEngines: { disaggregated: 'sglang' } },
    }, choices);
    expect(engined).toMatchObject({ engine: 'vllm-v1', strategyEngines: { disaggregated: 'sglang' } });
    expect(presetFromRun({ inventoryName: 'Gone', workloadName: 'Gone', modelId: 'x/y', scenario: {} }, choices).inventoryId).toBeUndefined();
  });
});
