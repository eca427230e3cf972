// `fleetplan report` end to end through the CLI's code path: a small scenario (300 requests, two
// strategies) run, stored, written as CSVs and printed by Debian's Chromium. Needs `node scripts/build.mjs`
// (the report page is the built renderer) and /usr/bin/chromium; poppler's pdftotext/pdftoppm/pdfinfo read
// the PDF back.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli';
import type { CliIo } from '../../main/cli/io';
import { listInventories } from '../../db/queries/inventories';
import { listWorkloads } from '../../db/queries/workloads';
import { assetsDir } from '../../main/paths';
import { parseCsv, toCsv } from '../../main/reports/csv';
import { fixed } from '../../main/reports/format';
import { mustGetRunDetail, printRunPdf } from '../../main/reports/generate';
import { replayDeployment } from '../../main/reports/resimulate';
import { calibrationCell, chosenDeployment, STRATEGY_NAMES, SUMMARY_COLUMNS } from '../../main/reports/summary';
import { schedulerSettingsText } from '../../main/reports/settings';
import { createHandlers } from '../../main/ipc/handlers';
import { compareInputOf } from '../../main/services/compare';
import { inProcessRunner } from '../../main/services/compare-runners';
import { traceChosen } from '../../main/services/run-trace';
import { buildScenario, embedWorkload, readScenarioFile, serializeScenario, type ScenarioFile } from '../../main/services/scenario-file';
import { openAppDatabase, samplePools } from '../../main/services/seed';
import type { StrategyId } from '../../main/sim/strategies/types';
import { tempDir } from '../helpers/tmp';

const STRATEGIES: StrategyId[] = ['colocated', 'disaggregated'];
const tmp = tempDir('fleetplan-report-');
const dataDir = join(tmp.dir, 'data');
const scenarioPath = join(tmp.dir, 'scenario.yaml');
const pdfPath = join(tmp.dir, 'report.pdf');
const csvDir = join(tmp.dir, 'csv');

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), readFile: async (p) => readFileSync(p, 'utf8') };
  const code = await main(args, io);
  return { code, out, err };
}

const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
const pageSize = (pdf: string) => /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))!.slice(1, 3).map(Number);

/** Share of dark pixels in a binary PGM (P5), ignoring the top and bottom strips where header and footer sit. */
function darkShareOfBody(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'))!;
  const [w, h] = [Number(header[1]), Number(header[2])];
  const data = pgm.subarray(header[0].length);
  let dark = 0;
  const [top, bottom] = [Math.floor(h * 0.08), Math.floor(h * 0.92)];
  for (let i = top * w; i < bottom * w; i++) if (data[i] < 200) dark++;
  return dark / ((bottom - top) * w);
}

interface PdfWord { page: number; x: number; y: number; text: string }

/** Every word of the PDF with its page (1-based) and top-left corner in points (pdftotext -bbox). */
function pdfWords(pdf: string): { words: PdfWord[]; pageHeight: number } {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const words: PdfWord[] = [];
  let page = 0;
  let pageHeight = 0;
  for (const m of html.matchAll(/<page width="[\d.]+" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)) {
    if (m[1]) {
      page++;
      pageHeight = Number(m[1]);
    } else words.push({ page, x: Number(m[2]), y: Number(m[3]), text: m[4].replace(/&amp;/g, '&').replace(/&#39;/g, "'") });
  }
  return { words, pageHeight };
}

/** Where a title's words first appear in a row, or null. */
function findTitle(words: readonly PdfWord[], title: string): PdfWord | null {
  const want = title.split(' ');
  for (let i = 0; i + want.length <= words.length; i++) {
    if (want.every((w, k) => words[i + k].text === w && words[i + k].page === words[i].page)) return words[i];
  }
  return null;
}

// The report's charts that come from the Compare screen, with a phrase of their caption naming the units.
const CHARTS: [title: string, caption: string][] = [
  ['Time to first token, CDF', 'share of requests answered within x (ms)'],
  ['Time between tokens, CDF', 'mean gap between output tokens is within x (ms)'],
  ['End-to-end latency, CDF', 'share of requests finished within x (ms)'],
  ['Throughput against TTFT P99 as the arrival rate rises', 'x: completed req/s, y: TTFT P99 (ms, log)'],
  ['Throughput against TBT P99 as the arrival rate rises', 'x: completed req/s, y: TBT P99 (ms, log)'],
  ['Cost against TTFT P99: the Pareto front', '$ per 1M tokens (log) vs TTFT P99 (ms, log)'],
  ['GPU utilization over time: Colocated', 'busy share of each instance (%)'],
  ['GPU utilization over time: Disaggregated', 'busy share of each instance (%)'],
];

let runResult: { code: number; out: string; err: string };

beforeAll(async () => {
  if (!existsSync('dist/renderer/index.html')) throw new Error('dist/renderer is missing: run `node scripts/build.mjs` first');
  const db = openAppDatabase(dataDir, assetsDir());
  const conv = listWorkloads(db).find((w) => w.requestCount === 19366)!;
  const scenario = buildScenario(db, {
    name: 'Report test', inventoryId: listInventories(db)[0].id, modelId: 'meta-llama/Llama-3.1-8B', workloadId: conv.id,
    slo: { ttftP99S: 2, tbtP99S: 0.1 }, strategies: STRATEGIES, seed: 7, maxRequests: 300,
    // One strategy under an engine profile, the other on the default scheduler: both must say so.
    strategyEngines: { disaggregated: 'sglang' },
  });
  writeFileSync(scenarioPath, serializeScenario(scenario, 'yaml'));
  db.close();
  runResult = await cli(['report', '--scenario', scenarioPath, '--pdf', pdfPath, '--csv', csvDir, '--data-dir', dataDir]);
}, 180_000);

afterAll(() => tmp.cleanup());

describe('fleetplan report', () => {
  it('exits 0, reports progress on stderr and names the run and files on stdout', () => {
    // includes the printer's warning that the page is wider than the paper (fonts would shrink)
    expect(runResult.err).not.toMatch(/fleetplan report: /);
    expect(runResult.code).toBe(0);
    expect(runResult.err).toMatch(/compare .*\[100%\]/);
    // One replay per strategy, shared by the CSVs and the PDF's CDF and utilization charts.
    expect(runResult.err.match(/replay .*re-simulating \w+/g)?.map((m) => m.split(' ').pop())).toEqual(STRATEGIES);
    expect(runResult.err).toMatch(/pdf .*printing/);
    const out = JSON.parse(runResult.out) as { runId: number; files: string[] };
    expect(out.files.map((f) => f.split(/[\\/]/).pop()).sort()).toEqual(['iterations.csv', 'report.pdf', 'requests.csv', 'summary.csv', 'utilization.csv']);
  });

  it('the PDF names every strategy and prints the summary table\'s numbers exactly as the CSV has them', () => {
    const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, ' ');
    const tokens = new Set(text.split(/\s+/));
    const summary = parseCsv(readFileSync(join(csvDir, 'summary.csv'), 'utf8'));
    expect(summary.rows.map((r) => r[0])).toEqual(STRATEGIES);
    expect(flat).not.toContain('Print or save as PDF'); // the on-screen toolbar is not printed
    // Deployment counters in planner words and units, not the simulator's names and raw byte counts.
    expect(flat).not.toMatch(/\b(kvBytes|meanKvTransferS|prefillChunk|kvTransfers)\b/);
    expect(flat).toContain('KV cache moved between instances');
    expect(flat).toMatch(/\b[\d.]+ (kB|MB|GB|TB)\b/);
    for (const s of STRATEGIES) {
      expect(tokens.has(s), s).toBe(true);
      expect(flat).toContain(STRATEGY_NAMES[s]);
    }
    const numeric = summary.header.map((h, i) => [h, i] as const).filter(([h]) => SUMMARY_COLUMNS.find((c) => c.key === h)!.numeric);
    let checked = 0;
    for (const row of summary.rows) {
      for (const [h, i] of numeric) {
        if (row[i] === '') continue;
        expect(tokens.has(row[i]), `${row[0]} ${h} = ${row[i]}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(30);
  });

  it('the CSV and the PDF say which engine each strategy ran under and its scheduler settings, as stored', () => {
    const flat = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const summary = parseCsv(readFileSync(join(csvDir, 'summary.csv'), 'utf8'));
    const col = (row: string[], k: string) => row[summary.header.indexOf(k)];
    expect(summary.rows.map((r) => col(r, 'engine'))).toEqual(['default', 'sglang']);
    expect(col(summary.rows[1], 'engine_name')).toBe('SGLang runtime (sglang.launch_server), versions 0.4 – 0.5');
    const db = openAppDatabase(dataDir, assetsDir());
    try {
      const detail = mustGetRunDetail(db, (JSON.parse(runResult.out) as { runId: number }).runId);
      detail.result!.strategies.forEach((o, i) => {
        const d = o.bestByCost!;
        expect(d.settings!.engine).toBe(col(summary.rows[i], 'engine'));
        const text = col(summary.rows[i], 'scheduler_settings');
        expect(text).toBe(schedulerSettingsText(d.settings));
        // In planner units: the budget in tokens per iteration, the router named.
        expect(text).toMatch(new RegExp(`^router ${d.settings!.router}; .*token budget ${d.settings!.instances[0].tokenBudget} tokens per iteration`));
        // pdftotext drops the hyphen where a word breaks across lines ("reserve-dynamic").
        expect(flat.replace(/-/g, ''), o.strategy).toContain(text.replace(/-/g, ''));
      });
    } finally {
      db.close();
    }
    // Once in the comparison table and once among the strategy's deployment facts.
    expect(flat.split('SGLang runtime (sglang.launch_server), versions 0.4 – 0.5').length - 1).toBe(2);
    expect(flat.split('fleetplan default scheduler (token budget sized to the TBT target)').length - 1).toBe(2);
  });

  it('the PDF and the CSV name each GPU type\'s calibration: the sample MI300X\'s shipped one, "datasheet only" for the rest', () => {
    const flat = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const db = openAppDatabase(dataDir, assetsDir());
    try {
      const detail = mustGetRunDetail(db, (JSON.parse(runResult.out) as { runId: number }).runId);
      const used = detail.result!.calibrations!;
      expect(used.map((c) => c.gpuTypeId).sort()).toEqual([...new Set(samplePools().map((p) => p.gpuTypeId))].sort());
      expect(used.find((c) => c.gpuTypeId === 'amd-mi300x')!.label).toMatch(/^calibration #\d+ \(shipped, held-out error \d+\.\d%\)$/);
      expect(flat).toContain('GPU calibration');
      for (const c of used) expect(flat, c.gpuTypeId).toContain(c.label);
      expect(flat).toContain('datasheet only');
      const summary = parseCsv(readFileSync(join(csvDir, 'summary.csv'), 'utf8'));
      detail.result!.strategies.forEach((o, i) => {
        expect(summary.rows[i][summary.header.indexOf('calibration')]).toBe(calibrationCell(chosenDeployment(o), detail.result!));
      });
    } finally {
      db.close();
    }
  });

  it('carries the Compare screen\'s charts: latency CDFs, the rate sweep, the Pareto front and utilization over time, with captions and units', () => {
    const flat = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const [title, caption] of CHARTS) {
      expect(flat, title).toContain(title);
      expect(flat, caption).toContain(caption);
    }
    // Every strategy was replayed and probed: no sentence stands in for a chart, and the old scatter is gone.
    expect(flat).not.toMatch(/Not drawn for|none could be drawn|No rate sweep|No cost–latency Pareto front/);
    expect(flat).not.toContain('every simulated deployment: output tokens/s vs TTFT P99');
    expect(pages(pdfPath)).toBeGreaterThanOrEqual(6);
    expect(pages(pdfPath)).toBeLessThanOrEqual(14);
  });

  it('no chart is split across pages: each chart\'s axes and legend are on its title\'s page, below it', () => {
    const { words, pageHeight } = pdfWords(pdfPath);
    const bottom = pageHeight - 16 * (72 / 25.4); // the footer sits in the bottom margin
    for (const [title] of CHARTS) {
      const t = findTitle(words, title);
      expect(t, title).not.toBeNull();
      // A chart is about 200 pt tall: a title near the foot of a page with its plot on the next would leave
      // nothing of its column that far below it.
      const below = words.filter((w) => w.page === t!.page && w.x >= t!.x - 5 && w.x < t!.x + 240 && w.y > t!.y + 150 && w.y < bottom);
      expect(below.length, `${title} (page ${t!.page})`).toBeGreaterThan(0);
      expect(t!.y + 150, title).toBeLessThan(bottom);
    }
  });

  it('every page renders and none is blank; A4 by default', () => {
    const n = pages(pdfPath);
    expect(n).toBeGreaterThanOrEqual(4);
    expect(pageSize(pdfPath)).toEqual([595.92, 842.88]);
    const prefix = join(tmp.dir, 'page');
    execFileSync('pdftoppm', ['-gray', '-r', '30', pdfPath, prefix]);
    const images = readdirSync(tmp.dir).filter((f) => f.startsWith('page') && f.endsWith('.pgm'));
    expect(images).toHaveLength(n);
    for (const f of images) expect(darkShareOfBody(readFileSync(join(tmp.dir, f))), f).toBeGreaterThan(0.005);
  });

  it('prints on Letter paper too', async () => {
    const db = openAppDatabase(dataDir, assetsDir());
    try {
      const detail = mustGetRunDetail(db, (JSON.parse(runResult.out) as { runId: number }).runId);
      const letter = join(tmp.dir, 'letter.pdf');
      await printRunPdf(db, dataDir, detail, letter, { paper: 'letter' });
      expect(pageSize(letter)).toEqual([612, 792]);
    } finally {
      db.close();
    }
  }, 60_000);

  it('a run without rate probes whose replays fail says so in sentences instead of drawing empty charts', async () => {
    const db = openAppDatabase(dataDir, assetsDir());
    try {
      const runId = (JSON.parse(runResult.out) as { runId: number }).runId;
      const sha = (mustGetRunDetail(db, runId).scenario as unknown as ScenarioFile).workload as { sha256: string };
      // A copy of the run as an older fleetplan stored it (no rate probes, no charts), whose workload is no longer
      // in this data folder: every replay fails on the server, as it would for a deleted trace.
      const noSweep = (json: string | null) => (json === null ? null : JSON.stringify(JSON.parse(json, (k, v: unknown) => (k === 'rateSweep' || k === 'trace' ? undefined : v))));
      const row = db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as { name: string; inputs_json: string; summary_json: string; model_version: string; started_at: string; finished_at: string };
      const copy = Number(db.prepare("INSERT INTO runs (name, status, inputs_json, summary_json, model_version, started_at, finished_at) VALUES (?, 'done', ?, ?, ?, ?, ?)")
        .run(`${row.name} (old copy)`, row.inputs_json.replaceAll(sha.sha256, 'f'.repeat(64)), noSweep(row.summary_json), row.model_version, row.started_at, row.finished_at).lastInsertRowid);
      for (const r of db.prepare('SELECT * FROM results WHERE run_id = ?').all(runId) as { strategy: string; deployment_json: string; outcome_json: string }[]) {
        db.prepare('INSERT INTO results (run_id, strategy, deployment_json, outcome_json) VALUES (?, ?, ?, ?)').run(copy, r.strategy, noSweep(r.deployment_json), noSweep(r.outcome_json));
      }
      const pdf = join(tmp.dir, 'old.pdf');
      await printRunPdf(db, dataDir, mustGetRunDetail(db, copy), pdf, { paper: 'letter' });
      const flat = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(flat).toContain('The latency CDFs and utilization over time come from a replay of each strategy\'s chosen deployment, and none could be drawn:');
      // Both replays failed the same way: the strategies are named together and the reason given once.
      expect(flat).toMatch(/none could be drawn: Colocated and Disaggregated \(the replay failed: no workload here has exactly the requests of/);
      expect(flat).toContain('No utilization over time: it needs the same replays as the latency distributions above.');
      expect(flat).toContain('No rate sweep: the search stored no arrival-rate probes for this run. A closed-loop workload has none');
      for (const [title] of CHARTS.filter(([t]) => !t.startsWith('Cost against'))) expect(flat, title).not.toContain(title);
      // What the stored aggregates alone can draw is still there: the Pareto front and, in place of the
      // sweep, every simulated deployment at the workload's own rate.
      expect(flat).toContain('Cost against TTFT P99: the Pareto front');
      expect(flat).toContain('every simulated deployment: output tokens/s vs TTFT P99');
      expect(pageSize(pdf)).toEqual([612, 792]);
    } finally {
      db.close();
    }
  }, 60_000);

  it('CSV round trip: parsing and writing back gives the same text, and the values are the stored run\'s', () => {
    for (const f of ['summary.csv', 'requests.csv', 'iterations.csv', 'utilization.csv']) {
      const text = readFileSync(join(csvDir, f), 'utf8');
      const t = parseCsv(text);
      expect(t.rows.length, f).toBeGreaterThan(0);
      expect(t.rows.every((r) => r.length === t.header.length), f).toBe(true);
      expect(toCsv(t), f).toBe(text);
    }
    const db = openAppDatabase(dataDir, assetsDir());
    try {
      const detail = mustGetRunDetail(db, (JSON.parse(runResult.out) as { runId: number }).runId);
      const summary = parseCsv(readFileSync(join(csvDir, 'summary.csv'), 'utf8'));
      const col = (row: string[], k: string) => row[summary.header.indexOf(k)];
      detail.result!.strategies.forEach((o, i) => {
        const d = o.bestByCost!;
        expect(col(summary.rows[i], 'deployment')).toBe(d.label);
        expect(Number(col(summary.rows[i], 'ttft_p99_s'))).toBeCloseTo(d.metrics.ttft.p99, 3);
        expect(Number(col(summary.rows[i], 'usd_per_1m_tokens'))).toBeCloseTo(d.metrics.usdPer1MTokens, 4);
      });
      const requests = parseCsv(readFileSync(join(csvDir, 'requests.csv'), 'utf8'));
      expect(requests.rows).toHaveLength(300 * STRATEGIES.length);
      // The per-request file is the replay of exactly the stored deployments: its TTFTs give the stored P50.
      const ttfts = requests.rows.filter((r) => r[0] === 'colocated').map((r) => Number(r[5])).sort((a, b) => a - b);
      expect(ttfts[149]).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('replaying each chosen deployment reproduces the stored figures exactly', () => {
    const db = openAppDatabase(dataDir, assetsDir());
    try {
      const detail = mustGetRunDetail(db, (JSON.parse(runResult.out) as { runId: number }).runId);
      const input = compareInputOf(db, readScenarioFile(db, readFileSync(scenarioPath, 'utf8'), 'scenario.yaml'));
      for (const o of detail.result!.strategies) {
        const replay = replayDeployment(input, o.bestByCost!);
        expect(replay, o.strategy).not.toBeNull();
        expect(replay!.label).toBe(o.bestByCost!.label);
        expect(replay!.metrics).toEqual(o.bestByCost!.metrics);
        expect(fixed(replay!.metrics.ttft.p99, 3)).toBe(fixed(o.bestByCost!.metrics.ttft.p99, 3));
        // The charts the search kept are the replay's too.
        expect(replay!.trace, o.strategy).toEqual(o.trace);
      }
    } finally {
      db.close();
    }
  });

  it('run.trace serves the charts the search stored without a replay; a run stored without them gets a replay giving the same', async () => {
    const db = openAppDatabase(dataDir, assetsDir());
    try {
      const detail = mustGetRunDetail(db, (JSON.parse(runResult.out) as { runId: number }).runId);
      const input = compareInputOf(db, readScenarioFile(db, readFileSync(scenarioPath, 'utf8'), 'scenario.yaml'));
      const noReplay = async () => {
        throw new Error('replayed');
      };
      const handlers = createHandlers({ db, clock: () => new Date(), dataDir, appVersion: 'test', compareRunner: inProcessRunner, traceRunner: noReplay });
      for (const s of STRATEGIES) {
        const o = detail.result!.strategies.find((x) => x.strategy === s)!;
        const served = (await handlers['run.trace']({ id: detail.id, strategy: s }))!;
        expect(served.ttftCdf).toHaveLength(101);
        expect(served.ttftCdf[99].x, s).toBe(o.bestByCost!.metrics.ttft.p99);
        const { trace, ...older } = o;
        expect(traceChosen(input, older), s).toEqual(trace);
      }
    } finally {
      db.close();
    }
  });

  it('the run\'s exported scenario, re-run in a fresh data folder, gives identical CSVs', async () => {
    const db = openAppDatabase(dataDir, assetsDir());
    let exported: string;
    try {
      const detail = mustGetRunDetail(db, (JSON.parse(runResult.out) as { runId: number }).runId);
      exported = serializeScenario(embedWorkload(db, detail.scenario as unknown as ScenarioFile), 'json');
    } finally {
      db.close();
    }
    const again = join(tmp.dir, 'exported.json');
    writeFileSync(again, exported);
    const csv2 = join(tmp.dir, 'csv2');
    const r = await cli(['report', '--scenario', again, '--csv', csv2, '--data-dir', join(tmp.dir, 'data2')]);
    expect(r.code).toBe(0);
    for (const f of ['summary.csv', 'requests.csv', 'iterations.csv', 'utilization.csv']) {
      expect(readFileSync(join(csv2, f), 'utf8') === readFileSync(join(csvDir, f), 'utf8'), f).toBe(true);
    }
  }, 120_000);

  it('a run where no deployment meets the SLOs still prints, and says so', async () => {
    const strict = join(tmp.dir, 'strict.yaml');
    writeFileSync(strict, readFileSync(scenarioPath, 'utf8').replace(/^ {2}ttftP99S: 2$/m, '  ttftP99S: 0.001').replace(/^maxRequests: 300$/m, 'maxRequests: 100'));
    const pdf = join(tmp.dir, 'strict.pdf');
    const csv = join(tmp.dir, 'csv-strict');
    const r = await cli(['report', '--scenario', strict, '--pdf', pdf, '--csv', csv, '--data-dir', dataDir]);
    expect(r.err).not.toMatch(/fleetplan report: /);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).recommendation).toBeNull();
    const summary = parseCsv(readFileSync(join(csv, 'summary.csv'), 'utf8'));
    expect(summary.rows.map((row) => row[summary.header.indexOf('meets_slo')])).toEqual(['no', 'no']);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('No strategy met TTFT P99 ≤ 1 ms and TBT P99 ≤ 100 ms on this inventory');
    expect(text).toContain('meeting TTFT P99 ≤ 1 ms and TBT P99 ≤ 100 ms, and what will it cost?');
    // Each strategy's closest miss was simulated and its remedy computed from its own figures.
    for (const name of ['Colocated (data parallel, chunked prefill) on', 'Prefill/decode disaggregation on']) expect(text).toContain(name);
    expect(text).toMatch(/misses TTFT P99 [\d.]+ ms against 1 ms\. Passes with a looser SLO: it passes with TTFT P99 ≤ [\d.]+ ms/);
    // The charts of a missed run are drawn from replays of those deployments, not left out.
    expect(text).not.toContain('was not found again to replay');
  }, 120_000);

  it('usage errors exit 2; a bad scenario file exits 3 naming file, line and field', async () => {
    expect((await cli(['report', '--pdf', pdfPath])).code).toBe(2);
    expect((await cli(['report', '--scenario', scenarioPath])).code).toBe(2);
    expect((await cli(['report', '--scenario', scenarioPath, '--pdf', pdfPath, '--paper', 'a3'])).code).toBe(2);
    expect((await cli(['report', '--scenario', join(tmp.dir, 'nope.yaml'), '--csv', csvDir, '--data-dir', dataDir])).code).toBe(3);
    const bad = join(tmp.dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(scenarioPath, 'utf8').replace(/^seed: \d+$/m, 'seed: -4'));
    const r = await cli(['report', '--scenario', bad, '--csv', join(tmp.dir, 'csv-bad'), '--data-dir', dataDir]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/bad\.yaml, line \d+: seed/);
    expect(existsSync(join(tmp.dir, 'csv-bad'))).toBe(false);
  });
});
