// A small pool of worker_threads that run simulation jobs off the main thread, with progress and cancel.
// Jobs queue FIFO; each worker runs one job at a time.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { AppError } from '../domain/errors';
import type { FromWorker, JobError, ToWorker } from './protocol';
import type { JobInput, JobKind, JobOutput } from './jobs';

export interface JobHandle<T> {
  result: Promise<T>;
  cancel: () => void;
}

export interface RunOptions {
  onProgress?: (done: number, total: number, message?: string) => void;
}

interface Pending {
  jobId: number;
  kind: string;
  input: unknown;
  flag: Int32Array;
  opts: RunOptions;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export class JobCancelled extends AppError {
  constructor() {
    super('conflict', 'The run was cancelled.');
  }
}

function toError(e: JobError): Error {
  if (e.code === 'cancelled') return new JobCancelled();
  return new AppError(e.code, e.message, e.location ?? {});
}

export interface WorkerPool {
  /** Runs a job of the job table (jobs.ts): its input in, its output out. */
  run<K extends JobKind>(kind: K, input: JobInput<K>, opts?: RunOptions): JobHandle<JobOutput<K>>;
  close(): Promise<void>;
}

/** `script` is the built worker file (dist/main/workers/sim.worker.cjs). */
export function createWorkerPool(script: string, size = Math.max(1, availableParallelism() - 1)): WorkerPool {
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = () => {
    const w = new Worker(script);
    w.on('message', (m: FromWorker) => {
      const job = busy.get(w);
      if (!job || m.jobId !== job.jobId) return;
      if (m.type === 'progress') job.opts.onProgress?.(m.done, m.total, m.message);
      else {
        busy.delete(w);
        if (m.type === 'result') job.resolve(m.result);
        else job.reject(toError(m.error));
        idle.push(w);
        pump();
      }
    });
    w.on('error', (err) => {
      // A crashed worker fails its job and is replaced, so one bad job cannot shrink the pool.
      const job = busy.get(w);
      busy.delete(w);
      job?.reject(new AppError('internal', `The simulation worker failed: ${err.message}`));
      if (!closed) idle.push(spawn());
      pump();
    });
    return w;
  };
  for (let i = 0; i < size; i++) idle.push(spawn());

  const pump = () => {
    while (idle.length > 0 && queue.length > 0) {
      const job = queue.shift()!;
      if (Atomics.load(job.flag, 0) === 1) {
        job.reject(new JobCancelled());
        continue;
      }
      const w = idle.pop()!;
      busy.set(w, job);
      const msg: ToWorker = { type: 'start', jobId: job.jobId, kind: job.kind, input: job.input, cancelFlag: job.flag.buffer as SharedArrayBuffer };
      w.postMessage(msg);
    }
  };

  return {
    run<K extends JobKind>(kind: K, input: JobInput<K>, opts: RunOptions = {}): JobHandle<JobOutput<K>> {
      type T = JobOutput<K>;
      if (closed) throw new AppError('internal', 'The worker pool is closed.');
      const flag = new Int32Array(new SharedArrayBuffer(4));
      let job!: Pending;
      const result = new Promise<T>((resolve, reject) => {
        job = { jobId: nextId++, kind, input, flag, opts, resolve: resolve as (v: unknown) => void, reject };
      });
      queue.push(job);
      pump();
      return { result, cancel: () => Atomics.store(flag, 0, 1) };
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new JobCancelled());
      for (const [, job] of busy) job.reject(new JobCancelled());
      await Promise.all([...idle, ...busy.keys()].map((w) => w.terminate()));
    },
  };
}
