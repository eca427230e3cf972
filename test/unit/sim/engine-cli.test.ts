// `fleetplan simulate` through its run(args, io), reading the real catalog and trace assets.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { run } from '../../../main/cli/simulate';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), readFile: (p) => readFile(p, 'utf8') });
  return { code, out, err };
}

const BASE = ['--gpu', 'nvidia-h100-sxm', '--count', '2', '--model', 'meta-llama/Llama-3.1-8B'];

describe('fleetplan simulate', () => {
  it('runs a closed loop and prints the metrics as JSON', async () => {
    const r = await cli([...BASE, '--closed-loop', '8', '--isl', '512', '--osl', '64', '--requests', '40', '--slo', 'ttft_p99=2s,tbt_p99=100ms', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.summary.completed).toBe(40);
    expect(j.workload).toEqual({ kind: 'closed-loop', users: 8, requests: 40, thinkS: 0 });
    expect(j.summary.slo.targets.ttftP99S).toBe(2);
    expect(j.summary.ttft.p50).toBeGreaterThan(0);
    expect(j.summary.cost.usdPerMOutputTokens).toBeGreaterThan(j.summary.cost.usdPerMInputTokens);
  });

  it('replays a trace file and samples a rate workload from a trace', async () => {
    const trace = await cli([...BASE, '--workload', 'assets/traces/AzureLLMInferenceTrace_code.csv', '--rate-scale', '4', '--json']);
    expect(trace.code).toBe(0);
    const t = JSON.parse(trace.out);
    expect(t.workload.kind).toBe('trace');
    expect(t.summary.completed).toBe(t.workload.requests);
    const rate = await cli([...BASE, '--rate', '5', '--requests', '100', '--lengths-from', 'assets/traces/AzureLLMInferenceTrace_conv.csv', '--seed', '3']);
    expect(rate.code).toBe(0);
    expect(rate.out).toMatch(/requests 100\/100 done/);
  });

  it('names the flag in every refusal', async () => {
    const unknown = await cli([...BASE, '--rate', '1', '--isl', '5', '--osl', '5', '--bogus', '1']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown flag --bogus/);
    const missing = await cli([...BASE, '--rate']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--rate needs a value/);
    const bad = await cli(['--gpu', 'nvidia-h100-sxm', '--count', 'two', '--model', 'meta-llama/Llama-3.1-8B', '--rate', '1', '--isl', '5', '--osl', '5']);
    expect(bad.code).toBe(3);
    expect(bad.err).toMatch(/--count: must be an integer/);
    const gpu = await cli(['--gpu', 'nope', '--count', '1', '--model', 'meta-llama/Llama-3.1-8B', '--rate', '1', '--isl', '5', '--osl', '5']);
    expect(gpu.err).toMatch(/--gpu: unknown GPU "nope"/);
    const both = await cli([...BASE, '--rate', '1', '--closed-loop', '2', '--isl', '5', '--osl', '5']);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/exactly one of --workload, --closed-loop or --rate/);
    const lengths = await cli([...BASE, '--rate', '1']);
    expect(lengths.err).toMatch(/--isl and --osl/);
  });

  it('enforces every SLO field it accepts, and names the one missed', async () => {
    const args = [...BASE, '--rate', '4', '--isl', '512', '--osl', '64', '--requests', '60', '--json'];
    const p50 = JSON.parse((await cli([...args, '--slo', 'ttft_p50=1ms'])).out);
    expect(p50.meetsSlo).toBe(false);
    expect(p50.summary.slo.missed).toEqual(['ttftP50S']);
    const e2e = JSON.parse((await cli([...args, '--slo', 'e2e_p99=10ms,tbt_p50=1s'])).out);
    expect(e2e.summary.slo.missed).toEqual(['e2eP99S']);
    const loose = JSON.parse((await cli([...args, '--slo', 'e2e_p99=100s,tbt_p50=1s,ttft_p50=10s'])).out);
    expect(loose.meetsSlo).toBe(true);
    const bad = await cli([...args, '--slo', 'itl_p99=1s']);
    expect(bad.code).toBe(3);
    expect(bad.err).toMatch(/--slo: unknown SLO "itl_p99"/);
  });

  it('prints the scheduler settings it used, and --count counts instances of --tp GPUs', async () => {
    const r = await cli(['--gpu', 'nvidia-h100-sxm', '--count', '2', '--tp', '2', '--model', 'meta-llama/Llama-3.1-8B', '--rate', '2', '--isl', '256', '--osl', '16', '--requests', '20', '--json']);
    const j = JSON.parse(r.out);
    expect(j.gpus).toBe(4);
    expect(j.settings.router).toBe('least-finish');
    expect(j.settings.instances).toEqual([expect.objectContaining({ count: 2, role: 'mixed', tokenBudget: 2048, maxRunning: 256, kvAllocation: 'prompt' })]);
    const t = await cli(['--gpu', 'nvidia-h100-sxm', '--count', '1', '--model', 'meta-llama/Llama-3.1-8B', '--rate', '2', '--isl', '256', '--osl', '16', '--requests', '20', '--token-budget', '512', '--router', 'round-robin']);
    expect(t.out).toMatch(/settings: engine default; router round-robin; 1 × nvidia-h100-sxm TP1 \(mixed\): token budget 512, chunk 512, max running 256/);
    const help = await cli(['--help']);
    expect(help.out).toMatch(/--count N +instances \(each of --tp GPUs/);
  });
});
