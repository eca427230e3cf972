import { afterEach, describe, expect, it } from 'vitest';
import { recommendation } from '../../main/reports/recommendation';
import { cleanupHarnesses, harness } from '../helpers/harness';
import { inProcessRunner, inProcessTrace } from '../../main/services/compare-runners';
import { chosenDeployment } from '../../main/sim/search/chosen';

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
    // History lists the answer: the recommended strategy and its cost per 1M tokens, as the run's figures have it.
    const rec = recommendation(detail.result!);
    expect(summary.answer?.strategy).toBe(rec?.strategy ?? null);
    if (rec) expect(summary.answer!.text).toContain(`$${rec.deployment.metrics.usdPer1MTokens.toFixed(4)} per 1M tokens`);
    expect(detail.result).not.toHaveProperty('answer');
    expect(detail.result!.requests).toBe(400);
    expect(detail.modelVersion).toMatch(/cost model/);

    // The chosen deployment's charts come from the run behind its row: the chart's P99 is the table's P99.
    const trace = (await call('run.trace', { id: runId, strategy: 'colocated' }))!;
    const stored = chosenDeployment(detail.result!.strategies[0])!;
    expect(trace).toEqual(detail.result!.strategies[0].trace);
    expect(trace.requests).toBe(400);
    expect(trace.ttftCdf).toHaveLength(101);
    expect(trace.ttftCdf[99].x).toBe(stored.metrics.ttft.p99);
    expect(trace.e2eCdf[99].x).toBe(stored.metrics.e2e.p99);
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

describe('pinned deployments through the handlers', () => {
  it('runs a pinned strategy as given, keeps the pin in the stored run, reproduces it on re-import, and refuses pins that do not fit', async () => {
    const { db, jobs, call } = setup();
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
    const searched = await runOf(request);
    const chosen = searched.result!.strategies.find((o) => o.strategy === 'colocated')!.bestByCost!;
    const pins = [{ strategy: 'colocated' as const, instances: chosen.instances! }];

    // Same question with the search's own choice pinned: the same figures.
    const same = await runOf({ ...request, pins });
    const again = same.result!.strategies.find((o) => o.strategy === 'colocated')!;
    expect(again.pinned).toBeDefined();
    expect(again.bestByCost!.metrics).toEqual(chosen.metrics);
    expect(again.bestByCost!.label).toBe(chosen.label);
    expect(same.result!.strategies.find((o) => o.strategy === 'disaggregated')).toEqual(searched.result!.strategies.find((o) => o.strategy === 'disaggregated'));

    // A looser TBT target: the pinned deployment stays, the other strategy is searched again.
    const looser = await runOf({ ...request, slo: { ttftP99S: 2, tbtP99S: 0.2 }, pins });
    const kept = looser.result!.strategies.find((o) => o.strategy === 'colocated')!;
    expect(kept.pinned!.instances).toEqual(chosen.instances);
    expect(kept.simulated).toBe(1);
    expect(looser.result!.strategies.find((o) => o.strategy === 'disaggregated')!.pinned).toBeUndefined();
    expect((looser.scenario as { pins?: unknown }).pins).toEqual(pins);
    const listed = (await call('run.list', {})).find((r) => r.id === looser.id)!;
    expect(listed.pinned).toEqual(['colocated']);
    expect((await call('run.list', {})).find((r) => r.id === searched.id)!.pinned).toEqual([]);
    // Its charts are the pinned deployment's run.
    const trace = (await call('run.trace', { id: looser.id, strategy: 'colocated' }))!;
    expect(trace.ttftCdf[99].x).toBe(kept.pinned!.metrics.ttft.p99);

    // The scenario file carries the pin: re-running it reproduces the run.
    const file = await call('scenario.export', { runId: looser.id, format: 'yaml', embedWorkload: false });
    expect(file.text).toMatch(/pins:/);
    const rerun = await jobs.settled((await call('scenario.import', file)).id);
    expect(rerun.status).toBe('done');
    expect((await call('run.get', { id: rerun.result!.runId as number })).result).toEqual(looser.result);

    // Pins that cannot run are refused before anything is recorded, naming the pool and the field.
    const runs = () => db.prepare('SELECT COUNT(*) FROM runs').pluck().get();
    const before = runs();
    const bad = (instances: object[], extra: object = {}) => call('compare.start', { ...request, ...extra, pins: [{ strategy: 'colocated', instances: instances as never }] });
    const g = { pool: 'H100 node', gpuTypeId: 'nvidia-h100-sxm', tp: 4, role: 'mixed' as const, count: 2 };
    await expect(bad([{ ...g, count: 3 }])).rejects.toMatchObject({ code: 'invalid_input', location: { field: 'pins[0].instances[0].count' }, message: expect.stringMatching(/pool "H100 node" has 8 GPUs/) });
    await expect(bad([{ ...g, pool: 'Nowhere' }])).rejects.toMatchObject({ location: { field: 'pins[0].instances[0].pool' }, message: expect.stringMatching(/no pool named "Nowhere"/) });
    await expect(bad([{ ...g, tp: 1, count: 1 }], { modelId: 'meta-llama/Llama-3.1-70B' })).rejects.toMatchObject({ location: { field: 'pins[0].instances[0].tp' }, message: expect.stringMatching(/does not fit/) });
    await expect(bad([{ ...g, count: -1 }])).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(bad([{ ...g }], { strategies: ['disaggregated'] })).rejects.toMatchObject({ message: expect.stringMatching(/not among the strategies/) });
    // A scenario file's bad pin is reported at its line.
    const broken = file.text.replace(/- pool: .*/, '- pool: H200 node');
    expect(broken).not.toBe(file.text);
    const err = await call('scenario.import', { ...file, text: broken }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid_input', location: { field: 'pins[0].instances[0].pool', line: expect.any(Number) } });
    const line = (err as { location: { line: number } }).location.line;
    expect(broken.split('\n')[line - 1]).toMatch(/H200 node/);
    // A malformed pin is refused by the file's schema, also at its line.
    const zero = file.text.replace(/(\n\s+)count: \d+/, '$1count: 0');
    expect(zero).not.toBe(file.text);
    const zeroErr = await call('scenario.import', { ...file, text: zero }).catch((e: unknown) => e);
    expect(zeroErr).toMatchObject({ code: 'invalid_input', location: { field: 'pins[0].instances[0].count', line: expect.any(Number) } });
    expect(zero.split('\n')[(zeroErr as { location: { line: number } }).location.line - 1]).toMatch(/count: 0/);
    expect(runs()).toBe(before);
  });
});
