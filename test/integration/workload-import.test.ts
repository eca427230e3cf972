import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db';
import { listWorkloads } from '../../db/queries/workloads';
import { readWorkloadColumns } from '../../main/services/workload-columns';
import { importTraceFile, ImportCancelled } from '../../main/services/workload-import';
import { readTrace } from '../../main/services/traces';
import { tempDir } from '../helpers/tmp';

let done: (() => void)[] = [];
afterEach(() => {
  done.forEach((f) => f());
  done = [];
});

function setup(): { db: Db; dir: string } {
  const t = tempDir();
  const db = openDatabase(join(t.dir, 'w.sqlite'));
  done.push(() => {
    db.close();
    t.cleanup();
  });
  return { db, dir: t.dir };
}

function azureCsv(rows: number, badAt = -1): string {
  const lines = ['TIMESTAMP,ContextTokens,GeneratedTokens'];
  for (let i = 0; i < rows; i++) {
    // A request every 250 ms from 18:00 (real clock times: a second of 60 is refused since issue 14).
    const at = new Date(Date.UTC(2023, 10, 16, 18) + i * 250).toISOString().replace('T', ' ').replace('Z', '');
    lines.push(`${at},${100 + (i % 50)},${1 + (i % 7)}`);
    if (i === badAt) lines[lines.length - 1] = '2023-11-16 18:00:00,abc,3';
  }
  return lines.join('\n') + '\n';
}

describe('streamed workload import', () => {
  it('imports a file in chunks and reads back the same columns as the in-memory reader', async () => {
    const { db, dir } = setup();
    const file = join(dir, 'trace.csv');
    writeFileSync(file, readFileSyncShim());
    const progress: string[] = [];
    const r = await importTraceFile(db, file, { now: 'now', chunkRows: 5000, onProgress: (p) => progress.push(p.phase) });
    expect(r.requests).toBe(19366);
    expect(progress).toContain('reading');
    expect(progress.filter((p) => p === 'writing').length).toBe(4);
    const back = readWorkloadColumns(db, r.workloadId)!;
    const expected = readTrace(readFileSyncShim(), 'trace.csv');
    expect(back.inputTokens).toEqual(expected.inputTokens);
    expect(back.outputTokens).toEqual(expected.outputTokens);
    expect(back.arrivalS).toEqual(expected.arrivalS);
  });

  it('keeps nothing when a row deep in the file is bad, and names its line', async () => {
    const { db, dir } = setup();
    const file = join(dir, 'bad.csv');
    writeFileSync(file, azureCsv(3000, 2500));
    await expect(importTraceFile(db, file, { now: 'now' })).rejects.toMatchObject({
      location: { file: 'bad.csv', line: 2502, field: 'ContextTokens' },
    });
    expect(listWorkloads(db)).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM workload_requests').pluck().get()).toBe(0);
  });

  it('keeps nothing when cancelled while writing', async () => {
    const { db, dir } = setup();
    const file = join(dir, 'ok.csv');
    writeFileSync(file, azureCsv(3000));
    const ctl = new AbortController();
    const run = importTraceFile(db, file, {
      now: 'now', chunkRows: 500, signal: ctl.signal,
      onProgress: (p) => p.phase === 'writing' && p.done >= 1000 && ctl.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(ImportCancelled);
    expect(db.prepare('SELECT COUNT(*) FROM workloads').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM workload_requests').pluck().get()).toBe(0);
  });
});

function readFileSyncShim() {
  return readFileSync('assets/traces/AzureLLMInferenceTrace_conv.csv', 'utf8');
}
