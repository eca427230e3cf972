import { memo } from 'react';
import type { ClosedLoopInfo, WorkloadStats, WorkloadSummary } from '../../../../main/domain';
import { ArrivalRateChart, LengthCdfChart, LengthHistogram } from '../../charts';
import { fmtNumber } from '../../lib/format';
import { fmtDuration } from './WorkloadTable';

function Stat({ label, value, unit, tip }: { label: string; value: string; unit?: string; tip: string }) {
  return (
    <div className="stat" data-tip={tip}>
      <dt>{label}</dt>
      <dd><strong>{value}</strong>{unit && <span className="unit">{unit}</span>}</dd>
    </div>
  );
}

/** "24 users, think 2 s (exponential), lengths from Azure conv" — what a closed loop is, in one line. */
export function describeClosedLoop(c: ClosedLoopInfo): string {
  const think = c.thinkTimeS > 0 ? `think ${fmtNumber(c.thinkTimeS, 3)} s${c.think === 'exponential' ? ' (exponential mean)' : ''}` : 'no think time';
  const lengths = c.lengths.kind === 'workload' ? `lengths drawn from “${c.lengths.workloadName}”`
    : c.lengths.kind === 'fixed' ? `${fmtNumber(c.lengths.input, 0)} in / ${fmtNumber(c.lengths.output, 0)} out tokens`
    : `lognormal lengths, medians ${fmtNumber(c.lengths.inputMedian, 0)} in / ${fmtNumber(c.lengths.outputMedian, 0)} out tokens, σ ${fmtNumber(c.lengths.sigma, 2)}`;
  return `${fmtNumber(c.users, 0)} users, ${think}, ${lengths}, seed ${c.seed}`;
}

/** Totals and the four pictures of one workload; memoised so an import's progress polls do not redraw them. */
export const WorkloadDetail = memo(function WorkloadDetail({ workload, stats }: { workload: WorkloadSummary; stats: WorkloadStats | null }) {
  const closed = workload.closedLoop ?? null;
  return (
    <section className="detail" aria-label={`Workload ${workload.name}`} data-testid="workload-detail">
      <h2>{workload.name}</h2>
      {closed && (
        <p className="closed-loop-note" data-testid="workload-closed-loop">
          <b>Closed loop:</b> {describeClosedLoop(closed)}. Each user sends its next request when its last one completes, so
          there is no arrival rate: a comparison reports throughput and latency at this concurrency.
        </p>
      )}
      {!stats ? (
        <p className="muted">Reading statistics…</p>
      ) : (
        <>
          <dl className="summary-strip" data-testid="workload-totals">
            <Stat label="Requests" value={fmtNumber(stats.requests, 0)} tip="Requests in the trace" />
            {closed ? (
              <Stat label="Users" value={fmtNumber(closed.users, 0)} tip="Requests in flight at once (closed loop)" />
            ) : (
              <>
                <Stat label="Duration" value={fmtDuration(stats.durationS)} tip="First to last arrival" />
                <Stat label="Mean rate" value={fmtNumber(stats.meanRatePerS, 2)} unit="req/s" tip="Requests over duration" />
              </>
            )}
            <Stat label="Input" value={fmtNumber(stats.totalInputTokens / 1e6, 2)} unit="M tokens" tip="All prompt tokens" />
            <Stat label="Output" value={fmtNumber(stats.totalOutputTokens / 1e6, 2)} unit="M tokens" tip="All generated tokens" />
            <Stat label="Input P50/P99" value={`${fmtNumber(stats.input.p50, 0)} / ${fmtNumber(stats.input.p99, 0)}`} unit="tok" tip="Median and 99th percentile prompt length" />
            <Stat label="Output P50/P99" value={`${fmtNumber(stats.output.p50, 0)} / ${fmtNumber(stats.output.p99, 0)}`} unit="tok" tip="Median and 99th percentile generated length" />
          </dl>
          <div className="chart-grid">
            {!closed && <ArrivalRateChart arrivals={stats.arrivals} width={560} />}
            <LengthCdfChart input={stats.input} output={stats.output} width={380} />
            <LengthHistogram dist={stats.input} which="input" width={460} />
            <LengthHistogram dist={stats.output} which="output" width={460} />
          </div>
        </>
      )}
    </section>
  );
});
