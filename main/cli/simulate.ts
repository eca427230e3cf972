// `fleetplan simulate`: replay a workload (a trace file, a closed loop, or synthetic arrivals at a rate) on N
// identical instances of one GPU type, or on any strategy's deployment as a comparison reports it, and print the
// run's metrics and the scheduler settings it used. Both go through the comparison's own pinned-deployment path
// (search/index.ts pinnedDeployment), so a figure here is the figure a pinned Compare gives.
import { basename } from 'node:path';
import { AppError, describeError, invalid } from '../domain/errors';
import { deploymentPinSchema, parseSloFlag } from '../domain/comparison';
import type { GpuType, Pool } from '../domain';
import { formatZodPath } from '../domain/zod-path';
import { assetsDir } from '../paths';
import { parseInventoryFile } from '../services/inventory-file';
import { loadGpuCatalog, samplePools } from '../services/seed';
import { readTrace } from '../services/traces';
import { meetsSlo, type RunSummary, type Slo } from '../sim/metrics';
import { ROUTER_KINDS, type RouterKind } from '../sim/router';
import { PinError, pinnedDeployment, type CompareInput, type DeploymentPin } from '../sim/search';
import { describeDeployment } from '../sim/search/describe';
import { underEngine } from '../sim/search/engine';
import { ENGINE_IDS, isEngineId, type EngineId } from '../sim/engines';
import { runStrategy, type Deployment, type InstanceSpec, type RunSettings, type StrategyWorkload } from '../sim/strategies';
import { prefixFromHashIds } from '../sim/prefix';
import { closedLoopWorkload, openLoopWorkload, rescaleRate, traceWorkload, type LengthSpec, type Workload } from '../sim/workload';
import { defineCommand, type Flags, type Parsed } from './command';
import { EXIT, type CliIo } from './io';
import { loadGpu, loadModel, readJsonArg, storedCalibrations } from './catalog-args';

const USAGE = `usage: fleetplan simulate ( --gpu <catalog id | spec.json> --count N [--tp N] | --deployment <file.json | json> --inventory <file | sample> )
         --model <hf id | config.json>
         ( --workload trace-file [--rate-scale F] [--max-requests N]
         | --closed-loop C (--isl I --osl O | --lengths-from trace) [--requests R] [--think S]
         | --rate QPS (--isl I --osl O | --lengths-from trace) [--requests R] [--arrival poisson|gamma] [--cv X] )
         [--engine ${ENGINE_IDS.join('|')}] [--router ${ROUTER_KINDS.join('|')}] [--token-budget N] [--chunk N] [--max-running N]
         [--seed S] [--slo ttft_p99=2s,tbt_p99=100ms,...] [--usd-per-gpu-hour X] [--data-dir DIR] [--json]
  --count N       instances (each of --tp GPUs, so N × tp GPUs in all), colocated
  --deployment    any strategy's deployment in the form \`compare --json\` reports one (or a --pin of compare),
                  replayed on the whole workload with exactly the settings a pinned compare uses
  the scheduler starts from the defaults every output prints; --token-budget, --chunk, --max-running and
  --router override them for a --gpu run
  --data-dir      the data folder whose GPU calibrations apply (default: the app's), as in compare
  --engine        the serving engine's default scheduling (assets/engines; a --deployment's own "engine" field
                  otherwise); without either, the default scheduler every output prints as engine "default"`;

const OPTIONS = {
  gpu: { type: 'string' }, count: { type: 'string' }, tp: { type: 'string' }, model: { type: 'string' }, deployment: { type: 'string' },
  engine: { type: 'string' }, inventory: { type: 'string' }, workload: { type: 'string' }, 'rate-scale': { type: 'string' },
  'max-requests': { type: 'string' }, 'closed-loop': { type: 'string' }, isl: { type: 'string' }, osl: { type: 'string' },
  requests: { type: 'string' }, think: { type: 'string' }, rate: { type: 'string' }, 'lengths-from': { type: 'string' },
  arrival: { type: 'string' }, cv: { type: 'string' }, router: { type: 'string' }, 'token-budget': { type: 'string' },
  chunk: { type: 'string' }, 'max-running': { type: 'string' }, seed: { type: 'string' }, slo: { type: 'string' },
  'usd-per-gpu-hour': { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' },
} as const;
type SimulateFlags = Flags<typeof OPTIONS>;
type ValueFlag = Exclude<keyof typeof OPTIONS, 'json'>;

function usage(message: string): AppError {
  return new AppError('invalid_input', `${message}\n${USAGE}`);
}

function numberFlag(flags: SimulateFlags, name: ValueFlag, opts: { integer?: boolean; min?: number; dflt?: number } = {}): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return opts.dflt;
  const v = Number(raw);
  const min = opts.min ?? 0;
  if (raw.trim() === '' || !Number.isFinite(v) || (opts.integer && !Number.isInteger(v)) || v < min) {
    throw invalid(`must be ${opts.integer ? 'an integer' : 'a number'} ≥ ${min}, got "${raw}"`, { field: `--${name}` });
  }
  return v;
}

function sloOf(flags: SimulateFlags): Slo | undefined {
  const text = flags.slo;
  if (text === undefined) return undefined;
  try {
    return parseSloFlag(text);
  } catch (e) {
    throw invalid((e as Error).message, { field: '--slo' });
  }
}

async function traceColumns(file: string, io: CliIo) {
  return readTrace(await io.readFile(file), basename(file));
}

async function lengthsFrom(flags: SimulateFlags, io: CliIo): Promise<LengthSpec> {
  const from = flags['lengths-from'];
  if (from !== undefined) {
    if (flags.isl !== undefined || flags.osl !== undefined) throw usage('give either --lengths-from or --isl/--osl, not both');
    const t = await traceColumns(from, io);
    if (t.inputTokens.length === 0) throw invalid('the trace has no requests', { file: from });
    return { kind: 'trace', inputTokens: t.inputTokens, outputTokens: t.outputTokens };
  }
  const isl = numberFlag(flags, 'isl', { integer: true, min: 1 });
  const osl = numberFlag(flags, 'osl', { integer: true, min: 1 });
  if (isl === undefined || osl === undefined) throw usage('synthetic workloads need --isl and --osl (or --lengths-from trace)');
  return { kind: 'independent', input: { kind: 'fixed', tokens: isl }, output: { kind: 'fixed', tokens: osl } };
}

async function buildWorkload(flags: SimulateFlags, io: CliIo, seed: number): Promise<{ workload: Workload; description: Record<string, unknown> }> {
  const modes = (['workload', 'closed-loop', 'rate'] as const).filter((m) => flags[m] !== undefined);
  if (modes.length !== 1) throw usage('give exactly one of --workload, --closed-loop or --rate');
  const mode = modes[0];
  if (mode === 'workload') {
    const file = flags.workload!;
    const t = await traceColumns(file, io);
    if (t.lengthsOnly) throw invalid('the trace has no arrival times; use --rate QPS --lengths-from with it', { file });
    let w = traceWorkload(t);
    // Mooncake's block hash ids say which prompts share a prefix (prefix caching under engines that cache).
    if (t.prefixHashes) w.prefix = prefixFromHashIds(t.prefixHashes);
    const scale = numberFlag(flags, 'rate-scale', { min: 1e-9 });
    if (scale !== undefined) w = rescaleRate(w, scale);
    const max = numberFlag(flags, 'max-requests', { integer: true, min: 1 });
    if (max !== undefined && max < w.n) w = { n: max, arrivalS: w.arrivalS.subarray(0, max), inputTokens: w.inputTokens.subarray(0, max), outputTokens: w.outputTokens.subarray(0, max), prefix: w.prefix };
    return { workload: w, description: { kind: 'trace', file: basename(file), requests: w.n, rateScale: scale ?? 1 } };
  }
  const lengths = await lengthsFrom(flags, io);
  if (mode === 'closed-loop') {
    const users = numberFlag(flags, 'closed-loop', { integer: true, min: 1 })!;
    const requests = numberFlag(flags, 'requests', { integer: true, min: 1, dflt: Math.max(100, 10 * users) })!;
    const think = numberFlag(flags, 'think', { min: 0, dflt: 0 })!;
    const w = closedLoopWorkload({ users, requests, think: think > 0 ? { kind: 'fixed', seconds: think } : { kind: 'none' }, lengths }, seed);
    return { workload: w, description: { kind: 'closed-loop', users, requests, thinkS: think } };
  }
  const rate = numberFlag(flags, 'rate', { min: 1e-9 })!;
  const requests = numberFlag(flags, 'requests', { integer: true, min: 1, dflt: 1000 })!;
  const arrival = flags.arrival ?? 'poisson';
  if (arrival !== 'poisson' && arrival !== 'gamma') throw invalid(`must be poisson or gamma, got "${arrival}"`, { field: '--arrival' });
  const cv = numberFlag(flags, 'cv', { min: 1e-6, dflt: 1 })!;
  const w = openLoopWorkload({ requests, rate, arrival: arrival === 'poisson' ? { kind: 'poisson' } : { kind: 'gamma', cv }, lengths }, seed);
  return { workload: w, description: { kind: 'open-loop', rate, requests, arrival, ...(arrival === 'gamma' ? { cv } : {}) } };
}

/** JSON at full precision, as `compare --json` prints it (NaN -> null, as JSON has no NaN). */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
}

/** The engine workload as a strategy reads it (closed-loop think times in the strategies' form). */
export function strategyWorkload(w: Workload): StrategyWorkload {
  const c = w.closedLoop;
  if (!c) return { arrivalS: w.arrivalS, inputTokens: w.inputTokens, outputTokens: w.outputTokens, prefix: w.prefix ?? null };
  const t = c.think;
  const thinkTimeS = t.kind === 'fixed' ? t.seconds : t.kind === 'exponential' ? t.meanS : 0;
  return {
    arrivalS: new Float64Array(w.n), inputTokens: w.inputTokens, outputTokens: w.outputTokens, prefix: w.prefix ?? null,
    closedLoop: { users: c.users, thinkTimeS, ...(t.kind === 'exponential' ? { think: 'exponential' as const } : {}) },
  };
}

/** --deployment's value: inline JSON or a file; a pin, or a deployment as `compare --json` reports it. */
async function readDeployment(arg: string, io: CliIo): Promise<{ pin: DeploymentPin; engine?: EngineId }> {
  const read = await readJsonArg(arg, '--deployment', io);
  const file = read.file;
  let data = read.data;
  // A reported deployment carries its figures beside the pin's two fields; keep only those.
  let engine: EngineId | undefined;
  if (data && typeof data === 'object' && !Array.isArray(data) && 'engine' in data) {
    const { engine: e, ...rest } = data as { engine?: unknown };
    if (!isEngineId(e)) throw invalid(`must be one of ${ENGINE_IDS.join(', ')}, got ${JSON.stringify(e)}`, { field: '--deployment engine', file });
    engine = e;
    data = rest;
  }
  if (data && typeof data === 'object' && !Array.isArray(data) && 'metrics' in data) {
    const d = data as { strategy?: unknown; instances?: unknown };
    data = { strategy: d.strategy, instances: d.instances };
  }
  const parsed = deploymentPinSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(issue.message, { field: `--deployment${issue.path.length > 0 ? ` ${formatZodPath(issue.path)}` : ''}`, file });
  }
  return { pin: parsed.data, engine };
}

/**
 * The deployment with an engine profile under every instance (each spec told its GPU's memory): what a
 * comparison's search does (search/engine.ts underEngine), for a deployment built without one.
 */
export function withEngine(dep: Deployment, engine: EngineId | undefined, gpus: GpuType[]): Deployment {
  if (engine === undefined) return dep;
  const mem = (s: InstanceSpec): InstanceSpec => {
    const g = gpus.find((x) => x.id === s.gpuTypeId);
    if (!g) throw invalid(`no GPU ${s.gpuTypeId} in the catalog`, { field: '--engine' });
    return { ...s, gpuMemoryGb: g.memoryGb };
  };
  switch (dep.strategy) {
    case 'colocated': return underEngine({ ...dep, instances: dep.instances.map(mem) }, engine);
    case 'nexus': return underEngine({ ...dep, instances: dep.instances.map(mem) }, engine);
    case 'disaggregated': return underEngine({ ...dep, prefill: dep.prefill.map(mem), decode: dep.decode.map(mem) }, engine);
    case 'cronus': return underEngine({ ...dep, pairs: dep.pairs.map((p) => ({ ...p, high: mem(p.high), low: mem(p.low) })) }, engine);
    case 'pipeline': return underEngine({ ...dep, replicas: dep.replicas.map((r) => ({ ...r, stages: r.stages.map((st) => ({ ...st, instance: mem(st.instance) })) })) }, engine);
  }
}

function engineFlag(flags: SimulateFlags): EngineId | undefined {
  const e = flags.engine;
  if (e === undefined) return undefined;
  if (!isEngineId(e)) throw invalid(`must be one of ${ENGINE_IDS.join(', ')}, got "${e}"`, { field: '--engine' });
  return e;
}

/** One pool holding the --gpu run's GPUs: the same inventory shape a comparison would search. */
export function poolOf(g: GpuType, gpus: number, usdPerGpuHour: number): Pool {
  const nvlink = /nvlink/i.test(g.interconnect);
  return {
    name: g.id, gpuTypeId: g.id, gpuCount: gpus, gpusPerNode: 8,
    intraNode: { link: nvlink ? 'nvlink' : 'pcie', bandwidthGBps: g.intraNodeBwGBps },
    interNode: { link: 'roce', bandwidthGBps: 50 },
    pricing: { kind: 'hourly', usdPerGpuHour },
  };
}

/** "router least-finish; 2 × H100 TP4 (mixed): token budget 2048, chunk 2048, max running 256, KV prompt, fcfs". */
export function settingsText(s: RunSettings): string {
  const groups = s.instances.map((g) => {
    const inFlight = g.maxInFlight ? `, at most ${g.maxInFlight} in flight` : '';
    return `${g.count} × ${g.label} (${g.role}): token budget ${g.tokenBudget}, chunk ${g.chunkSize}, max running ${g.maxRunning}, KV ${g.kvAllocation}, ${g.prefillOrder}, admission ${g.decodeAdmission}${inFlight}`;
  });
  return `settings: engine ${s.engine}; router ${s.router}; ${groups.join('; ')}`;
}

function text(out: { summary: RunSummary; settings: RunSettings }, head: string): string {
  const s = out.summary;
  const ms = (v: number) => `${(v * 1000).toFixed(1)} ms`;
  const lines = [
    head,
    settingsText(out.settings),
    `requests ${s.completed}/${s.requests} done, ${s.rejected} rejected, ${s.preemptions} preemptions, ${s.durationS.toFixed(1)} s simulated${s.saturated ? ' (stopped early: the deployment cannot keep up)' : ''}`,
    `throughput ${s.throughput.requestsPerS.toFixed(2)} req/s, ${s.throughput.inputTokensPerS.toFixed(0)} input tok/s, ${s.throughput.outputTokensPerS.toFixed(0)} output tok/s`,
    `TTFT  mean ${ms(s.ttft.mean)}  p50 ${ms(s.ttft.p50)}  p90 ${ms(s.ttft.p90)}  p99 ${ms(s.ttft.p99)}`,
    `TPOT  mean ${ms(s.tpot.mean)}  p50 ${ms(s.tpot.p50)}  p90 ${ms(s.tpot.p90)}  p99 ${ms(s.tpot.p99)}`,
    `ITL   mean ${ms(s.tbt.mean)}  p50 ${ms(s.tbt.p50)}  p90 ${ms(s.tbt.p90)}  p99 ${ms(s.tbt.p99)}  (TBT: every token gap)`,
    `E2E   mean ${ms(s.e2e.mean)}  p50 ${ms(s.e2e.p50)}  p90 ${ms(s.e2e.p90)}  p99 ${ms(s.e2e.p99)}`,
    `busy ${(s.utilization.busyFraction * 100).toFixed(1)}%`,
  ];
  if (s.slo) lines.push(`SLO ${s.slo.met ? 'met' : `missed (${s.slo.missed.join(', ')})`}; attainment ${(s.slo.attainment * 100).toFixed(1)}%, goodput ${s.slo.goodputRps.toFixed(2)} req/s`);
  if (s.cost) lines.push(`cost $${s.cost.usdPerMTokens.toFixed(3)} per 1M tokens ($${s.cost.usdPerMInputTokens.toFixed(3)} input, $${s.cost.usdPerMOutputTokens.toFixed(3)} output), $${s.cost.usdPerHour.toFixed(2)}/h`);
  return lines.join('\n') + '\n';
}

async function inventoryPools(arg: string, gpus: GpuType[], io: CliIo): Promise<Pool[]> {
  if (arg === 'sample') return samplePools();
  return parseInventoryFile(await io.readFile(arg), basename(arg), new Set(gpus.map((g) => g.id))).pools;
}

/** Overrides a --gpu run's colocated deployment with the scheduler flags given. */
function withFlags(dep: Deployment, flags: SimulateFlags): Deployment {
  if (dep.strategy !== 'colocated') return dep;
  const tokenBudget = numberFlag(flags, 'token-budget', { integer: true, min: 1 });
  const maxSeqs = numberFlag(flags, 'max-running', { integer: true, min: 1 });
  const chunkSize = numberFlag(flags, 'chunk', { integer: true, min: 1 });
  const router = flags.router as RouterKind | undefined;
  if (router !== undefined && !ROUTER_KINDS.includes(router)) throw invalid(`must be one of ${ROUTER_KINDS.join(', ')}, got "${router}"`, { field: '--router' });
  const budget = tokenBudget ?? dep.tokenBudgets?.[0] ?? dep.tokenBudget;
  if (maxSeqs !== undefined && budget !== undefined && maxSeqs > budget) throw invalid(`must not exceed the token budget (${budget})`, { field: '--max-running' });
  return {
    ...dep,
    ...(tokenBudget !== undefined ? { tokenBudget, tokenBudgets: undefined } : {}),
    ...(maxSeqs !== undefined ? { maxSeqs } : {}),
    ...(chunkSize !== undefined ? { chunkSize } : {}),
    ...(router !== undefined ? { router } : {}),
  };
}

export const command = defineCommand(
  { name: 'simulate', summary: 'replay a workload on N instances of one GPU type, or on a strategy\'s deployment, and print the metrics', usage: USAGE, options: OPTIONS },
  simulate,
);
export const run = command.run;

async function simulate({ flags }: Parsed<typeof OPTIONS>, io: CliIo): Promise<number> {
  try {
    const pinned = flags.deployment !== undefined;
    if (flags.model === undefined) throw usage('--model is required');
    if (pinned) {
      if (flags.inventory === undefined) throw usage('--deployment needs --inventory (the pools it runs on)');
      for (const f of ['gpu', 'count', 'tp', 'usd-per-gpu-hour', 'token-budget', 'chunk', 'max-running', 'router'] as const) {
        if (flags[f] !== undefined) throw usage(`--${f} does not go with --deployment: the deployment and its inventory say it`);
      }
    } else for (const f of ['gpu', 'count'] as const) if (flags[f] === undefined) throw usage(`--${f} is required (or --deployment with --inventory)`);
    const seed = numberFlag(flags, 'seed', { integer: true, min: 0, dflt: 1 })!;
    const slo = sloOf(flags);
    const m = await loadModel(flags.model!, io);
    const model = { id: m.id, config: m.config };
    const catalog = loadGpuCatalog(assetsDir());
    let pools: Pool[];
    let gpus: GpuType[];
    let pin: DeploymentPin;
    let engine = engineFlag(flags);
    if (pinned) {
      pools = await inventoryPools(flags.inventory!, catalog, io);
      gpus = catalog.filter((g) => pools.some((p) => p.gpuTypeId === g.id));
      const read = await readDeployment(flags.deployment, io);
      pin = read.pin;
      engine ??= read.engine;
    } else {
      const count = numberFlag(flags, 'count', { integer: true, min: 1 })!;
      const tp = numberFlag(flags, 'tp', { integer: true, min: 1, dflt: 1 })!;
      const g = await loadGpu(flags.gpu!, io);
      const usd = numberFlag(flags, 'usd-per-gpu-hour', { min: 0, dflt: g.defaultUsdPerGpuHour ?? undefined });
      if (usd === undefined) throw invalid(`${g.id} has no default price; give --usd-per-gpu-hour`, { field: '--usd-per-gpu-hour' });
      pools = [poolOf(g, count * tp, usd)];
      gpus = [g];
      pin = { strategy: 'colocated', instances: [{ pool: g.id, gpuTypeId: g.id, tp, role: 'mixed', count }] };
    }
    const { workload, description } = await buildWorkload(flags, io, seed);
    const sw = strategyWorkload(workload);
    // The GPU types' selected calibrations, as the app's and `compare`'s runs apply them.
    const calibrations = storedCalibrations(pools.map((p) => p.gpuTypeId), flags['data-dir'], engine);
    // The engine goes in as a comparison's does, so the deployment is the one a pinned compare with it runs.
    const input: CompareInput = { pools, gpus, model, workload: sw, slo: slo ?? {}, strategies: [pin.strategy], seed, ...(engine ? { engine } : {}), calibrations };
    let dep: Deployment;
    try {
      dep = withFlags(pinnedDeployment(input, pin), flags);
    } catch (e) {
      if (e instanceof PinError) throw invalid(e.message, { field: pinned ? `--deployment ${e.field}` : e.field === 'instances[0].tp' ? '--tp' : '--count' });
      throw e;
    }
    const r = runStrategy(dep, sw, { slo: slo ?? {}, seed });
    const out = {
      strategy: r.result.strategy,
      label: r.result.label,
      gpus: r.result.gpus,
      model: model.id,
      deployment: { strategy: pin.strategy, ...(engine ? { engine } : {}), instances: describeDeployment(dep).instances },
      settings: r.result.settings,
      calibrations: calibrations.map(({ params: _p, ...c }) => c),
      seed,
      workload: description,
      metrics: r.result.metrics,
      meetsSlo: slo ? meetsSlo(r.result.metrics, slo) : null,
      extra: r.result.extra,
      summary: r.summary,
    };
    if (flags.json) io.stdout(toJson(out) + '\n');
    else io.stdout(text(out, `${r.result.strategy}: ${r.result.label} serving ${model.id}`) + out.calibrations.map((c) => `${c.gpuTypeId}: ${c.label}\n`).join(''));
    return EXIT.ok;
  } catch (e) {
    io.stderr(`fleetplan simulate: ${describeError(e)}\n`);
    if (e instanceof AppError) return e.message.includes('\nusage:') ? EXIT.usage : EXIT.badInput;
    if (e instanceof RangeError) return EXIT.badInput;
    return EXIT.failed;
  }
}
