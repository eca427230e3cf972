// Imports parsed in a worker thread (issue 14): while a large file is parsed the main thread keeps answering
// other calls, and the worker's readers give the same answers as in-process ones (same columns, same refusal
// with file, line and field, nothing stored). Runs the built worker bundle, as worker-pool.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assetsDir } from '../../main/paths';
import { serializeInventory } from '../../main/services/inventory-file';
import { workerParsers } from '../../main/services/compare-runners';
import { inProcessParsers } from '../../main/services/file-parsers';
import { samplePools } from '../../main/services/seed';
import { createWorkerPool, type WorkerPool } from '../../main/workers/pool';
import { cleanupHarnesses, harness } from '../helpers/harness';

const script = resolve('dist/main/workers/sim.worker.cjs');
let pool: WorkerPool;
beforeAll(() => {
  if (!existsSync(script)) throw new Error(`${script} is missing: run node scripts/build.mjs first`);
  pool = createWorkerPool(script, 1);
});
afterAll(() => pool?.close());
afterEach(cleanupHarnesses);

/** A 40 MB inventory file, valid but for a key the format does not have, holding a 10M-element array. */
function bigInventory(): string {
  const body = JSON.parse(serializeInventory({ name: 'Big', notes: '', pools: samplePools() }, 'json')) as Record<string, unknown>;
  return JSON.stringify(body).replace(/}$/, `,"padding":[${'0,'.repeat(20_000_000)}0]}`);
}

describe('imports parsed off the main thread', () => {
  it('answers app.info while a 40 MB inventory is parsed, then refuses the file by field, storing nothing', async () => {
    const h = harness({ parsers: workerParsers(() => pool) });
    const before = (await h.call('inventory.list', {})).length;
    const text = bigInventory();
    expect(text.length).toBeGreaterThan(40e6);
    let settled = false;
    const imported = h.call('inventory.import', { fileName: 'big.json', text }).finally(() => {
      settled = true;
    });
    const info = await h.call('app.info', {});
    expect(info.name).toBe('fleetplan');
    expect(settled).toBe(false); // it answered before the import finished
    await expect(imported).rejects.toMatchObject({ code: 'invalid_input', location: { file: 'big.json' } });
    expect((await h.call('inventory.list', {})).length).toBe(before);
  });

  it('in the calling thread the same import holds every other call until it is done', async () => {
    const h = harness({ parsers: inProcessParsers });
    let settled = false;
    const imported = h.call('inventory.import', { fileName: 'big.json', text: bigInventory() }).catch(() => undefined).finally(() => {
      settled = true;
    });
    await h.call('app.info', {});
    await imported;
    // The contrast to the test above: nothing else ran while the file was parsed, so the call came after it.
    expect(settled).toBe(true);
  });

  it('a trace parsed in the worker is stored with the same columns as one parsed here; a bad row is refused by line', async () => {
    const file = 'AzureLLMInferenceTrace_code.csv';
    const text = readFileSync(join(assetsDir(), 'traces', file), 'utf8');
    const viaWorker = await workerParsers(() => pool).trace(text, file);
    const here = await inProcessParsers.trace(text, file);
    expect(viaWorker.inputTokens.length).toBe(here.inputTokens.length);
    expect(viaWorker.arrivalS).toEqual(here.arrivalS);
    expect(viaWorker.outputTokens).toEqual(here.outputTokens);

    const h = harness({ parsers: workerParsers(() => pool) });
    const lines = text.split('\n');
    lines[500] = lines[500].replace(/,(\d+),(\d+)\s*$/, ',-4,$2');
    const job = await h.call('workload.import', { fileName: 'bad.csv', text: lines.join('\n') });
    const end = await h.jobs.settled(job.id);
    expect(end.status).toBe('failed');
    expect(end.error).toMatchObject({ code: 'invalid_input', file: 'bad.csv', line: 501 });
    expect((await h.call('workload.list', {})).some((w) => w.name === 'bad')).toBe(false);
  });

  it('calibration files read in the worker fit and store as read here; a bad one is refused by file and line', async () => {
    const h = harness({ parsers: workerParsers(() => pool) });
    const text = readFileSync(join(__dirname, '../fixtures/calibration/vllm-append.json'), 'utf8');
    const rec = await h.call('calibration.import', { gpuTypeId: 'nvidia-h100-sxm', files: [{ fileName: 'vllm-append.json', text }] });
    expect(rec).toMatchObject({ gpuTypeId: 'nvidia-h100-sxm', engine: 'vllm', origin: 'import', sourceFiles: [{ name: 'vllm-append.json', points: 3 }] });
    const n = (await h.call('calibration.list', {})).length;
    const bad = text.replace('"mean_ttft_ms": ', '"mean_ttft_ms": -');
    await expect(h.call('calibration.import', { gpuTypeId: 'nvidia-h100-sxm', files: [{ fileName: 'bad.json', text: bad }] }))
      .rejects.toMatchObject({ code: 'invalid_input', location: { file: 'bad.json', line: 1, field: 'mean_ttft_ms' } });
    expect((await h.call('calibration.list', {})).length).toBe(n);
  });
});
