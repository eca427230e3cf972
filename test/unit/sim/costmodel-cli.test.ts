import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { run } from '../../../main/cli/cost';

function io(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out, err,
    io: {
      stdout: (s: string) => out.push(s),
      stderr: (s: string) => err.push(s),
      readFile: async (p: string) => (p in files ? files[p] : readFile(p, 'utf8')),
    },
  };
}

describe('fleetplan cost', () => {
  const cases = JSON.stringify([
    { name: 'prefill 2k', prefill: [{ tokens: 2048 }] },
    { name: 'decode 64x2k', decode: [{ context: 2048, count: 64 }] },
    { name: 'mixed', prefill: [{ tokens: 512, prior: 4096 }], decode: [{ context: 1024, count: 16 }] },
  ]);

  it('prints per-case iteration time and breakdown for catalog ids', async () => {
    const t = io({ 'cases.json': cases });
    const code = await run(['--gpu', 'nvidia-h100-sxm', '--model', 'meta-llama/Llama-3.1-8B', '--cases', 'cases.json'], t.io);
    expect(t.err.join('')).toBe('');
    expect(code).toBe(0);
    const j = JSON.parse(t.out.join(''));
    expect(j.cases).toHaveLength(3);
    for (const c of j.cases) {
      const sum = Object.values(c.breakdownMs as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - c.iterationMs)).toBeLessThan(0.01);
    }
    expect(j.cases[2].batch.prefillKvTokens).toBe(4608);
    expect(j.kvCapacityTokens).toBeGreaterThan(0);
  });

  it('accepts config.json and tp, and reports bad input with its field', async () => {
    const cfg = (await readFile(`${__dirname}/../../../assets/models/catalog.json`, 'utf8'));
    const l70 = JSON.parse(cfg).find((m: { id: string }) => m.id === 'meta-llama/Llama-3.1-70B').config;
    const t = io({ 'cases.json': cases, 'config.json': JSON.stringify(l70) });
    expect(await run(['--gpu', 'nvidia-h100-sxm', '--model', 'config.json', '--tp', '4', '--cases', 'cases.json'], t.io)).toBe(0);
    const bad = io({ 'cases.json': JSON.stringify([{ decode: [{ count: 2 }] }]) });
    expect(await run(['--gpu', 'nvidia-h100-sxm', '--model', 'meta-llama/Llama-3.1-8B', '--cases', 'cases.json'], bad.io)).toBe(3);
    expect(bad.err.join('')).toMatch(/\[0\]\.decode\[0\]\.context/);
    const big = io({ 'cases.json': cases });
    expect(await run(['--gpu', 'nvidia-l4', '--model', 'meta-llama/Llama-3.1-70B', '--cases', 'cases.json'], big.io)).toBe(3);
    expect(big.err.join('')).toMatch(/does not fit/);
    const usage = io({});
    expect(await run(['--gpu', 'nvidia-h100-sxm'], usage.io)).toBe(2);
  });
});
