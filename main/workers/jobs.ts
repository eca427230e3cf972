// The jobs a simulation worker can run: pure functions of (input, context). New simulator entry points
// register here; nothing else in the worker needs to change.
import { compareStrategies, type CompareInput, type StrategyOutcome } from '../sim/search';
import { traceChosen } from '../services/run-trace';
import type { JobContext, JobFunction } from './protocol';

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

export const jobs: Record<string, JobFunction> = {
  'pool.spin': spin as JobFunction,
  compare: ((input, ctx) => compareStrategies(input, ctx)) as JobFunction,
  trace: ((job: { input: CompareInput; outcome: StrategyOutcome }) => traceChosen(job.input, job.outcome)) as JobFunction,
};
