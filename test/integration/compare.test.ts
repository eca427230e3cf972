import { afterEach, describe, expect, it } from 'vitest';
import { cleanupHarnesses, harness } from '../helpers/harness';
import { inProcessRunner, inProcessTrace } from '../../main/services/compare-runners';

afterEach(cleanupHarnesses);

const setup = () => harness({ compareRunner: inProcessRunner, traceRunner: inProcessTrace });

describe('comparisons through the handlers', () => {
  it('runs, stores, lists, reopens, exports and re-imports a comparison with identical results', async () => {
    const { db, jobs, call } = setup();
    const [inv] = await call('inventory.list', {});
    const conv = (await call('workload.list', {})).find((w) => w.requestCount === 19366)!;
    const request = {
      inventoryId: inv.id, modelId: 'meta-llama/Llama-3.1-8B', workloadId: conv.id, slo: { ttftP99S: 2, tbtP99S: 0.1 },
      strategies: ['colocated' as const, 'disaggregated' as const], seed: 3, maxRequests: 400,
    };
    const job = await call('compare.start', request);
    const end = await jobs.settled(job.id);
    expect(end.error).toBeNull();
    expect(end.status).toBe('done');
    const runId = end.result!.runId as number;
    const [summary] = await call('run.list', {});
    expect(summary).toMatchObject({ id: runId, status: 'done', modelId: 'meta-llama/Llama-3.1-8B', inventoryName: inv.name, strategies: ['colocated', 'disaggregated'] });
    const detail = await call('run.get', { id: runId });
    expect(detail.result!.strategies.map((s) => s.strategy)).toEqual(['colocated', 'disaggregated']);
    expect(detail.result!.requests).toBe(400);
    expect(detail.modelVersion).toMatch(/cost model/);

    // The chosen deployment replayed for its charts: its CDFs agree with the stored quantiles.
    const trace = (await call('run.trace', { id: runId, strategy: 'colocated' }))!;
    const stored = detail.result!.strategies[0].bestByCost ?? detail.result!.strategies[0].simulatedDeployments[0];
    expect(trace.requests).toBe(400);
    expect(trace.ttftCdf).toHaveLength(101);
    expect(trace.ttftCdf[99].x).toBeCloseTo(stored.metrics.ttft.p99, 1);
    for (let i = 1; i < 101; i++) expect(trace.e2eCdf[i].x).toBeGreaterThanOrEqual(trace.e2eCdf[i - 1].x);
    expect(trace.utilization.busy.length).toBe(trace.instanceLabels.length);
    expect(trace.utilization.busy.flat().every((b) => b >= 0 && b <= 1)).toBe(true);
    // The stored run keeps each deployment's structure and, for probed ones, the rate sweep, through the
    // database and back; the trace's instances are the structure's, one per instance.
    const gpusOf = (d: typeof stored) => d.instances!.reduce((n, g) => n + g.count * g.tp * (g.pp ?? 1), 0);
    for (const o of detail.result!.strategies) for (const d of o.simulatedDeployments) expect(gpusOf(d)).toBe(d.gpus);
    expect(trace.instanceLabels.length).toBe(stored.instances!.reduce((n, g) => n + g.count, 0));
    const probed = detail.result!.strategies.flatMap((o) => [o.bestByCost, o.bestByGoodput]).filter((d) => d?.rateSweep);
    expect(probed.length).toBeGreaterThan(0);
    for (const d of probed) expect(d!.rateSweep![0].rateMultiple).toBe(1);
    await expect(call('run.trace', { id: runId, strategy: 'nexus' })).rejects.toMatchObject({ code: 'not_found' });

    for (const embedWorkload of [false, true]) {
      const file = await call('scenario.export', { runId, format: 'yaml', embedWorkload });
      const again = await jobs.settled((await call('scenario.import', file)).id);
      expect(again.status).toBe('done');
      const rerun = await call('run.get', { id: again.result!.runId as number });
      expect(rerun.result).toEqual(detail.result);
    }
    expect(db.prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(3);
    await call('run.rename', { id: runId, name: 'Baseline' });
    await call('run.delete', { id: runId });
    expect((await call('run.list', {})).map((r) => r.name)).not.toContain('Baseline');
  });

  it('a failing comparison leaves a failed run and no results', async () => {
    const { db, jobs, call } = setup();
    const empty = await call('inventory.create', { name: 'Empty' });
    const w = (await call('workload.list', {}))[0];
    const job = await call('compare.start', { inventoryId: empty.id, modelId: 'meta-llama/Llama-3.1-8B', workloadId: w.id, slo: {}, strategies: ['colocated'], seed: 1, maxRequests: 50 });
    const end = await jobs.settled(job.id);
    expect(end.status).toBe('failed');
    expect(end.error!.message).toMatch(/no pools/);
    expect(db.prepare("SELECT status FROM runs").pluck().all()).toEqual(['failed']);
    expect(db.prepare('SELECT COUNT(*) FROM results').pluck().get()).toBe(0);
  });
});
