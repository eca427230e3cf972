// The jobs a worker can run: pure functions of (input, context). New entry points register here; nothing else
// in the worker needs to change, and the pool's run() takes each job's input and gives its output by its kind.
import { compareStrategies, type CompareInput, type StrategyOutcome } from '../sim/search';
import { traceChosen } from '../services/run-trace';
import type { JobContext, JobFunction } from './protocol';
import { readMeasurementFiles, type MeasurementFile } from '../services/calibration/import';
import { parseInventoryFile } from '../services/inventory-file';
import type { TraceMapping } from '../services/traces';
import { parseTraceText } from '../services/workload-import';

/** Spins for `ms` reporting progress, so the pool's progress and cancel paths are testable without a simulator. */
function spin(input: { ms: number; steps: number }, ctx: JobContext): { steps: number } {
  const perStep = input.ms / input.steps;
  for (let i = 0; i < input.steps; i++) {
    ctx.shouldCancel();
    const end = performance.now() + perStep;
    while (performance.now() < end);
    ctx.onProgress(i + 1, input.steps);
  }
  return { steps: input.steps };
}

export const jobs = {
  'pool.spin': spin,
  compare: (input: CompareInput, ctx: JobContext) => compareStrategies(input, ctx),
  trace: (job: { input: CompareInput; outcome: StrategyOutcome }) => traceChosen(job.input, job.outcome),
  // Imports' parsing (services/file-parsers.ts): the readers, without the database.
  'parse.trace': (job: { text: string; fileName: string; mapping?: TraceMapping }, ctx: JobContext) =>
    parseTraceText(job.text, job.fileName, { mapping: job.mapping, onProgress: ctx.onProgress, shouldCancel: ctx.shouldCancel }),
  'parse.inventory': (job: { text: string; fileName: string; knownGpuIds: string[] }) => parseInventoryFile(job.text, job.fileName, new Set(job.knownGpuIds)),
  'parse.measurements': (job: { files: MeasurementFile[] }) => readMeasurementFiles(job.files),
} satisfies Record<string, JobFunction>;

export type JobKind = keyof typeof jobs;
export type JobInput<K extends JobKind> = Parameters<(typeof jobs)[K]>[0];
export type JobOutput<K extends JobKind> = ReturnType<(typeof jobs)[K]>;

/** Results whose columns are moved to the main thread rather than copied (a large trace's, say). */
export function transferablesOf(kind: string, result: unknown): ArrayBuffer[] {
  if (kind !== 'parse.trace' || !result || typeof result !== 'object') return [];
  return Object.values(result).filter((v): v is ArrayBufferView => ArrayBuffer.isView(v)).map((v) => v.buffer as ArrayBuffer);
}
