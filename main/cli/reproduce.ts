// `fleetplan reproduce [--json | --markdown]`: runs the built-in reproductions of the seed papers
// (main/sim/scenarios/reproductions.ts) and prints fleetplan's figure next to the baseline's and the paper's,
// with whether the paper's direction holds, in two tables (paper, modern). --json: one object per row; --markdown: the tables docs/model.md §6
// carries, so the doc is regenerated from the tool rather than typed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetsDir } from '../paths';
import { loadGpuCatalog, loadModelCatalog } from '../services/seed';
import { readTrace } from '../services/traces';
import { catalogEnv } from '../sim/scenarios/env';
import { runAllScenarios, type ReproRow } from '../sim/scenarios/reproductions';
import { defineCommand, type Parsed } from './command';
import { EXIT, type CliIo } from './io';

const usage = `usage: fleetplan reproduce [--json | --markdown]

Runs each seed paper's scenario (Nexus, Cronus, TetriInfer, multi-vendor P/D) on the calibrated cost model and prints
two tables: each paper against its own baseline ("paper"), and each strategy against today's strongest colocated
baseline ("modern"); per row fleetplan's figure, the baseline's, the paper's claim and whether its direction holds.
  --json       one JSON object per line: table, system, scenario, metric, fleetplan, baseline, paper, holds
  --markdown   both tables as docs/model.md prints them`;

/**
 * The row as `--json` prints it: `table` is "paper" (the paper's system against the paper's baseline) or
 * "modern" (against today's strongest colocated baseline).
 */
export interface ReproLine {
  table: 'paper' | 'modern';
  system: 'nexus' | 'cronus' | 'tetriinfer' | 'mv-pd';
  scenario: string;
  metric: string;
  fleetplan: number;
  baseline: number;
  fleetplanInPaperTerms: string;
  paper: string;
  holds: boolean;
}

export function reproLine(r: ReproRow): ReproLine {
  const system = r.scenario.startsWith('nexus') ? 'nexus' : r.scenario.startsWith('cronus') ? 'cronus' : r.scenario.startsWith('mvpd') ? 'mv-pd' : 'tetriinfer';
  return { table: r.table, system, scenario: r.scenario, metric: r.metric, fleetplan: r.fleetplan, baseline: r.baseline, fleetplanInPaperTerms: r.fleetplanValue, paper: r.paper, holds: r.holds };
}

/** Four significant digits, as the doc's table has always printed them. */
const sig = (x: number) => String(Number(x.toPrecision(4)));

/** A cell's text with its pipes escaped, so a deployment label ("prefill … | decode …") stays in its column. */
const cell = (s: string) => s.replace(/\|/g, '\\|');

const TITLES: Record<ReproRow['table'], string> = {
  paper: 'Each paper against its own baseline',
  modern: 'Each strategy against today\'s strongest colocated baseline (vLLM V1 chunked prefill, shortest-prompt-first)',
};

/** Both tables, each under its own heading. */
export function markdownTables(rows: ReproRow[]): string {
  return (['paper', 'modern'] as const).map((t) => `**${TITLES[t]}**\n\n${markdownTable(rows.filter((r) => r.table === t))}`).join('\n');
}

export function markdownTable(rows: ReproRow[]): string {
  const head = '| Scenario | Metric | fleetplan | baseline | fleetplan, paper terms | Paper | Direction holds |\n|---|---|---|---|---|---|---|';
  return [head, ...rows.map((r) => `| ${cell(r.scenario)} | ${cell(r.metric)} | ${sig(r.fleetplan)} | ${sig(r.baseline)} | ${cell(r.fleetplanValue)} | ${cell(r.paper)} | ${r.holds ? 'yes' : '**no**'} |`)].join('\n') + '\n';
}

const OPTIONS = { json: { type: 'boolean' }, markdown: { type: 'boolean' } } as const;

export const command = defineCommand(
  { name: 'reproduce', summary: 'run the seed papers\' scenarios: fleetplan\'s figures beside the baselines\' and the papers\' claims', usage, options: OPTIONS },
  reproduce,
);
export const run = command.run;

async function reproduce({ flags }: Parsed<typeof OPTIONS>, io: CliIo): Promise<number> {
  const values = flags;
  const assets = assetsDir();
  const env = catalogEnv(loadGpuCatalog(assets), loadModelCatalog(assets));
  const file = 'AzureLLMInferenceTrace_conv.csv';
  const trace = readTrace(readFileSync(join(assets, 'traces', file), 'utf8'), file);
  const started = performance.now();
  const rows = runAllScenarios(env, { arrivalS: trace.arrivalS, inputTokens: trace.inputTokens, outputTokens: trace.outputTokens });
  io.stderr(`reproduced ${rows.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s; ${rows.filter((r) => r.holds).length} hold\n`);
  if (values.json) for (const r of rows) io.stdout(`${JSON.stringify(reproLine(r))}\n`);
  else if (values.markdown) io.stdout(markdownTables(rows));
  else {
    for (const r of rows) io.stdout(`${r.table.padEnd(6)}  ${r.holds ? 'holds ' : 'MISSES'}  ${r.scenario.padEnd(22)} ${r.metric}: ${sig(r.fleetplan)} vs ${sig(r.baseline)} (${r.fleetplanValue}; paper: ${r.paper})\n`);
  }
  return EXIT.ok;
}
