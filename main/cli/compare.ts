// `fleetplan compare`: every strategy's best deployment for an inventory file, a model and a trace, as JSON.
// Uses the shipped catalogs and the same search as the app, in this process. The workload is a trace file, or
// a workload stored in the data folder (by id or name), which is how a closed-loop workload is run.
import { basename } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { listWorkloads, readWorkloadColumns, type WorkloadColumns } from '../../db/queries/workloads';
import { invalid } from '../errors';
import { parseSloFlag, pinsSchema, STRATEGY_IDS, type StrategyId } from '../ipc/scenario';
import { formatZodPath } from '../ipc/validate';
import { assetsDir, resolveDataDir } from '../paths';
import { parseInventoryFile } from '../services/inventory-file';
import { parseModelConfig } from '../services/model-config';
import { loadGpuCatalog, loadModelCatalog, openAppDatabase, samplePools } from '../services/seed';
import { readTrace } from '../services/traces';
import { compareStrategies, PinError, validatePins, type CompareInput, type DeploymentPin } from '../sim/search';
import { readJsonArg, storedCalibrations } from './catalog-args';
import { EXIT, parseFlags, type CliIo } from './io';

export const usage = `usage: fleetplan compare --inventory <file.yaml|json | sample> --model <hf id | config.json>
       --workload <trace file | stored workload id or name> [--slo ttft_p99=2s,tbt_p99=100ms]
       [--strategies all|colocated,nexus,...] [--seed N] [--max-requests N] [--data-dir DIR] [--pin <file.json | json>] [--json]
  --pin keeps one deployment per strategy fixed instead of searching it: a pin or a list of pins, each
        {"strategy": "colocated", "instances": [{"pool": "H100 node", "gpuTypeId": "nvidia-h100-sxm", "tp": 4, "role": "mixed", "count": 2}]}
        in the form the --json output reports a deployment's "instances".`;

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

function strategiesOf(text: string): StrategyId[] {
  if (text === 'all') return [...STRATEGY_IDS];
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of list) {
    if (!(STRATEGY_IDS as readonly string[]).includes(s)) throw invalid(`unknown strategy "${s}"; known: ${STRATEGY_IDS.join(', ')}, all`, { field: '--strategies' });
  }
  return list as StrategyId[];
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let flags: Map<string, string>;
  try {
    flags = parseFlags(args, ['json']).flags;
  } catch (e) {
    io.stderr(`fleetplan compare: ${(e as Error).message}\n${usage}\n`);
    return EXIT.usage;
  }
  const need = (k: string) => {
    const v = flags.get(k);
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
    : storedWorkload(workloadArg, flags.get('data-dir'));
  const max = flags.has('max-requests') ? Number(flags.get('max-requests')) : trace.arrivalS.length;
  if (!Number.isInteger(max) || max <= 0) throw invalid('must be a positive whole number', { field: '--max-requests' });
  const slo = parseSloFlag(flags.get('slo') ?? 'ttft_p99=2s,tbt_p99=100ms');
  const seed = Number(flags.get('seed') ?? '1');
  if (!Number.isInteger(seed) || seed < 0) throw invalid('must be a non-negative whole number', { field: '--seed' });
  const n = Math.min(max, trace.arrivalS.length);
  const pins = flags.has('pin') ? await readPins(flags.get('pin')!, io) : [];
  const input: CompareInput = {
    pools,
    gpus: gpus.filter((g) => pools.some((p) => p.gpuTypeId === g.id)),
    model: { id: model.id, config: model.config },
    workload: {
      arrivalS: trace.arrivalS.subarray(0, n), inputTokens: trace.inputTokens.subarray(0, n), outputTokens: trace.outputTokens.subarray(0, n),
      ...(trace.closedLoop ? { closedLoop: trace.closedLoop } : {}),
    },
    slo,
    strategies: strategiesOf(flags.get('strategies') ?? 'all'),
    seed,
    ...(pins.length > 0 ? { pins } : {}),
    calibrations: storedCalibrations(pools.map((p) => p.gpuTypeId), flags.get('data-dir')),
  };
  try {
    validatePins(input);
  } catch (e) {
    // "pins[0].instances[1].tp" reads as "--pin instances[1].tp" for a lone pin, "--pin [0].instances[1].tp" in a list.
    if (e instanceof PinError) throw invalid(e.message, { field: `--pin ${e.field.replace(/^pins(\[\d+\])\./, (_m, i: string) => (pins.length > 1 ? `${i}.` : ''))}` });
    throw e;
  }
  let lastPct = -1;
  const started = performance.now();
  const result = compareStrategies(
    input,
    {
      onProgress: (done, total, message) => {
        const pct = Math.floor((100 * done) / Math.max(1, total));
        if (pct !== lastPct) io.stderr(`\r[${String(pct).padStart(3)}%] ${(message ?? '').slice(0, 70).padEnd(70)}`), (lastPct = pct);
      },
    },
  );
  io.stderr(`\rcompared ${result.strategies.length} strategies, ${result.simulations} simulations in ${((performance.now() - started) / 1000).toFixed(1)} s${' '.repeat(40)}\n`);
  if (flags.has('json')) io.stdout(JSON.stringify(result, null, 2) + '\n');
  else {
    for (const c of result.calibrations ?? []) io.stdout(`${c.gpuTypeId}: ${c.label}\n`);
    if (result.closedLoop) io.stdout(`closed loop: ${result.closedLoop.users} users, think ${result.closedLoop.thinkTimeS} s (figures at this concurrency; no rate sweep)\n`);
    for (const o of result.strategies) {
      const b = o.bestByCost ?? o.pinned;
      const tag = o.pinned ? ` (pinned${o.pinned.meetsSlo ? '' : ', misses the SLOs'})` : '';
      io.stdout(`${o.strategy.padEnd(14)} ${b ? `${b.label}${tag}  $${b.metrics.usdPer1MTokens.toFixed(3)}/1M tok  TTFT p99 ${b.metrics.ttft.p99.toFixed(3)} s  TBT p99 ${(b.metrics.tbt.p99 * 1000).toFixed(1)} ms` : 'no deployment meets the SLOs'}\n`);
    }
  }
  return EXIT.ok;
}
