// The papers' directions, on the calibrated cost model. Only directions fleetplan reproduces are asserted;
// the misses (Nexus throughput and mean TTFT, TetriInfer vs chunked-prefill colocated) are reported, with
// their magnitudes and reasons, in docs/model.md §6.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGpuCatalog, loadModelCatalog } from '../../../main/services/seed';
import { readTrace } from '../../../main/services/traces';
import { catalogEnv } from '../../../main/sim/scenarios/env';
import { runAllScenarios } from '../../../main/sim/scenarios/reproductions';
import { NEXUS_TABLE1, mixtureWorkload } from '../../../main/sim/scenarios/workloads';

const env = catalogEnv(loadGpuCatalog('assets'), loadModelCatalog('assets'));
const file = 'AzureLLMInferenceTrace_conv.csv';
const trace = readTrace(readFileSync(`assets/traces/${file}`, 'utf8'), file);
const azure = { arrivalS: trace.arrivalS, inputTokens: trace.inputTokens, outputTokens: trace.outputTokens };

describe('scenario workloads', () => {
  it('Table 1 synthesis lands near the published means (ShareGPT output ~15% low, see workloads.ts)', () => {
    for (const d of Object.values(NEXUS_TABLE1)) {
      const w = mixtureWorkload([{ data: d, weight: 1 }], 20000, 1, 3);
      const mean = (a: Int32Array) => a.reduce((s, x) => s + x, 0) / a.length;
      expect(Math.abs(mean(w.inputTokens) / d.input.mean - 1)).toBeLessThan(0.05);
      expect(Math.abs(mean(w.outputTokens) / d.output.mean - 1)).toBeLessThan(d === NEXUS_TABLE1.sharegpt ? 0.17 : 0.05);
    }
  });
});

// The same runs as docs/model.md §6's table (runAllScenarios' request counts), so the directions asserted
// here are exactly the rows the table marks as holding. The Nexus Llama-3.1-8B mixed TBT, a miss (0.98×) under the
// old overlapping-partition κ, holds (3.5×) with the demand-based contention on disjoint partitions; the Cronus margins over DP are thin (2–3%) except A30's TTFT. docs/model.md §6.
const rows = runAllScenarios(env, azure);
const row = (scenario: string, m: string) => rows.find((r) => r.scenario === scenario && r.metric.startsWith(m))!;

for (const low of ['a10', 'a30'] as const) {
  const id = `cronus-a100-${low}`;
  describe(`Cronus on A100 + ${low.toUpperCase()}, Llama-3-8B, Azure conversation trace`, () => {
    const held = ['TTFT P99 vs DP', 'TTFT P99 vs PP', 'TBT P99 vs PP', 'TBT P99 vs DP'];
    it(`${held.join(', ')}: Cronus lower`, () => {
      for (const m of held) expect(row(id, m).fleetplan, m).toBeLessThan(row(id, m).baseline);
    });
    it('higher max throughput than disaggregated L-H, and no less than 80% of DP', () => {
      expect(row(id, 'max rate at SLO vs Disagg L-H').fleetplan).toBeGreaterThan(row(id, 'max rate at SLO vs Disagg L-H').baseline);
      expect(row(id, 'max rate at SLO vs DP').fleetplan).toBeGreaterThanOrEqual(0.8 * row(id, 'max rate at SLO vs DP').baseline);
    });
  });
}

describe('Nexus on one L20 against vLLM V1 0.8.1 serve defaults', () => {
  // Only TBT holds. Max rate (0.80× and 0.67× of vLLM) and mean TTFT miss: on these long-prompt workloads the
  // prefill side, on ~57% of the SMs next to decode, runs at ~0.57 of the whole GPU's prefill rate, where
  // vLLM's mixed batches give prefill every SM (docs/model.md §6, "Why the misses").
  for (const id of ['nexus-qwen3b-longdata', 'nexus-llama8b-mixed']) {
    it(`decode isolated from prefill: lower mean TBT than colocated (${id})`, () => {
      const tbt = row(id, 'mean TBT');
      expect(tbt.fleetplan).toBeLessThan(tbt.baseline);
      expect(tbt.holds).toBe(true);
    });
  }
});

describe('TetriInfer on four A100s, OPT-13B', () => {
  it('heavy decode: colocated serving needs more than TetriInfer\'s four GPUs to match its mean TTFT', () => {
    const r = row('tetriinfer-LPHD', 'colocated GPUs');
    expect(r.baseline).toBeGreaterThan(r.fleetplan);
    expect(r.holds).toBe(true);
  });
});

describe('multi-vendor P/D (fleetplan\'s setup: the paper\'s was not found)', () => {
  it('the joint search of parallelism and counts is cheaper per token than a fixed 1:1 P:D ratio at every rate', () => {
    const joint = rows.filter((r) => r.scenario.startsWith('mvpd-joint'));
    expect(joint.length).toBeGreaterThan(0);
    for (const r of joint) expect(r.fleetplan, r.metric).toBeLessThan(r.baseline);
  });
  it('H100 prefill + MI300X decode sustains more goodput than all-H100 at the same hourly price', () => {
    const r = row('mvpd-hetero-vs-nvidia-h100-sxm', 'max goodput');
    expect(r.fleetplan).toBeGreaterThan(r.baseline);
  });
});

describe('the table flags what it shows', () => {
  it('every row says whether its direction holds, consistently with its numbers', () => {
    const cronusLower = rows.filter((r) => r.scenario.startsWith('cronus') && r.metric.includes('P99'));
    for (const r of cronusLower) expect(r.holds, `${r.scenario} ${r.metric}`).toBe(r.fleetplan < r.baseline);
  });
});
