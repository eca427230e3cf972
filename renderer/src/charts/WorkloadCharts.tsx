// A workload's pictures: arrival rate over time, input/output length histograms, and their CDFs.
// Fixed-size recharts components (see chart-style.ts), usable on screen and on a printed report page.
import { useMemo } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { LengthDistribution, WorkloadStats } from '../../../main/domain';
import { ChartFrame } from './ChartFrame';
import { AXIS, SERIES_COLORS, tick, type ChartSize } from './chart-style';
import { arrivalRateSeries, cdfSeries, histogramBars, mergedCdf } from './workload-data';

const fmtTime = (s: number) => (s >= 3600 ? `${+(s / 3600).toFixed(1)} h` : s >= 60 ? `${Math.round(s / 60)} min` : `${Math.round(s)} s`);

export function ArrivalRateChart({ arrivals, width = 520, height = 200, animate = false }: { arrivals: WorkloadStats['arrivals'] } & ChartSize) {
  const data = useMemo(() => arrivalRateSeries(arrivals), [arrivals]);
  const bin = data.length > 1 ? data[1].tS - data[0].tS : arrivals.binS;
  return (
    <ChartFrame title="Arrival rate over time" subtitle={`requests/s, averaged over ${fmtTime(bin)} bins`} testId="chart-arrivals">
      <AreaChart accessibilityLayer={false} width={width} height={height} data={data} margin={{ top: 6, right: 12, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="tS" type="number" domain={['dataMin', 'dataMax']} tickFormatter={fmtTime} tick={AXIS} />
        <YAxis tickFormatter={tick} tick={AXIS} width={44} label={{ value: 'req/s', angle: -90, position: 'insideLeft', fontSize: 11 }} />
        <Tooltip formatter={(v) => [`${Number(v).toFixed(2)} req/s`, 'rate']} labelFormatter={(t) => `from ${fmtTime(Number(t))}`} />
        <Area type="stepAfter" dataKey="ratePerS" stroke={SERIES_COLORS.rate} fill={SERIES_COLORS.rate} fillOpacity={0.25} isAnimationActive={animate} />
      </AreaChart>
    </ChartFrame>
  );
}

export function LengthHistogram({ dist, which, width = 340, height = 200, animate = false }: { dist: LengthDistribution; which: 'input' | 'output' } & ChartSize) {
  const data = useMemo(() => histogramBars(dist.histogram), [dist]);
  return (
    <ChartFrame
      title={`${which === 'input' ? 'Input' : 'Output'} length`}
      subtitle={`requests per length bin (tokens, log bins) · mean ${Math.round(dist.mean)}, P50 ${dist.p50}, P99 ${dist.p99}`}
      testId={`chart-hist-${which}`}
    >
      <BarChart accessibilityLayer={false} width={width} height={height} data={data} margin={{ top: 6, right: 8, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="range" tick={{ fontSize: 10 }} interval="preserveStartEnd" />
        <YAxis tickFormatter={tick} tick={AXIS} width={44} />
        <Tooltip formatter={(v, _n, item) => [`${v} requests (${((item.payload as { share: number }).share * 100).toFixed(1)}%)`, 'tokens ' + (item.payload as { range: string }).range]} />
        <Bar dataKey="count" fill={SERIES_COLORS[which]} isAnimationActive={animate} />
      </BarChart>
    </ChartFrame>
  );
}

export function LengthCdfChart({ input, output, width = 340, height = 200, animate = false }: { input: LengthDistribution; output: LengthDistribution } & ChartSize) {
  const data = useMemo(() => mergedCdf(cdfSeries(input.cdf), cdfSeries(output.cdf)), [input, output]);
  const positive = data.filter((d) => d.x > 0);
  return (
    <ChartFrame title="Length CDF" subtitle="fraction of requests at or below a length (tokens, log scale)" testId="chart-cdf">
      <LineChart accessibilityLayer={false} width={width} height={height} data={positive} margin={{ top: 6, right: 12, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="x" type="number" scale="log" domain={['dataMin', 'dataMax']} tickFormatter={tick} tick={AXIS} allowDataOverflow />
        <YAxis domain={[0, 1]} tickFormatter={(v) => `${Math.round(Number(v) * 100)}%`} tick={AXIS} width={40} />
        <Tooltip formatter={(v, n) => [`${(Number(v) * 100).toFixed(0)}%`, String(n)]} labelFormatter={(x) => `≤ ${x} tokens`} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        <Line type="monotone" dataKey="input" name="input" stroke={SERIES_COLORS.input} dot={false} connectNulls isAnimationActive={animate} />
        <Line type="monotone" dataKey="output" name="output" stroke={SERIES_COLORS.output} dot={false} connectNulls isAnimationActive={animate} />
      </LineChart>
    </ChartFrame>
  );
}
