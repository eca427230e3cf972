// Fitting one GPU type's calibration to measured points: split off held-out points, search the three
// constants of params.ts for the least mean squared log error on the rest, and report predicted vs measured
// before (the defaults) and after, on both sets. Pure: same points and options, same answer.
import { invalid } from '../../domain/errors';
import type { ErrorSummary, FitRow } from '../../domain/calibration';

export type { ErrorSummary, FitRow };
import type { EfficiencyParams } from '../../sim/efficiency';
import { applyCalibration, identityCalibration, type CalibrationParams } from './params';
import { pointId, type MeasuredPoint } from './points';
import { predictPoint, type PredictContext } from './predict';

export type HoldOut = { kind: 'auto'; fraction: number } | { kind: 'points'; ids: string[] };

export interface FitResult {
  params: CalibrationParams;
  /** Which of the three the data constrained (the others stay at their defaults). */
  fitted: (keyof CalibrationParams)[];
  rows: FitRow[];
  before: { train: ErrorSummary; heldOut: ErrorSummary };
  after: { train: ErrorSummary; heldOut: ErrorSummary };
}

// Search bounds: compute and memory efficiency between a fifth and twice the default (capped at the
// datasheet by applyCalibration); host time up to 50 ms an iteration, past anything a healthy server shows.
const BOUNDS: Record<keyof CalibrationParams, [number, number]> = {
  computeScale: [0.2, 2],
  memoryScale: [0.2, 2],
  hostIterationS: [0, 0.05],
};

/** FNV-1a: a deterministic spread of point ids for the automatic split (no Math.random). */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function splitPoints(points: readonly MeasuredPoint[], holdOut: HoldOut): { train: MeasuredPoint[]; heldOut: MeasuredPoint[] } {
  let held: Set<string>;
  if (holdOut.kind === 'points') {
    const known = new Set(points.map(pointId));
    const missing = holdOut.ids.find((id) => !known.has(id));
    if (missing) throw invalid(`no measured point "${missing}" (points are named file:line)`, { field: 'holdout' });
    held = new Set(holdOut.ids);
  } else {
    if (!(holdOut.fraction > 0 && holdOut.fraction < 1)) throw invalid(`must be between 0 and 1, got ${holdOut.fraction}`, { field: 'holdoutFraction' });
    const ranked = [...points].map(pointId).sort((a, b) => hash(a) - hash(b) || (a < b ? -1 : 1));
    held = new Set(ranked.slice(0, Math.max(1, Math.round(points.length * holdOut.fraction))));
  }
  const train = points.filter((p) => !held.has(pointId(p)));
  const heldOut = points.filter((p) => held.has(pointId(p)));
  if (train.length < 2) throw invalid(`needs at least 2 points to fit after holding ${heldOut.length} out, has ${train.length}`, { field: 'holdout' });
  if (heldOut.length < 1) throw invalid('needs at least one held-out point to report an error', { field: 'holdout' });
  return { train, heldOut };
}

function summary(ratios: number[]): ErrorSummary {
  const errs = ratios.map((r) => Math.abs(r - 1)).sort((a, b) => a - b);
  const n = errs.length;
  if (n === 0) return { n: 0, median: 0, mean: 0, worst: 0 };
  const median = n % 2 ? errs[(n - 1) / 2] : (errs[n / 2 - 1] + errs[n / 2]) / 2;
  return { n, median, mean: errs.reduce((a, b) => a + b, 0) / n, worst: errs[n - 1] };
}

function objective(ctx: PredictContext, base: EfficiencyParams, points: readonly MeasuredPoint[], p: CalibrationParams): number {
  const eff = applyCalibration(base, p);
  let sum = 0;
  let n = 0;
  for (const pt of points) {
    for (const c of predictPoint(ctx, eff, pt)) {
      const l = Math.log(c.predicted / c.measured);
      sum += l * l;
      n++;
    }
  }
  return sum / Math.max(1, n);
}

/** Golden-section search of one parameter on its bounds, the others held. */
function lineSearch(f: (x: number) => number, lo: number, hi: number, iterations = 40): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < iterations; i++) {
    if (fc < fd) {
      b = d; d = c; fd = fc; c = b - g * (b - a); fc = f(c);
    } else {
      a = c; c = d; fc = fd; d = a + g * (b - a); fd = f(d);
    }
  }
  return (a + b) / 2;
}

export interface FitOptions {
  base: EfficiencyParams;
  holdOut: HoldOut;
}

export function fitCalibration(ctx: PredictContext, points: readonly MeasuredPoint[], opts: FitOptions): FitResult {
  const { train, heldOut } = splitPoints(points, opts.holdOut);
  const start = identityCalibration(opts.base);
  // Host time only shows in serving points: CUDA-graph iteration timings exclude it.
  const fitted: (keyof CalibrationParams)[] = ['computeScale', 'memoryScale'];
  if (train.some((p) => p.kind === 'serving')) fitted.push('hostIterationS');
  let params = { ...start };
  let best = objective(ctx, opts.base, train, params);
  for (let round = 0; round < 6; round++) {
    const before = best;
    for (const key of fitted) {
      const [lo, hi] = BOUNDS[key];
      const x = lineSearch((v) => objective(ctx, opts.base, train, { ...params, [key]: v }), lo, hi);
      const candidate = { ...params, [key]: x };
      const value = objective(ctx, opts.base, train, candidate);
      if (value < best) {
        params = candidate;
        best = value;
      }
    }
    if (before - best < 1e-9) break;
  }
  const beforeEff = applyCalibration(opts.base, start);
  const afterEff = applyCalibration(opts.base, params);
  const heldIds = new Set(heldOut.map(pointId));
  const rows: FitRow[] = points.flatMap((p) => {
    const b = predictPoint(ctx, beforeEff, p);
    const a = predictPoint(ctx, afterEff, p);
    return b.map((c, i) => ({ point: pointId(p), metric: c.metric, heldOut: heldIds.has(pointId(p)), measured: c.measured, before: c.predicted, after: a[i].predicted }));
  });
  const pick = (held: boolean, which: 'before' | 'after') => summary(rows.filter((r) => r.heldOut === held).map((r) => r[which] / r.measured));
  return {
    params, fitted, rows,
    before: { train: pick(false, 'before'), heldOut: pick(true, 'before') },
    after: { train: pick(false, 'after'), heldOut: pick(true, 'after') },
  };
}
