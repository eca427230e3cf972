import { NextSteps } from '../../components/FirstRun';
import { CHART_WIDTH } from './chart-width';
import { memo, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { RunDetail } from '../../../../main/domain';
import { DeploymentDiagram, LatencyBarsChart, ParetoChart, RateSweepChart, ThroughputLatencyChart, UtilizationChart, rateSweepLines, strategyShort } from '../../charts';
import { useShell } from '../../components/app-context';
import { useStaged } from '../../components/useStaged';
import { ExportPdfButton } from '../report/ExportPdf';
import { fmtDate, fmtNumber, plural } from '../../lib/format';
import { fmtSeconds, recommend } from './recommend';
import { RecommendationView } from './RecommendationView';
import { shownDeployment } from './pins';
import { runEngineText, StrategyTable, type Pinning } from './StrategyTable';
import { TraceSection } from './TraceCharts';

/**
 * A stored run: its question, the recommendation, the table, the charts and each chosen deployment.
 * Memoised: while the next comparison runs, its progress polls re-render the screen five times a second,
 * and redrawing these charts each time would block the window.
 */
export const RunResults = memo(function RunResults({ run, pinning }: { run: RunDetail; pinning?: Pinning }) {
  const shell = useShell();
  const result = run.result;
  const rec = useMemo(() => (result ? recommend(result) : null), [result]);
  const slo: { ttftP99S?: number; tbtP99S?: number } = result?.slo ?? {};
  const title = useRef<HTMLHeadingElement>(null);
  // A freshly shown run takes the focus, so the keyboard (and screen readers) start at its answer.
  useEffect(() => title.current?.focus(), [run.id]);
  const ttftSloMs = slo.ttftP99S !== undefined ? slo.ttftP99S * 1000 : undefined;
  const tbtSloMs = slo.tbtP99S !== undefined ? slo.tbtP99S * 1000 : undefined;
  // Runs stored before the rate sweep was kept have no sweep: they keep the all-deployments scatter.
  const swept = result ? rateSweepLines(result.strategies).length > 0 : false;
  const charts: ReactNode[] = result ? [
    <ParetoChart key="pareto" result={result} width={CHART_WIDTH} />,
    ...(swept ? [
      <RateSweepChart key="rate-ttft" outcomes={result.strategies} metric="ttft" sloMs={ttftSloMs} width={CHART_WIDTH} />,
      <RateSweepChart key="rate-tbt" outcomes={result.strategies} metric="tbt" sloMs={tbtSloMs} width={CHART_WIDTH} />,
    ] : [<ThroughputLatencyChart key="tput" outcomes={result.strategies} width={CHART_WIDTH} />]),
    <LatencyBarsChart key="ttft" outcomes={result.strategies} metric="ttft" sloMs={ttftSloMs} width={CHART_WIDTH} />,
    <LatencyBarsChart key="tbt" outcomes={result.strategies} metric="tbt" sloMs={tbtSloMs} width={CHART_WIDTH} />,
    <UtilizationChart key="util" outcomes={result.strategies} width={CHART_WIDTH} />,
  ] : [];
  const diagrams = result ? result.strategies.filter((o) => shownDeployment(o)) : [];
  const shown = useStaged(charts.length + diagrams.length, run.id);
  return (
    <section className="run-results" aria-label={`Run ${run.name}`} data-testid="run-results" data-run-id={run.id}>
      <div className="editor-head">
        <div>
          <h2 data-testid="run-title" ref={title} tabIndex={-1}>{run.name}</h2>
          <div className="muted small">
            {run.modelId} · {run.inventoryName} · {run.workloadName}
            {result && ` · ${fmtNumber(result.requests, 0)} requests replayed, ${result.simulations} simulations, seed ${result.seed}`}
            {result && runEngineText(result.strategies) && ` · ${runEngineText(result.strategies)}`}
            {' · '}{fmtDate(run.startedAt)} · {run.modelVersion}
            {slo.ttftP99S !== undefined && ` · TTFT P99 ≤ ${fmtSeconds(slo.ttftP99S)}`}
            {slo.tbtP99S !== undefined && ` · TBT P99 ≤ ${fmtSeconds(slo.tbtP99S)}`}
          </div>
        </div>
        <ExportPdfButton shell={shell} runId={run.id} disabledReason={result ? null : 'Only a finished run with results has a report'} />
      </div>
      {run.status === 'failed' && <p className="banner banner-error" style={{ margin: 0 }}>This run failed: {run.error ?? 'no message'}. Change the inputs above and run again.</p>}
      {run.status === 'cancelled' && <p className="muted" data-testid="run-cancelled">This run was cancelled before it finished; no results were kept.</p>}
      {run.status === 'running' && <p className="muted">Still running…</p>}
      {result && rec && (
        <>
          <RecommendationView rec={rec} />
          <StrategyTable outcomes={result.strategies} calibrations={result.calibrations} pinning={pinning} />
          {run.status === 'done' && <NextSteps />}
          {result.closedLoop && (
            <p className="muted" data-testid="closed-loop-note">
              Closed-loop workload ({plural(result.closedLoop.users, 'user')}, think {fmtSeconds(result.closedLoop.thinkTimeS)}
              {result.closedLoop.think === 'exponential' ? ' exponential mean' : ''}): throughput and latencies are at this concurrency;
              there is no arrival rate, so no rate sweep or max-goodput probe was run.
            </p>
          )}
          <div className="chart-grid" data-testid="compare-charts" aria-busy={shown < charts.length}>
            {charts.slice(0, shown)}
          </div>
          {shown >= charts.length && <TraceSection runId={run.id} strategies={diagrams.map((o) => o.strategy)} slo={slo} />}
          <h3>Chosen deployments</h3>
          <div className="diagram-grid">
            {diagrams.slice(0, Math.max(0, shown - charts.length)).map((o) => {
              const d = shownDeployment(o)!;
              return (
                <figure key={o.strategy} className="diagram-card">
                  <figcaption><b>{strategyShort(o.strategy)}</b>{o.pinned && <span className="badge">pinned</span>} <span className="muted small">{d.label} · {plural(d.gpus, 'GPU')}</span></figcaption>
                  <DeploymentDiagram strategy={o.strategy} label={d.label} gpus={d.gpus} instances={d.instances} kvFlows={d.kvFlows} width={560} />
                </figure>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
});
