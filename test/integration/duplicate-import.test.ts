// Importing the same requests twice is said, not silent: the second copy is imported with a warning naming
// the first, and a shipped trace imported again keeps its attribution and licence.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listWorkloads, workloadProvenance } from '../../db/queries/workloads';
import { assetsDir } from '../../main/paths';
import { openAppDatabase } from '../../main/services/seed';
import { duplicateWarning, importTraceFile } from '../../main/services/workload-import';

const dir = mkdtempSync(join(tmpdir(), 'fleetplan-dup-'));
const db = openAppDatabase(join(dir, 'data'), assetsDir());
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importing a trace twice', () => {
  it('a shipped trace imported again is flagged as a second copy and keeps its attribution', async () => {
    const shipped = listWorkloads(db).find((w) => w.requestCount === 19366)!;
    expect(shipped.attribution).toBeTruthy();
    const copy = join(dir, 'AzureLLMInferenceTrace_conv.csv');
    writeFileSync(copy, readFileSync(join(assetsDir(), 'traces', 'AzureLLMInferenceTrace_conv.csv')));
    const r = await importTraceFile(db, copy, { now: 'now' });
    expect(r.duplicateOf).toEqual({ id: shipped.id, name: shipped.name });
    expect(duplicateWarning(r.duplicateOf, 'x.csv')).toContain(`"${shipped.name}" (#${shipped.id})`);
    expect(workloadProvenance(db, r.workloadId)).toEqual(workloadProvenance(db, shipped.id));
  });

  it('a new trace is nobody else\'s copy, and its second import is', async () => {
    const f = join(dir, 'mine.jsonl');
    writeFileSync(f, [0, 0.5, 1.25].map((t, i) => JSON.stringify({ timestamp: t, input_length: 100 + i, output_length: 20 })).join('\n'));
    const first = await importTraceFile(db, f, { now: 'now' });
    expect(first.duplicateOf).toBeNull();
    const second = await importTraceFile(db, f, { now: 'now', name: 'again' });
    expect(second.duplicateOf).toEqual({ id: first.workloadId, name: 'mine' });
    // One more request is another trace.
    writeFileSync(f, [0, 0.5, 1.25, 2].map((t, i) => JSON.stringify({ timestamp: t, input_length: 100 + i, output_length: 20 })).join('\n'));
    expect((await importTraceFile(db, f, { now: 'now', name: 'longer' })).duplicateOf).toBeNull();
  });
});
