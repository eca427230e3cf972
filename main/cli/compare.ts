// `fleetplan compare`: every strategy's best deployment for an inventory file, a model and a trace, as JSON.
// Uses the shipped catalogs and the same search as the app, in this process. The workload is a trace file, or
// a workload stored in the data folder (by id or name), which is how a closed-loop workload is run.
import { basename } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { listWorkloads } from '../../db/queries/workloads';
import { readWorkloadColumns, type WorkloadColumns } from '../services/workload-columns';
import { invalid } from '../domain/errors';
import { parseSloFlag, pinsSchema, STRATEGY_IDS, strategyEngineProblems, type StrategyId } from '../domain/comparison';
import { ENGINE_CHOICES, type EngineChoice } from '../sim/engine-names';
import { formatZodPath } from '../domain/zod-path';
import { assetsDir, resolveDataDir } from '../paths';
import { parseInventoryFile } from '../services/inventory-file';
import { parseModelConfig } from '../services/model-config';
import { loadGpuCatalog, loadModelCatalog, openAppDatabase, samplePools } from '../services/seed';
import { readTrace } from '../services/traces';
import { compareStrategies, PinError, validatePins, type CompareInput, type DeploymentPin } from '../sim/search';
import { readJsonArg, storedCalibrations } from './catalog-args';
import { closestMisses, recommendation } from '../reports/recommendation';
import type { ComparisonResult } from '../sim/search/types';
import { defineCommand, type Parsed } from './command';
import { EXIT, type CliIo } from './io';
import { progressPrinter, PROGRESS_OPTION } from './progress';

export const usage = `usage: fleetplan compare --inventory <file.yaml|json | sample> --model <hf id | config.json>
       --workload <trace file | stored workload id or name> [--slo ttft_p99=2s,tbt_p99=100ms]
       [--strategies all|colocated,nexus,...] [--seed N] [--max-requests N] [--data-dir DIR] [--pin <file.json | json>]
       [--engine ${ENGINE_CHOICES.join('|')}[,strategy=engine,...]] [--json] [--progress]
  --engine the serving engine's scheduling every candidate is simulated with (assets/engines); "default" (the
        default) is fleetplan's own scheduler. strategy=engine gives one strategy another, e.g.
        --engine vllm-v1,disaggregated=sglang
  --pin keeps one deployment per strategy fixed instead of searching it: a pin or a list of pins, each
        {"strategy": "colocated", "instances": [{"pool": "H100 node", "gpuTypeId": "nvidia-h100-sxm", "tp": 4, "role": "mixed", "count": 2}]}
        in the form the --json output reports a deployment's "instances".
  --progress prints progress as plain lines (as it does whenever stderr is not a terminal) instead of one line redrawn in place.`;

/** A stored workload (closed-loop ones included) by id or exact name, from the data folder's database. */
function storedWorkload(arg: string, dataDirFlag: string | undefined): WorkloadColumns {
  const dataDir = resolveDataDir({ dataDirFlag, env: process.env, platform: process.platform, home: process.env.HOME ?? '.' });
  const db = openAppDatabase(dataDir, assetsDir());
  try {
    const all = listWorkloads(db);
    const byId = /^\d+$/.test(arg) ? all.filter((w) => w.id === Number(arg)) : [];
    const found = byId.length > 0 ? byId : all.filter((w) => w.name === arg);
    if (found.length === 0) throw invalid(`"${arg}" is neither a trace file nor a workload id or name in ${dataDir}`, { field: '--workload' });
    if (found.length > 1) throw invalid(`${found.length} workloads in ${dataDir} are named "${arg}"; give its id (${found.map((w) => w.id).join(', ')})`, { field: '--workload' });
    return readWorkloadColumns(db, found[0].id)!;
  } finally {
    db.close();
  }
}

/** --pin's value: inline JSON (starts with { or [) or a JSON file holding a pin or a list of pins. */
export async function readPins(arg: string, io: CliIo): Promise<DeploymentPin[]> {
  const { data, file } = await readJsonArg(arg, '--pin', io);
  const parsed = pinsSchema.safeParse(Array.isArray(data) ? data : [data]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // A lone pin's path reads without the list index the CLI added.
    const path = Array.isArray(data) ? issue.path : issue.path.slice(1);
    throw invalid(issue.message, { field: `--pin${path.length > 0 ? ` ${formatZodPath(path)}` : ''}`, file });
  }
  return parsed.data;
}

/** --engine's value: an engine for the comparison and/or strategy=engine overrides, comma separated. */
export function enginesOf(text: string): { engine?: EngineChoice; strategyEngines?: Partial<Record<StrategyId, EngineChoice>> } {
  const out: { engine?: EngineChoice; strategyEngines?: Partial<Record<StrategyId, EngineChoice>> } = {};
  const isEngine = (e: string): e is EngineChoice => (ENGINE_CHOICES as readonly string[]).includes(e);
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [left, right] = part.includes('=') ? part.split('=').map((s) => s.trim()) : [undefined, part];
    if (!isEngine(right)) throw invalid(`unknown engine "${right}"; one of ${ENGINE_CHOICES.join(', ')}`, { field: '--engine' });
    if (left === undefined) {
      if (out.engine !== undefined) throw invalid(`names two engines for the comparison ("${out.engine}", "${right}"); give others as strategy=engine`, { field: '--engine' });
      out.engine = right;
    } else {
      if (!(STRATEGY_IDS as readonly string[]).includes(left)) throw invalid(`unknown strategy "${left}" in "${part}"; known: ${STRATEGY_IDS.join(', ')}`, { field: '--engine' });
      (out.strategyEngines ??= {})[left as StrategyId] = right;
    }
  }
  return out;
}

function strategiesOf(text: string): StrategyId[] {
  if (text === 'all') return [...STRATEGY_IDS];
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of list) {
    if (!(STRATEGY_IDS as readonly string[]).includes(s)) throw invalid(`unknown strategy "${s}"; known: ${STRATEGY_IDS.join(', ')}, all`, { field: '--strategies' });
  }
  return list as StrategyId[];
}

/** The recommendation as plain lines: the sentence, then each fact; or each strategy's closest miss. */
export function recommendationText(result: ComparisonResult): string {
  const rec = recommendation(result);
  if (rec) return [`recommendation: ${rec.reason}`, ...rec.facts.map((f) => `  ${`${f.label}:`.padEnd(10)} ${f.text}`)].join('\n') + '\n';
  const misses = closestMisses(result).map((m) => `  ${m.strategy.padEnd(14)} ${m.deployment ? `${m.deployment.label}: misses ${m.missed.join(', ')}` : ''}${m.remedies.length ? `; passes with ${m.remedies.join('; or ')}` : ''}`);
  return ['no strategy met the SLOs; closest misses:', ...misses].join('\n') + '\n';
}

const OPTIONS = {
  inventory: { type: 'string' }, model: { type: 'string' }, workload: { type: 'string' }, slo: { type: 'string' }, strategies: { type: 'string' },
  seed: { type: 'string' }, 'max-requests': { type: 'string' }, 'data-dir': { type: 'string' }, pin: { type: 'string' }, engine: { type: 'string' }, json: { type: 'boolean' },
  ...PROGRESS_OPTION,
} as const;

export const command = defineCommand(
  { name: 'compare', summary: 'every strategy\'s best deployment for an inventory, a model and a trace (JSON with --json)', usage, options: OPTIONS },
  compare,
);
export const run = command.run;

async function compare({ flags }: Parsed<typeof OPTIONS>, io: CliIo): Promise<number> {
  const need = (k: 'inventory' | 'model' | 'workload') => {
    const v = flags[k];
    if (!v) throw invalid(`--${k} is required\n${usage}`, { field: `--${k}` });
    return v;
  };
  const assets = assetsDir();
  const gpus = loadGpuCatalog(assets);
  const inventoryArg = need('inventory');
  const pools =
    inventoryArg === 'sample'
      ? samplePools()
      : parseInventoryFile(await io.readFile(inventoryArg), basename(inventoryArg), new Set(gpus.map((g) => g.id))).pools;
  const modelArg = need('model');
  const model = modelArg.endsWith('.json')
    ? { id: basename(modelArg, '.json'), config: parseModelConfig(basename(modelArg, '.json'), await io.readFile(modelArg), basename(modelArg)) }
    : loadModelCatalog(assets).find((m) => m.id === modelArg);
  if (!model) throw invalid(`"${modelArg}" is not in the model catalog; give a config.json path instead`, { field: '--model' });
  const workloadArg = need('workload');
  const trace: WorkloadColumns = existsSync(workloadArg)
    ? readTrace(readFileSync(workloadArg, 'utf8'), basename(workloadArg))
    : storedWorkload(workloadArg, flags['data-dir']);
  const max = flags['max-requests'] !== undefined ? Number(flags['max-requests']) : trace.arrivalS.length;
  if (!Number.isInteger(max) || max <= 0) throw invalid('must be a positive whole number', { field: '--max-requests' });
  const slo = parseSloFlag(flags.slo ?? 'ttft_p99=2s,tbt_p99=100ms');
  const seed = Number(flags.seed ?? '1');
  if (!Number.isInteger(seed) || seed < 0) throw invalid('must be a non-negative whole number', { field: '--seed' });
  const n = Math.min(max, trace.arrivalS.length);
  const pins = flags.pin !== undefined ? await readPins(flags.pin, io) : [];
  const strategies = strategiesOf(flags.strategies ?? 'all');
  const engines = flags.engine !== undefined ? enginesOf(flags.engine) : {};
  const off = strategyEngineProblems(engines.strategyEngines ?? {}, strategies)[0];
  if (off) throw invalid(off.message, { field: '--engine' });
  const gpuTypeIds = pools.map((p) => p.gpuTypeId);
  const calibrations = storedCalibrations(gpuTypeIds, flags['data-dir'], engines.engine);
  const strategyCalibrations = Object.fromEntries(Object.entries(engines.strategyEngines ?? {})
    .map(([s, e]) => [s, storedCalibrations(gpuTypeIds, flags['data-dir'], e)] as const)
    .filter(([, c]) => JSON.stringify(c) !== JSON.stringify(calibrations)));
  const input: CompareInput = {
    pools,
    gpus: gpus.filter((g) => pools.some((p) => p.gpuTypeId === g.id)),
    model: { id: model.id, config: model.config },
    workload: {
      arrivalS: trace.arrivalS.subarray(0, n), inputTokens: trace.inputTokens.subarray(0, n), outputTokens: trace.outputTokens.subarray(0, n),
      ...(trace.closedLoop ? { closedLoop: trace.closedLoop } : {}),
    },
    slo,
    strategies,
    seed,
    ...(pins.length > 0 ? { pins } : {}),
    ...engines,
    // The data folder's selected calibrations, as the app's runs apply them (the comparison's engine picks the record).
    calibrations,
    // A strategy whose own engine picks other records runs with those (as in the app), named on its outcome.
    ...(Object.keys(strategyCalibrations).length > 0 ? { strategyCalibrations } : {}),
  };
  try {
    validatePins(input);
  } catch (e) {
    // "pins[0].instances[1].tp" reads as "--pin instances[1].tp" for a lone pin, "--pin [0].instances[1].tp" in a list.
    if (e instanceof PinError) throw invalid(e.message, { field: `--pin ${e.field.replace(/^pins(\[\d+\])\./, (_m, i: string) => (pins.length > 1 ? `${i}.` : ''))}` });
    throw e;
  }
  const progress = progressPrinter(io, { plain: flags.progress });
  const started = performance.now();
  let result;
  try {
    result = compareStrategies(input, { onProgress: (done, total, message) => progress.update('compare', done, total, message ?? '') });
  } finally {
    progress.end();
  }
  io.stderr(`compared ${result.strategies.length} strategies, ${result.simulations} simulations in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  if (flags.json) io.stdout(JSON.stringify(result, null, 2) + '\n');
  else {
    for (const c of result.calibrations ?? []) io.stdout(`${c.gpuTypeId}: ${c.label}\n`);
    for (const o of result.strategies) for (const c of o.calibrations ?? []) io.stdout(`${o.strategy} (${o.engine ?? 'default'}): ${c.gpuTypeId}: ${c.label}\n`);
    if (result.closedLoop) io.stdout(`closed loop: ${result.closedLoop.users} users, think ${result.closedLoop.thinkTimeS} s (figures at this concurrency; no rate sweep)\n`);
    for (const o of result.strategies) {
      const b = o.bestByCost ?? o.pinned;
      const tag = o.pinned ? ` (pinned${o.pinned.meetsSlo ? '' : ', misses the SLOs'})` : '';
      io.stdout(`${o.strategy.padEnd(14)} [engine ${o.engine ?? 'default'}] ${b ? `${b.label}${tag}  $${b.metrics.usdPer1MTokens.toFixed(3)}/1M tok  TTFT p99 ${b.metrics.ttft.p99.toFixed(3)} s  TBT p99 ${(b.metrics.tbt.p99 * 1000).toFixed(1)} ms` : 'no deployment meets the SLOs'}\n`);
    }
    io.stdout(`\n${recommendationText(result)}`);
  }
  return EXIT.ok;
}
