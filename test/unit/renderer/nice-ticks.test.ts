import { describe, expect, it } from 'vitest';
import { niceTicks } from '../../../renderer/src/charts/chart-style';

describe('niceTicks', () => {
  it('round steps from zero past the maximum, at most five intervals', () => {
    expect(niceTicks(275)).toEqual([0, 100, 200, 300]);
    expect(niceTicks(84)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(29)).toEqual([0, 10, 20, 30]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0.06)).toEqual([0, 0.02, 0.04, 0.06]);
    expect(niceTicks(2000)).toEqual([0, 500, 1000, 1500, 2000]);
  });

  it('always reaches the maximum and never takes more than five steps', () => {
    for (const max of [0.3, 1, 3.3, 12, 99.9, 101, 499, 12_345]) {
      const t = niceTicks(max);
      expect(t[0]).toBe(0);
      expect(t[t.length - 1]).toBeGreaterThanOrEqual(max);
      expect(t.length - 1).toBeLessThanOrEqual(5);
      expect(t[t.length - 2]).toBeLessThan(max);
    }
  });

  it('an empty chart still gets an axis', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});
