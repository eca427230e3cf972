import { describe, expect, it } from 'vitest';
import { poolSchema } from '../../../main/ipc/contract';
import type { Pool } from '../../../main/domain';
import { poolFieldFromPath, poolsEqual, validatePools } from '../../../renderer/src/features/inventories/pool-validate';
import { pool } from './fixtures';

const known = new Set(['a', 'b']);

describe('validatePools', () => {
  it('accepts whole nodes and partial single nodes', () => {
    expect(validatePools([pool({ gpuCount: 16 }), pool({ name: 'q', gpuCount: 4 })], known)).toEqual([]);
  });

  it('names the pool and field of each problem', () => {
    const issues = validatePools(
      [pool({ name: 'x', gpuCount: 12 }), pool({ name: 'X ', gpuTypeId: 'zz' }), pool({ name: '', interNode: { link: 'roce', bandwidthGBps: 0 } })],
      known,
    );
    expect(issues).toEqual([
      { index: 0, field: 'gpuCount', message: expect.stringContaining('multiple of 8') },
      { index: 1, field: 'name', message: 'same name as pool 1' },
      { index: 1, field: 'gpuTypeId', message: expect.stringContaining('zz') },
      { index: 2, field: 'name', message: expect.any(String) },
      { index: 2, field: 'interNode.bandwidthGBps', message: expect.any(String) },
    ]);
  });

  it('flags numbers still being typed (NaN) and owned pricing without a lifetime', () => {
    const issues = validatePools(
      [pool({ gpuCount: Number.NaN, pricing: { kind: 'owned', purchaseUsd: 1000, lifetimeYears: 0, powerUsdPerKwh: 0.1 } })],
      known,
    );
    expect(issues.map((i) => i.field)).toEqual(['gpuCount', 'pricing.lifetimeYears']);
  });

  // The editor must not let through what the host refuses, nor refuse what it accepts.
  it('agrees with the contract schema on count, node size and price edge cases', () => {
    const variants: Pool[] = [];
    for (const gpuCount of [1, 3, 7, 8, 9, 12, 16, 2.5, 0, -8])
      for (const gpusPerNode of [1, 4, 8, 72, 73, 0])
        for (const usd of [0, 1.5, -1]) variants.push(pool({ gpuCount, gpusPerNode, pricing: { kind: 'hourly', usdPerGpuHour: usd } }));
    for (const v of variants) {
      const schemaOk = poolSchema.safeParse(v).success;
      const ours = validatePools([v], known).length === 0;
      expect(ours, JSON.stringify(v)).toBe(schemaOk);
    }
  });
});

describe('poolFieldFromPath', () => {
  it('reads the host field path back into a cell', () => {
    expect(poolFieldFromPath('pools[2].intraNode.bandwidthGBps')).toEqual({ index: 2, field: 'intraNode.bandwidthGBps' });
    expect(poolFieldFromPath('name')).toBeNull();
    expect(poolFieldFromPath(undefined)).toBeNull();
  });
});

describe('poolsEqual', () => {
  it('ignores key order but not values', () => {
    const a = pool();
    const reordered = JSON.parse(JSON.stringify({ pricing: a.pricing, interNode: a.interNode, intraNode: a.intraNode, gpusPerNode: a.gpusPerNode, gpuCount: a.gpuCount, gpuTypeId: a.gpuTypeId, name: a.name })) as Pool;
    expect(poolsEqual([a], [reordered])).toBe(true);
    expect(poolsEqual([a], [{ ...a, gpuCount: 16 }])).toBe(false);
    expect(poolsEqual([a], [a, a])).toBe(false);
    expect(poolsEqual([{ ...a, gpuCount: Number.NaN }], [{ ...a, gpuCount: Number.NaN }])).toBe(true);
  });
});
