// `fleetplan validate`: replays every public measurement of a real serving engine in assets/validation/ (closed
// loop at the row's concurrency, its ISL/OSL, one instance of its TP on its GPU, the row's engine profile) and
// prints the error per engine and GPU. One figure per engine is fitted, on a named part of the rows only: the
// host seconds per iteration beyond the profile's (the part nothing else in the model measures); the table
// reports the other rows, held out.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeError, invalid } from '../domain/errors';
import { assetsDir } from '../paths';
import { loadGpuCatalog } from '../services/seed';
import { isEngineId, type EngineId } from '../sim/engines';
import { pinnedDeployment, type CompareInput } from '../sim/search';
import { planOf } from '../sim/strategies';
import { runPlan } from '../sim/strategies/plan';
import { closedLoopWorkload } from '../sim/workload';
import { defineCommand, type Parsed } from './command';
import { EXIT, type CliIo } from './io';
import { loadModel } from './catalog-args';
import { poolOf, strategyWorkload, withEngine } from './simulate';

export interface ValidationRow {
  id: string;
  engine: EngineId;
  version: string;
  gpuId: string;
  model: string;
  tp: number;
  isl: number;
  osl: number;
  concurrency: number;
  ttftMs: number;
  tpotMs: number;
  /** Output tokens/s of the closed loop, from the row's own TTFT and TPOT (c · OSL / E2E): not measured apart. */
  outTokPerS: number;
}

const COLUMNS = ['id', 'engine', 'engine_version', 'gpu_id', 'model', 'tp', 'isl', 'osl', 'concurrency', 'ttft_ms', 'tpot_ms', 'licence', 'source_row'];

/** The rows of one validation CSV; a bad row is refused with its file, line and column. */
export function parseValidationCsv(text: string, file: string): ValidationRow[] {
  const lines = text.split('\n');
  let header: string[] | null = null;
  const out: ValidationRow[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const cells = line.split(',');
    if (header === null) {
      header = cells;
      const missing = COLUMNS.find((c) => !cells.includes(c));
      if (missing) throw invalid(`missing column ${missing}`, { file, line: i + 1 });
      return;
    }
    const h = header;
    const cell = (c: string) => cells[h.indexOf(c)] ?? '';
    const num = (c: string, integer: boolean) => {
      const v = Number(cell(c));
      if (cell(c) === '' || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) throw invalid(`must be a positive ${integer ? 'whole ' : ''}number, got "${cell(c)}"`, { file, line: i + 1, field: c });
      return v;
    };
    const engine = cell('engine');
    if (!isEngineId(engine)) throw invalid(`unknown engine "${engine}"`, { file, line: i + 1, field: 'engine' });
    for (const c of ['licence', 'source_row']) if (cell(c) === '') throw invalid('every row needs its source and licence', { file, line: i + 1, field: c });
    const ttftMs = num('ttft_ms', false);
    const tpotMs = num('tpot_ms', false);
    const osl = num('osl', true);
    const concurrency = num('concurrency', true);
    out.push({
      id: cell('id'), engine, version: cell('engine_version'), gpuId: cell('gpu_id'), model: cell('model'), tp: num('tp', true),
      isl: num('isl', true), osl, concurrency, ttftMs, tpotMs,
      outTokPerS: (concurrency * osl) / ((ttftMs + tpotMs * (osl - 1)) / 1000),
    });
  });
  return out;
}

/** The fitted part: rows at concurrency 32. Everything else is held out. */
export const isFitRow = (r: ValidationRow) => r.concurrency === 32;

export interface Predicted {
  ttftMs: number;
  tpotMs: number;
  outTokPerS: number;
}

type Ctx = { gpus: ReturnType<typeof loadGpuCatalog>; models: Map<string, { id: string; config: Record<string, unknown> }> };

/** Simulates one row with `hostS` seconds per iteration added to its engine's profile. */
export function predictRow(row: ValidationRow, ctx: Ctx, hostS: number): Predicted {
  const g = ctx.gpus.find((x) => x.id === row.gpuId);
  if (!g) throw invalid(`no GPU ${row.gpuId} in the catalog`, { field: 'gpu_id' });
  const model = ctx.models.get(row.model)!;
  const lengths = { kind: 'independent' as const, input: { kind: 'fixed' as const, tokens: row.isl }, output: { kind: 'fixed' as const, tokens: row.osl } };
  const w = closedLoopWorkload({ users: row.concurrency, requests: Math.max(4 * row.concurrency, 64), think: { kind: 'none' }, lengths }, 1);
  const sw = strategyWorkload(w);
  const input: CompareInput = { pools: [poolOf(g, row.tp, g.defaultUsdPerGpuHour ?? 1)], gpus: [g], model, workload: sw, slo: {}, strategies: ['colocated'], seed: 1 };
  const dep = withEngine(pinnedDeployment(input, { strategy: 'colocated', instances: [{ pool: g.id, gpuTypeId: g.id, tp: row.tp, role: 'mixed', count: 1 }] }), row.engine, [g]);
  const plan = planOf(dep, sw, 1);
  for (const inst of plan.instances) inst.scheduler = { ...inst.scheduler, hostExtraS: (inst.scheduler?.hostExtraS ?? 0) + hostS };
  const s = runPlan(plan, sw, { slo: {}, seed: 1 }).summary;
  return { ttftMs: s.ttft.mean * 1000, tpotMs: s.tpot.mean * 1000, outTokPerS: s.throughput.outputTokensPerS };
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Relative error of a prediction, signed (+ = fleetplan slower / higher). */
const rel = (p: number, m: number) => (p - m) / m;

/** Host seconds per iteration (a grid from −0.5 ms to +3 ms) minimising the fit rows' median |TPOT error|. */
export function fitHost(rows: ValidationRow[], ctx: Ctx): number {
  let best = 0;
  let bestErr = Infinity;
  for (let h = -0.5e-3; h <= 3e-3 + 1e-12; h += 0.25e-3) {
    const err = median(rows.map((r) => Math.abs(rel(predictRow(r, ctx, h).tpotMs, r.tpotMs))));
    if (err < bestErr) {
      bestErr = err;
      best = h;
    }
  }
  return best;
}

const pct = (v: number) => (v === v ? `${(v * 100).toFixed(1)}%` : '–');

const OPTIONS = { json: { type: 'boolean' } } as const;

export const command = defineCommand(
  {
    name: 'validate', summary: 'replay public measurements of real serving engines (assets/validation) and print the held-out error',
    usage: 'usage: fleetplan validate [--json]\n  replays every row of assets/validation/*.csv and prints the held-out error per engine and GPU', options: OPTIONS,
  },
  validate,
);
export const run = command.run;

async function validate({ flags }: Parsed<typeof OPTIONS>, io: CliIo): Promise<number> {
  try {
    const dir = join(assetsDir(), 'validation');
    const rows = readdirSync(dir).filter((f) => f.endsWith('.csv')).sort().flatMap((f) => parseValidationCsv(readFileSync(join(dir, f), 'utf8'), f));
    const ctx: Ctx = { gpus: loadGpuCatalog(assetsDir()), models: new Map() };
    for (const m of new Set(rows.map((r) => r.model))) {
      const e = await loadModel(m, io);
      ctx.models.set(m, { id: e.id, config: e.config });
    }
    const groups = new Map<string, ValidationRow[]>();
    for (const r of rows) {
      const k = `${r.engine} ${r.version} on ${r.gpuId}`;
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    const report: Record<string, unknown>[] = [];
    const lines: string[] = ['held-out median |error| (signed median: + = fleetplan slower/higher); fit: concurrency-32 rows, one host s/iteration per engine'];
    lines.push('engine / GPU                         models                      fit  held  host+ms   TTFT (bias)       TPOT (bias)       out tok/s (bias)');
    for (const [k, rs] of groups) {
      const fit = rs.filter(isFitRow);
      const held = rs.filter((r) => !isFitRow(r));
      const host = fit.length > 0 ? fitHost(fit, ctx) : 0;
      const errs = held.map((r) => {
        const p = predictRow(r, ctx, host);
        return { id: r.id, ttft: rel(p.ttftMs, r.ttftMs), tpot: rel(p.tpotMs, r.tpotMs), tput: rel(p.outTokPerS, r.outTokPerS) };
      });
      const m = (f: (e: (typeof errs)[number]) => number) => ({ abs: median(errs.map((e) => Math.abs(f(e)))), bias: median(errs.map(f)) });
      const ttft = m((e) => e.ttft);
      const tpot = m((e) => e.tpot);
      const tput = m((e) => e.tput);
      const models = [...new Set(rs.map((r) => `${r.model.split('/')[1]} TP${[...new Set(rs.map((x) => x.tp))].join('/')}`))].join(', ');
      lines.push(`${k.padEnd(36)} ${models.padEnd(27)} ${String(fit.length).padStart(3)} ${String(held.length).padStart(5)} ${(host * 1000).toFixed(2).padStart(7)}   ${pct(ttft.abs).padStart(6)} (${pct(ttft.bias).padStart(7)})  ${pct(tpot.abs).padStart(6)} (${pct(tpot.bias).padStart(7)})  ${pct(tput.abs).padStart(6)} (${pct(tput.bias).padStart(7)})`);
      report.push({ group: k, fitRows: fit.length, heldOutRows: held.length, fittedHostS: host, ttft, tpot, throughput: tput, rows: errs });
    }
    io.stdout(flags.json ? JSON.stringify(report, null, 2) + '\n' : lines.join('\n') + '\n');
    return EXIT.ok;
  } catch (e) {
    io.stderr(`fleetplan validate: ${describeError(e)}\n`);
    return EXIT.badInput;
  }
}
