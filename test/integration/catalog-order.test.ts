// The model and GPU lists read in the order a planner scans them: by name, numbers by value.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listGpuTypes, listModels } from '../../db/queries/catalog';
import { assetsDir } from '../../main/paths';
import { openAppDatabase } from '../../main/services/seed';

const dir = mkdtempSync(join(tmpdir(), 'fleetplan-order-'));
const db = openAppDatabase(dir, assetsDir());
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('catalog order', () => {
  it('models by name: Llama before Qwen, whatever the organisation in the id', () => {
    const names = listModels(db).map((m) => m.name);
    const llama = names.findIndex((n) => n.startsWith('Llama'));
    const qwen = names.findIndex((n) => n.startsWith('Qwen'));
    expect(llama).toBeGreaterThanOrEqual(0);
    expect(qwen).toBeGreaterThan(llama);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })));
  });

  it('GPU types by vendor, then by name with numbers by value (A10 before A100, H20 before H100 and H200)', () => {
    const gpus = listGpuTypes(db);
    const nvidia = gpus.filter((g) => g.vendor === 'NVIDIA').map((g) => g.name);
    const at = (prefix: string) => nvidia.findIndex((n) => n.startsWith(prefix));
    expect(at('A10 ')).toBeLessThan(at('A100'));
    expect(at('H20 ')).toBeLessThan(at('H200'));
    expect(at('H20 ')).toBeLessThan(at('H100'));
    const vendors = gpus.map((g) => g.vendor);
    expect(vendors).toEqual([...vendors].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  });
});
