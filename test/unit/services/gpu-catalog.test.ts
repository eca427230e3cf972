import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../main/domain/errors';
import { parseGpuCatalog } from '../../../main/services/catalog';

const file = join(__dirname, '../../../assets/hardware/gpus.csv');
const text = readFileSync(file, 'utf8');
const gpus = parseGpuCatalog(text);
const byId = new Map(gpus.map((g) => [g.id, g]));

describe('the shipped GPU catalog (2026 refresh)', () => {
  it('lists the GPUs 2026 fleets run, each with a source and a calibration state', () => {
    for (const id of ['nvidia-h20', 'nvidia-h200-nvl', 'nvidia-b200-hgx', 'nvidia-b300-hgx', 'nvidia-gb200', 'nvidia-gb300',
      'nvidia-rtx-pro-6000-server', 'amd-mi325x', 'amd-mi350x', 'amd-mi355x', 'intel-gaudi3', 'huawei-ascend-910c',
      'nvidia-l20', 'nvidia-l40s']) {
      expect(byId.has(id), id).toBe(true);
    }
    for (const g of gpus) {
      expect(g.source.length, g.id).toBeGreaterThan(20);
      expect(['measured', 'public', 'datasheet-only']).toContain(g.calibration);
    }
    expect(byId.get('nvidia-h100-sxm')!.calibration).toBe('measured');
  });

  it('has FP4 peaks exactly where the hardware has FP4 tensor cores, and above the FP8 peak', () => {
    const fp4 = gpus.filter((g) => g.fp4Tflops != null).map((g) => g.id).sort();
    expect(fp4).toEqual(['amd-mi350x', 'amd-mi355x', 'nvidia-b200-hgx', 'nvidia-b300-hgx', 'nvidia-gb200', 'nvidia-gb300',
      'nvidia-rtx-pro-6000-server']);
    for (const g of gpus.filter((x) => x.fp4Tflops != null)) expect(g.fp4Tflops!, g.id).toBeGreaterThan(g.fp8Tflops!);
    // Blackwell Ultra trades INT8 for FP4: the row leaves INT8 blank rather than guessing.
    expect(byId.get('nvidia-b300-hgx')!.int8Tops).toBeNull();
  });

  it('still loads a catalog written before the refresh (no fp4 or calibration column)', () => {
    const old = 'id,vendor,name,memory_gb,hbm_bw_gbps,bf16_dense_tflops,fp8_dense_tflops,int8_dense_tops,tdp_w,interconnect,intra_node_bw_gbps,year,source\n'
      + 'my-gpu,Acme,Acme X,48,900,200,,,300,PCIe Gen4 x16,32,2024,our lab\n';
    const [g] = parseGpuCatalog(old, new Map(), 'mine.csv');
    expect(g.fp4Tflops).toBeNull();
    expect(g.calibration).toBe('datasheet-only');
  });

  it('refuses an unknown calibration state with its line and field', () => {
    const lines = text.split('\n');
    lines[3] = lines[3].replace(',datasheet-only,', ',guessed,');
    let message = '';
    try {
      parseGpuCatalog(lines.join('\n'));
    } catch (e) {
      message = describeError(e);
    }
    expect(message).toMatch(/^gpus\.csv, line 4: calibration: "guessed" is not one of/);
  });
});
