// compareStrategies(input, { onProgress, shouldCancel }) -> ComparisonResult: the deployment search over an
// inventory for every strategy. Pure (no fs, no clock); run it inside a worker thread for the app.
import { compareWithProvider, resolveStrategies } from './compare';
import { buildProvider } from './provider';
import type { CompareContext, CompareInput, ComparisonResult } from './types';

export function compareStrategies(input: CompareInput, ctx: CompareContext = {}): ComparisonResult {
  if (input.pools.length === 0) throw new Error('compare: the inventory has no pools');
  if (input.workload.arrivalS.length === 0) throw new Error('compare: the workload has no requests');
  const provider = buildProvider(input.pools, input.gpus, input.model, input.dtype);
  return compareWithProvider(provider, input.workload, input.slo, resolveStrategies(input.strategies), input.seed, input.budget, ctx, input.model.id);
}

export { SearchCancelled } from './compare';
export * from './types';
