// Pictures of a replayed trace (run.trace): latency CDFs, one line per strategy, and GPU busy share over time
// for one strategy's chosen deployment. Data shaping lives in trace-data.ts.
import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { StrategyTrace } from '../../../main/domain';
import { ChartFrame } from './ChartFrame';
import { AXIS, strategyColor, strategyShort, tick, type ChartSize } from './chart-style';
import { cdfChartData, utilizationSeries, type TraceMetric } from './trace-data';

const WHAT: Record<TraceMetric, { title: string; sub: string }> = {
  ttft: { title: 'Time to first token, CDF', sub: 'share of requests answered within x' },
  gap: { title: 'Time between tokens, CDF', sub: "share of requests whose mean gap between output tokens is within x" },
  e2e: { title: 'End-to-end latency, CDF', sub: 'share of requests finished within x' },
};

const INSTANCE_COLORS = ['#2f6fd0', '#d0741c', '#1f9a4b', '#8a5cd6', '#d6454f', '#0f8a94', '#a0522d', '#7d8590'];

/** One CDF line per strategy's chosen deployment, with the P99 SLO as a dashed vertical line. */
export function LatencyCdfChart({ traces, metric, sloS, width = 420, height = 230, animate = false }: {
  traces: readonly StrategyTrace[];
  metric: TraceMetric;
  /** The P99 target in seconds. */
  sloS?: number;
} & ChartSize) {
  const d = useMemo(() => cdfChartData(traces, metric, sloS), [traces, metric, sloS]);
  const fmt = (v: number) => `${d.unit === 'ms' && v >= 100 ? Math.round(v) : +v.toPrecision(3)} ${d.unit}`;
  const sloText = d.slo === undefined ? '' : d.drawSlo ? `; dashed: P99 SLO ${fmt(d.slo)}` : `; P99 SLO ${fmt(d.slo)} is off the scale`;
  const clipText = d.clippedMax === undefined ? '' : `; axis cut at ${fmt(d.xMax)}, past every P99: the slowest requests, up to ${fmt(d.clippedMax)}, lie beyond it`;
  return (
    <ChartFrame title={WHAT[metric].title} subtitle={`${WHAT[metric].sub} (${d.unit}), each strategy's chosen deployment${sloText}${clipText}`} testId={`chart-cdf-${metric}`}>
      <LineChart accessibilityLayer={false} width={width} height={height} margin={{ top: 8, right: 14, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="x" domain={[0, d.xMax]} tickFormatter={tick} tick={AXIS} allowDuplicatedCategory={false}
          label={{ value: d.unit, position: 'insideBottomRight', offset: -2, fontSize: 11 }} />
        <YAxis type="number" dataKey="p" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v) => `${v}%`} tick={AXIS} width={40} />
        <Tooltip formatter={(v, n) => [`${Number(v).toFixed(0)}% of requests`, String(n)]} labelFormatter={(x) => `≤ ${fmt(Number(x))}`} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {d.lines.map((l) => (
          <Line key={l.strategy} data={l.points} dataKey="p" name={strategyShort(l.strategy)} type="stepAfter" stroke={strategyColor(l.strategy)} strokeWidth={2} dot={false} isAnimationActive={animate} />
        ))}
        <ReferenceLine y={99} stroke="#7d8590" strokeDasharray="2 3" label={{ value: 'P99', position: 'insideTopLeft', fontSize: 10 }} />
        {d.drawSlo && d.slo !== undefined && <ReferenceLine x={d.slo} stroke="#d6454f" strokeDasharray="5 4" />}
      </LineChart>
    </ChartFrame>
  );
}

const fmtT = (s: number) => (s >= 3600 ? `${+(s / 3600).toFixed(1)} h` : s >= 120 ? `${Math.round(s / 60)} min` : `${Math.round(s)} s`);

/** Busy share of each instance (or their mean, when there are many) per time bin of the replay. */
export function UtilizationTimeChart({ trace, width = 540, height = 230, animate = false }: { trace: StrategyTrace } & ChartSize) {
  const s = useMemo(() => utilizationSeries(trace), [trace]);
  const many = s.keys.length === 1 && s.keys[0].key === 'mean';
  return (
    <ChartFrame
      title={`GPU utilization over time: ${strategyShort(trace.strategy)}`}
      subtitle={`busy share of each ${many ? 'bin, mean over instances' : 'instance'} (%), ${fmtT(s.binS)} bins; ${s.overallPct.toFixed(0)}% over the whole replay`}
      testId="chart-utilization-time"
    >
      <LineChart accessibilityLayer={false} width={width} height={height} data={s.rows} margin={{ top: 8, right: 14, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis type="number" dataKey="tS" domain={['dataMin', 'dataMax']} tickFormatter={fmtT} tick={AXIS} />
        <YAxis domain={[0, 100]} tickFormatter={(v) => `${v}%`} tick={AXIS} width={40} />
        <Tooltip formatter={(v, n) => [`${Number(v).toFixed(0)}%`, String(n)]} labelFormatter={(t) => `from ${fmtT(Number(t))}`} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {s.keys.map((k, i) => (
          <Line key={k.key} dataKey={k.key} name={k.name} type="stepAfter" stroke={many ? strategyColor(trace.strategy) : INSTANCE_COLORS[i % INSTANCE_COLORS.length]}
            strokeWidth={1.5} dot={false} isAnimationActive={animate} />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
