// The report's own small vector charts (what renderer/src/charts does not draw): plain SVG (prints as vectors, no layout measurement, renders
// in one pass so the page can say it is ready). Fixed viewBox, scaled to the column width on paper.
import type { ReactNode } from 'react';

export const PALETTE = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2'];
// Drawn at the size it prints (half the A4 text width, in CSS px), so text keeps its point size.
const W = 336;
const H = 210;
const M = { top: 10, right: 8, bottom: 44, left: 52 };

function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((s) => s * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function tickText(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${v / 1e6}M`;
  if (a >= 1e4) return `${v / 1e3}k`;
  return String(Number(v.toPrecision(4)));
}

interface Frame {
  x: (v: number) => number;
  y: (v: number) => number;
}

function Axes({ xTicks, yTicks, f, xLabel, yLabel, xFmt = tickText }: { xTicks: number[]; yTicks: number[]; f: Frame; xLabel: string; yLabel: string; xFmt?: (v: number) => string }) {
  return (
    <g fontSize={10} fill="#374151">
      {yTicks.map((t) => (
        <g key={`y${t}`}>
          <line x1={M.left} x2={W - M.right} y1={f.y(t)} y2={f.y(t)} stroke="#e5e7eb" />
          <text x={M.left - 6} y={f.y(t) + 4} textAnchor="end">{tickText(t)}</text>
        </g>
      ))}
      {xTicks.map((t) => (
        <text key={`x${t}`} x={f.x(t)} y={H - M.bottom + 16} textAnchor="middle">{xFmt(t)}</text>
      ))}
      <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke="#6b7280" />
      <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} stroke="#6b7280" />
      <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle">{xLabel}</text>
      <text transform={`translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle">{yLabel}</text>
    </g>
  );
}

export function Figure({ title, caption, children, legend }: { title: string; caption?: string; children: ReactNode; legend?: { name: string; color: string; dashed?: boolean }[] }) {
  return (
    <figure className="report-figure">
      <figcaption><strong>{title}</strong>{caption ? ` ${caption}` : ''}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} xmlns="http://www.w3.org/2000/svg">{children}</svg>
      {legend && legend.length > 0 && (
        <div className="report-legend">
          {legend.map((l) => (
            <span key={l.name}><i style={{ background: l.color, opacity: l.dashed ? 0.5 : 1 }} />{l.name}</span>
          ))}
        </div>
      )}
    </figure>
  );
}

/**
 * The value axis of a bar chart as a fraction of its height: linear from 0, or by decades when the positive
 * values span more than 20× (a $0.076 bar would vanish beside a $1.70 one), so every bar stays readable.
 */
export function barScale(values: readonly number[]): { log: boolean; yTicks: number[]; at: (v: number) => number } {
  const pos = values.filter((v) => Number.isFinite(v) && v > 0);
  const lo = pos.length > 0 ? Math.min(...pos) : 0;
  const hi = pos.length > 0 ? Math.max(...pos) : 0;
  if (pos.length >= 2 && hi / lo > 20) {
    const a = Math.floor(Math.log10(lo));
    const b = Math.ceil(Math.log10(hi * 1.05));
    const yTicks = Array.from({ length: b - a + 1 }, (_, i) => Number((10 ** (a + i)).toPrecision(12)));
    return { log: true, yTicks, at: (v) => (v > 0 ? Math.max(0, (Math.log10(v) - a) / (b - a)) : 0) };
  }
  const max = Math.max(1e-12, hi) * 1.1;
  const yTicks = niceTicks(0, max);
  const top = Math.max(max, yTicks[yTicks.length - 1]);
  return { log: false, yTicks, at: (v) => v / top };
}

/** Grouped bars: one group per category, one bar per series; an optional dashed target line. */
export function BarChart({ title, caption, categories, series, yLabel, target }: {
  title: string; caption?: string; categories: string[]; series: { name: string; values: (number | null)[] }[]; yLabel: string;
  target?: { value: number; label: string };
}) {
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const scale = barScale([...all, ...(target ? [target.value] : [])]);
  const { yTicks } = scale;
  const f: Frame = { x: (v) => v, y: (v) => H - M.bottom - (H - M.top - M.bottom) * scale.at(v) };
  const band = (W - M.left - M.right) / Math.max(1, categories.length);
  const bw = (band * 0.7) / Math.max(1, series.length);
  return (
    <Figure title={title} caption={scale.log ? `${caption ?? ''} (log scale)`.trim() : caption} legend={[...series.map((s, i) => ({ name: s.name, color: PALETTE[i % PALETTE.length] })), ...(target ? [{ name: target.label, color: '#dc2626', dashed: true }] : [])]}>
      <Axes xTicks={[]} yTicks={yTicks} f={f} xLabel="" yLabel={yLabel} />
      {categories.map((c, ci) => (
        <g key={c}>
          {series.map((s, si) => {
            const v = s.values[ci];
            if (v === null || !Number.isFinite(v)) return null;
            const x = M.left + ci * band + band * 0.15 + si * bw;
            return <rect key={s.name} x={x} y={f.y(v)} width={bw - 2} height={Math.max(0, H - M.bottom - f.y(v))} fill={PALETTE[si % PALETTE.length]} />;
          })}
          {band >= 72 ? (
            <text x={M.left + ci * band + band / 2} y={H - M.bottom + 16} textAnchor="middle" fontSize={10} fill="#374151">{c}</text>
          ) : (
            // Narrow bands: slanted labels, so long names do not run into each other.
            <text transform={`translate(${M.left + ci * band + band / 2 + 4} ${H - M.bottom + 12}) rotate(-25)`} textAnchor="end" fontSize={9} fill="#374151">{c}</text>
          )}
        </g>
      ))}
      {target && <line x1={M.left} x2={W - M.right} y1={f.y(target.value)} y2={f.y(target.value)} stroke="#dc2626" strokeDasharray="6 4" />}
    </Figure>
  );
}
