// Closed-loop workloads end to end through the handlers: synthesized and stored, listed as closed-loop, compared
// (no rate sweep, figures at the given users), replayed for charts, exported and re-run to identical results.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupHarnesses, harness } from '../helpers/harness';
import { inProcessRunner, inProcessTrace } from '../../main/services/compare-runners';

afterEach(cleanupHarnesses);

const setup = () => harness({ compareRunner: inProcessRunner, traceRunner: inProcessTrace });

describe('closed-loop workloads through the handlers', () => {
  it('are synthesized with lengths from a trace, stored with arrival 0, and refuse a rate rescale', async () => {
    const { call } = setup();
    const conv = (await call('workload.list', {})).find((w) => w.requestCount === 19366)!;
    const made = await call('workload.synthesize', {
      name: 'Chat users', requests: 500, arrival: { kind: 'closed-loop', users: 24, thinkTimeS: 2 }, lengths: { kind: 'workload', workloadId: conv.id }, seed: 4,
    });
    expect(made).toMatchObject({
      name: 'Chat users', requestCount: 500, durationS: 0, sourceFormat: 'synthetic',
      closedLoop: { users: 24, thinkTimeS: 2, think: 'fixed', requests: 500, seed: 4, lengths: { kind: 'workload', workloadId: conv.id, workloadName: conv.name } },
    });
    expect((await call('workload.list', {})).find((w) => w.id === made.id)!.closedLoop!.users).toBe(24);
    expect((await call('workload.list', {})).find((w) => w.id === conv.id)!.closedLoop).toBeNull();
    const stats = await call('workload.stats', { id: made.id });
    expect(stats).toMatchObject({ requests: 500, durationS: 0, meanRatePerS: 0 });
    expect(Number.isFinite(stats.input.mean)).toBe(true);
    await expect(call('workload.rescale', { id: made.id, factor: 2 })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/closed-loop workload: it has no arrival rate/) });
    // An open-loop law still needs its rate, and says so on the field.
    await expect(call('workload.synthesize', { name: 'x', requests: 10, arrival: { kind: 'poisson' }, lengths: { kind: 'fixed', input: 10, output: 10 } }))
      .rejects.toMatchObject({ code: 'invalid_input', location: { field: 'ratePerS' } });
    await expect(call('workload.synthesize', { name: 'x', requests: 10, arrival: { kind: 'closed-loop', users: 0 }, lengths: { kind: 'fixed', input: 10, output: 10 } }))
      .rejects.toMatchObject({ code: 'invalid_input', location: { field: 'arrival.users' } });
  });

  it('compare, chart and re-run from an exported scenario with identical results', async () => {
    const { jobs, call } = setup();
    const [inv] = await call('inventory.list', {});
    const made = await call('workload.synthesize', {
      name: 'Users', requests: 600, arrival: { kind: 'closed-loop', users: 32, thinkTimeS: 1, think: 'exponential' }, lengths: { kind: 'lognormal', inputMedian: 800, outputMedian: 150, sigma: 0.8 }, seed: 2,
    });
    const request = {
      inventoryId: inv.id, modelId: 'meta-llama/Llama-3.1-8B', workloadId: made.id, slo: { ttftP99S: 2, tbtP99S: 0.1 },
      strategies: ['colocated' as const, 'disaggregated' as const], seed: 3, maxRequests: 400,
    };
    const end = await jobs.settled((await call('compare.start', request)).id);
    expect(end.error).toBeNull();
    const runId = end.result!.runId as number;
    const detail = await call('run.get', { id: runId });
    const result = detail.result!;
    expect(result.closedLoop).toEqual({ users: 32, thinkTimeS: 1, think: 'exponential' });
    expect(result.requests).toBe(400);
    const all = result.strategies.flatMap((o) => o.simulatedDeployments);
    expect(all.length).toBeGreaterThan(0);
    for (const d of all) {
      expect(d.rateSweep).toBeUndefined();
      expect(d.metrics.completed).toBe(400);
      for (const v of [d.metrics.throughput.requestsPerS, d.metrics.e2e.mean, d.metrics.ttft.p99, d.metrics.usdPer1MTokens]) expect(Number.isFinite(v)).toBe(true);
    }
    const chosen = result.strategies.find((o) => o.bestByCost)!;
    expect(chosen.bestByGoodput).not.toBeNull();
    const trace = (await call('run.trace', { id: runId, strategy: chosen.strategy }))!;
    expect(trace.requests).toBe(400);
    expect(trace.ttftCdf[99].x).toBe(chosen.bestByCost!.metrics.ttft.p99);

    for (const embedWorkload of [false, true]) {
      const file = await call('scenario.export', { runId, format: 'yaml', embedWorkload });
      if (embedWorkload) expect(file.text).toMatch(/closedLoop:\n\s+users: 32\n\s+thinkTimeS: 1\n\s+think: exponential/);
      const again = await jobs.settled((await call('scenario.import', file)).id);
      expect(again.status).toBe('done');
      expect((await call('run.get', { id: again.result!.runId as number })).result).toEqual(result);
    }
  });
});
