// compareStrategies(input, { onProgress, shouldCancel }) -> ComparisonResult: the deployment search over an
// inventory for every strategy. Pure (no fs, no clock); run it inside a worker thread for the app.
import type { Deployment } from '../strategies';
import { buildDeployment, busiestWindow, compareWithProvider, offeredRps, pipelineCapacity, resolveStrategies } from './compare';
import { instanceOptions, workloadShape } from './enumerate';
import { engineFor } from './engine';
import { PinError, pinnedCandidate } from './pin';
import { buildProvider } from './provider';
import { DEFAULT_BUDGET, type CompareContext, type CompareInput, type ComparisonResult, type DeploymentPin, type PoolPrice } from './types';

/** "Instinct MI300X" for "Instinct MI300X (OAM, CDNA3)": the catalog's form factor and architecture note dropped. */
const shortName = (name: string) => name.replace(/\s*\([^)]*\)\s*$/, '') || name;

export function compareStrategies(input: CompareInput, ctx: CompareContext = {}): ComparisonResult {
  if (input.pools.length === 0) throw new Error('compare: the inventory has no pools');
  if (input.workload.arrivalS.length === 0) throw new Error('compare: the workload has no requests');
  const provider = buildProvider(input.pools, input.gpus, input.model, input.dtype, input.calibrations);
  const result = compareWithProvider(provider, input.workload, input.slo, resolveStrategies(input.strategies), input.seed, input.budget, ctx, input.model.id, input.pins, input);
  const gpu = new Map(input.gpus.map((g) => [g.id, g]));
  const pools: PoolPrice[] = input.pools.map((pool, i) => ({
    pool: pool.name, gpuTypeId: pool.gpuTypeId, gpuName: shortName(gpu.get(pool.gpuTypeId)?.name ?? pool.gpuTypeId), gpuCount: pool.gpuCount,
    kind: pool.pricing.kind, usdPerGpuHour: provider.usdPerGpuHour(i),
    ...(gpu.get(pool.gpuTypeId)?.calibration ? { calibration: gpu.get(pool.gpuTypeId)!.calibration } : {}),
  }));
  // What the recommendation states beside the figures: the rate it had to carry and the prices behind it.
  const window = busiestWindow(input.workload, { ...DEFAULT_BUDGET, ...input.budget }.searchRequests);
  const rates = input.workload.closedLoop ? {} : { offeredRps: offeredRps(input.workload), windowRps: offeredRps(window) };
  return { ...result, ...rates, pools, ...(input.calibrations ? { calibrations: input.calibrations } : {}) };
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
  const provider = buildProvider(input.pools, input.gpus, input.model, input.dtype, input.calibrations);
  const shape = workloadShape(busiestWindow(input.workload, { ...DEFAULT_BUDGET, ...input.budget }.searchRequests));
  const { options } = instanceOptions(provider, shape);
  const c = pinnedCandidate(provider, pin, options, shape, pipelineCapacity(provider, shape), input.model.id || undefined);
  return buildDeployment(provider, c, input.slo, engineFor(input, pin.strategy));
}

export { SearchCancelled } from './compare';
export { engineChoiceFor, engineFor } from './engine';
export { PinError, PIN_ROLES } from './pin';
export * from './types';
