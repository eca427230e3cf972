import { describe, expect, it } from 'vitest';
import { Rng } from '../../../main/sim/rng';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

describe('Rng', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xa = Array.from({ length: 20 }, () => a.nextUint32());
    const xb = Array.from({ length: 20 }, () => b.nextUint32());
    const xc = Array.from({ length: 20 }, () => c.nextUint32());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it('draws uniforms in [0, 1) with the right mean and variance, and integers in range', () => {
    const r = new Rng(7);
    const m = moments(() => r.uniform(), 200_000);
    expect(m.mean).toBeCloseTo(0.5, 2);
    expect(m.variance).toBeCloseTo(1 / 12, 2);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[r.int(10)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    for (let i = 0; i < 10_000; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      expect(r.uniformOpen()).toBeGreaterThan(0);
    }
  });

  it('draws exponential, normal, lognormal and gamma with their textbook moments', () => {
    const r = new Rng(11);
    const e = moments(() => r.exponential(4), 200_000);
    expect(e.mean).toBeCloseTo(0.25, 2);
    expect(e.variance).toBeCloseTo(1 / 16, 2);
    const z = moments(() => r.normal(), 200_000);
    expect(z.mean).toBeCloseTo(0, 1);
    expect(z.variance).toBeCloseTo(1, 1);
    const ln = moments(() => Math.log(r.lognormal(2, 0.5)), 100_000);
    expect(ln.mean).toBeCloseTo(2, 1);
    expect(ln.variance).toBeCloseTo(0.25, 1);
    for (const [k, theta] of [[0.25, 2], [1, 1], [4, 0.5], [20, 0.1]]) {
      const g = moments(() => r.gamma(k, theta), 100_000);
      expect(Math.abs(g.mean / (k * theta) - 1)).toBeLessThan(0.03);
      expect(Math.abs(g.variance / (k * theta * theta) - 1)).toBeLessThan(0.08);
    }
    expect(() => r.gamma(0, 1)).toThrow(RangeError);
  });

  it('forks streams that are deterministic and distinct from the parent', () => {
    const p1 = new Rng(5);
    const p2 = new Rng(5);
    const f1 = p1.fork();
    const f2 = p2.fork();
    expect(f1.nextUint32()).toBe(f2.nextUint32());
    expect(p1.nextUint32()).toBe(p2.nextUint32());
    expect(new Rng(5).fork().uniform()).not.toBe(new Rng(5).uniform());
  });
});
