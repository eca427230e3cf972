// Bench: every strategy's plan on the one engine, replaying 1,000,000 requests with the Azure conversation
// trace's lengths and Poisson arrivals at 80% of the deployment's own saturated throughput, on 16-GPU fleets
// serving Llama-3.1-8B (fleets in FLEETS below). Targets (issue 11): colocated within 1.5× of the bare
// reference loop ../shared/tools/ref-des.mjs, every other strategy within 2.5×, peak RSS ≤ 600 MB.
//
// The machine is shared and noisy, so speed is a ratio: the reference loop (a child process) and the
// simulation run alternately ROUNDS times in one command and the line quotes the median of the per-round
// ratios. Without the reference file (a clone outside the workplace) the ratio fields are absent.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GCProfiler } from 'node:v8';
import type { Pool } from '../domain';
import { assetsDir } from '../paths';
import { loadGpuCatalog, loadModelCatalog } from '../services/seed';
import { readTrace } from '../services/traces';
import { pinnedDeployment, type CompareInput, type DeploymentPin } from '../sim/search';
import { underEngine } from '../sim/search/engine';
import { runStrategy, type Deployment, type StrategyId, type StrategyWorkload } from '../sim/strategies';
import { openLoopWorkload, type LengthSpec } from '../sim/workload';

const MODEL = 'meta-llama/Llama-3.1-8B';
const TARGET_LOAD = 0.8;
const SLO = { ttftP99S: 2, tbtP99S: 0.1 };
const TRACE = 'AzureLLMInferenceTrace_conv.csv';
const rounds = () => Math.max(1, Number(process.env.FLEETPLAN_BENCH_ROUNDS ?? 3));

const node = (name: string, gpuTypeId: string, gpus: number, link: Pool['intraNode']['link'], gbps: number, usd: number): Pool => ({
  name, gpuTypeId, gpuCount: gpus, gpusPerNode: 8, intraNode: { link, bandwidthGBps: gbps }, interNode: { link: 'infiniband', bandwidthGBps: 50 },
  pricing: { kind: 'hourly', usdPerGpuHour: usd },
});

/** The bench's inventory: two H100 nodes, an A100 node and an L40S node (prices as the sample inventory's). */
const POOLS: Pool[] = [
  node('H100', 'nvidia-h100-sxm', 16, 'nvlink', 450, 3.78),
  node('A100', 'nvidia-a100-80gb-sxm', 8, 'nvlink', 300, 2.5),
  node('L40S', 'nvidia-l40s', 8, 'pcie', 32, 1.84),
];

const group = (pool: string, gpuTypeId: string, role: DeploymentPin['instances'][number]['role'], count: number, extra = {}) =>
  ({ pool, gpuTypeId, tp: 1, role, count, ...extra });

/** 16 GPUs each: what the strategies are compared on. Colocated is the workload of the earlier sim bench. */
export const FLEETS: Record<StrategyId, DeploymentPin> = {
  colocated: { strategy: 'colocated', instances: [group('H100', 'nvidia-h100-sxm', 'mixed', 16)] },
  pipeline: { strategy: 'pipeline', instances: [group('A100', 'nvidia-a100-80gb-sxm', 'stage', 8, { stage: 0, layers: 18 }), group('L40S', 'nvidia-l40s', 'stage', 8, { stage: 1, layers: 14 })] },
  disaggregated: { strategy: 'disaggregated', instances: [group('H100', 'nvidia-h100-sxm', 'prefill', 6), group('H100', 'nvidia-h100-sxm', 'decode', 10)] },
  cronus: { strategy: 'cronus', instances: [group('H100', 'nvidia-h100-sxm', 'mixed', 8), group('A100', 'nvidia-a100-80gb-sxm', 'partial-prefill', 8)] },
  nexus: { strategy: 'nexus', instances: [group('H100', 'nvidia-h100-sxm', 'split', 16)] },
};

function referencePath(): string | null {
  const p = resolve(process.cwd(), '..', 'shared', 'tools', 'ref-des.mjs');
  return existsSync(p) ? p : null;
}

function runReference(ref: string, trace: string, requests: number): number {
  const r = spawnSync(process.execPath, [ref, trace, String(requests)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ref-des failed: ${r.stderr}`);
  return (JSON.parse(r.stdout.trim().split('\n').pop()!) as { ref_s: number }).ref_s;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Saturated throughput (requests/s): 40k requests offered far faster than any of these fleets serves. */
function capacity(dep: Deployment, lengths: LengthSpec): number {
  const p = openLoopWorkload({ requests: 40_000, rate: 1e5, arrival: { kind: 'poisson' }, lengths }, 7);
  const r = runStrategy(dep, { arrivalS: p.arrivalS, inputTokens: p.inputTokens, outputTokens: p.outputTokens }, { slo: SLO, seed: 1, abortWaitS: Infinity });
  return r.run.completed / r.summary.durationS;
}

export function benchStrategy(strategy: StrategyId, requests = 1_000_000): Record<string, number | string> {
  const dir = assetsDir();
  const tracePath = join(dir, 'traces', TRACE);
  const trace = readTrace(readFileSync(tracePath, 'utf8'), TRACE);
  const lengths: LengthSpec = { kind: 'trace', inputTokens: trace.inputTokens, outputTokens: trace.outputTokens };
  const model = loadModelCatalog(dir).find((m) => m.id === MODEL)!;
  const gpus = loadGpuCatalog(dir).filter((g) => POOLS.some((p) => p.gpuTypeId === g.id));
  const shapeOf = openLoopWorkload({ requests: 4000, rate: 100, arrival: { kind: 'poisson' }, lengths }, 3);
  const input: CompareInput = {
    pools: POOLS, gpus, model: { id: model.id, config: model.config }, slo: SLO, strategies: [strategy], seed: 1,
    workload: { arrivalS: shapeOf.arrivalS, inputTokens: shapeOf.inputTokens, outputTokens: shapeOf.outputTokens },
  };
  const dep = pinnedDeployment(input, FLEETS[strategy]);
  const cap = capacity(dep, lengths);
  const rate = TARGET_LOAD * cap;
  const ew = openLoopWorkload({ requests, rate, arrival: { kind: 'poisson' }, lengths }, 1);
  const w: StrategyWorkload = { arrivalS: ew.arrivalS, inputTokens: ew.inputTokens, outputTokens: ew.outputTokens };
  const ref = referencePath();
  const refS: number[] = [];
  const simS: number[] = [];
  const ratios: number[] = [];
  let last: ReturnType<typeof runStrategy> | null = null;
  let youngGcs = 0;
  for (let k = 0; k < rounds(); k++) {
    const rs = ref ? runReference(ref, tracePath, requests) : NaN;
    // Collections during the run show whether the hot loop allocates per iteration.
    const gc = new GCProfiler();
    gc.start();
    const t0 = performance.now();
    last = runStrategy(dep, w, { slo: SLO, seed: 1 });
    const s = (performance.now() - t0) / 1000;
    youngGcs = Math.max(youngGcs, gc.stop().statistics.filter((g) => g.gcType === 'Scavenge').length);
    simS.push(s);
    if (ref) {
      refS.push(rs);
      ratios.push(s / rs);
    }
  }
  const m = last!.summary;
  const out: Record<string, number | string> = {
    bench: `sim_${strategy}_1m`,
    fleet: last!.result.label,
    gpus: last!.result.gpus,
    model: MODEL,
    requests: m.completed,
    rounds: simS.length,
    sim_requests_per_s: Math.round(requests / median(simS)),
    simulate_s: r3(median(simS)),
    capacity_rps: r3(cap),
    rate_rps: r3(rate),
    load: r3(m.throughput.requestsPerS / cap),
    saturated: String(m.saturated),
    iterations: last!.run.iterations,
    ttft_p99_s: r3(m.ttft.p99),
    tbt_p99_ms: r3(m.tbt.p99 * 1000),
    preemptions: m.preemptions,
    simulate_young_gcs: youngGcs,
  };
  if (ref) {
    out.ref_s = r3(median(refS));
    out.ratio_to_ref = r3(median(ratios));
    out.ratio_target = strategy === 'colocated' ? 1.5 : 2.5;
  } else out.reference = 'absent (../shared/tools/ref-des.mjs not found)';
  out.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
  return out;
}

/**
 * Prefix caching's cost: 1,000,000 prefix-heavy requests (a 1,024-token system prompt, chats of 4 turns, 2,000
 * at a time, each turn resending its history; the trace's lengths for each new message and answer) on the
 * colocated fleet under vLLM V1, once with the workload's prefixes (caching on) and once without them
 * (caching off, the same lengths), alternately. Target (issue 13): on ≤ 2 × off. Load 0.8 of the off capacity.
 */
export function benchPrefix(requests = 1_000_000): Record<string, number | string> {
  const dir = assetsDir();
  const trace = readTrace(readFileSync(join(dir, 'traces', TRACE), 'utf8'), TRACE);
  const lengths: LengthSpec = { kind: 'trace', inputTokens: trace.inputTokens, outputTokens: trace.outputTokens };
  const model = loadModelCatalog(dir).find((m) => m.id === MODEL)!;
  const gpus = loadGpuCatalog(dir).filter((g) => POOLS.some((p) => p.gpuTypeId === g.id));
  const prefix = { systemPromptTokens: 1024, sessions: { turns: 4, concurrent: 2000 } };
  const shape = openLoopWorkload({ requests: 4000, rate: 100, arrival: { kind: 'poisson' }, lengths, prefix }, 3);
  const input: CompareInput = {
    pools: POOLS, gpus, model: { id: model.id, config: model.config }, slo: SLO, strategies: ['colocated'], seed: 1,
    workload: { arrivalS: shape.arrivalS, inputTokens: shape.inputTokens, outputTokens: shape.outputTokens },
  };
  const dep = underEngine(pinnedDeployment(input, FLEETS.colocated), 'vllm-v1');
  const probe = openLoopWorkload({ requests: 40_000, rate: 1e5, arrival: { kind: 'poisson' }, lengths, prefix }, 7);
  const pr = runStrategy(dep, { arrivalS: probe.arrivalS, inputTokens: probe.inputTokens, outputTokens: probe.outputTokens }, { slo: SLO, seed: 1, abortWaitS: Infinity });
  const cap = pr.run.completed / pr.summary.durationS;
  const ew = openLoopWorkload({ requests, rate: TARGET_LOAD * cap, arrival: { kind: 'poisson' }, lengths, prefix }, 1);
  const off: StrategyWorkload = { arrivalS: ew.arrivalS, inputTokens: ew.inputTokens, outputTokens: ew.outputTokens };
  const on: StrategyWorkload = { ...off, prefix: ew.prefix };
  const onS: number[] = [];
  const offS: number[] = [];
  let lastOn: ReturnType<typeof runStrategy> | null = null;
  let lastOff: ReturnType<typeof runStrategy> | null = null;
  for (let k = 0; k < rounds(); k++) {
    let t0 = performance.now();
    lastOff = runStrategy(dep, off, { slo: SLO, seed: 1 });
    offS.push((performance.now() - t0) / 1000);
    t0 = performance.now();
    lastOn = runStrategy(dep, on, { slo: SLO, seed: 1 });
    onS.push((performance.now() - t0) / 1000);
  }
  let saved = 0;
  let queried = 0;
  let evicted = 0;
  for (const s of lastOn!.run.instances) {
    saved += s.prefix?.savedTokens ?? 0;
    queried += s.prefix?.queriedTokens ?? 0;
    evicted += s.prefix?.evictedBlocks ?? 0;
  }
  return {
    bench: 'sim_prefix_1m',
    fleet: lastOn!.result.label,
    engine: 'vllm-v1',
    requests,
    rounds: onS.length,
    capacity_off_rps: r3(cap),
    rate_rps: r3(TARGET_LOAD * cap),
    simulate_on_s: r3(median(onS)),
    simulate_off_s: r3(median(offS)),
    on_over_off: r3(median(onS) / median(offS)),
    on_over_off_target: 2,
    hit_rate: r3(saved / Math.max(1, queried)),
    prefill_tokens_saved: saved,
    evicted_blocks: evicted,
    ttft_p99_on_s: r3(lastOn!.summary.ttft.p99),
    ttft_p99_off_s: r3(lastOff!.summary.ttft.p99),
    iterations_on: lastOn!.run.iterations,
    iterations_off: lastOff!.run.iterations,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}
