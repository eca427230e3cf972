import { describe, expect, it } from 'vitest';
import { simulateNexus } from '../../../main/sim/strategies/nexus';
import {
  NEXUS_ALPHA, NEXUS_BETA, SM_SHARE_H100_MEASURED, SM_SHARE_L20_PAPER, greedySplit, shareSlowdown,
} from '../../../main/sim/strategies/nexus-model';
import { readFileSync } from 'node:fs';
import { H100, LLAMA8B, poissonWorkload, stubInstance } from './fixtures';

const slo = { ttftP99S: 2, tbtP99S: 0.1 };
const cut = (phase: 'prefill' | 'decode', a: number, b: number) => 1 - shareSlowdown(phase, b, SM_SHARE_L20_PAPER) / shareSlowdown(phase, a, SM_SHARE_L20_PAPER);

describe('H100 SM-share curves match fleetplan\'s green-context measurement', () => {
  it('every measured point within 16% (assets/calibration/measured/sm_share.csv)', () => {
    const rows = readFileSync('assets/calibration/measured/sm_share.csv', 'utf8').split('\n')
      .filter((l) => l && !l.startsWith('#') && !l.startsWith('model')).map((l) => l.split(','));
    const full = new Map(rows.filter((c) => c[5] === c[6]).map((c) => [`${c[1]}/${c[2]}/${c[3]}/${c[4]}`, +c[7]]));
    const partial = rows.filter((c) => c[5] !== c[6]);
    expect(partial.length).toBe(24);
    for (const c of partial) {
      const phase = c[1] as 'prefill' | 'decode';
      const measured = +c[7] / full.get(`${c[1]}/${c[2]}/${c[3]}/${c[4]}`)!;
      const model = shareSlowdown(phase, +c[5] / +c[6], SM_SHARE_H100_MEASURED);
      expect(Math.abs(model / measured - 1), c.join(',')).toBeLessThan(0.16);
    }
  });
});

describe('L20 SM-share curves reproduce the paper\'s Fig. 5 figures', () => {
  it('prefill: 30→40% cuts latency by ≥ 25%, 70→80% by about 10%', () => {
    expect(cut('prefill', 0.3, 0.4)).toBeGreaterThanOrEqual(0.249);
    expect(cut('prefill', 0.7, 0.8)).toBeGreaterThan(0.08);
    expect(cut('prefill', 0.7, 0.8)).toBeLessThan(0.12);
  });
  it('decode: 30→40% about 10%; beyond 50% each +10% under 3%', () => {
    expect(cut('decode', 0.3, 0.4)).toBeGreaterThan(0.08);
    expect(cut('decode', 0.3, 0.4)).toBeLessThan(0.12);
    for (const r of [0.5, 0.6, 0.7, 0.8, 0.9]) expect(cut('decode', r, r + 0.1)).toBeLessThan(0.03);
  });
});

describe('Algorithm 1', () => {
  const decodeCost = (pct: number) => 0.02 * shareSlowdown('decode', pct / 100);
  const prefillCost = (pct: number) => 0.2 * shareSlowdown('prefill', pct / 100);
  it('prefill priority: the largest prefill share keeping decode within β of its best', () => {
    for (const start of [0, 10, 50, 90, 100]) {
      const r = greedySplit({ target: 'prefill', current: start, otherCost: decodeCost, slack: NEXUS_BETA });
      expect(r.share).toBeGreaterThanOrEqual(0);
      expect(r.share).toBeLessThanOrEqual(100);
      expect(decodeCost(100 - r.share)).toBeLessThanOrEqual(NEXUS_BETA * decodeCost(100) + 1e-12);
      if (r.share < 100) expect(decodeCost(100 - r.share - 1)).toBeGreaterThan(NEXUS_BETA * decodeCost(100));
    }
  });
  it('decode priority: the largest decode share keeping prefill within α', () => {
    const r = greedySplit({ target: 'decode', current: 50, otherCost: prefillCost, slack: NEXUS_ALPHA });
    expect(prefillCost(100 - r.share)).toBeLessThanOrEqual(NEXUS_ALPHA * prefillCost(100) + 1e-12);
    expect(prefillCost(100 - r.share - 1)).toBeGreaterThan(NEXUS_ALPHA * prefillCost(100));
  });
  it('from a near split it converges in a few evaluations', () => {
    const first = greedySplit({ target: 'prefill', current: 50, otherCost: decodeCost, slack: NEXUS_BETA }).share;
    const again = greedySplit({ target: 'prefill', current: first, otherCost: decodeCost, slack: NEXUS_BETA });
    expect(again.share).toBe(first);
    expect(again.evaluations).toBeLessThanOrEqual(4);
  });
});

describe('Nexus strategy', () => {
  it('every request completes with its tokens and the split stays in [0, 100]', () => {
    const w = poissonWorkload(1500, 4, [100, 4000], [1, 300], 13);
    const inst = stubInstance(H100);
    const r = simulateNexus({ strategy: 'nexus', instances: [inst, stubInstance(H100)], weightBytes: 2 * LLAMA8B.params, hbmBytesPerS: [3.35e12, 3.35e12] }, w, { slo, seed: 1 });
    expect(r.metrics.completed).toBe(1500);
    expect(r.metrics.saturated).toBe(false);
    const totalOut = w.outputTokens.reduce((a, b) => a + b, 0);
    expect(r.metrics.throughput.outputTokensPerS * r.metrics.durationS).toBeCloseTo(totalOut, 3);
    expect(r.extra.minPrefillShare).toBeGreaterThanOrEqual(0);
    expect(r.extra.maxPrefillShare).toBeLessThanOrEqual(100);
    expect(r.extra.repartitions).toBeGreaterThan(0);
    expect(r.extra.meanPrefillShare).toBeGreaterThan(0);
    expect(r.extra.meanPrefillShare).toBeLessThan(100);
  });
});
