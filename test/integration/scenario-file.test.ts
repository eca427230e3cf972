import { afterEach, describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../main/services/seed';
import { assetsDir } from '../../main/paths';
import { listInventories } from '../../db/queries/inventories';
import { listWorkloads } from '../../db/queries/workloads';
import { readWorkloadColumns } from '../../main/services/workload-columns';
import { buildScenario, readScenarioFile, resolveRequest, serializeScenario } from '../../main/services/scenario-file';
import type { Db } from '../../db';
import { tempDir } from '../helpers/tmp';

let done: (() => void)[] = [];
afterEach(() => {
  done.forEach((f) => f());
  done = [];
});

function setup(): Db {
  const t = tempDir();
  const db = openAppDatabase(t.dir, assetsDir(), () => new Date(0));
  done.push(() => {
    db.close();
    t.cleanup();
  });
  return db;
}

describe('scenario files', () => {
  it.each(['yaml', 'json'] as const)('round-trip through %s to the same resolved scenario (workload by reference)', (format) => {
    const db = setup();
    const inv = listInventories(db)[0];
    const w = listWorkloads(db).find((x) => x.requestCount === 8819)!;
    const request = { inventoryId: inv.id, modelId: 'meta-llama/Llama-3.1-8B', workloadId: w.id, slo: { ttftP99S: 2, tbtP99S: 0.1 }, strategies: ['colocated', 'nexus'] as const, seed: 7 };
    const text = serializeScenario(buildScenario(db, { ...request, strategies: [...request.strategies] }), format);
    const fromFile = readScenarioFile(db, text, `s.${format}`);
    const direct = resolveRequest(db, { ...request, strategies: [...request.strategies] });
    expect(fromFile.pools).toEqual(direct.pools);
    expect(fromFile.model.config).toEqual(direct.model.config);
    expect(fromFile.workload.inputTokens).toEqual(direct.workload.inputTokens);
    expect(fromFile.workload.arrivalS).toEqual(direct.workload.arrivalS);
    expect({ slo: fromFile.slo, strategies: fromFile.strategies, seed: fromFile.seed }).toEqual({ slo: request.slo, strategies: ['colocated', 'nexus'], seed: 7 });
  });

  it('embeds a workload so another database can run it, and refuses a reference it cannot match', () => {
    const a = setup();
    const w = listWorkloads(a).find((x) => x.requestCount === 3993)!;
    const req = { inventoryId: listInventories(a)[0].id, modelId: 'Qwen/Qwen2.5-7B', workloadId: w.id, slo: {}, strategies: ['colocated' as const], seed: 1 };
    const embedded = serializeScenario(buildScenario(a, req, { embedWorkload: true }), 'json');
    const referenced = serializeScenario(buildScenario(a, req), 'yaml');
    const b = setup();
    b.prepare("DELETE FROM workloads WHERE request_count = 3993").run();
    expect(readScenarioFile(b, embedded, 'e.json').workload.outputTokens).toEqual(readWorkloadColumns(a, w.id)!.outputTokens);
    let err: unknown;
    try {
      readScenarioFile(b, referenced, 'r.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ location: { file: 'r.yaml', field: 'workload.sha256' } });
    expect((err as Error).message).toMatch(/import that trace first/);
    const line = referenced.split('\n').findIndex((l) => l.includes('sha256:')) + 1;
    expect((err as { location: { line: number } }).location.line).toBe(line);
  });

  it('names an unknown GPU id inside the embedded inventory with its line', () => {
    const db = setup();
    const req = { inventoryId: listInventories(db)[0].id, modelId: 'Qwen/Qwen2.5-7B', workloadId: listWorkloads(db)[0].id, slo: {}, strategies: ['colocated' as const], seed: 1 };
    const text = serializeScenario(buildScenario(db, req), 'yaml').replace('gpuTypeId: amd-mi300x', 'gpuTypeId: amd-mi999');
    expect(() => readScenarioFile(db, text, 's.yaml')).toThrow(/unknown GPU id "amd-mi999"/);
  });
});
