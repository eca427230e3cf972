// Long-running tasks of the main process (imports, comparisons), polled by the renderer through job.status.
// Polling keeps one mechanism for both transports: IPC and the loopback host answer it the same way.
import { AppError, notFound } from '../domain/errors';
import type { JobInfo } from '../domain';

export interface JobControl {
  signal: AbortSignal;
  progress: (done: number, total: number, message?: string) => void;
}

export interface JobRegistry {
  start(kind: string, task: (ctl: JobControl) => Promise<Record<string, unknown>>): JobInfo;
  status(id: number): JobInfo;
  cancel(id: number): JobInfo;
  /** Resolves when the job has ended, whatever the outcome (tests and the CLI wait on this). */
  settled(id: number): Promise<JobInfo>;
}

const KEEP_FINISHED = 100;

export function createJobRegistry(): JobRegistry {
  const jobs = new Map<number, { info: JobInfo; abort: AbortController; done: Promise<JobInfo> }>();
  let next = 1;

  const get = (id: number) => {
    const j = jobs.get(id);
    if (!j) throw notFound(`Job ${id} is not known (jobs are kept until fleetplan restarts).`);
    return j;
  };

  const forgetOld = () => {
    const finished = [...jobs.values()].filter((j) => j.info.status !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(j.info.id);
  };

  return {
    start(kind, task) {
      const id = next++;
      const abort = new AbortController();
      const info: JobInfo = { id, kind, status: 'running', done: 0, total: 0, message: '', result: null, error: null };
      const done = (async () => {
        try {
          info.result = await task({
            signal: abort.signal,
            progress: (d, t, m) => {
              info.done = d;
              info.total = t;
              if (m !== undefined) info.message = m;
            },
          });
          info.status = abort.signal.aborted ? 'cancelled' : 'done';
        } catch (e) {
          if (abort.signal.aborted) info.status = 'cancelled';
          else {
            info.status = 'failed';
            const loc = e instanceof AppError ? e.location : {};
            info.error = { code: e instanceof AppError ? e.code : 'internal', message: e instanceof Error ? e.message : String(e), ...loc };
          }
        }
        forgetOld();
        return { ...info };
      })();
      jobs.set(id, { info, abort, done });
      return { ...info };
    },
    status: (id) => ({ ...get(id).info }),
    cancel(id) {
      const j = get(id);
      if (j.info.status === 'running') j.abort.abort();
      return { ...j.info };
    },
    settled: (id) => get(id).done,
  };
}
