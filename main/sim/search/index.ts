// compareStrategies(input, { onProgress, shouldCancel }) -> ComparisonResult: the deployment search over an
// inventory for every strategy. Pure (no fs, no clock); run it inside a worker thread for the app.
import type { Deployment } from '../strategies';
import { buildDeployment, busiestWindow, compareWithProvider, offeredRps, pipelineCapacity, resolveStrategies } from './compare';
import { instanceOptions, workloadShape } from './enumerate';
import { calibrationsFor, engineFor } from './engine';
import { PinError, pinnedCandidate } from './pin';
import { paretoSet } from './pareto';
import type { GpuCalibrationUsed } from '../calibration';
import type { StrategyId } from '../strategies/types';
import { buildProvider } from './provider';
import { DEFAULT_BUDGET, type CompareContext, type CompareInput, type ComparisonResult, type DeploymentPin, type PoolPrice } from './types';

/** "Instinct MI300X" for "Instinct MI300X (OAM, CDNA3)": the catalog's form factor and architecture note dropped. */
const shortName = (name: string) => name.replace(/\s*\([^)]*\)\s*$/, '') || name;

/** The strategies in groups that run with the same calibrations, in the comparison's order within each. */
function calibrationGroups(input: CompareInput, strategies: StrategyId[]): { strategies: StrategyId[]; calibrations: GpuCalibrationUsed[] | undefined }[] {
  const groups = new Map<string, { strategies: StrategyId[]; calibrations: GpuCalibrationUsed[] | undefined }>();
  for (const s of strategies) {
    const calibrations = calibrationsFor(input, s);
    const key = JSON.stringify(calibrations ?? null);
    if (!groups.has(key)) groups.set(key, { strategies: [], calibrations });
    groups.get(key)!.strategies.push(s);
  }
  return [...groups.values()];
}

export function compareStrategies(input: CompareInput, ctx: CompareContext = {}): ComparisonResult {
  if (input.pools.length === 0) throw new Error('compare: the inventory has no pools');
  if (input.workload.arrivalS.length === 0) throw new Error('compare: the workload has no requests');
  const strategies = resolveStrategies(input.strategies);
  // Each group of strategies that share calibrations is searched on its own provider (the cost models follow
  // the calibration); with one group, as almost always, this is one search over every strategy.
  const groups = calibrationGroups(input, strategies);
  const parts = groups.map((g, gi) => {
    const provider = buildProvider(input.pools, input.gpus, input.model, input.dtype, g.calibrations);
    const groupCtx: CompareContext = groups.length === 1 ? ctx : {
      shouldCancel: ctx.shouldCancel,
      // Progress in thousandths of the whole, each group an equal share.
      onProgress: ctx.onProgress && ((done, total, message) => ctx.onProgress!(gi * 1000 + Math.round((1000 * done) / Math.max(1, total)), groups.length * 1000, message)),
    };
    const r = compareWithProvider(provider, input.workload, input.slo, g.strategies, input.seed, input.budget, groupCtx, input.model.id, input.pins, input);
    return { r, provider, own: g.calibrations !== input.calibrations ? g.calibrations : undefined };
  });
  const outcomes = strategies.map((s) => {
    const part = parts.find((p) => p.r.strategies.some((o) => o.strategy === s))!;
    const o = part.r.strategies.find((x) => x.strategy === s)!;
    return part.own ? { ...o, calibrations: part.own } : o;
  });
  const first = parts[0].r;
  const result = parts.length === 1 ? first : {
    ...first, strategies: outcomes, pareto: paretoSet(outcomes.flatMap((o) => o.simulatedDeployments)),
    simulations: parts.reduce((n, p) => n + p.r.simulations, 0),
  };
  const provider = parts[0].provider;
  const gpu = new Map(input.gpus.map((g) => [g.id, g]));
  const pools: PoolPrice[] = input.pools.map((pool, i) => ({
    pool: pool.name, gpuTypeId: pool.gpuTypeId, gpuName: shortName(gpu.get(pool.gpuTypeId)?.name ?? pool.gpuTypeId), gpuCount: pool.gpuCount,
    kind: pool.pricing.kind, usdPerGpuHour: provider.usdPerGpuHour(i),
    ...(gpu.get(pool.gpuTypeId)?.calibration ? { calibration: gpu.get(pool.gpuTypeId)!.calibration } : {}),
  }));
  // What the recommendation states beside the figures: the rate it had to carry and the prices behind it.
  const window = busiestWindow(input.workload, { ...DEFAULT_BUDGET, ...input.budget }.searchRequests);
  const rates = input.workload.closedLoop ? {} : { offeredRps: offeredRps(input.workload), windowRps: offeredRps(window) };
  return { ...result, strategies: outcomes, ...rates, pools, ...(input.calibrations ? { calibrations: input.calibrations } : {}) };
}

/**
 * Checks every pin of a comparison against its inventory, model and workload before anything runs (the
 * search would fail on the same pin later, after the run was recorded). Throws PinError with the field
 * prefixed by "pins[i].".
 */
export function validatePins(input: CompareInput): void {
  const pins = input.pins ?? [];
  if (pins.length === 0) return;
  const provider = buildProvider(input.pools, input.gpus, input.model, input.dtype, input.calibrations);
  const strategies = resolveStrategies(input.strategies);
  const shape = workloadShape(busiestWindow(input.workload, { ...DEFAULT_BUDGET, ...input.budget }.searchRequests));
  const { options } = instanceOptions(provider, shape);
  pins.forEach((pin, i) => {
    if (!strategies.includes(pin.strategy)) throw new PinError(`"${pin.strategy}" is pinned but not among the strategies compared`, `pins[${i}].strategy`);
    if (pins.findIndex((x) => x.strategy === pin.strategy) !== i) throw new PinError(`"${pin.strategy}" is pinned twice`, `pins[${i}].strategy`);
    try {
      pinnedCandidate(provider, pin, options, shape, pipelineCapacity(provider, shape), input.model.id);
    } catch (e) {
      if (e instanceof PinError) throw new PinError(e.message, `pins[${i}].${e.field}`);
      throw e;
    }
  });
}

/**
 * The deployment a pinned comparison simulates for \`pin\` (same window, options and builders as the search), so
 * \`fleetplan simulate --deployment\` replays exactly what Compare reports. Throws PinError.
 */
export function pinnedDeployment(input: CompareInput, pin: DeploymentPin): Deployment {
  const provider = buildProvider(input.pools, input.gpus, input.model, input.dtype, calibrationsFor(input, pin.strategy));
  const shape = workloadShape(busiestWindow(input.workload, { ...DEFAULT_BUDGET, ...input.budget }.searchRequests));
  const { options } = instanceOptions(provider, shape);
  const c = pinnedCandidate(provider, pin, options, shape, pipelineCapacity(provider, shape), input.model.id || undefined);
  return buildDeployment(provider, c, input.slo, engineFor(input, pin.strategy));
}

export { SearchCancelled } from './compare';
export { calibrationsFor, engineChoiceFor, engineFor } from './engine';
export { PinError, PIN_ROLES } from './pin';
export * from './types';
