import { CartesianGrid, Legend, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { CalibrationView } from '../../../../main/domain';
import { ChartFrame } from '../../charts/ChartFrame';
import { AXIS, SERIES_COLORS, tick } from '../../charts/chart-style';
import { ratioPoints } from './before-after';

/** Predicted ÷ measured per figure before and after the fit (log scale; 1 is exact), held-out points first. */
export function RatioChart({ c, width = 640, height = 240 }: { c: CalibrationView; width?: number; height?: number }) {
  const { before, after } = ratioPoints(c);
  const ratios = [...before, ...after].map((p) => p.ratio).filter((r) => r > 0 && Number.isFinite(r));
  if (ratios.length === 0) return null;
  const lo = Math.min(0.5, ...ratios) * 0.9;
  const hi = Math.max(2, ...ratios) * 1.1;
  const held = before.filter((p) => p.heldOut).length;
  return (
    <ChartFrame title="Predicted ÷ measured, each figure" subtitle={`log scale, 1 = exact; ${held === 0 ? 'no point was held out' : held === 1 ? 'point 1 was held out of the fit' : `points 1–${held} were held out of the fit`}, the rest fitted`} testId="calib-chart">
      <ScatterChart accessibilityLayer={false} width={width} height={height} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="n" name="point" domain={[0, before.length + 1]} tick={AXIS} allowDecimals={false} />
        <YAxis type="number" dataKey="ratio" name="predicted ÷ measured" scale="log" domain={[lo, hi]} tickFormatter={tick} tick={AXIS} width={44} allowDataOverflow />
        {held > 0 && held < before.length && <ReferenceLine x={held + 0.5} stroke="#7d8590" strokeDasharray="2 2" />}
        <ReferenceLine y={1} stroke="#7d8590" />
        <Tooltip formatter={(v, n) => [n === 'predicted ÷ measured' ? Number(v).toFixed(3) : String(v), String(n)]} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        <Scatter name="before (datasheet and default curves)" data={before} fill={SERIES_COLORS.front} isAnimationActive={false} />
        <Scatter name="after (this calibration)" data={after} fill={SERIES_COLORS.input} isAnimationActive={false} />
      </ScatterChart>
    </ChartFrame>
  );
}
