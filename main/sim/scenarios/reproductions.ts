// The built-in reproduction scenarios, one file per paper (nexus.ts, cronus.ts, tetriinfer.ts, multivendor.ts),
// gathered here into one table: fleetplan's figures next to each paper's. Pure: the caller passes the catalogs
// (and, for Cronus and the multi-vendor claims, the Azure trace's lengths).
import type { StrategyWorkload } from '../strategies/types';
import { runCronusScenario } from './cronus';
import type { ScenarioEnv } from './env';
import { runHeterogeneousVsHomogeneous, runJointVsFixedRatio } from './multivendor';
import { runNexusScenario } from './nexus';
import type { ReproRow } from './row';
import { runTetriScenario } from './tetriinfer';

export type { ReproRow } from './row';
export { CRONUS_SLO } from './cronus';
export { NEXUS_NORM_LATENCY_LIMIT_S, NEXUS_SCENARIOS } from './nexus';

export function runAllScenarios(env: ScenarioEnv, azure: StrategyWorkload): ReproRow[] {
  return [
    ...runNexusScenario(env, 'nexus-qwen3b-longdata'),
    ...runNexusScenario(env, 'nexus-llama8b-mixed'),
    ...runCronusScenario(env, 'nvidia-a10', azure),
    ...runCronusScenario(env, 'nvidia-a30', azure),
    ...runTetriScenario(env, 'HPLD'),
    ...runTetriScenario(env, 'LPHD'),
    ...runJointVsFixedRatio(env, azure),
    ...runHeterogeneousVsHomogeneous(env, azure),
  ];
}
