import { describe, expect, it } from 'vitest';
import { changeGpuType, defaultPool, intraLinkKind, switchPricing, uniquePoolName } from '../../../renderer/src/features/inventories/pool-defaults';
import { gpu } from './fixtures';

const h100 = gpu({ id: 'h100', name: 'H100 SXM5 80GB', interconnect: 'NVLink 4 (900 GB/s total bidir) via NVSwitch', intraNodeBwGBps: 450, defaultUsdPerGpuHour: 3.5 });
const l4 = gpu({ id: 'l4', name: 'L4 (PCIe, Ada AD104)', interconnect: 'PCIe Gen4 x16 (no NVLink)', intraNodeBwGBps: 32, defaultUsdPerGpuHour: 0.8 });
const mi300 = gpu({ id: 'mi300x', vendor: 'AMD', name: 'Instinct MI300X', interconnect: 'Infinity Fabric (7 links)', intraNodeBwGBps: 448, defaultUsdPerGpuHour: null });

describe('intraLinkKind', () => {
  it('reads the scale-up link from the catalog text, not fooled by "no NVLink"', () => {
    expect(intraLinkKind(h100)).toBe('nvlink');
    expect(intraLinkKind(l4)).toBe('pcie');
    expect(intraLinkKind(mi300)).toBe('infinity-fabric');
    expect(intraLinkKind({ vendor: 'Huawei', interconnect: 'HCCS (7 peers)' })).toBe('hccs');
    expect(intraLinkKind({ vendor: 'Intel', interconnect: '24x 200GbE RoCE' })).toBe('roce');
  });
});

describe('defaultPool', () => {
  it('starts from the GPU type: its intra-node bandwidth and its hourly price', () => {
    const p = defaultPool(l4, []);
    expect(p.gpuTypeId).toBe('l4');
    expect(p.intraNode).toEqual({ link: 'pcie', bandwidthGBps: l4.intraNodeBwGBps });
    expect(p.pricing).toEqual({ kind: 'hourly', usdPerGpuHour: l4.defaultUsdPerGpuHour });
    expect(p.gpuCount % p.gpusPerNode).toBe(0);
    expect(p.name).toBe('L4 pool');
  });

  it('prices a GPU with no public price at 0 for the user to fill in', () => {
    expect(defaultPool(mi300, []).pricing).toEqual({ kind: 'hourly', usdPerGpuHour: 0 });
  });

  it('never reuses a pool name', () => {
    expect(uniquePoolName('L4 pool', ['l4 pool', 'L4 pool 2'])).toBe('L4 pool 3');
    expect(defaultPool(l4, ['L4 pool']).name).toBe('L4 pool 2');
  });
});

describe('changeGpuType', () => {
  it('moves values left at the old defaults to the new type', () => {
    const next = changeGpuType(defaultPool(h100, []), h100, l4);
    expect(next.gpuTypeId).toBe('l4');
    expect(next.intraNode).toEqual({ link: 'pcie', bandwidthGBps: 32 });
    expect(next.pricing).toEqual({ kind: 'hourly', usdPerGpuHour: 0.8 });
  });

  it('keeps values the user changed', () => {
    const edited = { ...defaultPool(h100, []), intraNode: { link: 'nvlink' as const, bandwidthGBps: 300 }, pricing: { kind: 'hourly' as const, usdPerGpuHour: 2.1 } };
    const next = changeGpuType(edited, h100, l4);
    expect(next.intraNode.bandwidthGBps).toBe(300);
    expect(next.pricing).toEqual({ kind: 'hourly', usdPerGpuHour: 2.1 });
  });

  it('keeps owned pricing whatever the type', () => {
    const owned = switchPricing(defaultPool(h100, []), 'owned', h100);
    expect(changeGpuType(owned, h100, l4).pricing).toEqual(owned.pricing);
  });
});

describe('switchPricing', () => {
  it('gives owned pricing a positive lifetime and back to hourly the catalog price', () => {
    const owned = switchPricing(defaultPool(h100, []), 'owned', h100);
    expect(owned.pricing.kind).toBe('owned');
    if (owned.pricing.kind === 'owned') expect(owned.pricing.lifetimeYears).toBeGreaterThan(0);
    expect(switchPricing(owned, 'hourly', h100).pricing).toEqual({ kind: 'hourly', usdPerGpuHour: 3.5 });
  });
});
