// Per-request and per-iteration figures for a stored run (the CSVs): the search keeps only aggregates and
// each chosen deployment's charts, so the deployment is found again among the strategy's candidates (same
// inventory, workload shape and SLOs, so the same enumeration) and replayed on the whole workload with the
// seed of the run and a capture observer on. Deterministic: the replay's metrics and charts equal the stored
// ones. The charts of a run stored before the search kept them come from such a replay too (run-trace.ts).
import { buildDeployment, busiestWindow, pipelineCapacity } from '../sim/search/compare';
import { calibrationsFor, engineFor } from '../sim/search/engine';
import { pinnedCandidate } from '../sim/search/pin';
import {
  enumerateCronus, enumerateDataParallel, enumerateDisaggregated, enumeratePipeline, instanceOptions, workloadShape, type Candidate,
} from '../sim/search/enumerate';
import { buildProvider } from '../sim/search/provider';
import { DEFAULT_BUDGET, type CompareInput, type DeploymentSummary, type SearchProvider, type StrategyOutcome } from '../sim/search/types';
import { runWithCharts } from '../sim/charts';
import type { IterationObserver } from '../sim/scheduler-config';
import type { StrategyTrace } from '../sim/search/types';
import type { PlanRun } from '../sim/strategies/plan';
import type { StrategyMetrics } from '../sim/strategies/types';
import type { IterationRecord, RequestRecord } from './csv';
import { chosenDeployment } from './summary';
import type { StrategyCapture } from './write';

/** The strategy's candidates costing what `d` costs, in a stable order (usually exactly one). */
function candidatesLike(p: SearchProvider, input: CompareInput, d: DeploymentSummary): Candidate[] {
  const budget = { ...DEFAULT_BUDGET, ...input.budget };
  const shape = workloadShape(busiestWindow(input.workload, budget.searchRequests));
  const { options } = instanceOptions(p, shape);
  const s = d.strategy;
  // A pinned strategy ran its pin, which the enumeration may not even contain (pruned, or outside its space).
  const pin = input.pins?.find((x) => x.strategy === s);
  if (pin) return [pinnedCandidate(p, pin, options, shape, pipelineCapacity(p, shape))];
  // Pipeline candidates are bounded by a capacity function private to the search: enumerate them all and
  // let the replay's label decide.
  const enumerate = (slo: CompareInput['slo'], sh: typeof shape) => (s === 'colocated' || s === 'nexus' ? enumerateDataParallel(s, p, options, sh, slo)
    : s === 'disaggregated' ? enumerateDisaggregated(p, options, sh, slo)
      : s === 'cronus' ? enumerateCronus(p, options, sh, slo)
        : enumeratePipeline(p, sh, slo, () => ({ rps: Infinity, ttftFloor: 0, tbtFloor: 0 })));
  const like = (cs: Candidate[]) => cs
    .filter((c) => c.usdPerHour === d.usdPerHour && (s === 'pipeline' || c.capacityRps === d.capacityRps))
    .sort((a, b) => a.key.localeCompare(b.key));
  const kept = like(enumerate(input.slo, shape).candidates);
  // A closest miss the prune had dropped (the search simulates the roomiest one when it keeps none).
  return kept.length > 0 ? kept : like(enumerate({}, { ...shape, rate: 0 }).candidates);
}

/** Collects every iteration (numbers pushed into plain arrays; the engine instance is the lane). */
export function createCapture(): IterationObserver & { iterations: IterationRecord[] } {
  const c = {
    iterations: [] as IterationRecord[],
    iteration(lane: number, startS: number, endS: number, _used: number, _total: number, agg: { prefillTokens: number; decodeSeqs: number }) {
      c.iterations.push({ startS, endS, instance: lane, lane, prefillTokens: agg.prefillTokens, decodeSeqs: agg.decodeSeqs });
    },
  };
  return c;
}

/** A finished run as report records: times from the first arrival, engine instances mapped to deployment instances. */
export function captureOf(strategy: string, pr: PlanRun, iterations: IterationRecord[]): StrategyCapture {
  const q = pr.run.requests;
  const t0 = q.n > 0 && q.arrivalS[0] === q.arrivalS[0] ? q.arrivalS[0] : 0;
  const unitOf = pr.plan.unitOf;
  const requests: RequestRecord[] = [];
  for (let r = 0; r < q.n; r++) {
    const lane = q.instance[r];
    const done = q.finishS[r] === q.finishS[r];
    requests.push({
      id: r,
      arrivalS: q.arrivalS[r] - t0,
      instance: lane >= 0 ? unitOf[lane] : -1,
      ttftS: q.firstTokenS[r] - q.arrivalS[r],
      e2eS: done ? q.finishS[r] - q.arrivalS[r] : NaN,
      inputTokens: q.inputTokens[r],
      outputTokens: q.outputTokens[r],
    });
  }
  for (const it of iterations) {
    it.instance = unitOf[it.lane];
    it.startS -= t0;
    it.endS -= t0;
  }
  return { strategy, instanceLabels: pr.plan.unitLabels ?? pr.plan.instanceLabels, requests, iterations, durationS: pr.run.endS - t0 };
}

export interface Replay {
  capture: StrategyCapture;
  metrics: StrategyMetrics;
  label: string;
  /** The charts, gathered as the search gathers them (sim/charts.ts). */
  trace: StrategyTrace;
}

/** Replays `d` (a deployment the search reported for its strategy) with capture on; null if it cannot be found. */
export function replayDeployment(input: CompareInput, d: DeploymentSummary, provider = buildProvider(input.pools, input.gpus, input.model, input.dtype, calibrationsFor(input, d.strategy))): Replay | null {
  for (const c of candidatesLike(provider, input, d)) {
    const dep = buildDeployment(provider, c, input.slo, engineFor(input, d.strategy));
    const cap = createCapture();
    const { pr, charts } = runWithCharts(dep, input.workload, { slo: input.slo, seed: input.seed, observer: cap });
    if (pr.result.label !== d.label) continue;
    return { capture: captureOf(d.strategy, pr, cap.iterations), metrics: pr.result.metrics, label: pr.result.label, trace: charts.trace() };
  }
  return null;
}

/** The capture of a strategy's chosen deployment (chosenDeployment in summary.ts), or null when it has none. */
export function captureChosen(input: CompareInput, o: StrategyOutcome): StrategyCapture | null {
  const d = chosenDeployment(o);
  return d ? replayDeployment(input, d)?.capture ?? null : null;
}
