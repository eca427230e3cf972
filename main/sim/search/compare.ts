// compareStrategies: for each strategy, enumerate deployments, prune analytically, simulate the survivors on a
// the workload's busiest window (cheapest first, then spread over cost), probe the best ones' max goodput
// by replaying the window faster, and confirm each strategy's cheapest SLO-meeting deployment on all of it
// (or, when none meets them, the closest one). Every run on the whole workload gathers its charts on the way
// (sim/charts.ts), and the reported deployment's are kept with the outcome: the table's figures and the
// charts come from one run, and nothing is replayed for the charts. Pure and deterministic for a seed; the
// output is plain JSON.
import { runWithCharts, type ChartParts } from '../charts';
import { simulateStrategy, type Deployment } from '../strategies';
import { budgetForTbt, decodeStepSeconds, prefillSeconds } from '../timing';
import { meetsSlo } from '../metrics';
import { pipelineCostModel, type PipelineReplica } from '../strategies/pipeline';
import { STRATEGY_IDS, type InstanceSpec, type StrategyId, type StrategyWorkload } from '../strategies/types';
import {
  enumerateCronus, enumerateDataParallel, enumerateDisaggregated, enumeratePipeline, instanceOptions, workloadShape,
  type Candidate, type WorkloadShape,
} from './enumerate';
import { byCloseness, byCostPerToken, chosenDeployment, closestDeployment } from './chosen';
import { describeDeployment } from './describe';
import { paretoSet } from './pareto';
import { pinnedCandidate } from './pin';
import { transferPathBetween } from './paths';
import {
  DEFAULT_BUDGET, type CompareContext, type DeploymentPin, type ComparisonResult, type DeploymentSummary, type Placement, type SearchBudget,
  type CompareInput, type RateStep, type SearchProvider, type StrategyOutcome,
} from './types';
import type { Slo } from '../strategies/types';
import type { EngineId } from '../engine-names';
import { engineChoiceFor, engineFor, underEngine } from './engine';

export class SearchCancelled extends Error {
  constructor() {
    super('The comparison was cancelled.');
  }
}

/** Utilisation above which a deployment is only tried after cheaper, roomier ones (the bound is optimistic). */
const RHO_FIRST = 0.85;
const RATE_MULTIPLES = [1.5, 2, 3, 4, 6, 8];
/** Feasible deployments re-run on the whole workload, cheapest first, before giving up on one. */
const CONFIRMATIONS = 3;
/** Whole-workload runs a strategy may take: the confirmations, and the closest one's when none passes. */
const WHOLE_RUNS = CONFIRMATIONS + 1;

function spec(p: SearchProvider, at: Placement, cm = p.costModel(at.pool, at.tp)!): InstanceSpec {
  const pool = p.pools[at.pool];
  return {
    pool: pool.name, gpuTypeId: pool.gpuTypeId, vendor: p.vendor(at.pool), cm, tp: at.tp, pp: 1,
    pricing: p.pricing(at.pool), tdpW: p.watts(at.pool), usdPerHour: p.usdPerGpuHour(at.pool) * at.tp, gpuMemoryGb: p.gpuMemoryGb(at.pool),
  };
}

function pipelineReplicas(p: SearchProvider, parts: Candidate['parts']): PipelineReplica[] {
  const reps: PipelineReplica[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const [a, b] = [parts[i], parts[i + 1]];
    reps.push({
      stages: [a, b].map((s) => ({ instance: spec(p, s.at, p.timingModel(s.at.pool, s.at.tp)), layers: s.layers!, usableBytes: p.usableBytes(s.at.pool, s.at.tp) })),
      links: [transferPathBetween(p, a.at, b.at)],
    });
  }
  return reps;
}

/** The deployment a candidate stands for, under the engine profile given (none: the default scheduler). */
export function buildDeployment(p: SearchProvider, c: Candidate, slo: Slo, engine?: EngineId): Deployment {
  return underEngine(deploymentOf(p, c, slo), engine);
}

function deploymentOf(p: SearchProvider, c: Candidate, slo: Slo): Deployment {
  const layers = p.model.layers;
  switch (c.strategy) {
    case 'colocated': {
      const instances = c.parts.map((x) => spec(p, x.at, x.option!.cm));
      return { strategy: 'colocated', instances, tokenBudgets: instances.map((i) => budgetForTbt(i.cm, slo.tbtP99S)) };
    }
    case 'nexus':
      return {
        strategy: 'nexus', instances: c.parts.map((x) => spec(p, x.at, x.option!.cm)),
        hbmBytesPerS: c.parts.map((x) => p.hbmBytesPerS(x.at.pool) * x.at.tp),
        flopsPerS: c.parts.map((x) => p.flopsPerS(x.at.pool) * x.at.tp),
      };
    case 'disaggregated': {
      const pre = c.parts.filter((x) => x.role === 'prefill');
      const dec = c.parts.filter((x) => x.role === 'decode');
      return {
        strategy: 'disaggregated', prefill: pre.map((x) => spec(p, x.at, x.option!.cm)), decode: dec.map((x) => spec(p, x.at, x.option!.cm)),
        kvPaths: pre.map((a) => dec.map((b) => transferPathBetween(p, a.at, b.at))), layerwiseOverlap: true, layers,
        tetri: { prefillOrder: 'fcfs', ...(p.model.maxContext ? { maxContextTokens: p.model.maxContext } : {}) },
      };
    }
    case 'cronus': {
      const pairs = [];
      for (let i = 0; i < c.parts.length; i += 2) {
        const [h, l] = [c.parts[i], c.parts[i + 1]];
        pairs.push({ high: spec(p, h.at, h.option!.cm), low: spec(p, l.at, l.option!.cm), path: transferPathBetween(p, l.at, h.at) });
      }
      return { strategy: 'cronus', pairs, layers, layerwiseOverlap: true, tokenBudgets: pairs.map((x) => budgetForTbt(x.high.cm, slo.tbtP99S)) };
    }
    case 'pipeline': {
      const replicas = pipelineReplicas(p, c.parts);
      return { strategy: 'pipeline', model: p.model, replicas, tokenBudget: budgetForTbt(pipelineCostModel(p.model, replicas[0]), slo.tbtP99S) };
    }
  }
}

export function pipelineCapacity(p: SearchProvider, shape: WorkloadShape) {
  return (parts: Candidate['parts']) => {
    const reps = pipelineReplicas(p, parts);
    const cm = pipelineCostModel(p.model, reps[0]);
    const ctx = Math.round(shape.meanIn + shape.meanOut / 2);
    if (cm.kvCapacityTokens < ctx) return null;
    const L = Math.max(1, Math.round(shape.meanIn));
    const B = Math.max(1, Math.min(256, Math.floor(cm.kvCapacityTokens / ctx)));
    const step = decodeStepSeconds(cm, B, ctx);
    const per = prefillSeconds(cm, L) + (shape.meanOut * step) / B;
    return { rps: reps.length / per, ttftFloor: prefillSeconds(cm, Math.max(1, shape.p99In)), tbtFloor: decodeStepSeconds(cm, 1, ctx) };
  };
}

function scaleArrivals(w: StrategyWorkload, m: number): StrategyWorkload {
  const t0 = w.arrivalS[0] ?? 0;
  return { arrivalS: w.arrivalS.map((t) => t0 + (t - t0) / m), inputTokens: w.inputTokens, outputTokens: w.outputTokens };
}

/** Mean arrival rate over the window: requests over the span between the first and last arrival. */
export function offeredRps(w: StrategyWorkload): number {
  const n = w.arrivalS.length;
  const span = n > 1 ? w.arrivalS[n - 1] - w.arrivalS[0] : 0;
  return span > 0 ? n / span : 0;
}

function rateStep(d: DeploymentSummary, m: number, baseRps: number): RateStep {
  const x = d.metrics;
  return {
    rateMultiple: m, offeredRps: baseRps * m, throughputRps: x.throughput.requestsPerS, outputTokensPerS: x.throughput.outputTokensPerS,
    goodputRps: x.goodputRps, ttftP99S: x.ttft.p99, tbtP99S: x.tbt.p99, meetsSlo: d.meetsSlo,
  };
}

/**
 * The n consecutive requests that arrive fastest: a deployment that keeps up with a trace's peak keeps up
 * with the rest, so searching on the peak (and confirming winners on everything) avoids picking one that only
 * handles a quiet prefix.
 */
export function busiestWindow(w: StrategyWorkload, n: number): StrategyWorkload {
  const m = w.arrivalS.length;
  if (n >= m) return w;
  // A closed loop has no busy stretch: its first n requests, sent by the same users, are the window.
  if (w.closedLoop) {
    return { arrivalS: w.arrivalS.subarray(0, n), inputTokens: w.inputTokens.subarray(0, n), outputTokens: w.outputTokens.subarray(0, n), closedLoop: w.closedLoop };
  }
  let best = 0;
  let bestSpan = Infinity;
  for (let i = 0; i + n - 1 < m; i++) {
    const span = w.arrivalS[i + n - 1] - w.arrivalS[i];
    if (span < bestSpan) {
      bestSpan = span;
      best = i;
    }
  }
  const t0 = w.arrivalS[best];
  return {
    arrivalS: Float64Array.from(w.arrivalS.subarray(best, best + n), (t) => t - t0),
    inputTokens: w.inputTokens.subarray(best, best + n),
    outputTokens: w.outputTokens.subarray(best, best + n),
  };
}

/** Picks up to k items spread evenly over a list (always the last one), keeping order. */
function spread<T>(list: T[], k: number): T[] {
  if (k <= 0 || list.length === 0) return [];
  if (list.length <= k) return list;
  const out: T[] = [];
  for (let i = 1; i <= k; i++) out.push(list[Math.round((i * (list.length - 1)) / k)]);
  return [...new Set(out)];
}

export function compareWithProvider(
  p: SearchProvider, workload: StrategyWorkload, slo: Slo, strategies: StrategyId[], seed: number,
  budgetIn: Partial<SearchBudget> = {}, ctx: CompareContext = {}, modelId = '', pins: DeploymentPin[] = [],
  engines: Pick<CompareInput, 'engine' | 'strategyEngines'> = {},
): ComparisonResult {
  const budget = { ...DEFAULT_BUDGET, ...budgetIn };
  const searchW = busiestWindow(workload, budget.searchRequests);
  const shape = workloadShape(searchW);
  // Closed loop: no arrival rate, so nothing is pruned or ordered by it and no rate sweep is run; the figures
  // are those at the workload's concurrency.
  const closed = workload.closedLoop ?? null;
  const baseRps = closed ? 0 : offeredRps(searchW);
  const { options, prunedMemory } = instanceOptions(p, shape);
  const K = Math.max(budget.simulationsPerStrategy, Math.floor(budget.searchRequestsPerStrategy / Math.max(1, searchW.arrivalS.length)));
  // Progress counts work: requests simulated (each run reports within itself as it routes its arrivals),
  // so a whole-workload run weighs what it costs and the line moves while it runs. Each strategy's share is an
  // upper bound until it is enumerated (then the deployments the prune kept bound it) and exact once it is
  // done, so the total only shrinks toward the truth. A pinned strategy takes at most the window, the rate
  // probe and the whole workload. The charts cost no simulation of their own: they are gathered by the
  // whole-workload runs counted here.
  const windowN = searchW.arrivalS.length;
  const wholeN = searchW !== workload ? workload.arrivalS.length : 0;
  const planned = strategies.map((s) => (pins.some((x) => x.strategy === s)
    ? (1 + budget.rateSteps) * windowN + wholeN
    : (K + 2 * budget.rateSteps) * windowN + WHOLE_RUNS * wholeN));
  let total = planned.reduce((a, b) => a + b, 0);
  const replan = (i: number, n: number) => {
    total += n - planned[i];
    planned[i] = n;
  };
  let done = 0;
  let simulations = 0;
  /**
   * The current strategy's whole-workload runs' chart data, by the summary they produced. When the window is
   * the whole workload every search run is one, so only the two that can still be reported are kept (the
   * cheapest per token that met the SLOs, the closest that did not): memory stays a few runs' histograms.
   */
  const charts = new Map<DeploymentSummary, ChartParts>();
  const keepChartsOf = (from: DeploymentSummary, to: DeploymentSummary): DeploymentSummary => {
    const x = charts.get(from);
    if (x) charts.set(to, x);
    return to;
  };
  const pruneCharts = () => {
    const list = [...charts.keys()];
    const ok = list.filter((d) => d.meetsSlo).sort(byCostPerToken)[0];
    const near = list.filter((d) => !d.meetsSlo).sort(byCloseness)[0];
    for (const d of list) if (d !== ok && d !== near) charts.delete(d);
  };
  // `what`: which replay this is, for the progress line (the deployment is named by its own label, not the search's key).
  const run = (c: Candidate, w: StrategyWorkload, what: string): DeploymentSummary => {
    if (ctx.shouldCancel?.()) throw new SearchCancelled();
    // Every candidate of a strategy, pinned or searched, runs under the strategy's engine profile.
    const dep = buildDeployment(p, c, slo, engineFor(engines, c.strategy));
    // A run on the whole workload may be the one its strategy is reported with: gather its charts as it goes.
    const base = done;
    const report = ctx.onProgress;
    const onRouted = report ? (k: number) => report(Math.min(base + k, total), Math.max(total, base + k), `${c.strategy} (${what})`) : undefined;
    const charted = w === workload ? runWithCharts(dep, w, { slo, seed, onRouted }) : null;
    const r = charted ? charted.pr.result : simulateStrategy(dep, w, { slo, seed, onRouted });
    simulations++;
    // A run that stopped early (it could not keep up) still did what was planned for it.
    done = base + w.arrivalS.length;
    report?.(Math.min(done, total), Math.max(total, done), `${c.strategy}: ${r.label} (${what})`);
    const d: DeploymentSummary = {
      strategy: c.strategy, label: r.label, gpus: r.gpus, usdPerHour: c.usdPerHour, capacityRps: c.capacityRps,
      metrics: r.metrics, meetsSlo: meetsSlo(r.metrics, slo), extra: r.extra, settings: r.settings, ...describeDeployment(dep),
    };
    if (charted) {
      charts.set(d, charted.charts);
      if (w === searchW) pruneCharts();
    }
    return d;
  };
  /** The outcome with the chart data of the deployment it reports (chosenDeployment), which a run gathered. */
  const withTrace = (o: StrategyOutcome): StrategyOutcome => {
    const d = chosenDeployment(o);
    const parts = d ? charts.get(d) : undefined;
    charts.clear();
    return parts ? { ...o, trace: parts.trace() } : o;
  };

  /** Replays c's window faster and faster until the SLOs break; records the sweep on d (c's 1× result). */
  const probeRate = (c: Candidate, d: DeploymentSummary) => {
    let bestM = 1;
    let bestGood = d.metrics.goodputRps;
    const sweep = [rateStep(d, 1, baseRps)];
    for (const m of RATE_MULTIPLES.slice(0, budget.rateSteps)) {
      const r = run(c, scaleArrivals(searchW, m), `at ${m}× the rate`);
      sweep.push(rateStep(r, m, baseRps));
      if (!r.meetsSlo) break;
      bestM = m;
      bestGood = r.metrics.goodputRps;
    }
    d.maxRateMultiple = bestM;
    d.maxGoodputRps = bestGood;
    d.rateSweep = sweep;
  };

  // A pinned deployment goes through the same steps as a searched winner (window, rate probe, whole
  // workload), so pinning the deployment a search chose reproduces its figures exactly.
  const pinnedOutcome = (pin: DeploymentPin): StrategyOutcome => {
    const c = pinnedCandidate(p, pin, options, shape, pipelineCapacity(p, shape), modelId || undefined);
    const d = run(c, searchW, 'pinned');
    if (d.meetsSlo && !closed) probeRate(c, d); // a closed loop has no arrival rate to sweep
    const probed = d.maxGoodputRps !== undefined ? { maxRateMultiple: d.maxRateMultiple, maxGoodputRps: d.maxGoodputRps, rateSweep: d.rateSweep } : {};
    const whole = searchW !== workload ? run(c, workload, 'pinned, whole workload') : null;
    const full = whole ? keepChartsOf(whole, { ...whole, ...probed }) : d;
    return withTrace({
      strategy: pin.strategy, engine: engineChoiceFor(engines, pin.strategy), enumerated: 1, prunedMemory: 0, prunedCapacity: 0, simulated: 1,
      bestByCost: full.meetsSlo ? full : null, bestByGoodput: (closed ? d.meetsSlo : d.maxGoodputRps !== undefined) ? d : null, pareto: paretoSet([d]),
      simulatedDeployments: [d], pinned: full,
    });
  };

  const outcomes: StrategyOutcome[] = strategies.map((strategy, i) => {
    const before = done;
    const o = outcomeOf(strategy, i);
    replan(i, done - before);
    return o;
  });
  function outcomeOf(strategy: StrategyId, i: number): StrategyOutcome {
    const pin = pins.find((x) => x.strategy === strategy);
    if (pin) return pinnedOutcome(pin);
    const enumerate = (sl: Slo, sh: WorkloadShape) => (strategy === 'colocated' || strategy === 'nexus' ? enumerateDataParallel(strategy, p, options, sh, sl)
      : strategy === 'disaggregated' ? enumerateDisaggregated(p, options, sh, sl)
        : strategy === 'cronus' ? enumerateCronus(p, options, sh, sl)
          : enumeratePipeline(p, sh, sl, pipelineCapacity(p, sh)));
    const e = enumerate(slo, shape);
    const sorted = [...e.candidates].sort((a, b) => a.usdPerHour - b.usdPerHour || b.capacityRps - a.capacityRps || a.key.localeCompare(b.key));
    // When the prune leaves nothing, the roomiest deployment the inventory allows is still simulated once, so
    // the planner sees how close the strategy comes and what would make it pass (recommendation.ts).
    const roomiest = sorted.length === 0 && e.enumerated > 0
      ? enumerate({}, { ...shape, rate: 0 }).candidates.reduce<Candidate | null>((a, c) => (!a || c.capacityRps > a.capacityRps || (c.capacityRps === a.capacityRps && c.usdPerHour < a.usdPerHour) ? c : a), null)
      : null;
    // The roomiest one: its window run and, as the closest, its whole-workload run.
    replan(i, sorted.length > 0 ? (Math.min(K, sorted.length) + 2 * budget.rateSteps) * windowN + WHOLE_RUNS * wholeN : roomiest ? windowN + wholeN : 0);
    const sims = new Map<Candidate, DeploymentSummary>();
    if (roomiest) sims.set(roomiest, run(roomiest, searchW, 'closest miss'));
    const tryOne = (c: Candidate) => {
      if (!sims.has(c) && sims.size < K) sims.set(c, run(c, searchW, 'busiest window'));
      return sims.get(c);
    };
    // Cost phase: cheapest roomy deployments until one meets the SLOs, then the tighter ones just below it.
    let first: Candidate | null = null;
    for (const c of sorted) {
      if (shape.rate / c.capacityRps > RHO_FIRST) continue;
      if (sims.size >= Math.ceil(K / 2)) break;
      if (tryOne(c)?.meetsSlo) {
        first = c;
        break;
      }
    }
    // Tighter phase: everything cheaper than that first success which the prune kept, nearest it first, while
    // the budget lasts (equal-priced ones too: their figures differ): the bound is optimistic, so a tight deployment
    // often does meet the SLOs.
    const firstCost = first ? first.usdPerHour : Infinity;
    const tighter = sorted.filter((c) => c.usdPerHour <= firstCost && !sims.has(c)).reverse();
    for (const c of tighter.slice(0, Math.max(2, K - 4 - sims.size))) tryOne(c);
    // Spread phase: the rest of the budget over the costlier deployments, for the Pareto front and goodput.
    // A slightly dearer deployment can still cost less per token (it drains the queue sooner), so half of what
    // is left goes to the nearest ones above, the rest spread over the dearer ones for the Pareto front.
    const costlier = sorted.filter((c) => c.usdPerHour > firstCost || first === null).filter((c) => !sims.has(c));
    const near = costlier.slice(0, Math.ceil((K - sims.size) / 2));
    for (const c of near) tryOne(c);
    for (const c of spread(costlier.slice(near.length), K - sims.size)) tryOne(c);

    const simulated = [...sims.values()].sort((a, b) => a.usdPerHour - b.usdPerHour || a.label.localeCompare(b.label));
    const feasible = simulated.filter((d) => d.meetsSlo);
    feasible.sort(byCostPerToken);
    let bestByCost = feasible.length > 0
      ? feasible.reduce((a, b) => (b.metrics.usdPer1MTokens < a.metrics.usdPer1MTokens ? b : a)) : null;
    // Max goodput: replay faster until the SLOs break, for the cheapest and the largest feasible deployment.
    const probe = (d: DeploymentSummary) => probeRate([...sims].find(([, s]) => s === d)![0], d);
    const largest = feasible.length > 0 ? feasible.reduce((a, b) => (b.capacityRps > a.capacityRps ? b : a)) : null;
    if (!closed) for (const d of new Set([bestByCost, largest])) if (d) probe(d);
    const probed = closed ? feasible : feasible.filter((d) => d.maxGoodputRps !== undefined);
    const goodput = (d: DeploymentSummary) => (closed ? d.metrics.goodputRps : d.maxGoodputRps ?? 0);
    const bestByGoodput = probed.length > 0 ? probed.reduce((a, b) => (goodput(b) > goodput(a) ? b : a)) : null;
    // Confirm on the whole workload, cheapest first, so the reported figures are the workload's own.
    const candidateOf = (d: DeploymentSummary) => [...sims].find(([, s]) => s === d)![0];
    const wholeRuns = new Map<DeploymentSummary, DeploymentSummary>();
    if (bestByCost && searchW !== workload) {
      const probeOf = bestByCost;
      bestByCost = null;
      for (const d of feasible.slice(0, CONFIRMATIONS)) {
        const c = candidateOf(d);
        const full = run(c, workload, 'whole workload');
        wholeRuns.set(d, full);
        if (full.meetsSlo) {
          bestByCost = d === probeOf ? keepChartsOf(full, { ...full, maxRateMultiple: d.maxRateMultiple, maxGoodputRps: d.maxGoodputRps, rateSweep: d.rateSweep }) : full;
          break;
        }
      }
    }
    // None met the SLOs on the whole workload: the closest on the window is reported with its figures (and
    // charts) on the whole workload too, from a run made here unless its confirmation was that run.
    let closest: DeploymentSummary | null = null;
    if (!bestByCost && searchW !== workload) {
      const near = closestDeployment(simulated);
      if (near) closest = wholeRuns.get(near) ?? run(candidateOf(near), workload, 'closest, whole workload');
    }
    return withTrace({
      strategy, engine: engineChoiceFor(engines, strategy), enumerated: e.enumerated, prunedMemory: prunedMemory + ('prunedMemory' in e ? (e.prunedMemory as number) : 0),
      prunedCapacity: e.prunedCapacity, simulated: sims.size, bestByCost, bestByGoodput, pareto: paretoSet(simulated),
      simulatedDeployments: simulated, ...(closest ? { closest } : {}),
    });
  }
  ctx.onProgress?.(total, total, 'done');
  return {
    model: modelId, slo, seed, requests: workload.arrivalS.length, searchRequests: searchW.arrivalS.length,
    strategies: outcomes, pareto: paretoSet(outcomes.flatMap((o) => o.simulatedDeployments)), simulations,
    ...(closed ? { closedLoop: closed } : {}),
  };
}

export function resolveStrategies(s: StrategyId[] | 'all'): StrategyId[] {
  return s === 'all' ? [...STRATEGY_IDS] : STRATEGY_IDS.filter((id) => s.includes(id));
}
