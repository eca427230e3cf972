import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db';
import { createHandlers } from '../../main/ipc/handlers';
import { parseChannelInput } from '../../main/ipc/validate';
import type { Channel, ChannelInput, ChannelOutput } from '../../main/ipc/contract';
import { createJobRegistry } from '../../main/services/jobs';
import { tempDir } from '../helpers/tmp';

let done: (() => void)[] = [];
afterEach(() => {
  done.forEach((f) => f());
  done = [];
});

function setup() {
  const t = tempDir();
  const db: Db = openDatabase(join(t.dir, 'w.sqlite'));
  done.push(() => {
    db.close();
    t.cleanup();
  });
  const jobs = createJobRegistry();
  const handlers = createHandlers({ db, clock: () => new Date(0), dataDir: t.dir, appVersion: 't', jobs });
  const call = async <C extends Channel>(c: C, input: ChannelInput<C>) =>
    (await (handlers[c] as (i: unknown) => unknown)(parseChannelInput(c, input))) as ChannelOutput<C>;
  return { db, jobs, call };
}

const header = 'TIMESTAMP,ContextTokens,GeneratedTokens\n';
const rows = (n: number, bad = -1) =>
  Array.from({ length: n }, (_, i) => (i === bad ? '2023-11-16 18:00:00,x,1' : `2023-11-16 18:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},${100 + i},${1 + (i % 9)}`)).join('\n');

describe('workload channels', () => {
  it('imports uploaded text as a job, then lists, describes, rescales, renames and deletes it', async () => {
    const { jobs, call } = setup();
    const job = await call('workload.import', { fileName: 'prod.csv', text: header + rows(600) });
    expect(job.status).toBe('running');
    const end = await jobs.settled(job.id);
    expect(end).toMatchObject({ status: 'done', result: { requests: 600, format: 'azure-2023' } });
    const id = end.result!.workloadId as number;
    const [w] = await call('workload.list', {});
    expect(w).toMatchObject({ id, name: 'prod', requestCount: 600 });
    const stats = await call('workload.stats', { id });
    expect(stats.requests).toBe(600);
    expect(stats.durationS).toBe(599);
    const fast = await call('workload.rescale', { id, factor: 2 });
    expect(fast).toMatchObject({ name: 'prod ×2 rate', requestCount: 600, durationS: 299.5 });
    expect((await call('workload.rename', { id, name: 'March' })).name).toBe('March');
    await call('workload.delete', { id });
    expect((await call('workload.list', {})).map((x) => x.id)).toEqual([fast.id]);
  });

  it('a bad row fails the job naming its line and keeps nothing', async () => {
    const { db, jobs, call } = setup();
    const job = await call('workload.import', { fileName: 'bad.csv', text: header + rows(600, 450) });
    const end = await jobs.settled(job.id);
    expect(end.status).toBe('failed');
    expect(end.error).toMatchObject({ code: 'invalid_input', file: 'bad.csv', line: 452, field: 'ContextTokens' });
    expect(db.prepare('SELECT COUNT(*) FROM workload_requests').pluck().get()).toBe(0);
    expect(await call('workload.list', {})).toEqual([]);
  });

  it('cancel keeps nothing', async () => {
    const { db, jobs, call } = setup();
    const job = await call('workload.import', { fileName: 'big.csv', text: header + rows(300_000) });
    await call('job.cancel', { id: job.id });
    expect((await jobs.settled(job.id)).status).toBe('cancelled');
    expect(db.prepare('SELECT COUNT(*) FROM workloads').pluck().get()).toBe(0);
  });

  it('maps the columns of an unknown file', async () => {
    const { jobs, call } = setup();
    const text = 't,in,out\n0,10,2\n1.5,20,3\n';
    expect(await call('workload.preview', { head: text })).toMatchObject({ kind: 'csv', format: null, columns: ['t', 'in', 'out'] });
    const job = await call('workload.import', { fileName: 'x.csv', text, mapping: { arrival: { column: 't', unit: 's' }, input: 'in', output: 'out' } });
    expect(await jobs.settled(job.id)).toMatchObject({ status: 'done', result: { requests: 2, format: 'custom' } });
  });
});
