// The report's CSV files for a finished run: the per-strategy summary always; per-request results,
// per-iteration records and binned utilization for each strategy whose chosen deployment was re-simulated
// with capture on. Text is built in memory (pure) and written by writeReportFiles.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// The charts' bin width (sim/charts.ts), so the CSV and the charts bin alike.
import { utilizationBinS } from '../sim/charts';
import type { ComparisonResult } from '../sim/search/types';
import { iterationsTable, requestsTable, toCsv, utilizationTable, type IterationRecord, type RequestRecord } from './csv';
import type { Table } from './summary';
import { summaryTable } from './summary';

/** What re-simulating one strategy's chosen deployment with capture on produced. */
export interface StrategyCapture {
  strategy: string;
  /** Per instance index: "prefill: H100 node TP2"-style labels. */
  instanceLabels: string[];
  requests: RequestRecord[];
  iterations: IterationRecord[];
  /** Simulated seconds from the first arrival to the last event. */
  durationS: number;
}

export const REPORT_FILES = { summary: 'summary.csv', requests: 'requests.csv', iterations: 'iterations.csv', utilization: 'utilization.csv' } as const;


function concat(tables: Table[], header: string[]): Table {
  return { header, rows: tables.flatMap((t) => t.rows) };
}

export function reportCsvs(result: ComparisonResult, captures: readonly StrategyCapture[]): { name: string; text: string }[] {
  const files: { name: string; text: string }[] = [{ name: REPORT_FILES.summary, text: toCsv(summaryTable(result)) }];
  if (captures.length === 0) return files;
  const req = captures.map((c) => requestsTable(c.strategy, c.instanceLabels, c.requests));
  const it = captures.map((c) => iterationsTable(c.strategy, c.instanceLabels, c.iterations));
  const util = captures.map((c) => utilizationTable(c.strategy, c.instanceLabels, c.iterations, utilizationBinS(c.durationS), c.durationS));
  files.push(
    { name: REPORT_FILES.requests, text: toCsv(concat(req, req[0].header)) },
    { name: REPORT_FILES.iterations, text: toCsv(concat(it, it[0].header)) },
    { name: REPORT_FILES.utilization, text: toCsv(concat(util, util[0].header)) },
  );
  return files;
}

export function writeReportFiles(dir: string, files: readonly { name: string; text: string }[]): string[] {
  mkdirSync(dir, { recursive: true });
  // A report's file left from an earlier run in the same folder would pass for this run's: remove it.
  for (const name of Object.values(REPORT_FILES)) if (!files.some((f) => f.name === name)) rmSync(join(dir, name), { force: true });
  return files.map((f) => {
    const p = join(dir, f.name);
    writeFileSync(p, f.text);
    return p;
  });
}
