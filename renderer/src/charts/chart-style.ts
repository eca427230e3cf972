// Shared look of fleetplan's charts: one colour per strategy (the same in every chart, both themes and
// print), sizes, and the formatting of axis ticks.
import './charts.css';

export interface ChartSize {
  /** Pixels; charts never measure their container, so a printed page lays out the same every time. */
  width?: number;
  height?: number;
  /** Off by default: printed pages and screenshots must show the final picture at once. */
  animate?: boolean;
}

export const STRATEGY_COLORS: Record<string, string> = {
  colocated: '#2f6fd0',
  pipeline: '#8a5cd6',
  disaggregated: '#1f9a4b',
  cronus: '#d0741c',
  nexus: '#d6454f',
};

// p50: a lighter tint of input, drawn solid (an opacity would leave the legend's swatch the P99's colour).
export const SERIES_COLORS = { input: '#2f6fd0', p50: '#8db2ec', output: '#d0741c', rate: '#1f9a4b', front: '#7d8590' };

export function strategyColor(id: string): string {
  return STRATEGY_COLORS[id] ?? '#7d8590';
}

/** Axis ticks: 1.2k, 35k, 2M; small values keep their decimals. */
export function tick(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  if (a >= 10 || a === 0) return String(Math.round(n));
  if (a >= 1) return String(+n.toFixed(1));
  return String(+n.toPrecision(2));
}

export const AXIS = { fontSize: 11 };

/**
 * Ticks from 0 past `max` on round steps (1, 2, 2.5 or 5 times a power of ten), at most `most` intervals:
 * 0/100/200/300 rather than the 0/70/140/210/280 an even split of the data's range gives.
 */
export function niceTicks(max: number, most = 5): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / most;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw * (1 - 1e-12))!;
  const n = Math.ceil(max / step - 1e-9);
  return Array.from({ length: n + 1 }, (_, i) => +(i * step).toPrecision(12));
}

export const STRATEGY_SHORT: Record<string, string> = {
  colocated: 'Colocated',
  pipeline: 'Pipeline',
  disaggregated: 'Disaggregated',
  cronus: 'Cronus',
  nexus: 'Nexus',
};

export function strategyShort(id: string): string {
  return STRATEGY_SHORT[id] ?? id;
}
