import type { GpuType, Pool } from '../../../main/domain';

export function gpu(overrides: Partial<GpuType> & Pick<GpuType, 'id'>): GpuType {
  return {
    vendor: 'NVIDIA', name: overrides.id, memoryGb: 80, hbmBwGBps: 3000, bf16Tflops: 1000, fp8Tflops: null, int8Tops: null,
    tdpW: 700, interconnect: 'NVLink 4 via NVSwitch', intraNodeBwGBps: 450, year: 2023, source: 'test', defaultUsdPerGpuHour: 2,
    builtin: true, ...overrides,
  };
}

export function pool(overrides: Partial<Pool> = {}): Pool {
  return {
    name: 'p', gpuTypeId: 'a', gpuCount: 8, gpusPerNode: 8,
    intraNode: { link: 'nvlink', bandwidthGBps: 450 }, interNode: { link: 'infiniband', bandwidthGBps: 50 },
    pricing: { kind: 'hourly', usdPerGpuHour: 2 }, ...overrides,
  };
}
