import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../main/cli';
import { openDatabase } from '../../db';
import { serializeInventory } from '../../main/services/inventory-file';
import { samplePools } from '../../main/services/seed';
import { assetsDir } from '../../main/paths';
import { tempDir } from '../helpers/tmp';

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), readFile: (p) => readFile(p, 'utf8') });
  return { code, stdout, stderr };
}

function dir() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('fleetplan CLI', () => {
  it('prints help, and usage errors exit 2', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/compare .*\n.*simulate|import/s);
    expect((await cli([])).code).toBe(2);
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('imports a trace and an inventory into a data folder; bad input exits 3 naming the line', async () => {
    const d = dir();
    const trace = await cli(['import', 'trace', 'assets/traces/AzureLLMInferenceTrace_code.csv', '--name', 'code', '--data-dir', d]);
    expect(trace.code).toBe(0);
    expect(JSON.parse(trace.stdout)).toMatchObject({ name: 'code', requests: 8819, format: 'azure-2023' });
    const inv = join(d, 'fleet.yaml');
    writeFileSync(inv, serializeInventory({ name: 'Fleet', notes: '', pools: samplePools() }, 'yaml'));
    expect((await cli(['import', 'inventory', inv, '--data-dir', d])).code).toBe(0);
    const bad = join(d, 'bad.csv');
    writeFileSync(bad, 'TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9,10,5\n2023-11-16 18:17:04.0,10,-5\n');
    const r = await cli(['import', 'trace', bad, '--data-dir', d]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/bad\.csv, line 3: GeneratedTokens: "-5" is not a positive whole number/);
    const db = openDatabase(join(d, 'fleetplan.sqlite'));
    expect(db.prepare("SELECT name FROM workloads WHERE builtin = 0").pluck().all()).toEqual(['code']);
    expect(db.prepare("SELECT name FROM inventories ORDER BY id").pluck().all()).toEqual(['Sample mixed fleet', 'Fleet']);
    db.close();
  });

  it('compares strategies for an inventory file, a catalog model and a trace (JSON)', async () => {
    const d = dir();
    const inv = join(d, 'fleet.json');
    writeFileSync(inv, serializeInventory({ name: 'Fleet', notes: '', pools: samplePools().slice(0, 2) }, 'json'));
    const args = ['compare', '--inventory', inv, '--model', 'meta-llama/Llama-3.1-8B', '--workload', 'assets/traces/AzureLLMInferenceTrace_conv.csv',
      '--slo', 'ttft_p99=2s,tbt_p99=100ms', '--strategies', 'colocated,disaggregated', '--max-requests', '300', '--json'];
    const r = await cli(args);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.strategies.map((s: { strategy: string }) => s.strategy)).toEqual(['colocated', 'disaggregated']);
    expect(out.requests).toBe(300);
    expect(out.slo).toEqual({ ttftP99S: 2, tbtP99S: 0.1 });
    expect(r.stderr).toMatch(/compared 2 strategies/);
    // Same inputs, same seed: the same answer.
    expect(JSON.parse((await cli(args)).stdout)).toEqual(out);
    const bad = await cli(['compare', '--inventory', inv, '--model', 'x/y', '--workload', 'assets/traces/AzureLLMInferenceTrace_conv.csv']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/"x\/y" is not in the model catalog/);
  });

  it('compares on a stored closed-loop workload named by name or id', async () => {
    const d = dir();
    const { openAppDatabase } = await import('../../main/services/seed');
    const { insertWorkload } = await import('../../db/queries/workloads');
    const db = openAppDatabase(d, 'assets');
    const closedLoop = { users: 16, thinkTimeS: 0.5, think: 'fixed' as const, requests: 200, lengths: { kind: 'fixed' as const, input: 600, output: 120 }, seed: 1 };
    const id = insertWorkload(db, { name: 'sixteen users', sourceFormat: 'synthetic', closedLoop },
      { arrivalS: new Float64Array(200), inputTokens: new Int32Array(200).fill(600), outputTokens: new Int32Array(200).fill(120), prefixHashes: null }, 'now');
    db.close();
    const base = ['compare', '--inventory', 'sample', '--model', 'meta-llama/Llama-3.1-8B', '--strategies', 'colocated', '--data-dir', d];
    const byName = await cli([...base, '--workload', 'sixteen users', '--json']);
    expect(byName.code, byName.stderr).toBe(0);
    const out = JSON.parse(byName.stdout);
    expect(out.closedLoop).toEqual({ users: 16, thinkTimeS: 0.5, think: 'fixed' });
    expect(out.requests).toBe(200);
    expect(out.strategies[0].simulatedDeployments.every((x: { rateSweep?: unknown }) => x.rateSweep === undefined)).toBe(true);
    expect(JSON.parse((await cli([...base, '--workload', String(id), '--json'])).stdout)).toEqual(out);
    expect((await cli([...base, '--workload', String(id)])).stdout).toMatch(/closed loop: 16 users, think 0.5 s/);
    const missing = await cli([...base, '--workload', 'nobody']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/"nobody" is neither a trace file nor a workload id or name/);
  });

  it('compare --pin keeps a deployment fixed (inline JSON or a file) and refuses a pin that does not fit', async () => {
    const d = dir();
    const inv = join(d, 'fleet.json');
    writeFileSync(inv, serializeInventory({ name: 'Fleet', notes: '', pools: samplePools().slice(0, 2) }, 'json'));
    const base = ['compare', '--inventory', inv, '--model', 'meta-llama/Llama-3.1-8B', '--workload', 'assets/traces/AzureLLMInferenceTrace_conv.csv',
      '--strategies', 'colocated,disaggregated', '--max-requests', '200'];
    const pin = { strategy: 'colocated', instances: [{ pool: 'H100 node', gpuTypeId: 'nvidia-h100-sxm', tp: 4, role: 'mixed', count: 2 }] };
    const inline = await cli([...base, '--pin', JSON.stringify(pin), '--json']);
    expect(inline.code, inline.stderr).toBe(0);
    const out = JSON.parse(inline.stdout);
    const colocated = out.strategies.find((s: { strategy: string }) => s.strategy === 'colocated');
    expect(colocated.pinned.instances).toEqual(pin.instances);
    expect(colocated.simulated).toBe(1);
    expect(out.strategies.find((s: { strategy: string }) => s.strategy === 'disaggregated').pinned).toBeUndefined();
    const file = join(d, 'pin.json');
    writeFileSync(file, JSON.stringify([pin]));
    const fromFile = await cli([...base, '--pin', file]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toMatch(/colocated .*\(pinned/);

    const tooMany = await cli([...base, '--pin', JSON.stringify({ ...pin, instances: [{ ...pin.instances[0], count: 3 }] })]);
    expect(tooMany.code).toBe(3);
    expect(tooMany.stderr).toMatch(/--pin instances\[0\]\.count: pool "H100 node" has 8 GPUs, the pinned deployment needs 12/);
    const wrongPool = await cli([...base, '--pin', JSON.stringify({ ...pin, instances: [{ ...pin.instances[0], pool: 'H200 node' }] })]);
    expect(wrongPool.stderr).toMatch(/--pin instances\[0\]\.pool: no pool named "H200 node"/);
    const zero = await cli([...base, '--pin', JSON.stringify({ ...pin, instances: [{ ...pin.instances[0], count: 0 }] })]);
    expect(zero.code).toBe(3);
    expect(zero.stderr).toMatch(/--pin instances\[0\]\.count: must be 1 or more/);
    const notJson = await cli([...base, '--pin', '{strategy: colocated']);
    expect(notJson.stderr).toMatch(/--pin: not valid JSON/);
    const notCompared = await cli([...base, '--pin', JSON.stringify({ ...pin, strategy: 'nexus', instances: [{ ...pin.instances[0], role: 'split' }] })]);
    expect(notCompared.stderr).toMatch(/"nexus" is pinned but not among the strategies compared/);
  });
});

// `fleetplan calibrate` end to end: import a measurement file into a data folder, list it, revert it; a bad
// file exits 3 naming file, line and field, and leaves the list as it was.
describe('fleetplan calibrate', () => {
  it('imports, lists and reverts a calibration; a bad file exits 3 and stores nothing', async () => {
    const data = dir();
    const d = ['--data-dir', data];
    const file = join(assetsDir(), 'calibration/measured/h200_iteration.csv');

    const imported = await cli(['calibrate', 'import', file, '--gpu', 'nvidia-h200-sxm', '--holdout-fraction', '0.3', ...d]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const id = /^calibration #(\d+) for nvidia-h200-sxm, now active/.exec(imported.stdout)?.[1];
    expect(id).toBeDefined();
    const median = (label: string) => Number(new RegExp(`${label} +n= *\\d+ +median +([\\d.]+)%`).exec(imported.stdout)?.[1]);
    expect(median('after, held out')).toBeLessThan(median('before, held out'));

    const listed = await cli(['calibrate', 'list', '--gpu', 'nvidia-h200-sxm', ...d]);
    expect(listed.stdout).toMatch(new RegExp(`^#${id}\tnvidia-h200-sxm\t\\(any engine\\)\timport\tactive\t`, 'm'));

    const bad = join(data, 'bad.csv');
    writeFileSync(bad, (await readFile(file, 'utf8')).replace('prefill-256,256@0,0,0,9.4908', 'prefill-256,256@0,0,0,fast'));
    const refused = await cli(['calibrate', 'import', bad, '--gpu', 'nvidia-h200-sxm', ...d]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toBe('fleetplan calibrate: bad.csv, line 4: ms: must be a positive number, got "fast"\n');
    expect((await cli(['calibrate', 'list', '--gpu', 'nvidia-h200-sxm', ...d])).stdout).toBe(listed.stdout);

    const reverted = await cli(['calibrate', 'revert', '--gpu', 'nvidia-h200-sxm', ...d]);
    expect(reverted.stdout).toMatch(/no calibration active/);
    expect((await cli(['calibrate', 'list', '--gpu', 'nvidia-h200-sxm', ...d])).stdout).toMatch(new RegExp(`^#${id}\t.*\timport\t-\t`, 'm'));

    // An import for one engine is reverted too when no --engine is given (it would still apply to engine-less runs).
    expect((await cli(['calibrate', 'import', file, '--gpu', 'nvidia-h200-sxm', '--engine', 'vllm', ...d])).code).toBe(0);
    expect((await cli(['calibrate', 'revert', '--gpu', 'nvidia-h200-sxm', ...d])).stdout).toMatch(/no calibration active/);
    expect((await cli(['calibrate', 'list', '--gpu', 'nvidia-h200-sxm', ...d])).stdout).not.toMatch(/\tactive\t/);

    expect((await cli(['calibrate', 'import', file, ...d])).code).toBe(2); // --gpu is required
  });
});

// `fleetplan cost` applies the data folder's selected calibration, as compare does, and names it.
describe('fleetplan cost with calibrations', () => {
  it('runs datasheet only in a fresh folder, then with the imported H200 calibration, naming it; the figures change', async () => {
    const data = dir();
    const d = ['--data-dir', data];
    const cases = join(__dirname, '../fixtures/cases.json');
    const cost = async () => {
      const r = await cli(['cost', '--gpu', 'nvidia-h200-sxm', '--model', 'meta-llama/Llama-3.1-8B', '--cases', cases, ...d]);
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as { calibration: string; cases: { iterationMs: number }[] };
    };
    const before = await cost();
    expect(before.calibration).toBe('datasheet only');
    const file = join(assetsDir(), 'calibration/measured/h200_iteration.csv');
    const imported = await cli(['calibrate', 'import', file, '--gpu', 'nvidia-h200-sxm', ...d]);
    const id = /^calibration #(\d+)/.exec(imported.stdout)?.[1];
    const after = await cost();
    expect(after.calibration).toMatch(new RegExp(`^calibration #${id} \\(import, held-out error \\d+\\.\\d%\\)$`));
    expect(after.cases.map((c) => c.iterationMs)).not.toEqual(before.cases.map((c) => c.iterationMs));
    const bad = await cli(['cost', '--gpu', 'nvidia-h200-sxm', '--model', 'meta-llama/Llama-3.1-8B', '--cases', cases, '--engine', 'nope', ...d]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/--engine: must be one of default, vllm-v1/);
  });
});
