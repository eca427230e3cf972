// The finish calendar against a plain reference: random adds, early removals and takes, with a ring far
// smaller than the horizon so lists hold decodes due in later turns of the ring.
import { describe, expect, it } from 'vitest';
import { FinishCalendar } from '../../../main/sim/finish-calendar';
import { Rng } from '../../../main/sim/rng';

function drain(first: number, next: Int32Array): number[] {
  const out: number[] = [];
  for (let r = first; r >= 0; r = next[r]) out.push(r);
  return out.sort((a, b) => a - b);
}

describe('FinishCalendar', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: takes exactly the requests due at each iteration, across ring turns and removals`, () => {
      const n = 4000;
      const due = new Int32Array(n).fill(-1);
      const next = new Int32Array(n).fill(-1);
      const cal = new FinishCalendar(due, next, 16);
      const rng = new Rng(seed);
      const pending = new Map<number, number>(); // request -> due iteration
      let nextId = 0;
      let taken = 0;
      for (let it = 0; it < 3000; it++) {
        for (let k = rng.int(4); k > 0 && nextId < n; k--) {
          const r = nextId++;
          due[r] = it + 1 + rng.int(200); // up to 12 turns of a 16-slot ring ahead
          cal.add(r);
          pending.set(r, due[r]);
        }
        if (pending.size > 0 && rng.uniform() < 0.3) {
          const ids = [...pending.keys()];
          const r = ids[rng.int(ids.length)];
          cal.remove(r);
          pending.delete(r);
        }
        const want = [...pending].filter(([, d]) => d === it).map(([r]) => r).sort((a, b) => a - b);
        const got = drain(cal.takeDue(it), next);
        expect(got, `iteration ${it}`).toEqual(want);
        for (const r of got) pending.delete(r);
        taken += got.length;
      }
      expect(taken).toBeGreaterThan(1000);
    });
  }

  it('removing the only entry of a list, and a request not due at that slot, leaves the rest intact', () => {
    const due = Int32Array.from([5, 5, 21, 7]);
    const next = new Int32Array(4).fill(-1);
    const cal = new FinishCalendar(due, next, 16);
    for (let r = 0; r < 4; r++) cal.add(r);
    cal.remove(3);
    cal.remove(1);
    expect(drain(cal.takeDue(5), next)).toEqual([0]);
    expect(cal.takeDue(7)).toBe(-1);
    expect(drain(cal.takeDue(21), next)).toEqual([2]);
  });
});
