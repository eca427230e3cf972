import { describe, expect, it } from 'vitest';
import { barScale } from '../../../renderer/src/features/report/charts';

describe('report bar scale', () => {
  it('values spanning decades go on a log axis, so a $0.076 bar stays visible beside $1.70', () => {
    const s = barScale([0.076, 1.7, 0.3]);
    expect(s.log).toBe(true);
    expect(s.yTicks).toEqual([0.01, 0.1, 1, 10]);
    expect(s.at(0.076)).toBeGreaterThan(0.25);
    expect(s.at(1.7)).toBeLessThanOrEqual(1);
    expect(s.at(0.076)).toBeLessThan(s.at(0.3));
  });

  it('values of one order stay linear from zero', () => {
    const s = barScale([1.2, 1.7, 0.4]);
    expect(s.log).toBe(false);
    expect(s.yTicks[0]).toBe(0);
    expect(s.at(0)).toBe(0);
    expect(s.at(1.7)).toBeLessThanOrEqual(1);
    expect(s.at(0.85) * 2).toBeCloseTo(s.at(1.7), 12);
  });
});
