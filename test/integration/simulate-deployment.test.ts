// `fleetplan simulate --deployment` replays a deployment exactly as a pinned `fleetplan compare` simulates it:
// the same figures for every strategy, the deployment taken in the form `compare --json` prints it.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';
import { run as compare } from '../../main/cli/compare';
import { run as simulate } from '../../main/cli/simulate';
import type { ComparisonResult, DeploymentPin } from '../../main/sim/search';

async function cli(runner: typeof simulate, args: string[]) {
  let out = '';
  let err = '';
  const code = await runner(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), readFile: (p) => readFile(p, 'utf8') });
  return { code, out, err };
}

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

const common = ['--model', 'meta-llama/Llama-3.1-8B', '--workload', 'assets/traces/AzureLLMInferenceTrace_code.csv', '--seed', '4', '--json'];
const slo = 'ttft_p99=2s,tbt_p99=100ms,e2e_p99=60s';

// One pin per strategy on the shipped sample inventory (H100, A100, L40S and MI300X nodes).
const pins: DeploymentPin[] = [
  { strategy: 'colocated', instances: [{ pool: 'H100 node', gpuTypeId: 'nvidia-h100-sxm', tp: 1, role: 'mixed', count: 1 }, { pool: 'A100 node', gpuTypeId: 'nvidia-a100-80gb-sxm', tp: 2, role: 'mixed', count: 1 }] },
  { strategy: 'nexus', instances: [{ pool: 'H100 node', gpuTypeId: 'nvidia-h100-sxm', tp: 1, role: 'split', count: 2 }] },
  { strategy: 'disaggregated', instances: [{ pool: 'H100 node', gpuTypeId: 'nvidia-h100-sxm', tp: 1, role: 'prefill', count: 1 }, { pool: 'A100 node', gpuTypeId: 'nvidia-a100-80gb-sxm', tp: 1, role: 'decode', count: 2 }] },
  { strategy: 'cronus', instances: [{ pool: 'H100 node', gpuTypeId: 'nvidia-h100-sxm', tp: 1, role: 'mixed', count: 1 }, { pool: 'L40S node', gpuTypeId: 'nvidia-l40s', tp: 1, role: 'partial-prefill', count: 1 }] },
  { strategy: 'pipeline', instances: [{ pool: 'A100 node', gpuTypeId: 'nvidia-a100-80gb-sxm', tp: 1, role: 'stage', count: 1, stage: 0, layers: 20 }, { pool: 'L40S node', gpuTypeId: 'nvidia-l40s', tp: 1, role: 'stage', count: 1, stage: 1, layers: 12 }] },
];

describe('simulate --deployment gives a pinned compare\'s figures', () => {
  it('for all five strategies, with the settings printed by both', async () => {
    const c = await cli(compare, ['--inventory', 'sample', '--slo', slo, '--max-requests', '600', '--pin', JSON.stringify(pins), ...common]);
    expect(c.code).toBe(0);
    const result = JSON.parse(c.out) as ComparisonResult;
    expect(result.strategies.map((o) => o.strategy).sort()).toEqual(pins.map((p) => p.strategy).sort());
    for (const o of result.strategies) {
      const shown = o.pinned!;
      expect(shown.settings, `${o.strategy} prints its settings`).toBeDefined();
      const s = await cli(simulate, ['--inventory', 'sample', '--slo', slo, '--max-requests', '600', '--deployment', JSON.stringify(shown), ...common]);
      expect(s.err, o.strategy).toBe('');
      const j = JSON.parse(s.out);
      expect(j.strategy).toBe(o.strategy);
      expect(j.label).toBe(shown.label);
      expect(j.settings).toEqual(shown.settings);
      expect(j.metrics, `${o.strategy}: simulate and pinned compare`).toEqual(shown.metrics);
      expect(j.meetsSlo).toBe(shown.meetsSlo);
      expect(j.metrics.completed).toBeGreaterThan(0);
    }
  }, 120_000);

  it('with the data folder\'s calibrations: the MI300X\'s shipped one in both, named by both', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const d = ['--data-dir', t.dir];
    const pin: DeploymentPin = { strategy: 'colocated', instances: [{ pool: 'MI300X node', gpuTypeId: 'amd-mi300x', tp: 1, role: 'mixed', count: 1 }] };
    const c = await cli(compare, ['--inventory', 'sample', '--slo', slo, '--max-requests', '300', '--strategies', 'colocated', '--pin', JSON.stringify(pin), ...d, ...common]);
    expect(c.code).toBe(0);
    const result = JSON.parse(c.out) as ComparisonResult;
    const mi300x = result.calibrations!.find((x) => x.gpuTypeId === 'amd-mi300x')!;
    expect(mi300x).toMatchObject({ origin: 'shipped', label: expect.stringMatching(/^calibration #\d+ \(shipped, held-out error \d+\.\d%\)$/) });
    expect(result.calibrations!.find((x) => x.gpuTypeId === 'nvidia-h100-sxm')!.label).toBe('datasheet only');
    const s = await cli(simulate, ['--inventory', 'sample', '--slo', slo, '--max-requests', '300', '--deployment', JSON.stringify(result.strategies[0].pinned), ...d, ...common]);
    expect(s.err).toBe('');
    const j = JSON.parse(s.out);
    expect(j.metrics).toEqual(result.strategies[0].pinned!.metrics);
    expect(j.calibrations.find((x: { gpuTypeId: string }) => x.gpuTypeId === 'amd-mi300x').label).toBe(mi300x.label);
  }, 60_000);

  it('refuses a deployment without its inventory, and names the bad field', async () => {
    const none = await cli(simulate, ['--deployment', JSON.stringify(pins[0]), ...common]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/--deployment needs --inventory/);
    const bad = { ...pins[0], instances: [{ ...pins[0].instances[0], tp: 3 }] };
    const r = await cli(simulate, ['--inventory', 'sample', '--deployment', JSON.stringify(bad), ...common]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/--deployment instances\[0\]\.tp: tensor parallelism 3/);
  });
});
