// Per-request and per-iteration figures for a stored run: the search keeps only aggregates, so each
// strategy's chosen deployment is found again among the strategy's candidates (same inventory, workload
// shape and SLOs, so the same enumeration) and replayed on the whole workload with the seed of the run and
// the fleet's capture observer on. Deterministic: the replay's metrics equal the stored ones.
import { buildDeployment, busiestWindow, pipelineCapacity } from '../sim/search/compare';
import { pinnedCandidate } from '../sim/search/pin';
import {
  enumerateCronus, enumerateDataParallel, enumerateDisaggregated, enumeratePipeline, instanceOptions, workloadShape, type Candidate,
} from '../sim/search/enumerate';
import { buildProvider } from '../sim/search/provider';
import { DEFAULT_BUDGET, type CompareInput, type DeploymentSummary, type SearchProvider, type StrategyOutcome } from '../sim/search/types';
import { simulateStrategy, type Deployment } from '../sim/strategies';
import type { Fleet, FleetObserver } from '../sim/strategies/fleet';
import type { StrategyMetrics } from '../sim/strategies/types';
import type { IterationRecord, RequestRecord } from './csv';
import { chosenDeployment } from './summary';
import type { StrategyCapture } from './write';

const tag = (i: { pool: string; tp: number }) => `${i.pool} TP${i.tp}`;

/** Labels per instance index, in the order each strategy numbers its instances (see main/sim/strategies). */
export function instanceLabels(dep: Deployment): string[] {
  switch (dep.strategy) {
    case 'colocated':
    case 'nexus':
      return dep.instances.map(tag);
    case 'disaggregated':
      return [...dep.prefill.map((i) => `prefill: ${tag(i)}`), ...dep.decode.map((i) => `decode: ${tag(i)}`)];
    case 'cronus':
      return [...dep.pairs.map((p) => `high: ${tag(p.high)}`), ...dep.pairs.map((p) => `low (partial prefill): ${tag(p.low)}`)];
    case 'pipeline':
      return dep.replicas.map((r) => r.stages.map((s) => `${s.instance.pool} TP${s.instance.tp} [${s.layers} layers]`).join(' → '));
  }
}

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
  const e = s === 'colocated' || s === 'nexus' ? enumerateDataParallel(s, p, options, shape, input.slo)
    : s === 'disaggregated' ? enumerateDisaggregated(p, options, shape, input.slo)
      : s === 'cronus' ? enumerateCronus(p, options, shape, input.slo)
        : enumeratePipeline(p, shape, input.slo, () => ({ rps: Infinity, ttftFloor: 0, tbtFloor: 0 }));
  return e.candidates
    .filter((c) => c.usdPerHour === d.usdPerHour && (s === 'pipeline' || c.capacityRps === d.capacityRps))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** Collects what the fleet reports: cheap per iteration (numbers pushed into plain arrays). */
export function createCapture(): FleetObserver & { requests: RequestRecord[]; iterations: IterationRecord[]; durationS: number } {
  const c = {
    requests: [] as RequestRecord[],
    iterations: [] as IterationRecord[],
    durationS: 0,
    iteration(instance: number, lane: number, startS: number, endS: number, prefillTokens: number, decodeSeqs: number) {
      c.iterations.push({ startS, endS, instance, lane, prefillTokens, decodeSeqs });
    },
    finished(f: Fleet) {
      const t0 = f.n > 0 ? f.arrival[0] : 0;
      c.durationS = f.now - t0;
      for (let r = 0; r < f.n; r++) {
        const lane = f.laneOf[r];
        c.requests.push({
          id: r,
          arrivalS: f.arrival[r] - t0,
          instance: lane >= 0 ? f.lanes[lane].cfg.instance : -1,
          ttftS: f.firstTok[r] >= 0 ? f.firstTok[r] - f.arrival[r] : NaN,
          e2eS: f.finish[r] >= 0 ? f.finish[r] - f.arrival[r] : NaN,
          inputTokens: f.input[r],
          outputTokens: f.output[r],
        });
      }
      for (const it of c.iterations) {
        it.startS -= t0;
        it.endS -= t0;
      }
    },
  };
  return c;
}

export interface Replay {
  capture: StrategyCapture;
  metrics: StrategyMetrics;
  label: string;
}

/** Replays `d` (a deployment the search reported for its strategy) with capture on; null if it cannot be found. */
export function replayDeployment(input: CompareInput, d: DeploymentSummary, provider = buildProvider(input.pools, input.gpus, input.model, input.dtype)): Replay | null {
  for (const c of candidatesLike(provider, input, d)) {
    const dep = buildDeployment(provider, c, input.slo);
    const cap = createCapture();
    const r = simulateStrategy(dep, input.workload, { slo: input.slo, seed: input.seed, observer: cap });
    if (r.label !== d.label) continue;
    return {
      capture: { strategy: d.strategy, instanceLabels: instanceLabels(dep), requests: cap.requests, iterations: cap.iterations, durationS: cap.durationS },
      metrics: r.metrics,
      label: r.label,
    };
  }
  return null;
}

/** The capture of a strategy's chosen deployment (chosenDeployment in summary.ts), or null when it has none. */
export function captureChosen(input: CompareInput, o: StrategyOutcome): StrategyCapture | null {
  const d = chosenDeployment(o);
  return d ? replayDeployment(input, d)?.capture ?? null : null;
}
