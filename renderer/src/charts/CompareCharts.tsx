// A comparison's pictures: latency percentiles per strategy, throughput against latency and cost against
// TTFT P99 over every simulated deployment (with the Pareto front), and GPU utilization.
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import type { ComparisonResult, StrategyOutcome } from '../../../main/domain';
import { ChartFrame } from './ChartFrame';
import { AXIS, niceTicks, SERIES_COLORS, strategyColor, strategyShort, tick, type ChartSize } from './chart-style';
import { deploymentPoints, latencyBars, logDomain, rateSweepLines, resultParetoLine, utilizationBars, type DeploymentPoint, type RateSweepPoint } from './compare-data';

/**
 * Strategy names under bars: level while each has room (about 80 px), slanted when five strategies share a
 * half-page chart on paper, where level names would run into each other.
 */
function categoryAxis(categories: number, width: number) {
  return width / Math.max(1, categories) >= 80
    ? { tick: AXIS, interval: 0 as const }
    : { tick: { fontSize: 10 }, interval: 0 as const, angle: -25, textAnchor: 'end' as const, height: 56 };
}

const fmtMs = (v: unknown) => `${Number(v) >= 100 ? Math.round(Number(v)) : Number(v).toFixed(1)} ms`;

/** A bar's category: the strategy, marked ✗ when its deployment (a pin or the closest miss) missed the SLOs. */
const barName = (b: { strategy: string; meetsSlo: boolean }) => `${strategyShort(b.strategy)}${b.meetsSlo ? '' : ' ✗'}`;

/** P50 and P99 of one latency (TTFT or TBT) for each strategy's chosen deployment. */
export function LatencyBarsChart({ outcomes, metric, sloMs, width = 420, height = 220, animate = false }: {
  outcomes: StrategyOutcome[];
  metric: 'ttft' | 'tbt';
  /** The P99 target, drawn as a line. */
  sloMs?: number;
} & ChartSize) {
  const data = useMemo(() => latencyBars(outcomes).map((b) => ({ ...b, name: barName(b) })), [outcomes]);
  const missed = data.some((b) => !b.meetsSlo);
  const what = metric === 'ttft' ? 'Time to first token' : 'Time between tokens';
  // An SLO far above every bar would flatten them: then it is named, not drawn.
  const top = Math.max(0, ...data.map((d) => (metric === 'ttft' ? d.ttftP99Ms : d.tbtP99Ms)));
  const drawSlo = sloMs !== undefined && sloMs <= top * 3;
  const sloText = sloMs === undefined ? '' : drawSlo ? `; dashed: P99 SLO ${fmtMs(sloMs)}` : `; P99 SLO ${fmtMs(sloMs)} is above the scale`;
  const yTicks = niceTicks(Math.max(top, drawSlo ? sloMs! : 0));
  return (
    <ChartFrame title={`${what}, P50 and P99`} subtitle={`ms, each strategy's chosen deployment${missed ? ' (✗: missed the SLOs)' : ''}${sloText}`} testId={`chart-latency-${metric}`}>
      <BarChart accessibilityLayer={false} width={width} height={height} data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" {...categoryAxis(data.length, width)} />
        <YAxis tickFormatter={tick} tick={AXIS} width={44} ticks={yTicks} domain={[0, yTicks[yTicks.length - 1]]} />
        <Tooltip formatter={(v, n) => [fmtMs(v), String(n)]} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        <Bar dataKey={`${metric}P50Ms`} name="P50" fill={SERIES_COLORS.p50} isAnimationActive={animate} />
        <Bar dataKey={`${metric}P99Ms`} name="P99" fill={SERIES_COLORS.input} isAnimationActive={animate} />
        {drawSlo && <ReferenceLine y={sloMs} stroke="#d6454f" strokeDasharray="5 4" ifOverflow="extendDomain" />}
      </BarChart>
    </ChartFrame>
  );
}

/**
 * Two scatter series per strategy, met (filled) and missed (hollow) the SLOs; called as a function since
 * the chart reads its own direct children. Built-in circles: a custom shape per point costs a lot more.
 */
function strategyScatters(points: Map<string, DeploymentPoint[]>, animate: boolean) {
  return [...points].flatMap(([strategy, pts]) => {
    const color = strategyColor(strategy);
    const met = pts.filter((p) => p.meetsSlo);
    const missed = pts.filter((p) => !p.meetsSlo);
    return [
      <Scatter key={strategy} name={strategyShort(strategy)} data={met} fill={color} shape="circle" isAnimationActive={animate} />,
      ...(missed.length > 0
        ? [<Scatter key={`${strategy}-missed`} name={`${strategyShort(strategy)} (missed SLO)`} data={missed} fill="none" stroke={color} strokeWidth={1.5} shape="circle" isAnimationActive={animate} legendType="none" />]
        : []),
    ];
  });
}

const pointTip = (unitX: string, unitY: string) => ({
  content: ({ payload }: { payload?: readonly { payload?: DeploymentPoint }[] }) => {
    const p = payload?.[0]?.payload;
    if (!p) return null;
    return (
      <div className="recharts-default-tooltip" style={{ padding: '4px 8px', border: '1px solid', borderRadius: 4 }}>
        <b>{strategyShort(p.strategy)}</b>: {p.deployment}
        <br />${p.usdPer1MTokens.toFixed(3)} per 1M tokens · TTFT P99 {fmtMs(p.ttftP99Ms)} · {Math.round(p.outputTokensPerS)} output tok/s
        <br />{p.meetsSlo ? 'meets the SLOs' : 'misses the SLOs'} ({unitX} × {unitY})
      </div>
    );
  },
});

/** Output throughput against TTFT P99 for every simulated deployment; hollow points missed the SLOs. */
export function ThroughputLatencyChart({ outcomes, width = 520, height = 260, animate = false }: { outcomes: StrategyOutcome[] } & ChartSize) {
  const points = useMemo(() => deploymentPoints(outcomes), [outcomes]);
  const all = [...points.values()].flat();
  const xDomain = logDomain(all.map((p) => p.ttftP99Ms)) ?? [1, 1000];
  return (
    <ChartFrame title="Throughput against latency" subtitle="every simulated deployment: output tokens/s vs TTFT P99 (ms, log); hollow = missed the SLOs" testId="chart-throughput">
      <ScatterChart accessibilityLayer={false} width={width} height={height} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="ttftP99Ms" name="TTFT P99" unit=" ms" scale="log" domain={xDomain} tickFormatter={tick} tick={AXIS} allowDataOverflow />
        <YAxis type="number" dataKey="outputTokensPerS" name="output" tickFormatter={tick} tick={AXIS} width={48} label={{ value: 'tok/s', angle: -90, position: 'insideLeft', fontSize: 11 }} />
        <ZAxis range={[40, 40]} />
        <Tooltip {...pointTip('ms', 'tok/s')} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {strategyScatters(points, animate)}
      </ScatterChart>
    </ChartFrame>
  );
}

/**
 * Throughput against a P99 latency as the arrival rate rises (the max-goodput probe), one line per strategy's
 * probed deployment: where the line turns up is where the deployment saturates. Filled dots met the SLOs.
 */
export function RateSweepChart({ outcomes, metric, sloMs, width = 440, height = 240, animate = false }: {
  outcomes: StrategyOutcome[];
  metric: 'ttft' | 'tbt';
  sloMs?: number;
} & ChartSize) {
  const lines = useMemo(() => rateSweepLines(outcomes), [outcomes]);
  const key = metric === 'ttft' ? 'ttftP99Ms' : 'tbtP99Ms';
  const ys = lines.flatMap((l) => l.points.map((p) => p[key]));
  // As in the bars: an SLO far above every point would flatten the lines, so it is named instead of drawn.
  const drawSlo = sloMs !== undefined && sloMs <= Math.max(0, ...ys) * 3;
  const yDomain = logDomain([...ys, ...(drawSlo ? [sloMs] : [])]) ?? [1, 1000];
  const what = metric === 'ttft' ? 'TTFT P99' : 'TBT P99';
  const sloText = sloMs === undefined ? '' : drawSlo ? '; dashed: SLO' : `; SLO ${fmtMs(sloMs)} is above the scale`;
  const xTicks = niceTicks(Math.max(0, ...lines.flatMap((l) => l.points.map((p) => p.throughputRps))), 4);
  const dot = (color: string) => (props: { cx?: number; cy?: number; payload?: RateSweepPoint; index?: number }) => (
    <circle key={props.index} cx={props.cx} cy={props.cy} r={3.5} stroke={color} strokeWidth={1.5} fill={props.payload?.meetsSlo ? color : 'var(--panel, #fff)'} />
  );
  return (
    <ChartFrame title={`Throughput against ${what} as the arrival rate rises`}
      subtitle={`x: completed req/s, y: ${what} (ms, log) at 1×, 1.5×, 2×… the busiest window's rate; hollow = missed the SLOs${sloText}`}
      testId={`chart-rate-${metric}`}>
      <LineChart accessibilityLayer={false} width={width} height={height} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid strokeDasharray="3 3" />
        {/* Round ticks from 0 (0/2/4/6/8) and the unit in the subtitle: recharts' own ticks on an 'auto' domain and a
            'req/s' label inside the corner printed over each other. */}
        <XAxis type="number" dataKey="throughputRps" domain={[0, xTicks[xTicks.length - 1]]} ticks={xTicks} interval={0} tickFormatter={tick} tick={AXIS}
          allowDuplicatedCategory={false} />
        <YAxis type="number" dataKey={key} scale="log" domain={yDomain} tickFormatter={tick} tick={AXIS} width={48} allowDataOverflow
          label={{ value: 'ms', angle: -90, position: 'insideLeft', fontSize: 11 }} />
        <Tooltip formatter={(v, n) => [fmtMs(v), String(n)]} labelFormatter={(x) => `${tick(Number(x))} req/s completed`} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {lines.map((l) => (
          <Line key={l.strategy} data={l.points} dataKey={key} name={strategyShort(l.strategy)} stroke={strategyColor(l.strategy)} strokeWidth={2}
            dot={dot(strategyColor(l.strategy))} isAnimationActive={animate} />
        ))}
        {drawSlo && <ReferenceLine y={sloMs} stroke="#d6454f" strokeDasharray="5 4" />}
      </LineChart>
    </ChartFrame>
  );
}

/** Cost per 1M tokens against TTFT P99, both log, with the cross-strategy Pareto front and the SLO. */
export function ParetoChart({ result, width = 520, height = 260, animate = false }: { result: Pick<ComparisonResult, 'strategies' | 'pareto' | 'slo'> } & ChartSize) {
  const points = useMemo(() => deploymentPoints(result.strategies), [result]);
  const front = useMemo(() => resultParetoLine(result), [result]);
  const all = [...points.values()].flat();
  const xDomain = logDomain(all.map((p) => p.usdPer1MTokens)) ?? [0.01, 10];
  const sloMs = result.slo.ttftP99S !== undefined ? result.slo.ttftP99S * 1000 : undefined;
  const yDomain = logDomain([...all.map((p) => p.ttftP99Ms), ...(sloMs ? [sloMs] : [])]) ?? [1, 1000];
  return (
    <ChartFrame title="Cost against TTFT P99: the Pareto front" subtitle="$ per 1M tokens (log) vs TTFT P99 (ms, log); grey line: deployments no other beats on both; dashed: SLO" testId="chart-pareto">
      <ScatterChart accessibilityLayer={false} width={width} height={height} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="usdPer1MTokens" name="cost" scale="log" domain={xDomain} tickFormatter={(v) => `$${tick(Number(v))}`} tick={AXIS} allowDataOverflow />
        <YAxis type="number" dataKey="ttftP99Ms" name="TTFT P99" scale="log" domain={yDomain} tickFormatter={tick} tick={AXIS} width={48} allowDataOverflow
          label={{ value: 'ms', angle: -90, position: 'insideLeft', fontSize: 11 }} />
        <ZAxis range={[40, 40]} />
        <Tooltip {...pointTip('$/1M', 'ms')} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        <Scatter name="Pareto front" data={front} fill={SERIES_COLORS.front} line={{ stroke: SERIES_COLORS.front, strokeWidth: 2 }} shape={() => <g />} isAnimationActive={animate} legendType="line" />
        {strategyScatters(points, animate)}
        {sloMs !== undefined && <ReferenceLine y={sloMs} stroke="#d6454f" strokeDasharray="5 4" />}
      </ScatterChart>
    </ChartFrame>
  );
}

/** Busy share of paid GPU time, and SLO attainment, for each strategy's chosen deployment. */
export function UtilizationChart({ outcomes, width = 420, height = 220, animate = false }: { outcomes: StrategyOutcome[] } & ChartSize) {
  const data = useMemo(() => utilizationBars(outcomes).map((b) => ({ ...b, name: barName(b) })), [outcomes]);
  return (
    <ChartFrame title="GPU utilization and SLO attainment" subtitle="%, each strategy's chosen deployment over the whole replay" testId="chart-utilization">
      <BarChart accessibilityLayer={false} width={width} height={height} data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" {...categoryAxis(data.length, width)} />
        <YAxis domain={[0, 100]} tickFormatter={(v) => `${v}%`} tick={AXIS} width={40} />
        <Tooltip formatter={(v, n) => [`${Number(v).toFixed(1)}%`, String(n)]} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        <Bar dataKey="utilizationPct" name="GPU busy" fill={SERIES_COLORS.rate} isAnimationActive={animate} />
        <Bar dataKey="sloAttainmentPct" name="requests meeting SLOs" fill={SERIES_COLORS.input} isAnimationActive={animate} />
      </BarChart>
    </ChartFrame>
  );
}
