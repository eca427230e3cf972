import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createWorkerPool, JobCancelled, type WorkerPool } from '../../main/workers/pool';

// The pool runs the built worker bundle; `npm test` builds before testing.
const script = resolve('dist/main/workers/sim.worker.cjs');
let pool: WorkerPool;

beforeAll(() => {
  if (!existsSync(script)) throw new Error(`${script} is missing: run node scripts/build.mjs first`);
  pool = createWorkerPool(script, 2);
});
afterAll(() => pool?.close());

describe('worker pool', () => {
  it('runs a job off the main thread with progress, and the main thread keeps ticking', async () => {
    const progress: number[] = [];
    let worstGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 10);
    const job = pool.run('pool.spin', { ms: 600, steps: 12 }, { onProgress: (d) => progress.push(d) });
    const result = await job.result;
    clearInterval(timer);
    expect(result).toEqual({ steps: 12 });
    expect(progress.length).toBeGreaterThan(3);
    expect(progress[progress.length - 1]).toBe(12);
    expect(worstGap).toBeLessThan(100);
  });

  it('cancels a running job and stays usable', async () => {
    const job = pool.run('pool.spin', { ms: 5000, steps: 500 }, {
      onProgress: (d) => {
        if (d >= 5) job.cancel();
      },
    });
    await expect(job.result).rejects.toBeInstanceOf(JobCancelled);
    await expect(pool.run('pool.spin', { ms: 20, steps: 2 }).result).resolves.toEqual({ steps: 2 });
  });

  it('reports an unknown job kind as invalid input', async () => {
    await expect((pool.run as (kind: string, input: unknown) => { result: Promise<unknown> })('no.such.job', {}).result).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
