// Each request's largest token gap without touching the request every iteration: a monotonic stack of
// (iteration, duration) over an instance's decode iterations, durations strictly decreasing from bottom to
// top. The first entry at or after iteration s holds the longest iteration in [s, latest], which is the
// largest gap a decode running since s has seen. Push is amortised O(1), a query is one binary search.

export class GapStack {
  private its = new Int32Array(256);
  private durs = new Float64Array(256);
  private len = 0;

  /** Adds iteration `it` of duration `dur`; false when full (compact, then push again). */
  push(it: number, dur: number): boolean {
    let len = this.len;
    const durs = this.durs;
    while (len > 0 && durs[len - 1] <= dur) len--;
    if (len === durs.length) {
      this.len = len;
      return false;
    }
    this.its[len] = it;
    durs[len] = dur;
    this.len = len + 1;
    return true;
  }

  /** Drops entries before iteration `oldest` (no running decode started earlier); grows when that frees too little. */
  compact(oldest: number): void {
    let from = 0;
    const len = this.len;
    while (from < len && this.its[from] < oldest) from++;
    this.its.copyWithin(0, from, len);
    this.durs.copyWithin(0, from, len);
    this.len = len - from;
    if (this.len > this.durs.length / 2) {
      const its = new Int32Array(this.its.length * 2);
      const durs = new Float64Array(this.durs.length * 2);
      its.set(this.its.subarray(0, this.len));
      durs.set(this.durs.subarray(0, this.len));
      this.its = its;
      this.durs = durs;
    }
  }

  /**
   * Raises col[r] to the longest iteration since `s` (maxSince without returning a double, which V8 boxes on
   * the heap when the call is not inlined; this runs once per finished decode).
   */
  raiseToMaxSince(s: number, col: Float64Array, r: number): void {
    const g = this.maxSince(s);
    if (g > col[r]) col[r] = g;
  }

  /** Longest iteration from iteration `s` to the latest one (0 when there is none). */
  maxSince(s: number): number {
    const its = this.its;
    let lo = 0;
    let hi = this.len;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (its[mid] < s) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.len ? this.durs[lo] : 0;
  }
}
