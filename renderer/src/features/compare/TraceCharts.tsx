// The charts of each strategy's chosen run (run.trace: stored with the run by the search; a run stored by an
// older fleetplan is replayed): TTFT and token-gap CDFs per strategy, and utilization over time for a chosen
// strategy. Traces are fetched only once the section scrolls into view, one strategy at a time
// (api/traces.ts, shared with the printed report).
import { CHART_WIDTH } from './chart-width';
import { useEffect, useRef, useState } from 'react';
import type { StrategyTrace } from '../../../../main/domain';
import { api } from '../../api/client';
import { fetchTrace } from '../../api/traces';
import { LatencyCdfChart, UtilizationTimeChart, strategyShort } from '../../charts';
import { useStaged } from '../../components/useStaged';

/** Becomes true once the element has been on screen (or at once where IntersectionObserver is missing). */
function useSeen(ref: React.RefObject<HTMLElement | null>): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (seen || !el) return;
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true);
    }, { rootMargin: '200px' });
    io.observe(el);
    return () => io.disconnect();
  }, [ref, seen]);
  return seen;
}

export function TraceSection({ runId, strategies, slo }: { runId: number; strategies: string[]; slo: { ttftP99S?: number; tbtP99S?: number } }) {
  const box = useRef<HTMLDivElement>(null);
  const seen = useSeen(box);
  const [traces, setTraces] = useState<{ runId: number; list: StrategyTrace[]; pending: number; error: string | null }>({ runId, list: [], pending: strategies.length, error: null });
  const [picked, setPicked] = useState<string | null>(null);
  const key = strategies.join(',');
  useEffect(() => {
    if (!seen) return;
    let live = true;
    setTraces({ runId, list: [], pending: strategies.length, error: null });
    (async () => {
      for (const s of strategies) {
        try {
          const t = await fetchTrace(api, runId, s);
          if (!live) return;
          setTraces((prev) => ({ ...prev, list: t ? [...prev.list, t] : prev.list, pending: prev.pending - 1 }));
        } catch (err) {
          if (!live) return;
          setTraces((prev) => ({ ...prev, pending: prev.pending - 1, error: err instanceof Error ? err.message : String(err) }));
        }
      }
    })();
    return () => {
      live = false;
    };
    // `key` stands for the strategies list's contents.
  }, [seen, runId, key]);

  const current = traces.runId === runId ? traces : { list: [], pending: strategies.length, error: null };
  const loading = !seen || current.pending > 0;
  const chosen = current.list.find((t) => t.strategy === picked) ?? current.list[0];
  // Drawn once every trace is in, one chart per task (as the other charts are), so none blocks the window.
  const shown = useStaged(loading ? 0 : 3, `${runId}:${key}:${loading}`);
  if (strategies.length === 0) return null;
  return (
    <div className="chart-grid" ref={box} data-testid="trace-charts" aria-busy={loading || shown < 3}>
      {loading && <p className="muted small" data-testid="trace-loading">Loading each strategy's latency CDFs and utilization over time ({strategies.length - current.pending} of {strategies.length})…</p>}
      {current.error && <p className="banner banner-error" style={{ margin: 0 }}>A replay failed: {current.error}. Reopen the run to try again.</p>}
      {!loading && current.list.length > 0 && (
        <>
          {shown > 0 && <LatencyCdfChart traces={current.list} metric="ttft" sloS={slo.ttftP99S} width={CHART_WIDTH} />}
          {shown > 1 && <LatencyCdfChart traces={current.list} metric="gap" sloS={slo.tbtP99S} width={CHART_WIDTH} />}
          {shown > 2 && chosen && (
            <div className="trace-util">
              <label className="small">
                Utilization over time of{' '}
                <select value={chosen.strategy} onChange={(e) => setPicked(e.target.value)} data-testid="utilization-strategy">
                  {current.list.map((t) => <option key={t.strategy} value={t.strategy}>{strategyShort(t.strategy)}</option>)}
                </select>
              </label>
              <UtilizationTimeChart trace={chosen} width={560} />
            </div>
          )}
        </>
      )}
    </div>
  );
}
