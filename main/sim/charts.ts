// What the Compare screen and the report draw beyond a run's aggregates — latency CDFs and busy share over
// time per instance — gathered while the run itself goes, so a chosen deployment is never simulated again
// for its charts. The CDFs are the quantiles of the very histograms metrics.ts reports the table's figures
// from; utilization is binned as iterations end into a bounded array (no per-iteration record is kept).
import type { LogHistogram } from './histogram';
import { latencyHistograms, type LatencyHistograms } from './metrics';
import type { IterationObserver } from './scheduler-config';
import type { BatchAggregate } from './types';
import { planOf, type Deployment } from './strategies';
import { runPlan, type PlanRun, type RunOptions } from './strategies/plan';
import type { StrategyWorkload } from './strategies/types';
import type { StrategyTrace } from './search/types';

/** Round bin widths for utilization over time, seconds. */
const BINS_S = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];

/** About 100 bins over the run, on a round number of seconds. */
export function utilizationBinS(durationS: number): number {
  return BINS_S.find((b) => b >= durationS / 100) ?? BINS_S[BINS_S.length - 1];
}

/**
 * The widths the running bins take as a run grows. Each is a whole multiple of the one before (so bins merge
 * exactly) and divides every BINS_S width a run long enough to reach it can end on: a switch from w to the
 * next width happens past FINE_BINS·w seconds, where utilizationBinS is at least FINE_BINS·w/100 ≥ 20·w.
 */
const FINE_S = [0.1, 0.5, 5, 15, 60, 300, 1800];
/** Running bins per instance before they are merged into the next width (memory: 16 KB per instance). */
const FINE_BINS = 2048;

/** Busy seconds per cost unit per time bin, added as each iteration is reported (an IterationObserver). */
export class UtilizationBins implements IterationObserver {
  private level = 0;
  private widthS = FINE_S[0];
  private busy: Float64Array;
  private capacity = 64;

  /** `t0`: when the run's time axis starts (its first arrival); `unitOf[i]`: the unit of engine instance i. */
  constructor(readonly t0: number, readonly unitOf: ArrayLike<number>, readonly units: number) {
    this.busy = new Float64Array(this.capacity * units);
  }

  iteration(instance: number, startS: number, endS: number, _used: number, _total: number, _agg: BatchAggregate): void {
    const u = this.unitOf[instance];
    const a = Math.max(0, startS - this.t0);
    const b = endS - this.t0;
    if (!(b > a)) return;
    if (b >= this.capacity * this.widthS) this.makeRoom(b);
    const w = this.widthS;
    const n = this.units;
    const first = Math.floor(a / w);
    const last = Math.min(this.capacity - 1, Math.floor(b / w));
    if (first >= last) {
      this.busy[last * n + u] += b - a;
      return;
    }
    this.busy[first * n + u] += (first + 1) * w - a;
    for (let k = first + 1; k < last; k++) this.busy[k * n + u] += w;
    this.busy[last * n + u] += b - last * w;
  }

  /** Grows the array (doubling) up to FINE_BINS bins, then merges bins into the next width; amortised O(1). */
  private makeRoom(endS: number): void {
    while (endS >= this.capacity * this.widthS) {
      if (this.capacity < FINE_BINS || this.level === FINE_S.length - 1) {
        const next = new Float64Array(this.capacity * 2 * this.units);
        next.set(this.busy);
        this.busy = next;
        this.capacity *= 2;
      } else {
        const r = Math.round(FINE_S[this.level + 1] / FINE_S[this.level]);
        this.merge(r);
        this.level++;
        this.widthS = FINE_S[this.level];
      }
    }
  }

  /** Sums every r consecutive bins into one, in place. */
  private merge(r: number): void {
    const n = this.units;
    const bins = this.capacity;
    for (let k = 0; k < bins; k++) {
      const to = Math.floor(k / r) * n;
      for (let u = 0; u < n; u++) {
        const v = this.busy[k * n + u];
        this.busy[k * n + u] = 0;
        this.busy[to + u] += v;
      }
    }
  }

  /** Busy fraction per unit per bin of utilizationBinS(durationS) seconds over [0, durationS). */
  busyShares(durationS: number): { binS: number; busy: number[][] } {
    const w = this.widthS;
    // utilizationBinS, unless the run stopped before the iterations it had started ended (bins merged past
    // its end): then the first round width that holds whole running bins.
    const whole = (b: number) => b >= w * (1 - 1e-9) && Math.abs(b / w - Math.round(b / w)) < 1e-9;
    const wanted = utilizationBinS(durationS);
    const binS = whole(wanted) ? wanted : BINS_S.find((b) => b >= wanted && whole(b)) ?? w;
    const r = Math.round(binS / w);
    const bins = Math.max(1, Math.ceil(durationS / binS));
    const n = this.units;
    const busy = Array.from({ length: n }, () => new Array<number>(bins).fill(0));
    for (let k = 0; k < Math.min(this.capacity, bins * r); k++) {
      const b = Math.floor(k / r);
      for (let u = 0; u < n; u++) busy[u][b] += this.busy[k * n + u];
    }
    for (const row of busy) for (let b = 0; b < bins; b++) row[b] = Math.min(1, row[b] / binS);
    return { binS, busy };
  }
}

/** 101 points: the histogram's quantile at each percentile 0..100 (metrics.ts's quantile, so P99 is the table's). */
export function cdfOf(h: LogHistogram): { p: number; x: number }[] {
  if (h.weight === 0) return [];
  return Array.from({ length: 101 }, (_, k) => ({ p: k / 100, x: h.quantile(k / 100) }));
}

/** What a run gathered for its charts; `trace()` reduces it to chart-sized data (done for the chosen run only). */
export interface ChartParts {
  trace(): StrategyTrace;
}

/** Runs a deployment with its chart data gathered on the way (an extra `observer` still sees every iteration). */
export function runWithCharts(dep: Deployment, w: StrategyWorkload, opts: RunOptions): { pr: PlanRun; charts: ChartParts } {
  const plan = planOf(dep, w, opts.seed);
  const labels = plan.unitLabels ?? plan.instanceLabels;
  // The time axis starts at the first arrival (a closed loop's first requests are sent at 0).
  const t0 = w.closedLoop || w.arrivalS.length === 0 ? 0 : w.arrivalS[0];
  const util = new UtilizationBins(t0, plan.unitOf, labels.length);
  const extra = opts.observer;
  const observer: IterationObserver = extra
    ? { iteration: (i, s, e, used, total, agg) => (util.iteration(i, s, e, used, total, agg), extra.iteration(i, s, e, used, total, agg)) }
    : util;
  const hist: LatencyHistograms = latencyHistograms();
  const pr = runPlan(plan, w, { ...opts, observer, histograms: hist });
  const durationS = pr.run.endS - t0;
  const requests = pr.run.requests.n;
  return {
    pr,
    charts: {
      trace: () => ({
        strategy: dep.strategy,
        instanceLabels: labels,
        requests,
        ttftCdf: cdfOf(hist.ttft),
        e2eCdf: cdfOf(hist.e2e),
        meanGapCdf: cdfOf(hist.tpot),
        utilization: util.busyShares(durationS),
      }),
    },
  };
}
