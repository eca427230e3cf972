// Where a comparison's search runs: in a worker thread (the app and the browser host, so the process keeps
// answering while it works) or in the calling thread (the CLI, which has nothing else to do).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../domain/errors';
import { compareStrategies } from '../sim/search';
import { createWorkerPool, type WorkerPool } from '../workers/pool';
import type { CompareRunner, TraceRunner } from './compare';
import { traceChosen } from './run-trace';
import type { FileParsers } from './file-parsers';

/** The built worker bundle, next to the running bundle or under dist/ when running from sources. */
export function workerScriptPath(): string {
  const here = typeof __dirname === 'string' ? __dirname : '';
  const candidates = [
    // Packaged: worker scripts cannot run from inside app.asar, so they ship unpacked beside it.
    here.includes('app.asar') ? join(here.replace('app.asar', 'app.asar.unpacked'), 'workers', 'sim.worker.cjs') : '',
    here ? join(here, 'workers', 'sim.worker.cjs') : '',
    resolve('dist', 'main', 'workers', 'sim.worker.cjs'),
  ].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new AppError('internal', 'The simulation worker is not built; run `npm run build`.');
  return found;
}

export function workerRunner(pool: WorkerPool): CompareRunner {
  return (input, onProgress, signal) => {
    const job = pool.run('compare', input, { onProgress });
    signal.addEventListener('abort', () => job.cancel(), { once: true });
    return job.result;
  };
}

/**
 * Pools made on first use, so opening the app or a test does not start threads it may not need: one for
 * comparisons, and one thread of its own for parsing imports (file-parsers.ts), which would otherwise wait
 * behind a comparison's search.
 */
export function lazyWorkerRunner(): { runner: CompareRunner; trace: TraceRunner; parsers: FileParsers; close: () => Promise<void> } {
  let pool: WorkerPool | undefined;
  let files: WorkerPool | undefined;
  const get = () => (pool ??= createWorkerPool(workerScriptPath()));
  return {
    runner: (input, onProgress, signal) => workerRunner(get())(input, onProgress, signal),
    trace: (input, outcome) => get().run('trace', { input, outcome }).result,
    parsers: workerParsers(() => (files ??= createWorkerPool(workerScriptPath(), 1))),
    close: async () => {
      await Promise.all([pool?.close(), files?.close()]);
    },
  };
}

export const inProcessTrace: TraceRunner = async (input, outcome) => traceChosen(input, outcome);

export const inProcessRunner: CompareRunner = async (input, onProgress, signal) =>
  compareStrategies(input, {
    onProgress,
    shouldCancel: () => signal.aborted,
  });

/** The parsers as jobs of a worker pool (a pool of their own, so an import never queues behind a comparison). */
export function workerParsers(pool: () => WorkerPool): FileParsers {
  return {
    trace(text, fileName, opts = {}) {
      const job = pool().run('parse.trace', { text, fileName, mapping: opts.mapping }, { onProgress: opts.onProgress });
      opts.signal?.addEventListener('abort', () => job.cancel(), { once: true });
      return job.result;
    },
    inventory: (text, fileName, known) => pool().run('parse.inventory', { text, fileName, knownGpuIds: [...known] }).result,
    measurements: (files) => pool().run('parse.measurements', { files: [...files] }).result,
  };
}
