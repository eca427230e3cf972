// `fleetplan report --scenario s.yaml --pdf out.pdf --csv out/ [--paper a4|letter] [--data-dir D]`: runs a
// scenario file as a new stored run with the app's services and writes its report. Progress goes to stderr;
// stdout gets one JSON line naming the run and the files, for scripts.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError, describeError } from '../domain/errors';
import { assetsDir, resolveDataDir } from '../paths';
import { mustGetRunDetail, printRunPdf, runScenario, writeRunCsvs, type ReportProgress } from '../reports/generate';
import { PAPERS, type Paper } from '../reports/pdf';
import { recommendation } from '../reports/recommendation';
import { recommendationText } from './compare';
import { openAppDatabase } from '../services/seed';
import { defineCommand, type Parsed } from './command';
import { EXIT, type CliIo } from './io';
import { progressPrinter, PROGRESS_OPTION } from './progress';

export const usage = `usage: fleetplan report --scenario <file.yaml|json> [--pdf <out.pdf>] [--csv <folder>]
       [--paper a4|letter] [--data-dir <folder>] [--chromium <path>] [--progress]
At least one of --pdf and --csv. Exit codes: 0 written, 1 failed (simulation or printing), 2 usage error,
3 bad input (the scenario file; the message names file, line and field).
--progress prints progress as plain lines (as it does whenever stderr is not a terminal).`;

/** The report's phases (compare, replay, csv, pdf) through the CLI's progress printer; warnings on lines of their own. */
function reportProgress(io: CliIo, plain: boolean | undefined): { onProgress: (p: ReportProgress) => void; end: () => void } {
  const printer = progressPrinter(io, { plain });
  return {
    onProgress: (p) => (p.message.startsWith('warning:') ? printer.note(`fleetplan report: ${p.message}`) : printer.update(p.phase, p.done, p.total, p.message)),
    end: printer.end,
  };
}

const OPTIONS = {
  scenario: { type: 'string' }, pdf: { type: 'string' }, csv: { type: 'string' }, paper: { type: 'string' }, 'data-dir': { type: 'string' },
  chromium: { type: 'string' }, ...PROGRESS_OPTION,
} as const;

export const command = defineCommand(
  { name: 'report', summary: 'run a scenario file and write its PDF report and CSV files', usage, options: OPTIONS },
  report,
);
export const run = command.run;

async function report({ flags }: Parsed<typeof OPTIONS>, io: CliIo): Promise<number> {
  const scenario = flags.scenario;
  const pdf = flags.pdf;
  const csv = flags.csv;
  const paper = (flags.paper ?? 'a4').toLowerCase() as Paper;
  const problem = !scenario ? '--scenario is required'
      : !pdf && !csv ? 'give --pdf, --csv or both'
        : !PAPERS.includes(paper) ? `--paper must be a4 or letter, not "${flags.paper}"` : null;
  if (problem) {
    io.stderr(`fleetplan report: ${problem}\n${usage}\n`);
    return EXIT.usage;
  }
  if (!existsSync(scenario!)) {
    io.stderr(`fleetplan report: cannot read ${scenario}: no such file\n`);
    return EXIT.badInput;
  }
  const dataDir = resolveDataDir({ dataDirFlag: flags['data-dir'], env: process.env, platform: process.platform, home: process.env.HOME ?? '.' });
  const { onProgress: progress, end: endProgress } = reportProgress(io, flags.progress);
  const started = performance.now();
  const db = openAppDatabase(dataDir, assetsDir());
  try {
    let runId: number;
    let input;
    try {
      ({ runId, input } = await runScenario(db, await io.readFile(scenario!), basename(scenario!), { onProgress: progress }));
    } catch (e) {
      if (e instanceof AppError && (e.code === 'invalid_input' || e.code === 'not_found')) {
        endProgress();
        io.stderr(`fleetplan report: ${describeError(e)}\n`);
        return EXIT.badInput;
      }
      throw e;
    }
    const detail = mustGetRunDetail(db, runId);
    const files: string[] = [];
    // The CSVs' per-request rows need one replay per strategy; the PDF's charts are the ones the search kept.
    if (csv) files.push(...writeRunCsvs(detail, input, csv, progress));
    if (pdf) files.push(await printRunPdf(db, dataDir, detail, pdf, { paper, chromiumPath: flags.chromium, onProgress: progress }));
    const rec = recommendation(detail.result!);
    endProgress();
    io.stderr(`report of run ${runId} written in ${((performance.now() - started) / 1000).toFixed(1)} s: ${files.join(', ')}\n`);
    io.stderr(recommendationText(detail.result!));
    io.stdout(JSON.stringify({ runId, files, recommendation: rec ? { strategy: rec.strategy, deployment: rec.deployment.label } : null }) + '\n');
    return EXIT.ok;
  } finally {
    endProgress();
    db.close();
  }
}
