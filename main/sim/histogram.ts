// Streaming weighted histogram for latency quantiles without keeping or sorting samples. Buckets are
// log-linear (as in HDR histograms): each power of two is cut into 128 equal sub-buckets, and a value's bucket
// is read straight from its float64 bits (exponent + top 7 mantissa bits), so adding is O(1) with no Math.log
// and no allocation — the engine adds one weighted sample per iteration. A quantile is reported as its
// bucket's midpoint clamped to the exact min/max seen; a bucket [a, a + w) has w ≤ a/128, so for any value in
// [HIST_MIN_S, HIST_MAX_S] the reported quantile is within a relative error of 1/256 ≈ 0.39% of the exact
// weighted quantile (smallest sample v with weight(≤ v) ≥ q·W).

export const HIST_MIN_S = 2 ** -20; // ≈ 0.95 µs; smaller values share the first bucket
export const HIST_MAX_S = 2 ** 20; // ≈ 12 days; larger values share the last bucket
const SUB_BITS = 7;
/** Worst relative error of a reported quantile for values within [HIST_MIN_S, HIST_MAX_S]. */
export const HIST_REL_ERROR = 1 / 2 ** (SUB_BITS + 1);

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // high word index (endianness)
const SHIFT = 20 - SUB_BITS;
/** (biased exponent, top mantissa bits) of HIST_MIN_S as one integer: the offset of bucket 0. */
const BASE = (1023 - 20) << SUB_BITS;
const BUCKETS = 40 << SUB_BITS;

function bucketOf(value: number): number {
  if (!(value > HIST_MIN_S)) return 0;
  if (value >= HIST_MAX_S) return BUCKETS - 1;
  f64[0] = value;
  return (u32[HI] >>> SHIFT) - BASE;
}

/** Lower edge of bucket b. */
function bucketLow(b: number): number {
  const e = b >> SUB_BITS;
  const m = b & ((1 << SUB_BITS) - 1);
  return HIST_MIN_S * 2 ** e * (1 + m / (1 << SUB_BITS));
}

export class LogHistogram {
  readonly counts = new Float64Array(BUCKETS);
  /** Σ weights. */
  weight = 0;
  /** Σ value·weight (the mean is exact, not bucketed). */
  sum = 0;
  min = Infinity;
  max = -Infinity;

  add(value: number, weight: number): void {
    if (!(weight > 0)) return;
    const b = bucketOf(value);
    this.counts[b] += weight;
    this.weight += weight;
    this.sum += value * weight;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  /** Adds every value of a column (weight 1), skipping NaN (requests that never got there). */
  addAll(values: Float64Array, from = 0, to = values.length): void {
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (v === v) this.add(v, 1);
    }
  }

  merge(other: LogHistogram): void {
    for (let b = 0; b < BUCKETS; b++) this.counts[b] += other.counts[b];
    this.weight += other.weight;
    this.sum += other.sum;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
  }

  mean(): number {
    return this.weight > 0 ? this.sum / this.weight : NaN;
  }

  /**
   * The smallest bucket whose cumulative weight reaches q·W, as its geometric middle (clamped to [min, max]).
   * This matches the exact quantile "smallest sample v with weight(≤ v) ≥ q·W" to within HIST_REL_ERROR.
   */
  quantile(q: number): number {
    if (this.weight === 0) return NaN;
    if (q <= 0) return this.min;
    if (q >= 1) return this.max;
    const target = q * this.weight;
    let acc = 0;
    for (let b = 0; b < BUCKETS; b++) {
      acc += this.counts[b];
      if (acc >= target * (1 - 1e-12) && this.counts[b] > 0) {
        const lo = bucketLow(b);
        const mid = b === 0 ? lo : (lo + bucketLow(b + 1)) / 2;
        return Math.min(this.max, Math.max(this.min, mid));
      }
    }
    return this.max;
  }

  /** Weight of samples ≤ limit, to bucket resolution (the bucket holding `limit` counts as within). */
  fractionAtOrBelow(limit: number): number {
    if (this.weight === 0) return NaN;
    if (limit >= this.max) return 1;
    if (limit < this.min) return 0;
    const b = bucketOf(limit);
    let acc = 0;
    for (let k = 0; k <= b; k++) acc += this.counts[k];
    return acc / this.weight;
  }
}

export interface Quantiles {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function quantiles(h: LogHistogram): Quantiles {
  return { mean: h.mean(), p50: h.quantile(0.5), p90: h.quantile(0.9), p99: h.quantile(0.99), max: h.weight > 0 ? h.max : NaN };
}
