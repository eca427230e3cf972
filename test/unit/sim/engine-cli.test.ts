// `fleetplan simulate` through its run(args, io), reading the real catalog and trace assets.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseSlo, run } from '../../../main/cli/simulate';

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
    expect(j.summary.slo.ttftP99S).toBe(2);
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

  it('parses SLO targets with units', () => {
    expect(parseSlo('ttft_p99=2s,tbt_p99=100ms')).toEqual({ ttftP99S: 2, tbtP99S: 0.1 });
    expect(parseSlo('tbt_p99=250us')).toEqual({ tbtP99S: 0.00025 });
    expect(parseSlo('ttft_p99=1.5')).toEqual({ ttftP99S: 1.5 });
    expect(() => parseSlo('ttft_p50=1s')).toThrow(/ttft_p99=<time>/);
  });
});
