import { describe, expect, it } from 'vitest';
import { placeTip } from '../../../renderer/src/components/tip-place';

const view = { width: 1024, height: 700 };
const tip = { width: 300, height: 40 };

describe('placeTip', () => {
  it('puts the tip under its element, left edges aligned, when it fits', () => {
    expect(placeTip({ left: 100, top: 50, width: 80, height: 20 }, tip, view)).toEqual({ left: 100, top: 74 });
  });
  it('moves a tip near the right edge left so it ends inside the window', () => {
    const p = placeTip({ left: 950, top: 50, width: 60, height: 20 }, tip, view);
    expect(p.left + tip.width).toBeLessThanOrEqual(view.width - 4);
    expect(p.left).toBe(1024 - 4 - 300);
  });
  it('puts the tip above an element at the bottom of the window', () => {
    const p = placeTip({ left: 100, top: 670, width: 80, height: 20 }, tip, view);
    expect(p.top).toBe(670 - 4 - 40);
  });
  it('keeps a tip wider than the window at the left margin', () => {
    expect(placeTip({ left: 500, top: 10, width: 10, height: 10 }, { width: 2000, height: 10 }, view).left).toBe(4);
  });
});
