// Runs a comparison for the app and the CLI: resolve the request against the database, record a run, search
// and simulate every strategy in a worker thread, store the results. The database is written only at the
// start (the run row) and the end (results in one transaction), so a failed or cancelled run leaves the
// run row marked as such and nothing else.
import type { Db } from '../../db';
import { getGpuType } from '../../db/queries/catalog';
import { completeRun, endRun, insertRun } from '../../db/queries/runs';
import { runAnswer } from '../reports/recommendation';
import { AppError, invalid } from '../domain/errors';
import type { CompareRequest } from '../domain/comparison';
import type { JobInfo, StrategyTrace } from '../domain';
import type { GpuCalibrationUsed } from '../sim/calibration';
import { PinError, validatePins } from '../sim/search';
import type { CompareInput, ComparisonResult, StrategyOutcome } from '../sim/search/types';
import type { JobRegistry } from './jobs';
import { calibrationsUsed, withCalibrationState } from './calibration/active';
import type { StrategyId } from '../sim/strategies/types';
import { buildScenario, type ResolvedScenario, resolveRequest, type ScenarioFile } from './scenario-file';
import { thisProcess } from './import-owner';
import { MODEL_VERSION } from './version';

/** Runs the search somewhere (a worker pool in the app; in-process in tests and the CLI). */
export type CompareRunner = (
  input: CompareInput,
  onProgress: (done: number, total: number, message?: string) => void,
  signal: AbortSignal,
) => Promise<ComparisonResult>;

/** Replays a strategy's chosen deployment for its charts (a worker in the app, in-process in the CLI/tests). */
export type TraceRunner = (input: CompareInput, outcome: StrategyOutcome) => Promise<StrategyTrace | null>;

/**
 * The search's input for a scenario. Each GPU type runs with its selected calibration (calibrationFor), or
 * with `calibrations` where given: a stored run's replays (charts, CSV, PDF) use what the run used.
 */
export function compareInputOf(
  db: Db, s: ResolvedScenario, calibrations?: GpuCalibrationUsed[], strategyCalibrations?: CompareInput['strategyCalibrations'],
): CompareInput {
  const gpus = [...new Set(s.pools.map((p) => p.gpuTypeId))].map((id) => {
    const g = getGpuType(db, id);
    if (!g) throw invalid(`unknown GPU id "${id}"`, { field: 'pools' });
    return g;
  });
  const n = s.maxRequests ? Math.min(s.maxRequests, s.workload.arrivalS.length) : s.workload.arrivalS.length;
  return {
    pools: s.pools,
    // The catalog's "where the figures come from" with the user's active imports as 'measured' (what the
    // recommendation states as its assumptions), matching the calibrations below.
    gpus: withCalibrationState(db, gpus),
    model: { id: s.model.id, config: s.model.config },
    workload: {
      arrivalS: s.workload.arrivalS.subarray(0, n),
      inputTokens: s.workload.inputTokens.subarray(0, n),
      outputTokens: s.workload.outputTokens.subarray(0, n),
      ...(s.workload.closedLoop ? { closedLoop: s.workload.closedLoop } : {}),
      // Shared prefixes (Mooncake hash ids); request r's segments name only requests before it, so a prefix of
      // the workload keeps them valid.
      ...('prefix' in s.workload && s.workload.prefix ? { prefix: s.workload.prefix } : {}),
    },
    // Every target the scenario gives is enforced by the search (metrics.meetsSlo); absent ones are not targets.
    slo: { ...s.slo },
    strategies: s.strategies,
    seed: s.seed,
    ...(s.pins && s.pins.length > 0 ? { pins: s.pins } : {}),
    // The search simulates every candidate of a strategy with its engine profile (search/engine.ts).
    ...(s.engine ? { engine: s.engine } : {}),
    ...(s.strategyEngines ? { strategyEngines: s.strategyEngines } : {}),
    // The run's calibration per GPU type, picked by the comparison's engine; a strategy with an engine of its
    // own that picks other records runs with those, and its outcome names them.
    ...(() => {
      const ids = gpus.map((g) => g.id);
      const run = calibrations ?? calibrationsUsed(db, ids, s.engine);
      const own = calibrations ? strategyCalibrations : strategyCalibrationsOf(db, ids, s, run);
      return { calibrations: run, ...(own && Object.keys(own).length > 0 ? { strategyCalibrations: own } : {}) };
    })(),
  };
}

/** The calibrations of each strategy whose engine profile picks other records than the run's engine does. */
function strategyCalibrationsOf(db: Db, gpuTypeIds: string[], s: ResolvedScenario, run: GpuCalibrationUsed[]): CompareInput['strategyCalibrations'] {
  const out: NonNullable<CompareInput['strategyCalibrations']> = {};
  for (const [strategy, engine] of Object.entries(s.strategyEngines ?? {}) as [StrategyId, string][]) {
    const own = calibrationsUsed(db, gpuTypeIds, engine);
    if (JSON.stringify(own) !== JSON.stringify(run)) out[strategy] = own;
  }
  return out;
}

/** What a stored run's strategies ran with beyond the run's calibrations (their outcomes' own), for its replays. */
export function storedStrategyCalibrations(result: Pick<ComparisonResult, 'strategies'> | null | undefined): CompareInput['strategyCalibrations'] {
  const out: NonNullable<CompareInput['strategyCalibrations']> = {};
  for (const o of result?.strategies ?? []) if (o.calibrations) out[o.strategy] = o.calibrations;
  return out;
}

/** "pins[0].instances[1].tp" -> ['pins', 0, 'instances', 1, 'tp'] (for a scenario file's line lookup). */
function pathOf(field: string): (string | number)[] {
  return field.split(/[.[\]]+/).filter(Boolean).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

/**
 * Refuses pins that cannot run on the scenario's inventory and model, before a run is recorded: the error
 * names the pin's field (and, for a scenario file, its line).
 */
export function checkPins(input: CompareInput, source?: ResolvedScenario['source']): void {
  try {
    validatePins(input);
  } catch (e) {
    if (!(e instanceof PinError)) throw e;
    throw invalid(`pinned deployment: ${e.message}`, source ? { file: source.fileName, field: e.field, line: source.lineOf(pathOf(e.field)) } : { field: e.field });
  }
}

/** Stores a finished comparison: one results row per strategy, the cross-strategy summary on the run. */
export function storeComparison(db: Db, runId: number, result: ComparisonResult, now: string): void {
  const { strategies, ...rest } = result;
  // The one-line answer is kept beside the figures so History can list it without loading every result.
  const summary = { ...rest, answer: runAnswer(result) };
  if (!completeRun(db, runId, summary, strategies.map((o) => ({ strategy: o.strategy, deployment: o.bestByCost, outcome: o })), now)) {
    throw new AppError('conflict', `Run ${runId} was deleted while it ran; its results were not kept.`);
  }
}

export interface CompareDeps {
  db: Db;
  jobs: JobRegistry;
  runner: CompareRunner;
  clock: () => Date;
}

/** Starts a comparison of the app's ids as a job; the job's result is { runId }. */
export function startComparison(deps: CompareDeps, request: CompareRequest): JobInfo {
  return startResolvedComparison(deps, resolveRequest(deps.db, request), buildScenario(deps.db, request));
}

/** Starts a comparison of an already resolved scenario (an imported scenario file, say). */
export function startResolvedComparison(deps: CompareDeps, resolved: ResolvedScenario, scenario: ScenarioFile): JobInfo {
  const { db, jobs, runner, clock } = deps;
  const input = compareInputOf(db, resolved);
  checkPins(input, resolved.source);
  const runId = insertRun(db, { name: resolved.name, inputs: scenario, modelVersion: MODEL_VERSION, now: clock().toISOString() }, thisProcess());
  return jobs.start('compare', async ({ signal, progress }) => {
    try {
      const result = await runner(input, progress, signal);
      if (signal.aborted) throw new Error('cancelled');
      storeComparison(db, runId, result, clock().toISOString());
      return { runId };
    } catch (e) {
      const cancelled = signal.aborted;
      endRun(db, runId, cancelled ? 'cancelled' : 'failed', cancelled ? null : e instanceof Error ? e.message : String(e), clock().toISOString());
      throw e;
    }
  });
}
