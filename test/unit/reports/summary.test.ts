import { describe, expect, it } from 'vitest';
import { recommendation } from '../../../main/reports/recommendation';
import { chosenDeployment, SUMMARY_COLUMNS, summaryTable } from '../../../main/reports/summary';
import type { ComparisonResult, DeploymentSummary, StrategyOutcome } from '../../../main/sim/search/types';
import type { StrategyId } from '../../../main/sim/strategies/types';

const q = (p50: number, p99: number) => ({ mean: p50, p50, p90: p99, p99 });

function dep(strategy: StrategyId, label: string, usd1M: number, meets: boolean, attain = 1): DeploymentSummary {
  return {
    strategy, label, gpus: 2, usdPerHour: 3, capacityRps: 10, meetsSlo: meets, extra: {},
    metrics: {
      requests: 10, completed: 10, saturated: false, durationS: 5, ttft: q(0.1, 0.4), tbt: q(0.02, 0.05), e2e: q(1, 2), queueing: q(0, 0),
      normalizedLatency: q(0, 0), throughput: { requestsPerS: 2, inputTokensPerS: 100, outputTokensPerS: 50 }, goodputRps: 2,
      sloAttainment: attain, utilization: 0.5, usdPerHour: 3, usdPer1MTokens: usd1M, usdPer1MInputTokens: usd1M / 10,
      usdPer1MOutputTokens: usd1M * 3, joulesPerToken: 0.2,
    },
  };
}

function outcome(strategy: StrategyId, best: DeploymentSummary | null, sims: DeploymentSummary[] = best ? [best] : []): StrategyOutcome {
  return { strategy, enumerated: 5, prunedMemory: 0, prunedCapacity: 0, simulated: sims.length, bestByCost: best, bestByGoodput: best, pareto: sims, simulatedDeployments: sims };
}

function result(strategies: StrategyOutcome[]): ComparisonResult {
  return { model: 'm', slo: { ttftP99S: 2, tbtP99S: 0.1 }, seed: 1, requests: 10, searchRequests: 10, strategies, pareto: [], simulations: 3 };
}

describe('summary table', () => {
  it('one row per strategy, one cell per documented column, numbers at the column\'s precision', () => {
    const r = result([outcome('colocated', dep('colocated', '1×H100 TP1', 0.123456, true)), outcome('nexus', dep('nexus', '2×A100 TP1', 0.5, true))]);
    const t = summaryTable(r);
    expect(t.header).toEqual(SUMMARY_COLUMNS.map((c) => c.key));
    expect(t.rows.map((x) => x[0])).toEqual(['colocated', 'nexus']);
    const at = (row: number, key: string) => t.rows[row][t.header.indexOf(key)];
    expect(at(0, 'usd_per_1m_tokens')).toBe('0.1235');
    expect(at(0, 'tbt_p99_ms')).toBe('50.0');
    expect(at(0, 'ttft_p99_s')).toBe('0.400');
    expect(at(0, 'max_goodput_rps')).toBe('');
    expect(at(1, 'meets_slo')).toBe('yes');
  });

  it('names the calibration of each GPU type the deployment runs on, "datasheet only" where none, and says when a run did not keep them', () => {
    const onH100 = { ...dep('colocated', '1×H100 TP1', 0.1, true), instances: [{ pool: 'a', gpuTypeId: 'nvidia-h100-sxm', tp: 1, role: 'mixed' as const, count: 1 }] };
    const onBoth = { ...dep('disaggregated', 'P:H100 D:MI300X', 0.2, true), instances: [
      { pool: 'a', gpuTypeId: 'nvidia-h100-sxm', tp: 1, role: 'prefill' as const, count: 1 }, { pool: 'b', gpuTypeId: 'amd-mi300x', tp: 1, role: 'decode' as const, count: 1 }] };
    const r = {
      ...result([outcome('colocated', onH100), outcome('disaggregated', onBoth)]),
      calibrations: [
        { gpuTypeId: 'nvidia-h100-sxm', calibrationId: null, origin: null, engine: '', heldOutError: null, label: 'datasheet only', params: null },
        { gpuTypeId: 'amd-mi300x', calibrationId: 7, origin: 'import' as const, engine: 'vllm', heldOutError: 0.041, label: 'calibration #7 (import, vllm, held-out error 4.1%)', params: { computeScale: 0.9, memoryScale: 0.8, hostIterationS: 0.003 } },
      ],
    };
    const t = summaryTable(r);
    const col = t.header.indexOf('calibration');
    expect(t.rows[0][col]).toBe('nvidia-h100-sxm: datasheet only');
    expect(t.rows[1][col]).toBe('nvidia-h100-sxm: datasheet only; amd-mi300x: calibration #7 (import, vllm, held-out error 4.1%)');
    expect(summaryTable(result([outcome('colocated', onH100)])).rows[0][col]).toMatch(/^not recorded/);
  });

  it('names the engine and the scheduler settings; a run stored before them reads empty, one with settings only takes their engine', () => {
    const settings = {
      engine: 'trtllm', router: 'least-finish',
      instances: [{ label: 'H100 TP1', count: 2, role: 'mixed', tokenBudget: 8192, chunkSize: 8192, maxRunning: 2048, kvAllocation: 'prompt', prefillOrder: 'fcfs', decodeAdmission: 'greedy', watermark: 0.01 }],
    };
    const t = summaryTable(result([
      { ...outcome('colocated', { ...dep('colocated', '2×H100 TP1', 0.1, true), settings }), engine: 'trtllm' },
      outcome('nexus', { ...dep('nexus', '2×A100 TP1', 0.5, true), settings: { ...settings, engine: 'sglang' } }),
      outcome('cronus', dep('cronus', '1×H100 TP1 + 1×L40S TP1', 0.5, true)),
    ]));
    const at = (row: number, key: string) => t.rows[row][t.header.indexOf(key)];
    expect([at(0, 'engine'), at(1, 'engine'), at(2, 'engine')]).toEqual(['trtllm', 'sglang', '']);
    expect(at(0, 'engine_name')).toBe('TensorRT-LLM (trtllm-serve, PyTorch backend), versions 0.20 – 1.1');
    expect(at(0, 'scheduler_settings')).toBe('router least-finish; 2 × H100 TP1 (prefill and decode): token budget 8192 tokens per iteration, prefill chunks of at most 8192 tokens, at most 2048 running requests, KV for the whole prompt reserved at admission, 1% of KV kept free, prefill order fcfs, decode admission greedy');
    expect([at(2, 'engine_name'), at(2, 'scheduler_settings')]).toEqual(['', '']);
  });

  it('a strategy without a feasible deployment is shown with its closest one, flagged', () => {
    const close = dep('disaggregated', 'P:1 D:1', 0.3, false, 0.9);
    const far = dep('disaggregated', 'P:1 D:2', 0.2, false, 0.4);
    const o = outcome('disaggregated', null, [far, close]);
    expect(chosenDeployment(o)).toBe(close);
    const t = summaryTable(result([o]));
    expect(t.rows[0][t.header.indexOf('meets_slo')]).toBe('no');
    expect(t.rows[0][t.header.indexOf('deployment')]).toBe('P:1 D:1');
  });

  it('a pinned deployment is reported as it is and labelled pinned, met or missed', () => {
    const missed = dep('colocated', '2×H100 TP4', 0.4, false);
    const o = { ...outcome('colocated', null, [missed]), pinned: missed };
    const t = summaryTable(result([o, outcome('nexus', dep('nexus', '2×A100 TP1', 0.5, true))]));
    expect(t.rows[0][t.header.indexOf('deployment')]).toBe('2×H100 TP4 (pinned)');
    expect(t.rows[0][t.header.indexOf('meets_slo')]).toBe('no');
    expect(t.rows[1][t.header.indexOf('deployment')]).toBe('2×A100 TP1');
  });

  it('recommends the cheapest per token among those meeting the SLOs, and says by how much', () => {
    const r = result([
      outcome('colocated', dep('colocated', 'A', 0.2, true)),
      outcome('nexus', dep('nexus', 'B', 0.1, true)),
      outcome('pipeline', null, [dep('pipeline', 'C', 0.01, false)]),
    ]);
    const rec = recommendation(r)!;
    expect(rec.strategy).toBe('nexus');
    expect(rec.reason).toMatch(/\$0\.1000 per 1M tokens, 50% less than .*Colocated.*\$0\.2000/);
    expect(rec.reason).toMatch(/TTFT P99 400 ms against 2 s \(80% under\) and TBT P99 50 ms against 100 ms \(50% under\)/);
    expect(recommendation(result([outcome('pipeline', null, [dep('pipeline', 'C', 0.01, false)])]))).toBeNull();
  });

  it('a tie at the printed precision goes to the lower TTFT P99, and the reason calls it a tie', () => {
    const slow = dep('colocated', 'A', 0.024701, true);
    const fast = dep('nexus', 'B', 0.024699, true);
    fast.metrics.ttft = q(0.05, 0.09);
    const rec = recommendation(result([outcome('colocated', slow), outcome('nexus', fast)]))!;
    expect(rec.strategy).toBe('nexus');
    expect(rec.reason).toMatch(/\$0\.0247 per 1M tokens, a tie with Colocated .*: the same cost, within the cost model's/);
    expect(rec.tie).toBe(true);
    // 0.0247 is cheaper than 0.247 (no string comparison of costs)
    expect(recommendation(result([outcome('colocated', dep('colocated', 'A', 0.247, true)), outcome('nexus', dep('nexus', 'B', 0.0247, true))]))!.strategy).toBe('nexus');
  });
});
