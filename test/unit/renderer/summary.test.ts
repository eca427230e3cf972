import { describe, expect, it } from 'vitest';
import { poolUsdPerGpuHour } from '../../../main/sim/search/provider';
import { inventoryTotals, usdPerGpuHour } from '../../../renderer/src/features/inventories/summary';
import { gpu, pool } from './fixtures';

const big = gpu({ id: 'big', name: 'Big', memoryGb: 80, bf16Tflops: 1000, tdpW: 500 });
const small = gpu({ id: 'small', name: 'Small', memoryGb: 24, bf16Tflops: 120, tdpW: 72 });

describe('inventoryTotals', () => {
  it('adds GPUs, memory, BF16 compute and hourly cost over pools', () => {
    const pools = [
      pool({ name: 'a', gpuTypeId: 'big', gpuCount: 16, pricing: { kind: 'hourly', usdPerGpuHour: 3 } }),
      pool({ name: 'b', gpuTypeId: 'small', gpuCount: 4, gpusPerNode: 4, pricing: { kind: 'hourly', usdPerGpuHour: 0.5 } }),
      pool({ name: 'c', gpuTypeId: 'big', gpuCount: 8, pricing: { kind: 'hourly', usdPerGpuHour: 1 } }),
    ];
    const t = inventoryTotals(pools, [big, small]);
    expect(t.gpuCount).toBe(28);
    expect(t.hbmGb).toBe(24 * 80 + 4 * 24);
    expect(t.bf16Pflops).toBeCloseTo((24 * 1000 + 4 * 120) / 1000, 10);
    expect(t.usdPerHour).toBeCloseTo(16 * 3 + 4 * 0.5 + 8 * 1, 10);
    // Same type in two pools is one line, biggest first.
    expect(t.byType).toEqual([
      { gpuTypeId: 'big', label: 'Big', count: 24 },
      { gpuTypeId: 'small', label: 'Small', count: 4 },
    ]);
    expect(t.unknownTypes).toEqual([]);
  });

  it('counts GPUs of unknown types but adds none of their memory or compute', () => {
    const t = inventoryTotals([pool({ gpuTypeId: 'ghost', gpuCount: 8 })], [big]);
    expect(t.gpuCount).toBe(8);
    expect(t.hbmGb).toBe(0);
    expect(t.bf16Pflops).toBe(0);
    expect(t.unknownTypes).toEqual(['ghost']);
  });

  it('treats counts being typed (NaN) as zero instead of poisoning the totals', () => {
    const t = inventoryTotals([pool({ gpuTypeId: 'big', gpuCount: Number.NaN }), pool({ name: 'x', gpuTypeId: 'big', gpuCount: 8 })], [big]);
    expect(t.gpuCount).toBe(8);
    expect(Number.isFinite(t.usdPerHour)).toBe(true);
  });

  it('is empty for an inventory without pools', () => {
    expect(inventoryTotals([], [big])).toMatchObject({ gpuCount: 0, hbmGb: 0, bf16Pflops: 0, usdPerHour: 0, byType: [] });
  });
});

describe('usdPerGpuHour', () => {
  it('spreads an owned GPU over its lifetime (Julian years) and adds power at full TDP times the PUE', () => {
    const owned = pool({ gpuTypeId: 'big', pricing: { kind: 'owned', purchaseUsd: 8766 * 4, lifetimeYears: 4, powerUsdPerKwh: 0.2 } });
    // $1/h of capital plus 0.5 kW × 1.3 PUE at $0.2/kWh.
    expect(usdPerGpuHour(owned, big)).toBeCloseTo(1.13, 10);
  });

  it('shows the price the search orders deployments by, owned or rented', () => {
    for (const pricing of [{ kind: 'owned' as const, purchaseUsd: 25_000, lifetimeYears: 5, powerUsdPerKwh: 0.11 }, { kind: 'hourly' as const, usdPerGpuHour: 2.1 }]) {
      const p = pool({ gpuTypeId: 'big', pricing });
      expect(usdPerGpuHour(p, big)).toBe(poolUsdPerGpuHour(p, big));
    }
  });

  it('adds no capital while the lifetime is still being typed', () => {
    const typing = pool({ gpuTypeId: 'big', pricing: { kind: 'owned', purchaseUsd: 25_000, lifetimeYears: 0, powerUsdPerKwh: 0.2 } });
    expect(usdPerGpuHour(typing, big)).toBeCloseTo(0.5 * 0.2 * 1.3, 10);
  });

  it('uses the hourly price as is', () => {
    expect(usdPerGpuHour(pool({ pricing: { kind: 'hourly', usdPerGpuHour: 2.75 } }), big)).toBe(2.75);
  });
});
