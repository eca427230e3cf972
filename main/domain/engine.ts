// The serving-engine profiles a comparison may name, by id. The profiles themselves (budgets, chunking,
// admission) are files in assets/engines, read and checked by main/sim/engines.ts; their display names by
// main/sim/engine-names.ts. No zod here: the renderer imports these values.

export const ENGINE_IDS = ['vllm-v1', 'vllm-v0', 'sglang', 'trtllm'] as const;
export type EngineId = (typeof ENGINE_IDS)[number];

/** What a comparison may name: a profile, or 'default' (no profile: DEFAULT_SCHEDULER and the search's rules). */
export const ENGINE_CHOICES = ['default', ...ENGINE_IDS] as const;
export type EngineChoice = (typeof ENGINE_CHOICES)[number];
