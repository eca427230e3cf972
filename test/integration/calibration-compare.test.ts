// Calibrations through the handlers, as the Calibrate screen and Compare use them, on a real SQLite file:
// a comparison on an H200 pool runs "datasheet only"; after importing fleetplan's H200 device run the same
// comparison runs with that calibration, names it (with its held-out error) in the stored result and the
// summary CSV, and its figures change; selecting, reverting and a refused file behave as the screen needs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assetsDir } from '../../main/paths';
import { summaryTable } from '../../main/reports/summary';
import { inProcessRunner, inProcessTrace } from '../../main/services/compare-runners';
import { cleanupHarnesses, harness } from '../helpers/harness';

afterEach(cleanupHarnesses);

const h200 = readFileSync(join(assetsDir(), 'calibration/measured/h200_iteration.csv'), 'utf8');
const pool = {
  name: 'H200 node', gpuTypeId: 'nvidia-h200-sxm', gpuCount: 8, gpusPerNode: 8, intraNode: { link: 'nvlink' as const, bandwidthGBps: 450 },
  interNode: { link: 'infiniband' as const, bandwidthGBps: 50 }, pricing: { kind: 'hourly' as const, usdPerGpuHour: 4 },
};

async function setup() {
  const h = harness({ compareRunner: inProcessRunner, traceRunner: inProcessTrace });
  const inv = await h.call('inventory.create', { name: 'H200 only', pools: [pool] });
  const conv = (await h.call('workload.list', {})).find((w) => w.requestCount === 19366)!;
  const compare = async () => {
    const job = await h.call('compare.start', {
      inventoryId: inv.id, modelId: 'meta-llama/Llama-3.1-8B', workloadId: conv.id, slo: { ttftP99S: 2, tbtP99S: 0.1 },
      strategies: ['colocated'], seed: 5, maxRequests: 300,
    });
    const end = await h.jobs.settled(job.id);
    expect(end.error).toBeNull();
    return h.call('run.get', { id: end.result!.runId as number });
  };
  return { ...h, compare };
}

describe('calibrations in comparisons', () => {
  it('a comparison after an import uses and names that calibration, and its figures differ from the datasheet-only run', async () => {
    const { call, compare } = await setup();
    const before = await compare();
    expect(before.result!.calibrations).toEqual([expect.objectContaining({ gpuTypeId: 'nvidia-h200-sxm', calibrationId: null, label: 'datasheet only' })]);
    expect(summaryTable(before.result!).rows[0]).toContain('nvidia-h200-sxm: datasheet only');

    const rec = await call('calibration.import', { gpuTypeId: 'nvidia-h200-sxm', files: [{ fileName: 'h200_iteration.csv', text: h200 }] });
    expect(rec).toMatchObject({ gpuTypeId: 'nvidia-h200-sxm', origin: 'import', active: true, usedByRuns: true, sourceFiles: [{ name: 'h200_iteration.csv', points: 72 }] });
    expect(rec.after!.heldOut.median).toBeLessThan(rec.before!.heldOut.median);

    const after = await compare();
    const used = after.result!.calibrations![0];
    expect(used).toMatchObject({ gpuTypeId: 'nvidia-h200-sxm', calibrationId: rec.id, origin: 'import', params: rec.params });
    expect(used.heldOutError).toBeCloseTo(rec.after!.heldOut.median, 12);
    expect(used.label).toBe(`calibration #${rec.id} (import, held-out error ${(rec.after!.heldOut.median * 100).toFixed(1)}%)`);
    expect(summaryTable(after.result!).rows[0]).toContain(`nvidia-h200-sxm: ${used.label}`);
    // Same inputs, seed and deployment space: only the calibration changed, and the simulated figures with it.
    const m0 = before.result!.strategies[0].simulatedDeployments.map((d) => d.metrics.tbt.p50);
    const m1 = after.result!.strategies[0].simulatedDeployments.map((d) => d.metrics.tbt.p50);
    expect(m1).not.toEqual(m0);

    // The run's chart replay uses what the run used, not what is selected later.
    await call('calibration.revert', { gpuTypeId: 'nvidia-h200-sxm' });
    const trace = await call('run.trace', { id: after.id, strategy: 'colocated' });
    const chosen = after.result!.strategies[0].bestByCost ?? after.result!.strategies[0].simulatedDeployments[0];
    expect(trace!.ttftCdf[99].x).toBeCloseTo(chosen.metrics.ttft.p99, 1);
    expect((await compare()).result!.calibrations![0].label).toBe('datasheet only');
  });

  it('lists records newest first, selects an older one, reverts every engine to shipped in one call, and stores nothing from a bad file', async () => {
    const { call, db } = await setup();
    const shipped = (await call('calibration.list', { gpuTypeId: 'amd-mi300x' }))[0];
    expect(shipped).toMatchObject({ origin: 'shipped', active: true, usedByRuns: true });
    const text = readFileSync(join(assetsDir(), 'calibration/public/amd-mi300x.csv'), 'utf8');
    const figures = async () => (await call('catalog.gpus', {})).find((g) => g.id === 'amd-mi300x')!.calibration;
    expect(await figures()).toBe('public');
    const mine = await call('calibration.import', { gpuTypeId: 'amd-mi300x', engine: 'vllm', files: [{ fileName: 'mine.csv', text }] });
    expect(await figures()).toBe('measured'); // the catalog says runs use the user's measurements now
    // A vllm-only import still applies to Compare's runs (no engine profile) before the shipped any-engine one.
    let list = await call('calibration.list', { gpuTypeId: 'amd-mi300x' });
    expect(list.map((c) => [c.id, c.active, c.usedByRuns])).toEqual([[mine.id, true, true], [shipped.id, true, false]]);

    const second = await call('calibration.import', { gpuTypeId: 'amd-mi300x', engine: 'vllm', files: [{ fileName: 'again.csv', text }], holdOutFraction: 0.5 });
    expect(second.usedByRuns).toBe(true);
    expect((await call('calibration.select', { id: mine.id })).usedByRuns).toBe(true);
    list = await call('calibration.list', { gpuTypeId: 'amd-mi300x' });
    expect(list.find((c) => c.id === second.id)).toMatchObject({ active: false, usedByRuns: false });

    const reverted = await call('calibration.revert', { gpuTypeId: 'amd-mi300x' });
    expect(reverted.active).toMatchObject({ id: shipped.id, usedByRuns: true });
    expect(await figures()).toBe('public');
    list = await call('calibration.list', { gpuTypeId: 'amd-mi300x' });
    expect(list.filter((c) => c.active).map((c) => c.id)).toEqual([shipped.id]);
    expect(list).toHaveLength(3); // the user's records are kept as versions

    const count = () => db.prepare('SELECT COUNT(*) FROM calibrations').pluck().get();
    const n = count();
    const bad = text.split('\n').map((l, i) => (i === 3 ? l.replace(/,(\d+(\.\d+)?),/, ',-1,') : l)).join('\n');
    await expect(call('calibration.import', { gpuTypeId: 'amd-mi300x', files: [{ fileName: 'bad.csv', text: bad }] }))
      .rejects.toMatchObject({ code: 'invalid_input', location: { file: 'bad.csv', line: 4 } });
    await expect(call('calibration.import', { gpuTypeId: 'no-such-gpu', files: [{ fileName: 'x.csv', text }] })).rejects.toMatchObject({ code: 'not_found' });
    await expect(call('calibration.import', { gpuTypeId: 'amd-mi300x', files: [] })).rejects.toMatchObject({ code: 'invalid_input', location: { field: 'files' } });
    expect(count()).toBe(n);
  });

  it("a strategy with an engine of its own runs with that engine's record and names it; the others keep the GPU type's selected one", async () => {
    const { call } = await setup();
    const sglang = await call('calibration.import', { gpuTypeId: 'nvidia-h200-sxm', engine: 'sglang', files: [{ fileName: 'sglang-run.csv', text: h200 }] });
    // A second file for any engine, fitted on fewer points: another record, the GPU type's selected one (newest import).
    const half = h200.split('\n').slice(0, 40).join('\n');
    const any = await call('calibration.import', { gpuTypeId: 'nvidia-h200-sxm', engine: '', files: [{ fileName: 'any.csv', text: half }], holdOutFraction: 0.5 });
    expect(any.params).not.toEqual(sglang.params);
    const inv = (await call('inventory.list', {})).find((i) => i.name === 'H200 only')!;
    const conv = (await call('workload.list', {})).find((w) => w.requestCount === 19366)!;
    const job = await call('compare.start', {
      inventoryId: inv.id, modelId: 'meta-llama/Llama-3.1-8B', workloadId: conv.id, slo: { ttftP99S: 2, tbtP99S: 0.1 },
      strategies: ['colocated', 'disaggregated'], strategyEngines: { disaggregated: 'sglang' }, seed: 5, maxRequests: 200,
    });
    const run = await call('run.get', { id: (await waitJob(call, job.id)).runId });
    const result = run.result!;
    expect(result.calibrations!.map((c) => c.calibrationId)).toEqual([any.id]);
    const [colocated, disaggregated] = result.strategies;
    expect(colocated.calibrations).toBeUndefined();
    expect(disaggregated.engine).toBe('sglang');
    expect(disaggregated.calibrations).toEqual([expect.objectContaining({ gpuTypeId: 'nvidia-h200-sxm', calibrationId: sglang.id, engine: 'sglang', params: sglang.params })]);
    const rows = summaryTable(result).rows;
    expect(rows[0].join(' | ')).toContain(`nvidia-h200-sxm: calibration #${any.id} (import,`);
    expect(rows[1].join(' | ')).toContain(`nvidia-h200-sxm: calibration #${sglang.id} (import, sglang,`);
  });
});

/** Polls a job to its end (the harness's registry is per harness, so through the channel). */
async function waitJob(call: Awaited<ReturnType<typeof setup>>['call'], id: number): Promise<{ runId: number }> {
  for (;;) {
    const s = await call('job.status', { id });
    if (s.status === 'done') return s.result as { runId: number };
    if (s.status !== 'running') throw new Error(`job ${s.status}: ${s.error?.message}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
