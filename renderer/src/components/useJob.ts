// Runs a host job (an import, a comparison) and polls its progress ~5 times a second. The work itself is in
// the host's worker threads; this only reads status, so the window stays responsive.
import { useCallback, useEffect, useRef, useState } from 'react';
import { apiErrorCode } from '../../../main/domain/errors';
import type { JobInfo } from '../../../main/domain';
import { api } from '../api/client';
import { ApiError } from '../api/errors';

export const POLL_MS = 200;

/** A failed job's error as the ApiError the banner understands (file, line and field included). */
export function jobError(job: JobInfo): ApiError {
  const e = job.error ?? { code: 'internal', message: job.message || 'the job failed without a message' };
  return new ApiError({
    code: apiErrorCode(e.code),
    message: e.message, file: e.file, line: e.line, field: e.field,
  });
}

export function useJob() {
  const [job, setJob] = useState<JobInfo | null>(null);
  const alive = useRef(true);
  const current = useRef<number | null>(null);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  /** Starts a job and resolves with its final state (done, failed or cancelled). Rejects if it cannot start. */
  const run = useCallback(async (start: () => Promise<JobInfo>): Promise<JobInfo> => {
    let info = await start();
    current.current = info.id;
    if (alive.current) setJob(info);
    while (info.status === 'running') {
      await new Promise((r) => setTimeout(r, POLL_MS));
      try {
        info = await api['job.status']({ id: info.id });
      } catch (err) {
        // One lost poll (host busy) is not a failure; a missing job is.
        if (err instanceof ApiError && err.code === 'not_found') throw err;
        continue;
      }
      if (alive.current && current.current === info.id) setJob(info);
    }
    return info;
  }, []);

  const cancel = useCallback(async () => {
    if (current.current === null) return;
    try {
      const info = await api['job.cancel']({ id: current.current });
      if (alive.current) setJob(info);
    } catch {
      // Already finished: the next poll shows how.
    }
  }, []);

  const clear = useCallback(() => {
    current.current = null;
    setJob(null);
  }, []);

  return { job, running: job?.status === 'running', run, cancel, clear };
}
