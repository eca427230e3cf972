// A report from a scenario file, end to end, with the app's own services: resolve the scenario against the
// database, run and store the comparison in this process, re-simulate each strategy's chosen deployment with
// capture on for the CSVs' per-request and per-iteration rows, write the CSVs, and print the report page to
// PDF through the loopback host (its latency CDFs and utilization charts are the ones the search stored).
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../../db';
import { getRun } from '../../db/queries/runs';
import { AppError } from '../domain/errors';
import { startHost } from '../host/server';
import { createHandlers } from '../ipc/handlers';
import type { RunDetail } from '../domain';
import { compareInputOf, storedStrategyCalibrations, startResolvedComparison, type CompareRunner } from '../services/compare';
import { inProcessRunner, inProcessTrace } from '../services/compare-runners';
import { createJobRegistry } from '../services/jobs';
import { runDetail } from '../services/runs';
import { readScenarioFile } from '../services/scenario-file';
import { APP_VERSION } from '../services/version';
import type { CompareInput } from '../sim/search/types';
import { printWithChromium, type Paper } from './pdf';
import { captureChosen } from './resimulate';
import { reportCsvs, writeReportFiles, type StrategyCapture } from './write';

/** The built renderer: next to the bundle (dist/main/../renderer) or under dist/ when running from sources. */
export function rendererDir(): string {
  const here = typeof __dirname === 'string' ? __dirname : '';
  const found = [here ? join(here, '..', 'renderer') : '', resolve('dist', 'renderer')].find((d) => d && existsSync(join(d, 'index.html')));
  if (!found) throw new AppError('internal', 'The report page is not built: run `npm run build` (or node scripts/build.mjs) first.');
  return found;
}

export interface ReportProgress {
  phase: 'compare' | 'replay' | 'csv' | 'pdf';
  done: number;
  total: number;
  message: string;
}

/** Runs a scenario file as a new stored run; returns its id and the search's input (for re-simulation). */
export async function runScenario(
  db: Db, text: string, fileName: string, opts: { clock?: () => Date; runner?: CompareRunner; onProgress?: (p: ReportProgress) => void } = {},
): Promise<{ runId: number; input: CompareInput }> {
  const clock = opts.clock ?? (() => new Date());
  const resolved = readScenarioFile(db, text, fileName);
  const base = opts.runner ?? inProcessRunner;
  const runner: CompareRunner = (input, onProgress, signal) =>
    base(input, (done, total, message) => {
      onProgress(done, total, message);
      opts.onProgress?.({ phase: 'compare', done, total, message: message ?? '' });
    }, signal);
  const jobs = createJobRegistry();
  const job = startResolvedComparison({ db, jobs, runner, clock }, resolved, resolved.file);
  const end = await jobs.settled(job.id);
  if (end.status !== 'done') throw new AppError('internal', `the comparison ${end.status}: ${end.error?.message ?? 'no reason given'}`);
  const runId = end.result!.runId as number;
  // Replays run with the calibrations the run used (stored on its result), not whatever is selected later.
  const stored = mustGetRunDetail(db, runId).result;
  return { runId, input: compareInputOf(db, resolved, stored?.calibrations, storedStrategyCalibrations(stored)) };
}

export function mustGetRunDetail(db: Db, runId: number): RunDetail {
  const row = getRun(db, runId);
  if (!row) throw new AppError('not_found', `Run ${runId} does not exist.`);
  const detail = runDetail(row);
  if (!detail.result) throw new AppError('invalid_input', `Run ${runId} is ${detail.status}: only finished runs have a report.`);
  return detail;
}

/** Each strategy's chosen deployment re-simulated with capture on (null: nothing to replay), in the run's order. */
export function captureRun(detail: RunDetail, input: CompareInput, onProgress?: (p: ReportProgress) => void): Map<string, StrategyCapture | null> {
  const result = detail.result!;
  const out = new Map<string, StrategyCapture | null>();
  result.strategies.forEach((o, i) => {
    onProgress?.({ phase: 'replay', done: i, total: result.strategies.length, message: `re-simulating ${o.strategy}` });
    out.set(o.strategy, captureChosen(input, o));
  });
  return out;
}

/** Writes the CSVs into `dir`, re-simulating every strategy's chosen deployment unless `captures` has them. */
export function writeRunCsvs(
  detail: RunDetail, input: CompareInput, dir: string, onProgress?: (p: ReportProgress) => void, captures = captureRun(detail, input, onProgress),
): string[] {
  const result = detail.result!;
  const found = result.strategies.flatMap((o) => {
    const c = captures.get(o.strategy);
    return c ? [c] : [];
  });
  onProgress?.({ phase: 'csv', done: result.strategies.length, total: result.strategies.length, message: 'writing CSV files' });
  return writeReportFiles(dir, reportCsvs(result, found));
}

/** Serves the renderer on a free loopback port against `db` and prints the run's report page. */
export async function printRunPdf(
  db: Db, dataDir: string, detail: RunDetail, out: string,
  opts: {
    paper: Paper; clock?: () => Date; chromiumPath?: string; onProgress?: (p: ReportProgress) => void;
  },
): Promise<string> {
  const staticDir = rendererDir();
  const handlers = createHandlers({ db, clock: opts.clock ?? (() => new Date()), dataDir, appVersion: APP_VERSION, compareRunner: inProcessRunner, traceRunner: inProcessTrace });
  const host = await startHost({ handlers, staticDir, port: 0 });
  try {
    const pdf = await printWithChromium({
      hostUrl: host.url, runId: detail.id, paper: opts.paper, title: detail.name, version: detail.modelVersion,
      executablePath: opts.chromiumPath,
      onProgress: (message) => opts.onProgress?.({ phase: 'pdf', done: 0, total: 1, message }),
    });
    writeFileSync(out, pdf);
    return out;
  } finally {
    await host.close();
  }
}
