// The latency CDFs and utilization over time of a run's chosen deployments (run.trace). Shared by the Compare
// screen and the printed report, so both draw the same data from the same call. The search stores them with
// the run; a run stored by an older fleetplan is replayed in a worker on the host (or in process for the CLI),
// so they are asked for one strategy at a time and kept per run and strategy for the session.
import type { Api } from '../../../main/ipc/contract';
import type { StrategyTrace } from '../../../main/domain';

const cache = new Map<string, Promise<StrategyTrace | null>>();

/** The replay of `strategy`'s chosen deployment in run `runId`; null when it has none that can be replayed. */
export function fetchTrace(api: Api, runId: number, strategy: string): Promise<StrategyTrace | null> {
  const key = `${runId}:${strategy}`;
  let p = cache.get(key);
  if (!p) {
    p = api['run.trace']({ id: runId, strategy });
    // A failed replay is not cached: the next visit tries again.
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** What asking for one strategy's replay gave: the trace, null (nothing to replay), or why it failed. */
export interface TraceFetch {
  strategy: string;
  trace: StrategyTrace | null;
  error?: string;
}

/** Every strategy's replay, in order, one at a time; a failure is recorded and the next strategy still asked. */
export async function fetchTraces(api: Api, runId: number, strategies: readonly string[]): Promise<TraceFetch[]> {
  const out: TraceFetch[] = [];
  for (const strategy of strategies) {
    try {
      out.push({ strategy, trace: await fetchTrace(api, runId, strategy) });
    } catch (err) {
      out.push({ strategy, trace: null, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}
