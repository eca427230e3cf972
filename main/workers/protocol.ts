// Messages between the main thread and simulation workers. Cancel is a flag in shared memory, because a
// worker deep in a synchronous simulation never gets to read a message until it is done.
import type { JobErrorCode } from '../domain/errors';

export interface JobError {
  code: JobErrorCode;
  message: string;
  location?: { file?: string; line?: number; field?: string };
}

export type ToWorker = { type: 'start'; jobId: number; kind: string; input: unknown; cancelFlag: SharedArrayBuffer };

export type FromWorker =
  | { type: 'progress'; jobId: number; done: number; total: number; message?: string }
  | { type: 'result'; jobId: number; result: unknown }
  | { type: 'error'; jobId: number; error: JobError };

/** What a job function gets besides its input. */
export interface JobContext {
  onProgress: (done: number, total: number, message?: string) => void;
  shouldCancel: () => boolean;
}

export type JobFunction = (input: never, ctx: JobContext) => unknown;
