import { memo } from 'react';
import type { WorkloadStats, WorkloadSummary } from '../../../../main/ipc/types';
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

/** Totals and the four pictures of one workload; memoised so an import's progress polls do not redraw them. */
export const WorkloadDetail = memo(function WorkloadDetail({ workload, stats }: { workload: WorkloadSummary; stats: WorkloadStats | null }) {
  return (
    <section className="detail" aria-label={`Workload ${workload.name}`} data-testid="workload-detail">
      <h2>{workload.name}</h2>
      {!stats ? (
        <p className="muted">Reading statistics…</p>
      ) : (
        <>
          <dl className="summary-strip" data-testid="workload-totals">
            <Stat label="Requests" value={fmtNumber(stats.requests, 0)} tip="Requests in the trace" />
            <Stat label="Duration" value={fmtDuration(stats.durationS)} tip="First to last arrival" />
            <Stat label="Mean rate" value={fmtNumber(stats.meanRatePerS, 2)} unit="req/s" tip="Requests over duration" />
            <Stat label="Input" value={fmtNumber(stats.totalInputTokens / 1e6, 2)} unit="M tokens" tip="All prompt tokens" />
            <Stat label="Output" value={fmtNumber(stats.totalOutputTokens / 1e6, 2)} unit="M tokens" tip="All generated tokens" />
            <Stat label="Input P50/P99" value={`${fmtNumber(stats.input.p50, 0)} / ${fmtNumber(stats.input.p99, 0)}`} unit="tok" tip="Median and 99th percentile prompt length" />
            <Stat label="Output P50/P99" value={`${fmtNumber(stats.output.p50, 0)} / ${fmtNumber(stats.output.p99, 0)}`} unit="tok" tip="Median and 99th percentile generated length" />
          </dl>
          <div className="chart-grid">
            <ArrivalRateChart arrivals={stats.arrivals} width={560} />
            <LengthCdfChart input={stats.input} output={stats.output} width={380} />
            <LengthHistogram dist={stats.input} which="input" width={460} />
            <LengthHistogram dist={stats.output} which="output" width={460} />
          </div>
        </>
      )}
    </section>
  );
});
