// A comparison run under a serving-engine profile: every candidate is simulated with it, the stored run and
// its results say which one ran, a scenario file keeps it, the charts' replay uses it, and the figures are
// the engine's (they differ from another profile's where the profiles differ).
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../main/cli';
import { inProcessRunner, inProcessTrace } from '../../main/services/compare-runners';
import type { ComparisonResult } from '../../main/sim/search';
import { cleanupHarnesses, harness } from '../helpers/harness';

afterEach(cleanupHarnesses);

async function cli(command: 'compare' | 'simulate', args: string[]) {
  let out = '';
  let err = '';
  const code = await main([command, ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s), readFile: (p) => readFile(p, 'utf8') });
  return { code, out, err };
}

describe('an engine profile in Compare', () => {
  it('stores and returns the engine, simulates every candidate with it, keeps it in scenario files and changes the figures', async () => {
    const { jobs, call } = harness({ compareRunner: inProcessRunner, traceRunner: inProcessTrace });
    const [inv] = await call('inventory.list', {});
    const conv = (await call('workload.list', {})).find((w) => w.requestCount === 19366)!;
    const request = {
      inventoryId: inv.id, modelId: 'meta-llama/Llama-3.1-8B', workloadId: conv.id, slo: { ttftP99S: 2, tbtP99S: 0.1 },
      strategies: ['colocated' as const, 'disaggregated' as const], seed: 3, maxRequests: 300,
    };
    const runOf = async (req: Parameters<typeof call<'compare.start'>>[1]) => {
      const end = await jobs.settled((await call('compare.start', req)).id);
      expect(end.error).toBeNull();
      return call('run.get', { id: end.result!.runId as number });
    };
    // vLLM V0 runs prompt-only iterations that pause every decode; vLLM V1 mixes chunks into decode batches.
    const v0 = await runOf({ ...request, engine: 'vllm-v0', strategyEngines: { disaggregated: 'sglang' } });
    const v1 = await runOf({ ...request, engine: 'vllm-v1' });
    const plain = await runOf(request);
    expect(v0.scenario).toMatchObject({ engine: 'vllm-v0', strategyEngines: { disaggregated: 'sglang' } });
    expect(plain.scenario).not.toHaveProperty('engine');

    const want = { colocated: 'vllm-v0', disaggregated: 'sglang' } as const;
    for (const o of v0.result!.strategies) {
      expect(o.engine).toBe(want[o.strategy as keyof typeof want]);
      expect(o.simulatedDeployments.length).toBeGreaterThan(0);
      for (const d of o.simulatedDeployments) expect(d.settings!.engine, `${o.strategy}: ${d.label}`).toBe(o.engine);
    }
    for (const o of plain.result!.strategies) {
      expect(o.engine).toBe('default');
      for (const d of o.simulatedDeployments) expect(d.settings!.engine).toBe('default');
    }
    // The same colocated deployment under V0 and V1: different settings and different latencies.
    const co = (r: typeof v0) => r.result!.strategies.find((o) => o.strategy === 'colocated')!;
    const pairs = co(v0).simulatedDeployments.flatMap((a) => {
      const b = co(v1).simulatedDeployments.find((x) => x.label === a.label);
      return b ? [[a, b] as const] : [];
    });
    expect(pairs.length).toBeGreaterThan(0);
    for (const [a, b] of pairs) {
      expect(a.settings!.instances.map((g) => g.kvAllocation)).not.toEqual(b.settings!.instances.map((g) => g.kvAllocation));
      expect(a.metrics, a.label).not.toEqual(b.metrics);
    }
    // Decodes paused behind whole prompts and host work not overlapped: on one pool, V0's token gaps are longer
    // on every deployment. Across unlike pools the router spreads requests differently under each engine
    // (V1's shorter steps make the slow pool look free), so those pairs are not compared.
    const onePool = pairs.filter(([a]) => !a.label.includes('+'));
    expect(onePool.length).toBeGreaterThan(5);
    for (const [a, b] of onePool) expect(a.metrics.tbt.mean, a.label).toBeGreaterThan(b.metrics.tbt.mean);

    // The charts' replay runs the chosen deployment under the run's engine: its tail matches the stored one.
    const chosen = co(v0).bestByCost ?? co(v0).simulatedDeployments[0];
    const trace = (await call('run.trace', { id: v0.id, strategy: 'colocated' }))!;
    expect(trace.ttftCdf[99].x).toBeCloseTo(chosen.metrics.ttft.p99, 1);

    // A scenario file carries the engines; re-importing it gives the same results.
    const file = await call('scenario.export', { runId: v0.id, format: 'yaml', embedWorkload: false });
    expect(file.text).toMatch(/^engine: vllm-v0$/m);
    const again = await jobs.settled((await call('scenario.import', file)).id);
    expect(again.status).toBe('done');
    expect((await call('run.get', { id: again.result!.runId as number })).result).toEqual(v0.result);
  }, 120_000);

  it('refuses an unknown engine, and one given to a strategy not compared, naming the field', async () => {
    const { call } = harness({ compareRunner: inProcessRunner, traceRunner: inProcessTrace });
    const [inv] = await call('inventory.list', {});
    const [w] = await call('workload.list', {});
    const base = { inventoryId: inv.id, modelId: 'meta-llama/Llama-3.1-8B', workloadId: w.id, slo: {}, strategies: ['colocated' as const], seed: 1, maxRequests: 50 };
    await expect(call('compare.start', { ...base, engine: 'vllm-v9' as 'vllm-v1' })).rejects.toMatchObject({
      code: 'invalid_input', message: expect.stringMatching(/must be one of default, vllm-v1, vllm-v0, sglang, trtllm/), location: { field: 'engine' },
    });
    await expect(call('compare.start', { ...base, strategyEngines: { nexus: 'sglang' } })).rejects.toMatchObject({ message: expect.stringMatching(/"nexus" has an engine but is not among the strategies compared/) });
  });

  it('compare --engine and simulate --engine give a pinned deployment the same figures', async () => {
    const pin = { strategy: 'colocated', instances: [{ pool: 'H100 node', gpuTypeId: 'nvidia-h100-sxm', tp: 1, role: 'mixed', count: 2 }] };
    const common = ['--inventory', 'sample', '--model', 'meta-llama/Llama-3.1-8B', '--workload', 'assets/traces/AzureLLMInferenceTrace_code.csv',
      '--max-requests', '400', '--seed', '2', '--slo', 'ttft_p99=2s,tbt_p99=100ms', '--json'];
    const c = await cli('compare', [...common, '--strategies', 'colocated', '--engine', 'trtllm', '--pin', JSON.stringify(pin)]);
    expect(c.code, c.err).toBe(0);
    const shown = (JSON.parse(c.out) as ComparisonResult).strategies[0];
    expect(shown.engine).toBe('trtllm');
    expect(shown.pinned!.settings!.engine).toBe('trtllm');
    const s = await cli('simulate', [...common, '--engine', 'trtllm', '--deployment', JSON.stringify(shown.pinned)]);
    expect(s.err).toBe('');
    const j = JSON.parse(s.out);
    expect(j.settings).toEqual(shown.pinned!.settings);
    expect(j.metrics).toEqual(shown.pinned!.metrics);
    const plain = await cli('compare', [...common, '--strategies', 'colocated', '--pin', JSON.stringify(pin)]);
    expect((JSON.parse(plain.out) as ComparisonResult).strategies[0].pinned!.metrics).not.toEqual(shown.pinned!.metrics);

    const text = await cli('compare', [...common.slice(0, -1), '--strategies', 'colocated,nexus', '--engine', 'sglang,nexus=default', '--pin', JSON.stringify(pin)]);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/^colocated +\[engine sglang\]/m);
    expect(text.out).toMatch(/^nexus +\[engine default\]/m);
    const bad = await cli('compare', [...common, '--engine', 'colocated=vllm']);
    expect(bad.code).toBe(3);
    expect(bad.err).toMatch(/--engine: unknown engine "vllm"/);
    const notCompared = await cli('compare', [...common, '--strategies', 'colocated', '--engine', 'cronus=sglang']);
    expect(notCompared.err).toMatch(/--engine: "cronus" has an engine but is not among the strategies compared/);
  }, 120_000);
});
