// `fleetplan simulate`: replay a workload (a trace file, a closed loop, or synthetic arrivals at a rate) on
// N identical instances of one GPU type and print the run's metrics.
import { basename } from 'node:path';
import { AppError, describeError, invalid } from '../errors';
import { readTrace } from '../services/traces';
import { createInstanceCostModel } from '../sim/costmodel';
import { gpuSpecFromCatalog } from '../sim/hardware';
import { modelFromConfig } from '../sim/model';
import { ROUTER_KINDS, type RouterKind } from '../sim/router';
import { simulate, type SimulationResult } from '../sim/simulate';
import type { Slo } from '../sim/metrics';
import { closedLoopWorkload, openLoopWorkload, rescaleRate, traceWorkload, type LengthSpec, type Workload } from '../sim/workload';
import { EXIT, parseFlags, type CliIo } from './io';
import { loadGpu, loadModel } from './catalog-args';

const USAGE = `usage: fleetplan simulate --gpu <catalog id | spec.json> --count N [--tp N] --model <hf id | config.json>
         ( --workload trace-file [--rate-scale F]
         | --closed-loop C (--isl I --osl O | --lengths-from trace) [--requests R] [--think S]
         | --rate QPS (--isl I --osl O | --lengths-from trace) [--requests R] [--arrival poisson|gamma] [--cv X] )
         [--router ${ROUTER_KINDS.join('|')}] [--token-budget N] [--chunk N] [--max-running N]
         [--seed S] [--slo ttft_p99=2s,tbt_p99=100ms] [--usd-per-gpu-hour X] [--json]`;

const FLAGS = [
  'gpu', 'count', 'tp', 'model', 'workload', 'rate-scale', 'closed-loop', 'isl', 'osl', 'requests', 'think', 'rate',
  'lengths-from', 'arrival', 'cv', 'router', 'token-budget', 'chunk', 'max-running', 'seed', 'slo', 'usd-per-gpu-hour',
  'json', 'help',
];

function usage(message: string): AppError {
  return new AppError('invalid_input', `${message}\n${USAGE}`);
}

function numberFlag(flags: Map<string, string>, name: string, opts: { integer?: boolean; min?: number; dflt?: number } = {}): number | undefined {
  const raw = flags.get(name);
  if (raw === undefined) return opts.dflt;
  const v = Number(raw);
  const min = opts.min ?? 0;
  if (raw.trim() === '' || !Number.isFinite(v) || (opts.integer && !Number.isInteger(v)) || v < min) {
    throw invalid(`must be ${opts.integer ? 'an integer' : 'a number'} ≥ ${min}, got "${raw}"`, { field: `--${name}` });
  }
  return v;
}

/** "ttft_p99=2s,tbt_p99=100ms" -> { ttftP99S: 2, tbtP99S: 0.1 }; units s, ms, us (bare numbers are seconds). */
export function parseSlo(text: string): Slo {
  const slo: Slo = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(ttft_p99|tbt_p99)\s*=\s*([0-9]*\.?[0-9]+(?:e[-+]?\d+)?)\s*(s|ms|us)?$/i.exec(part);
    if (!m) throw invalid(`"${part}" is not ttft_p99=<time> or tbt_p99=<time> (e.g. ttft_p99=2s,tbt_p99=100ms)`, { field: '--slo' });
    const scale = { s: 1, ms: 1e-3, us: 1e-6 }[(m[3] ?? 's').toLowerCase() as 's' | 'ms' | 'us'];
    const seconds = Number(m[2]) * scale;
    if (!(seconds > 0)) throw invalid(`"${part}": the target must be positive`, { field: '--slo' });
    if (m[1].toLowerCase() === 'ttft_p99') slo.ttftP99S = seconds;
    else slo.tbtP99S = seconds;
  }
  return slo;
}

async function traceColumns(file: string, io: CliIo) {
  return readTrace(await io.readFile(file), basename(file));
}

async function lengthsFrom(flags: Map<string, string>, io: CliIo): Promise<LengthSpec> {
  const from = flags.get('lengths-from');
  if (from !== undefined) {
    if (flags.has('isl') || flags.has('osl')) throw usage('give either --lengths-from or --isl/--osl, not both');
    const t = await traceColumns(from, io);
    if (t.inputTokens.length === 0) throw invalid('the trace has no requests', { file: from });
    return { kind: 'trace', inputTokens: t.inputTokens, outputTokens: t.outputTokens };
  }
  const isl = numberFlag(flags, 'isl', { integer: true, min: 1 });
  const osl = numberFlag(flags, 'osl', { integer: true, min: 1 });
  if (isl === undefined || osl === undefined) throw usage('synthetic workloads need --isl and --osl (or --lengths-from trace)');
  return { kind: 'independent', input: { kind: 'fixed', tokens: isl }, output: { kind: 'fixed', tokens: osl } };
}

async function buildWorkload(flags: Map<string, string>, io: CliIo, seed: number): Promise<{ workload: Workload; description: Record<string, unknown> }> {
  const modes = ['workload', 'closed-loop', 'rate'].filter((m) => flags.has(m));
  if (modes.length !== 1) throw usage('give exactly one of --workload, --closed-loop or --rate');
  const mode = modes[0];
  if (mode === 'workload') {
    const file = flags.get('workload')!;
    const t = await traceColumns(file, io);
    if (t.lengthsOnly) throw invalid('the trace has no arrival times; use --rate QPS --lengths-from with it', { file });
    let w = traceWorkload(t);
    const scale = numberFlag(flags, 'rate-scale', { min: 1e-9 });
    if (scale !== undefined) w = rescaleRate(w, scale);
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
  const arrival = flags.get('arrival') ?? 'poisson';
  if (arrival !== 'poisson' && arrival !== 'gamma') throw invalid(`must be poisson or gamma, got "${arrival}"`, { field: '--arrival' });
  const cv = numberFlag(flags, 'cv', { min: 1e-6, dflt: 1 })!;
  const w = openLoopWorkload({ requests, rate, arrival: arrival === 'poisson' ? { kind: 'poisson' } : { kind: 'gamma', cv }, lengths }, seed);
  return { workload: w, description: { kind: 'open-loop', rate, requests, arrival, ...(arrival === 'gamma' ? { cv } : {}) } };
}

function round(v: number): number {
  return Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
}

/** JSON with numbers rounded to 6 decimals (NaN -> null, as JSON has no NaN). */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' ? (Number.isFinite(v) ? round(v) : null) : v), 2);
}

function text(out: { summary: SimulationResult['summary'] }, head: string): string {
  const s = out.summary;
  const ms = (v: number) => `${(v * 1000).toFixed(1)} ms`;
  const lines = [
    head,
    `requests ${s.completed}/${s.requests} done, ${s.rejected} rejected, ${s.preemptions} preemptions, ${s.durationS.toFixed(1)} s simulated`,
    `throughput ${s.throughput.requestsPerS.toFixed(2)} req/s, ${s.throughput.inputTokensPerS.toFixed(0)} input tok/s, ${s.throughput.outputTokensPerS.toFixed(0)} output tok/s`,
    `TTFT  mean ${ms(s.ttft.mean)}  p50 ${ms(s.ttft.p50)}  p90 ${ms(s.ttft.p90)}  p99 ${ms(s.ttft.p99)}`,
    `TBT   mean ${ms(s.tbt.mean)}  p50 ${ms(s.tbt.p50)}  p90 ${ms(s.tbt.p90)}  p99 ${ms(s.tbt.p99)}`,
    `E2E   mean ${ms(s.e2e.mean)}  p50 ${ms(s.e2e.p50)}  p90 ${ms(s.e2e.p90)}  p99 ${ms(s.e2e.p99)}`,
    `busy ${(s.utilization.busyFraction * 100).toFixed(1)}%`,
  ];
  if (s.slo) lines.push(`SLO attainment ${(s.slo.attainment * 100).toFixed(1)}%, goodput ${s.slo.goodputRps.toFixed(2)} req/s`);
  if (s.cost) lines.push(`cost $${s.cost.usdPerMInputTokens.toFixed(3)} per 1M input tokens, $${s.cost.usdPerMOutputTokens.toFixed(3)} per 1M output tokens`);
  return lines.join('\n') + '\n';
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let flags: Map<string, string>;
  try {
    flags = parseFlags(args, ['json', 'help']).flags;
    const unknown = [...flags.keys()].filter((f) => !FLAGS.includes(f));
    if (unknown.length > 0) throw new Error(`unknown flag --${unknown[0]}`);
  } catch (e) {
    io.stderr(`fleetplan simulate: ${(e as Error).message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (flags.has('help')) {
    io.stdout(`${USAGE}\n`);
    return EXIT.ok;
  }
  try {
    for (const f of ['gpu', 'count', 'model']) if (!flags.has(f)) throw usage(`--${f} is required`);
    const count = numberFlag(flags, 'count', { integer: true, min: 1 })!;
    const tp = numberFlag(flags, 'tp', { integer: true, min: 1, dflt: 1 })!;
    const seed = numberFlag(flags, 'seed', { integer: true, min: 0, dflt: 1 })!;
    const router = (flags.get('router') ?? 'least-outstanding') as RouterKind;
    if (!ROUTER_KINDS.includes(router)) throw invalid(`must be one of ${ROUTER_KINDS.join(', ')}, got "${router}"`, { field: '--router' });
    const slo = flags.has('slo') ? parseSlo(flags.get('slo')!) : undefined;
    const gpuType = await loadGpu(flags.get('gpu')!, io);
    const m = await loadModel(flags.get('model')!, io);
    const model = modelFromConfig(m.id, m.config, { source: m.id });
    const tokenBudget = numberFlag(flags, 'token-budget', { integer: true, min: 1, dflt: 2048 })!;
    const maxRunning = numberFlag(flags, 'max-running', { integer: true, min: 1, dflt: Math.min(256, tokenBudget) })!;
    const chunkSize = numberFlag(flags, 'chunk', { integer: true, min: 1, dflt: tokenBudget })!;
    if (maxRunning > tokenBudget) throw invalid(`must not exceed --token-budget (${tokenBudget})`, { field: '--max-running' });
    const cm = createInstanceCostModel(gpuSpecFromCatalog(gpuType), model, { tp, pp: 1, gpusPerNode: 8, maxBatchTokens: tokenBudget, maxSeqs: maxRunning });
    const usdPerGpuHour = numberFlag(flags, 'usd-per-gpu-hour', { min: 0, dflt: gpuType.defaultUsdPerGpuHour ?? undefined });
    const { workload, description } = await buildWorkload(flags, io, seed);
    const result = simulate({
      instances: Array.from({ length: count }, (_, i) => ({ cm, name: `${gpuType.id}#${i}`, usdPerGpuHour, tdpW: gpuType.tdpW })),
      workload,
      scheduler: { tokenBudget, chunkSize, maxRunning },
      router: { kind: router },
      seed,
      slo,
    });
    const out = {
      gpu: gpuType.id,
      model: model.id,
      tp,
      count,
      kvCapacityTokensPerInstance: cm.kvCapacityTokens,
      usdPerGpuHour: usdPerGpuHour ?? null,
      scheduler: { tokenBudget, chunkSize, maxRunning, router },
      seed,
      workload: description,
      summary: result.summary,
    };
    if (flags.has('json')) io.stdout(toJson(out) + '\n');
    else io.stdout(text(out, `${count} × ${gpuType.id} (tp ${tp}) serving ${model.id}`));
    return EXIT.ok;
  } catch (e) {
    io.stderr(`fleetplan simulate: ${describeError(e)}\n`);
    if (e instanceof AppError) return e.message.includes('\nusage:') ? EXIT.usage : EXIT.badInput;
    if (e instanceof RangeError) return EXIT.badInput;
    return EXIT.failed;
  }
}
