// The serving strategies fleetplan compares, by id, with the names every screen, CSV and PDF shows.
// No zod here: the renderer imports these values, and its bundle carries no schema library.

export const STRATEGY_IDS = ['colocated', 'pipeline', 'disaggregated', 'cronus', 'nexus'] as const;
export type StrategyId = (typeof STRATEGY_IDS)[number];

export const STRATEGY_LABELS: Record<StrategyId, string> = {
  colocated: 'Colocated (data parallel, chunked prefill)',
  pipeline: 'Pipeline parallel across unlike GPUs',
  disaggregated: 'Prefill/decode disaggregation',
  cronus: 'Partially disaggregated prefill (Cronus)',
  nexus: 'Intra-GPU disaggregation (Nexus)',
};
