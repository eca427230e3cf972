// The built-in reproduction scenarios, one file per paper (nexus.ts, cronus.ts, tetriinfer.ts, multivendor.ts),
// gathered here into two tables: 'paper' (each paper's system against its own paper's baseline) and 'modern'
// (each strategy against today's strongest colocated baseline: vLLM V1's chunked prefill with shortest-prompt-
// first admission). Pure: the caller passes the catalogs (and, for Cronus and the multi-vendor claims, the
// Azure trace's lengths).
import type { StrategyWorkload } from '../strategies/types';
import { runCronusModern, runCronusScenario } from './cronus';
import type { ScenarioEnv } from './env';
import { runHeterogeneousVsHomogeneous, runJointVsFixedRatio, runMultivendorModern } from './multivendor';
import { runNexusModern, runNexusScenario } from './nexus';
import { inTable, type ReproRow } from './row';
import { runTetriModern, runTetriScenario, TETRI_MIXES } from './tetriinfer';

export type { ReproRow } from './row';
export { CRONUS_SLO } from './cronus';
export { NEXUS_NORM_LATENCY_LIMIT_S, NEXUS_SCENARIOS } from './nexus';

export function runPaperTable(env: ScenarioEnv, azure: StrategyWorkload): ReproRow[] {
  return inTable('paper', [
    ...runNexusScenario(env, 'nexus-qwen3b-longdata'),
    ...runNexusScenario(env, 'nexus-llama8b-mixed'),
    ...runCronusScenario(env, 'nvidia-a10', azure),
    ...runCronusScenario(env, 'nvidia-a30', azure),
    ...TETRI_MIXES.flatMap((mix) => runTetriScenario(env, mix)),
    ...runJointVsFixedRatio(env, azure),
    ...runHeterogeneousVsHomogeneous(env, azure),
  ]);
}

export function runModernTable(env: ScenarioEnv, azure: StrategyWorkload): ReproRow[] {
  return inTable('modern', [
    ...runNexusModern(env),
    ...runCronusModern(env, 'nvidia-a10', azure),
    ...runCronusModern(env, 'nvidia-a30', azure),
    ...TETRI_MIXES.flatMap((mix) => runTetriModern(env, mix)),
    ...runMultivendorModern(env, azure),
  ]);
}

/** Both tables, the paper's first. */
export function runAllScenarios(env: ScenarioEnv, azure: StrategyWorkload): ReproRow[] {
  return [...runPaperTable(env, azure), ...runModernTable(env, azure)];
}
