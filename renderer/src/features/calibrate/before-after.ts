// The Calibrate screen's tables as plain data: the before/after error summary of a record and its
// predicted-vs-measured rows with units. Pure (renderer-safe, unit-tested).
import type { CalibrationView, ErrorSummary, FitRow } from '../../../../main/domain';

export const pct = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(1)}%`);

export interface SummaryRow {
  /** "held out" or "fitted". */
  set: string;
  n: number;
  before: ErrorSummary;
  after: ErrorSummary;
}

/** Held-out first: it is the error a planner should trust; the fitted points only show the fit converged. */
export function summaryRows(c: CalibrationView): SummaryRow[] {
  if (!c.before || !c.after) return [];
  return [
    { set: 'held out', n: c.after.heldOut.n, before: c.before.heldOut, after: c.after.heldOut },
    { set: 'fitted', n: c.after.train.n, before: c.before.train, after: c.after.train },
  ];
}

const METRIC: Record<FitRow['metric'], { label: string; unit: string; scale: number; digits: number }> = {
  iteration: { label: 'iteration time', unit: 'ms', scale: 1000, digits: 3 },
  tpot: { label: 'TPOT', unit: 'ms', scale: 1000, digits: 2 },
  ttft: { label: 'TTFT', unit: 'ms', scale: 1000, digits: 1 },
  throughput: { label: 'output throughput', unit: 'tok/s', scale: 1, digits: 0 },
};

export interface PointRow {
  point: string;
  metric: string;
  heldOut: boolean;
  measured: string;
  before: string;
  after: string;
  errorBefore: string;
  errorAfter: string;
}

/** Each compared figure with its unit, held-out points first, then in file order. */
export function pointRows(c: CalibrationView): PointRow[] {
  return [...c.rows].sort((a, b) => Number(b.heldOut) - Number(a.heldOut)).map((r) => {
    const m = METRIC[r.metric];
    const v = (x: number) => `${(x * m.scale).toFixed(m.digits)} ${m.unit}`;
    return {
      point: r.point, metric: m.label, heldOut: r.heldOut, measured: v(r.measured), before: v(r.before), after: v(r.after),
      errorBefore: pct(Math.abs(r.before / r.measured - 1)), errorAfter: pct(Math.abs(r.after / r.measured - 1)),
    };
  });
}

/** What the status line says runs apply to the GPU type now. */
export function appliedText(list: readonly CalibrationView[]): string {
  const used = list.find((c) => c.usedByRuns);
  if (!used) return 'datasheet only: no calibration applies, runs use the datasheet and the H100-fitted curves';
  return `calibration #${used.id} (${used.origin}${used.engine ? `, ${used.engine}` : ''}), held-out error ${pct(used.after?.heldOut.n ? used.after.heldOut.median : null)}`;
}

export interface RatioPoint {
  /** 1-based, in pointRows' order (held-out points first). */
  n: number;
  ratio: number;
  heldOut: boolean;
  point: string;
}

/** predicted ÷ measured for every figure, with the default curves and with the fit: 1 is exact. */
export function ratioPoints(c: CalibrationView): { before: RatioPoint[]; after: RatioPoint[] } {
  const rows = [...c.rows].sort((a, b) => Number(b.heldOut) - Number(a.heldOut));
  const of = (which: 'before' | 'after') => rows.map((r, i) => ({ n: i + 1, ratio: r[which] / r.measured, heldOut: r.heldOut, point: `${r.point} ${METRIC[r.metric].label}` }));
  return { before: of('before'), after: of('after') };
}
