import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gemmKernelSeconds } from '../../../main/sim/costmodel';
import { parseGpuCatalog } from '../../../main/services/catalog';
import { efficiency, roofline } from '../../../main/sim/efficiency';
import { achievedGemmFlops, achievedMemoryBw, gpuSpecFromCatalog, linkSpec, memorySeconds } from '../../../main/sim/hardware';

const gpus = parseGpuCatalog(readFileSync(join(__dirname, '../../../assets/hardware/gpus.csv'), 'utf8'));
const spec = (id: string) => gpuSpecFromCatalog(gpus.find((g) => g.id === id)!);

describe('GPU spec from the catalog', () => {
  it('reads datasheet peaks and falls back to the 16-bit rate where fp8/int8 are missing', () => {
    const h100 = spec('nvidia-h100-sxm');
    expect(h100.peakFlops.bf16).toBeCloseTo(989.4e12, -9);
    expect(h100.peakFlops.fp8).toBeCloseTo(1978.9e12, -9);
    expect(h100.nativeDtypes).toContain('fp8');
    const a100 = spec('nvidia-a100-80gb-sxm');
    expect(a100.peakFlops.fp8).toBe(a100.peakFlops.bf16);
    expect(a100.nativeDtypes).not.toContain('fp8');
    expect(a100.memoryBytes).toBe(80e9);
  });

  it('picks link kinds from the interconnect text, with bandwidth and latency', () => {
    const h100 = spec('nvidia-h100-sxm');
    expect(h100.intraNode.kind).toBe('nvlink');
    expect(h100.intraNode.bytesPerS).toBe(450e9);
    expect(h100.host.kind).toBe('pcie5');
    expect(spec('nvidia-l40s').intraNode.kind).toBe('pcie4');
    expect(spec('nvidia-t4').host.kind).toBe('pcie3');
    expect(spec('amd-mi300x').intraNode.kind).toBe('infinity-fabric');
    expect(spec('huawei-ascend-910b').intraNode.kind).toBe('hccs');
    for (const k of ['nvlink', 'pcie3', 'pcie4', 'pcie5', 'infinity-fabric', 'hccs', 'roce', 'infiniband', 'ethernet'] as const) {
      const l = linkSpec(k);
      expect(l.bytesPerS).toBeGreaterThan(0);
      expect(l.latencyS).toBeGreaterThan(0);
    }
    expect(linkSpec('ethernet').latencyS).toBeGreaterThan(linkSpec('infiniband').latencyS);
  });

  it('achieved rates rise with problem size and stay below the datasheet', () => {
    const h = spec('nvidia-h100-sxm');
    let prev = 0;
    for (const rows of [1, 8, 64, 512, 4096, 65536]) {
      const f = achievedGemmFlops(h, 'bf16', rows);
      expect(f).toBeGreaterThan(prev);
      expect(f).toBeLessThan(h.peakFlops.bf16);
      prev = f;
    }
    // Small-M GEMMs are weight-bound: the roofline's memory side decides them (the fitted compute knee sits at
    // M ≈ 1, not identifiable from timings), so an M=8 GEMM costs about one read of its weights.
    const weightRead = memorySeconds(h, 4096 * 4096 * 2);
    const t8 = gemmKernelSeconds(h, 'bf16', 8, 4096, 4096);
    expect(t8 / weightRead).toBeGreaterThan(0.95);
    expect(t8 / weightRead).toBeLessThan(1.25);
    expect(achievedMemoryBw(h, 1e5)).toBeLessThan(0.1 * h.hbmBytesPerS);
    expect(achievedMemoryBw(h, 1e10)).toBeGreaterThan(0.85 * h.hbmBytesPerS);
    // a tiny kernel still costs a few microseconds
    expect(memorySeconds(h, 1)).toBeGreaterThan(2e-6);
  });

  it('roofline lies between max(tc, tm) and their sum', () => {
    for (const [a, b] of [[1, 1], [1, 3], [5, 0.1]]) {
      const r = roofline(a, b, 4);
      expect(r).toBeGreaterThanOrEqual(Math.max(a, b));
      expect(r).toBeLessThanOrEqual(a + b);
    }
    expect(efficiency({ max: 0.8, half: 10, shape: 1 }, 10)).toBeCloseTo(0.4);
  });
});
