// main/sim/contention.ts against the H200 measurement on disjoint SM partitions
// (assets/calibration/measured/h200_contention*.csv; test/calibration/contention.py wrote them).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors';
import { contentionSlowdowns, hbmGranted, type PhaseDemand } from '../../../main/sim/contention';
import { measuredGpu, measuredPairs, median, type MeasuredPair } from './contention-rows';

const gpu = measuredGpu();

function relErrors(rows: MeasuredPair[]): number[] {
  return rows.flatMap((p) => {
    const s = contentionSlowdowns(p.a, p.b, gpu);
    return [Math.abs(s.a / p.slowA - 1), Math.abs(s.b / p.slowB - 1)];
  });
}

describe('contention model vs the H200 measurement', () => {
  it('reads the measured GPU: ~4.2 TB/s copy and ~680 TFLOP/s GEMM over 132 SMs', () => {
    expect(gpu.sms).toBe(132);
    expect(gpu.hbmBytesPerS / 1e12).toBeCloseTo(4.24, 1);
    expect(gpu.flopsPerS / 1e12).toBeGreaterThan(600);
  });

  // Fitted on kernel pairs at 40/92 and 96/36 and whole-model pairs at 64/68 (contention-rows.ts).
  for (const file of ['h200_contention.csv', 'h200_contention_repeat.csv']) {
    it(`held-out slowdowns of ${file}: median error under 3.5%, none over 15%`, () => {
      const rows = measuredPairs(file);
      const held = rows.filter((p) => !p.fit);
      expect(held.length).toBe(11); // 5 kernel pairs at 64/68, 6 whole-model pairs at 40/92 and 96/36
      const e = relErrors(held);
      expect(median(e)).toBeLessThan(0.035);
      expect(Math.max(...e)).toBeLessThan(0.15);
    });

    it(`held-out whole-model prefill+decode pairs of ${file}: median under 2.5%, none over 11%`, () => {
      const e = relErrors(measuredPairs(file).filter((p) => !p.fit && p.kind === 'model'));
      expect(e.length).toBe(12);
      expect(median(e)).toBeLessThan(0.025);
      expect(Math.max(...e)).toBeLessThan(0.11);
    });
  }

  it('the measured pairs run on disjoint SMs and still slow each other: no pair sums to 2', () => {
    for (const p of measuredPairs()) {
      const rateSum = 1 / p.slowA + 1 / p.slowB;
      expect(rateSum).toBeGreaterThan(1.1);
      expect(rateSum).toBeLessThan(1.8);
    }
  });
});

const copy = (sms: number, gbps: number): PhaseDemand => ({ soloSeconds: 1e-3, bytes: gbps * 1e6, flops: 0, sms, memoryBoundFraction: 1 });
const gemm = (sms: number, tflops: number): PhaseDemand => ({ soloSeconds: 1e-3, bytes: 0, flops: tflops * 1e9, sms, memoryBoundFraction: 0 });

describe('contention model, physical limits', () => {
  it('two streaming phases whose demands exceed HBM together get exactly the GPU bandwidth', () => {
    const a = copy(40, 2600);
    const b = copy(92, 3900);
    const s = contentionSlowdowns(a, b, gpu);
    const achieved = a.bytes / (a.soloSeconds * s.a) + b.bytes / (b.soloSeconds * s.b);
    expect(achieved / gpu.hbmBytesPerS).toBeCloseTo(1, 6);
    expect(s.a).toBeGreaterThan(s.b); // the side with fewer SMs keeps fewer requests in flight
  });

  it('streams that fit in HBM together do not slow each other', () => {
    const s = contentionSlowdowns(copy(40, 1000), copy(92, 1500), gpu);
    expect(s.a).toBe(1);
    expect(s.b).toBe(1);
  });

  it('a side that needs less than its share leaves the rest to the other', () => {
    expect(hbmGranted(3000, 500, 66, 66, 4000)).toBe(3000);
    expect(hbmGranted(3000, 1500, 66, 66, 4000)).toBe(2500);
    expect(hbmGranted(3000, 3000, 33, 99, 4000)).toBe(1000);
  });

  it('an idle neighbour costs nothing; a compute-bound one slows a compute-bound phase (the shared clock)', () => {
    const idle: PhaseDemand = { soloSeconds: 1, bytes: 0, flops: 0, sms: 8, memoryBoundFraction: 0 };
    expect(contentionSlowdowns(gemm(64, 400), idle, gpu).a).toBe(1);
    const s = contentionSlowdowns(gemm(64, 430), gemm(68, 450), gpu);
    expect(s.a).toBeGreaterThan(1.2);
  });

  it('refuses bad input, naming the field', () => {
    const bad = { ...copy(40, 100), memoryBoundFraction: 1.5 };
    expect(() => contentionSlowdowns(bad, copy(92, 100), gpu)).toThrow(AppError);
    try {
      contentionSlowdowns(copy(40, 100), { ...copy(92, 100), soloSeconds: 0 }, gpu);
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).location.field).toBe('b.soloSeconds');
    }
    expect(() => contentionSlowdowns(copy(100, 100), copy(92, 100), gpu)).toThrow(/exceed the GPU's 132/);
  });
});
