// The worker_threads entry: runs one job at a time from the job table, reporting progress and honouring
// the shared cancel flag. Bundled to dist/main/workers/sim.worker.cjs.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../domain/errors';
import { jobs, transferablesOf } from './jobs';
import type { FromWorker, JobError, JobFunction, ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('sim.worker must run in a worker thread');

class Cancelled extends Error {}

port.on('message', (m: ToWorker) => {
  if (m.type !== 'start') return;
  const flag = new Int32Array(m.cancelFlag);
  const send = (msg: FromWorker) => port.postMessage(msg);
  let lastProgress = 0;
  try {
    const job = Object.hasOwn(jobs, m.kind) ? (jobs as Record<string, JobFunction>)[m.kind] : undefined;
    if (!job) throw new AppError('invalid_input', `unknown job kind "${m.kind}"`);
    const result = job(m.input as never, {
      onProgress: (done, total, message) => {
        // Throttled: a search reports thousands of steps, the window needs a few a second.
        const now = performance.now();
        if (now - lastProgress > 50 || done === total) {
          lastProgress = now;
          send({ type: 'progress', jobId: m.jobId, done, total, message });
        }
      },
      shouldCancel: () => {
        if (Atomics.load(flag, 0) === 1) throw new Cancelled();
        return false;
      },
    });
    port.postMessage({ type: 'result', jobId: m.jobId, result } satisfies FromWorker, transferablesOf(m.kind, result));
  } catch (e) {
    const error: JobError =
      e instanceof Cancelled
        ? { code: 'cancelled', message: 'cancelled' }
        : e instanceof AppError
          ? { code: e.code === 'unauthorized' ? 'internal' : e.code, message: e.message, location: e.location }
          : { code: 'internal', message: e instanceof Error ? e.message : String(e) };
    send({ type: 'error', jobId: m.jobId, error });
  }
});
