// The comparison question as data: which inventory, model and workload, which SLOs and strategies, which
// seed. Shared by the Compare screen, the run history, scenario files and the CLI.
import { nameSchema } from './name-schema';
import { sloSchema } from './slo-schema';
import type { Slo } from './slo';
import { STRATEGY_IDS, STRATEGY_LABELS, type StrategyId } from './strategy';
import { z } from 'zod';
import { ENGINE_CHOICES, type EngineChoice } from './engine';

export { sloSchema, STRATEGY_IDS, STRATEGY_LABELS, type Slo, type StrategyId };

export const strategyIdSchema = z.enum(STRATEGY_IDS);

const count = z.number().int('must be a whole number').min(1, 'must be 1 or more').max(100_000);

/** One group of identical instances of a pinned deployment: DeploymentInstance (main/sim/search/types.ts). */
export const pinInstanceSchema = z
  .object({
    pool: z.string().min(1, 'must name a pool').max(200),
    gpuTypeId: z.string().min(1).max(100),
    tp: count,
    pp: count.optional(),
    role: z.enum(['mixed', 'split', 'prefill', 'decode', 'partial-prefill', 'stage']),
    count,
    layers: count.optional(),
    stage: z.number().int().min(0).max(1).optional(),
  })
  .strict();

/**
 * A deployment kept fixed instead of searched (DeploymentPin): checked here for shape; whether it fits the
 * inventory and the model is checked when the comparison starts (validatePins in main/sim/search).
 */
export const deploymentPinSchema = z
  .object({
    strategy: strategyIdSchema,
    instances: z.array(pinInstanceSchema).min(1, 'a pinned deployment needs at least one instance group').max(64),
  })
  .strict();

/** At most one pin per strategy, and only for strategies being compared. */
export const pinsSchema = z.array(deploymentPinSchema).max(STRATEGY_IDS.length);

export function pinProblems(pins: { strategy: StrategyId }[], strategies: StrategyId[]): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  pins.forEach((p, i) => {
    if (!strategies.includes(p.strategy)) out.push({ path: ['pins', i, 'strategy'], message: `"${p.strategy}" is pinned but not among the strategies compared` });
    else if (pins.findIndex((x) => x.strategy === p.strategy) !== i) out.push({ path: ['pins', i, 'strategy'], message: `"${p.strategy}" is pinned twice` });
  });
  return out;
}

/** A serving-engine profile (assets/engines) or 'default' (no profile); docs/engine.md "Engine profiles in Compare". */
export const engineChoiceSchema = z.enum(ENGINE_CHOICES, { error: () => `must be one of ${ENGINE_CHOICES.join(', ')}` });

/** Per-strategy engines over the comparison's one (a strategy not named takes the comparison's). */
export const strategyEnginesSchema = z.object(Object.fromEntries(STRATEGY_IDS.map((id) => [id, engineChoiceSchema.optional()])) as Record<StrategyId, z.ZodOptional<typeof engineChoiceSchema>>).strict();

export function strategyEngineProblems(engines: Partial<Record<StrategyId, EngineChoice>>, strategies: StrategyId[]): { path: (string | number)[]; message: string }[] {
  return Object.keys(engines)
    .filter((k) => !strategies.includes(k as StrategyId))
    .map((k) => ({ path: ['strategyEngines', k], message: `"${k}" has an engine but is not among the strategies compared` }));
}

export const compareRequestSchema = z
  .object({
    name: nameSchema.optional(),
    inventoryId: z.number().int().positive(),
    modelId: z.string().min(1).max(200),
    workloadId: z.number().int().positive(),
    slo: sloSchema,
    strategies: z.array(strategyIdSchema).min(1, 'choose at least one strategy').max(STRATEGY_IDS.length),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
    /** Replay at most this many requests of the workload (its first ones), for quick looks. */
    maxRequests: z.number().int().positive().max(10_000_000).optional(),
    /** Strategies whose deployment is given, not searched. */
    pins: pinsSchema.optional(),
    /** The serving-engine profile every strategy's instances run; absent: 'default'. */
    engine: engineChoiceSchema.optional(),
    strategyEngines: strategyEnginesSchema.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    for (const p of pinProblems(r.pins ?? [], r.strategies)) ctx.addIssue({ code: 'custom', ...p });
    for (const p of strategyEngineProblems(r.strategyEngines ?? {}, r.strategies)) ctx.addIssue({ code: 'custom', ...p });
  });
export type CompareRequest = z.input<typeof compareRequestSchema>;

/** "ttft_p99=2s,tbt_p99=100ms" -> { ttftP99S: 2, tbtP99S: 0.1 } (the CLI's --slo). */
export function parseSloFlag(text: string): Slo {
  const keys: Record<string, keyof Slo> = {
    ttft_p99: 'ttftP99S', ttft_p50: 'ttftP50S', tbt_p99: 'tbtP99S', tbt_p50: 'tbtP50S', e2e_p99: 'e2eP99S',
  };
  const slo: Slo = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z0-9_]+)\s*=\s*([0-9.]+)\s*(ms|s)$/.exec(part);
    if (!m) throw new Error(`"${part}" is not an SLO like ttft_p99=2s or tbt_p99=100ms`);
    const key = keys[m[1]];
    if (!key) throw new Error(`unknown SLO "${m[1]}"; known: ${Object.keys(keys).join(', ')}`);
    const v = Number(m[2]) * (m[3] === 'ms' ? 0.001 : 1);
    if (!(v > 0)) throw new Error(`"${part}": the target must be above zero`);
    slo[key] = v;
  }
  return slo;
}
