// Runs are named from their inputs (model · inventory · workload · SLO) when the user gives no name, so two
// runs of the same model on the same fleet with other targets read apart in History.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listInventories } from '../../db/queries/inventories';
import { listWorkloads } from '../../db/queries/workloads';
import { assetsDir } from '../../main/paths';
import { resolveRequest } from '../../main/services/scenario-file';
import { openAppDatabase } from '../../main/services/seed';

const dir = mkdtempSync(join(tmpdir(), 'fleetplan-runname-'));
const db = openAppDatabase(dir, assetsDir());
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('run names', () => {
  it('name the model, inventory, workload and SLOs, and differ when only the SLO does', () => {
    const inv = listInventories(db)[0];
    const w = listWorkloads(db)[0];
    const req = (slo: Record<string, number>) => ({ inventoryId: inv.id, modelId: 'meta-llama/Llama-3.1-8B', workloadId: w.id, slo, strategies: ['colocated'] as const, seed: 1 });
    const a = resolveRequest(db, { ...req({ ttftP99S: 2, tbtP99S: 0.1 }), strategies: ['colocated'] }).name;
    const b = resolveRequest(db, { ...req({ ttftP99S: 0.5 }), strategies: ['colocated'] }).name;
    expect(a).toBe(`Llama 3.1 8B · ${inv.name} · ${w.name} · TTFT P99 ≤ 2 s and TBT P99 ≤ 100 ms`);
    expect(b).toBe(`Llama 3.1 8B · ${inv.name} · ${w.name} · TTFT P99 ≤ 500 ms`);
    expect(resolveRequest(db, { ...req({ ttftP99S: 2 }), strategies: ['colocated'], name: 'Budget plan' }).name).toBe('Budget plan');
  });
});
