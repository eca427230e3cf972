import { describe, expect, it } from 'vitest';
import type { Api } from '../../../main/ipc/contract';
import type { StrategyTrace } from '../../../main/domain';
import { fetchTraces } from '../../../renderer/src/api/traces';
import { reportChartPlan } from '../../../renderer/src/features/report/chart-plan';
import { dep, outcome } from './compare-fixtures';

const cdf = Array.from({ length: 101 }, (_, k) => ({ p: k / 100, x: 0.1 + k / 1000 }));
const trace = (strategy: string): StrategyTrace => ({
  strategy, instanceLabels: ['A TP1'], requests: 100, ttftCdf: cdf, e2eCdf: cdf, meanGapCdf: cdf, utilization: { binS: 1, busy: [[0.5, 1]] },
});
const step = (m: number) => ({
  rateMultiple: m, offeredRps: 2 * m, throughputRps: 2 * m, outputTokensPerS: 200 * m, goodputRps: 2 * m, ttftP99S: 0.2 * m, tbtP99S: 0.02, meetsSlo: true,
});
const swept = (s: 'colocated' | 'disaggregated' | 'nexus') => outcome(s, [{ ...dep(s, `${s} A`, 1, 0.2), rateSweep: [step(1), step(1.5)] }]);
const unswept = (s: 'colocated' | 'disaggregated' | 'nexus') => outcome(s, [dep(s, `${s} A`, 1, 0.2)]);

describe('reportChartPlan', () => {
  it('draws every chart and prints no sentence when every strategy has a replay and a sweep', () => {
    const plan = reportChartPlan({ strategies: [swept('colocated'), swept('nexus')] }, [
      { strategy: 'colocated', trace: trace('colocated') }, { strategy: 'nexus', trace: trace('nexus') },
    ]);
    expect(plan.traces.map((t) => t.strategy)).toEqual(['colocated', 'nexus']);
    expect(plan).toMatchObject({ traceNote: '', utilizationNote: '', sweep: true, sweepNote: '', pareto: true, paretoNote: '' });
  });

  it('keeps the run\'s strategy order and names each strategy left out with its reason', () => {
    const none = outcome('nexus', []);
    const plan = reportChartPlan({ strategies: [swept('colocated'), swept('disaggregated'), none] }, [
      { strategy: 'nexus', trace: null },
      { strategy: 'disaggregated', trace: null, error: 'worker crashed.' },
      { strategy: 'colocated', trace: trace('colocated') },
    ]);
    expect(plan.traces.map((t) => t.strategy)).toEqual(['colocated']);
    expect(plan.traceNote).toMatch(/^Not drawn for /);
    expect(plan.traceNote).toBe('Not drawn for Disaggregated (the replay failed: worker crashed); Nexus (no deployment could be simulated).');
    expect(plan.utilizationNote).toBe('');
  });

  it('says the replays are missing, and why, when none could be drawn', () => {
    const plan = reportChartPlan({ strategies: [swept('colocated')] }, [{ strategy: 'colocated', trace: null }]);
    expect(plan.traces).toEqual([]);
    expect(plan.traceNote).toContain('none could be drawn: Colocated (the chosen deployment was not found again to replay');
    expect(plan.utilizationNote).toMatch(/^No utilization over time/);
    // Strategies failing the same way are named together and the reason given once.
    const same = reportChartPlan({ strategies: [swept('colocated'), swept('nexus'), outcome('disaggregated', [])] }, [
      { strategy: 'colocated', trace: null, error: 'Workload gone.' }, { strategy: 'nexus', trace: null, error: 'Workload gone.' }, { strategy: 'disaggregated', trace: null },
    ]);
    expect(same.traceNote).toBe("The latency CDFs and utilization over time come from a replay of each strategy's chosen deployment, and none could be drawn: "
      + 'Colocated and Nexus (the replay failed: Workload gone); Disaggregated (no deployment could be simulated).');
    const failed = reportChartPlan({ strategies: [swept('colocated')] }, null, 'The workload is gone.');
    expect(failed.traceNote).toBe('The latency CDFs and utilization over time are not available: the chosen deployments could not be replayed (The workload is gone).');
  });

  it('says there is no rate sweep when no strategy was probed (closed-loop workloads, older runs)', () => {
    const plan = reportChartPlan({ strategies: [unswept('colocated'), unswept('nexus')] }, []);
    expect(plan.sweep).toBe(false);
    expect(plan.sweepNote).toMatch(/^No rate sweep: .*closed-loop workload/);
    // Deployments were simulated, so the cost–latency chart still has points.
    expect(plan.pareto).toBe(true);
  });

  it('names the closed loop when the run was one', () => {
    const plan = reportChartPlan({ strategies: [unswept('colocated')], closedLoop: { users: 24, thinkTimeS: 2, think: 'fixed' } }, []);
    expect(plan.sweep).toBe(false);
    expect(plan.sweepNote).toBe('No rate sweep: this is a closed-loop workload (24 users, think 2 s), whose clients set the arrival rate; every figure is at that concurrency.');
  });

  it('names the strategies without a sweep when others have one', () => {
    const plan = reportChartPlan({ strategies: [swept('colocated'), unswept('nexus'), unswept('disaggregated')] }, []);
    expect(plan.sweep).toBe(true);
    expect(plan.sweepNote).toBe('No rate sweep for Nexus and Disaggregated: none of their deployments was probed at higher arrival rates.');
  });

  it('has no Pareto chart when no deployment has a finite cost and latency', () => {
    const inf = outcome('colocated', [dep('colocated', 'A', Number.POSITIVE_INFINITY, 0.2, false)]);
    const plan = reportChartPlan({ strategies: [inf, outcome('nexus', [])] }, []);
    expect(plan.pareto).toBe(false);
    expect(plan.paretoNote).toMatch(/^No cost–latency Pareto front/);
  });
});

describe('fetchTraces', () => {
  it('asks for each strategy in turn, records a failure and still asks for the next; a failure is not cached', async () => {
    const asked: string[] = [];
    let failNexus = true;
    const api = {
      'run.trace': async ({ id, strategy }: { id: number; strategy: string }) => {
        asked.push(`${id}:${strategy}`);
        if (strategy === 'nexus' && failNexus) throw new Error('replay failed');
        return strategy === 'pipeline' ? null : trace(strategy);
      },
    } as unknown as Api;
    const got = await fetchTraces(api, 9001, ['colocated', 'nexus', 'pipeline']);
    expect(got.map((f) => [f.strategy, f.trace?.strategy ?? null, f.error ?? null])).toEqual([
      ['colocated', 'colocated', null], ['nexus', null, 'replay failed'], ['pipeline', null, null],
    ]);
    failNexus = false;
    const again = await fetchTraces(api, 9001, ['colocated', 'nexus']);
    expect(again[1].trace?.strategy).toBe('nexus');
    // colocated and pipeline came from the cache; nexus was asked again after failing.
    expect(asked).toEqual(['9001:colocated', '9001:nexus', '9001:pipeline', '9001:nexus']);
  });
});
