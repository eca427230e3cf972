// An instance's decodes keyed by the iteration of their last step, as a calendar queue: a ring of lists, one
// per iteration modulo the ring's size, linked through a request column. Adding and taking a finish are
// O(1), where a heap paid a sift of log(decodes) with unpredictable branches per finish (a quarter of the
// scheduler's time in the 1M-request bench). A decode due more than a ring's length ahead shares a list with
// earlier ones and is passed over until its own turn comes.

export class FinishCalendar {
  private readonly heads: Int32Array;
  private readonly mask: number;

  /**
   * `due` is the request column holding each decode's last iteration and `next` the column that links the
   * lists (both shared by every instance of a run; a request is on one instance's calendar at a time).
   */
  constructor(
    private readonly due: Int32Array,
    private readonly next: Int32Array,
    slots = 1024,
  ) {
    let c = 16;
    while (c < slots) c <<= 1;
    this.heads = new Int32Array(c).fill(-1);
    this.mask = c - 1;
  }

  /** Files request r under its due iteration (already written to the `due` column). */
  add(r: number): void {
    const s = this.due[r] & this.mask;
    this.next[r] = this.heads[s];
    this.heads[s] = r;
  }

  /** Whether any request may be due at iteration `it` (its list is not empty). */
  anyDue(it: number): boolean {
    return this.heads[it & this.mask] >= 0;
  }

  /** Takes request r off the calendar before it is due (a preempted decode). */
  remove(r: number): void {
    const s = this.due[r] & this.mask;
    const next = this.next;
    let p = this.heads[s];
    if (p === r) {
      this.heads[s] = next[r];
      return;
    }
    while (p >= 0 && next[p] !== r) p = next[p];
    if (p >= 0) next[p] = next[r];
  }

  /**
   * Detaches every request due at iteration `it` and returns the first, the rest chained through the `next`
   * column up to -1. Requests of the same list due in a later turn of the ring stay.
   */
  takeDue(it: number): number {
    const s = it & this.mask;
    let r = this.heads[s];
    if (r < 0) return -1;
    const due = this.due;
    const next = this.next;
    let first = -1;
    let kept = -1;
    while (r >= 0) {
      const n = next[r];
      if (due[r] === it) {
        next[r] = first;
        first = r;
      } else {
        next[r] = kept;
        kept = r;
      }
      r = n;
    }
    this.heads[s] = kept;
    return first;
  }

  /**
   * The decode due soonest at or after iteration `it` (-1 when none): O(ring) at worst, for TetriInfer's
   * reserve-dynamic admission only.
   */
  earliest(it: number): number {
    const heads = this.heads;
    const due = this.due;
    const next = this.next;
    let best = -1;
    for (let k = 0; k <= this.mask; k++) {
      for (let r = heads[(it + k) & this.mask]; r >= 0; r = next[r]) {
        if (due[r] === it + k) return r;
        if (due[r] >= it && (best < 0 || due[r] < due[best])) best = r;
      }
    }
    return best;
  }
}
