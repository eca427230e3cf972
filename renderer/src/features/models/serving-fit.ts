// Whether a model serves on a GPU at a TP degree, by the simulator's own memory model (the one every comparison
// uses, main/sim/search/provider.ts): weights, activations and the reserve out of HBM, what is left as KV
// tokens, and how many requests of a workload's mean length that holds at once. "Fits" means what the search
// means: at least MIN_KV_TOKENS of KV, else the search skips the TP degree.
import type { GpuType, ModelEntry } from '../../../../main/domain';
import { instanceCostModel, MIN_KV_TOKENS } from '../../../../main/sim/search/provider';

export interface ServingFit {
  /** 'no': the weights do not fit (or the heads do not split over tp); 'thin': they fit with less KV than the search needs. */
  verdict: 'fits' | 'thin' | 'no';
  kvTokens: number;
  /** Requests of `meanTokens` (prompt + answer) whose KV fits at once; null without a workload. */
  concurrent: number | null;
}

function kvTokensOf(gpu: GpuType, model: Pick<ModelEntry, 'id' | 'config'>, tp: number): number {
  try {
    const cm = instanceCostModel(gpu, { id: model.id, config: model.config }, tp, { gpusPerNode: Math.max(8, tp), minKvTokens: 0 });
    return cm ? Math.max(0, Math.floor(cm.kvCapacityTokens)) : 0;
  } catch {
    return 0; // a config the simulator cannot build: nothing to serve with
  }
}

export function servingFit(gpu: GpuType, model: Pick<ModelEntry, 'id' | 'config'>, tp: number, meanTokens: number | null): ServingFit {
  const kvTokens = kvTokensOf(gpu, model, tp);
  const concurrent = meanTokens && meanTokens > 0 ? Math.floor(kvTokens / meanTokens) : null;
  const verdict = kvTokens <= 0 ? 'no' : kvTokens < MIN_KV_TOKENS ? 'thin' : 'fits';
  return { verdict, kvTokens, concurrent };
}

export { MIN_KV_TOKENS };
