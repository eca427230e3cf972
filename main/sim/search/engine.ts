// Which serving-engine profile a comparison simulates a strategy with, and a deployment under that profile.
// One place for both, so the search, pinned deployments, `fleetplan simulate --engine` and the report replays
// give the same figures for the same engine.
import type { EngineChoice, EngineId } from '../engine-names';
import type { Deployment } from '../strategies';
import type { StrategyId } from '../strategies/types';
import type { GpuCalibrationUsed } from '../calibration';
import type { CompareInput } from './types';

/** The profile of `strategy` in a comparison: its override, else the comparison's engine; undefined for 'default'. */
export function engineFor(input: Pick<CompareInput, 'engine' | 'strategyEngines'>, strategy: StrategyId): EngineId | undefined {
  const e = input.strategyEngines?.[strategy] ?? input.engine ?? 'default';
  return e === 'default' ? undefined : e;
}

/** The calibrations a strategy of a comparison runs with: its own where its engine picked others, else the run's. */
export function calibrationsFor(input: Pick<CompareInput, 'calibrations' | 'strategyCalibrations'>, strategy: StrategyId): GpuCalibrationUsed[] | undefined {
  return input.strategyCalibrations?.[strategy] ?? input.calibrations;
}

/** What a strategy's results say ran: the profile id, or 'default'. */
export function engineChoiceFor(input: Pick<CompareInput, 'engine' | 'strategyEngines'>, strategy: StrategyId): EngineChoice {
  return engineFor(input, strategy) ?? 'default';
}

/**
 * `dep` with the engine's defaults under every instance (each spec must carry its GPU's memory). A
 * colocated deployment's token budget is the search's default (sized to the TBT target), not a choice, so
 * the engine's own budget replaces it; the other strategies' own rules for their settings (Cronus' and the
 * pipeline's budgets, Nexus' split, TetriInfer's prefill chunks) stay above the engine's defaults.
 */
export function underEngine(dep: Deployment, engine: EngineId | undefined): Deployment {
  if (engine === undefined) return dep;
  if (dep.strategy === 'colocated') return { ...dep, engine, tokenBudget: undefined, tokenBudgets: undefined };
  return { ...dep, engine };
}
