// `fleetplan report --scenario s.yaml --pdf out.pdf --csv out/ [--paper a4|letter] [--data-dir D]`: runs a
// scenario file as a new stored run with the app's services and writes its report. Progress goes to stderr;
// stdout gets one JSON line naming the run and the files, for scripts.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError, describeError } from '../errors';
import { assetsDir, resolveDataDir } from '../paths';
import { mustGetRunDetail, printRunPdf, runScenario, writeRunCsvs, type ReportProgress } from '../reports/generate';
import { PAPERS, type Paper } from '../reports/pdf';
import { recommendation } from '../reports/recommendation';
import { recommendationText } from './compare';
import { openAppDatabase } from '../services/seed';
import { EXIT, parseFlags, type CliIo } from './io';

export const usage = `usage: fleetplan report --scenario <file.yaml|json> [--pdf <out.pdf>] [--csv <folder>]
       [--paper a4|letter] [--data-dir <folder>] [--chromium <path>]
At least one of --pdf and --csv. Exit codes: 0 written, 1 failed (simulation or printing), 2 usage error,
3 bad input (the scenario file; the message names file, line and field).`;

function progressPrinter(io: CliIo): (p: ReportProgress) => void {
  let last = '';
  return (p) => {
    if (p.message.startsWith('warning:')) {
      io.stderr(`\nfleetplan report: ${p.message}\n`);
      last = '';
      return;
    }
    const pct = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 0;
    const line = `${p.phase.padEnd(7)} [${String(pct).padStart(3)}%] ${p.message.slice(0, 64)}`;
    if (line === last) return;
    // Compare progress updates in place; each new phase starts its own line.
    io.stderr(`${last && !last.startsWith(p.phase) ? '\n' : '\r'}${line.padEnd(last.length)}`);
    last = line;
  };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let flags: Map<string, string>;
  try {
    flags = parseFlags(args).flags;
  } catch (e) {
    io.stderr(`fleetplan report: ${(e as Error).message}\n${usage}\n`);
    return EXIT.usage;
  }
  const unknown = [...flags.keys()].filter((k) => !['scenario', 'pdf', 'csv', 'paper', 'data-dir', 'chromium'].includes(k));
  const scenario = flags.get('scenario');
  const pdf = flags.get('pdf');
  const csv = flags.get('csv');
  const paper = (flags.get('paper') ?? 'a4').toLowerCase() as Paper;
  const problem = unknown.length ? `unknown option --${unknown[0]}`
    : !scenario ? '--scenario is required'
      : !pdf && !csv ? 'give --pdf, --csv or both'
        : !PAPERS.includes(paper) ? `--paper must be a4 or letter, not "${flags.get('paper')}"` : null;
  if (problem) {
    io.stderr(`fleetplan report: ${problem}\n${usage}\n`);
    return EXIT.usage;
  }
  if (!existsSync(scenario!)) {
    io.stderr(`fleetplan report: cannot read ${scenario}: no such file\n`);
    return EXIT.badInput;
  }
  const dataDir = resolveDataDir({ dataDirFlag: flags.get('data-dir'), env: process.env, platform: process.platform, home: process.env.HOME ?? '.' });
  const progress = progressPrinter(io);
  const started = performance.now();
  const db = openAppDatabase(dataDir, assetsDir());
  try {
    let runId: number;
    let input;
    try {
      ({ runId, input } = await runScenario(db, await io.readFile(scenario!), basename(scenario!), { onProgress: progress }));
    } catch (e) {
      if (e instanceof AppError && (e.code === 'invalid_input' || e.code === 'not_found')) {
        io.stderr(`\nfleetplan report: ${describeError(e)}\n`);
        return EXIT.badInput;
      }
      throw e;
    }
    const detail = mustGetRunDetail(db, runId);
    const files: string[] = [];
    // The CSVs' per-request rows need one replay per strategy; the PDF's charts are the ones the search kept.
    if (csv) files.push(...writeRunCsvs(detail, input, csv, progress));
    if (pdf) files.push(await printRunPdf(db, dataDir, detail, pdf, { paper, chromiumPath: flags.get('chromium'), onProgress: progress }));
    const rec = recommendation(detail.result!);
    io.stderr(`\nreport of run ${runId} written in ${((performance.now() - started) / 1000).toFixed(1)} s: ${files.join(', ')}\n`);
    io.stderr(recommendationText(detail.result!));
    io.stdout(JSON.stringify({ runId, files, recommendation: rec ? { strategy: rec.strategy, deployment: rec.deployment.label } : null }) + '\n');
    return EXIT.ok;
  } finally {
    db.close();
  }
}
