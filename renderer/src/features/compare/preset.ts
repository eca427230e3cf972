// A stored run's inputs back into the Compare form, so a reopened run can be tweaked and run again. The
// scenario names its inventory and workload (ids differ between machines), so they are matched by name.
import type { StrategyId } from '../../../../main/domain/comparison';
import { ENGINE_CHOICES, type EngineChoice } from '../../../../main/sim/engine-names';
import type { RunDetail } from '../../../../main/domain';
import type { CompareChoices } from './CompareForm';
import { STRATEGY_IDS } from './recommend';
import type { SloDraft } from './slo-input';

export interface FormPreset {
  inventoryId?: number;
  modelId?: string;
  workloadId?: number;
  slo?: SloDraft;
  strategies?: StrategyId[];
  seed?: string;
  maxRequests?: string;
  engine?: EngineChoice;
  strategyEngines?: Partial<Record<StrategyId, EngineChoice>>;
}

const isEngine = (e: unknown): e is EngineChoice => typeof e === 'string' && (ENGINE_CHOICES as readonly string[]).includes(e);

function timeDraft(s: unknown): { value: string; unit: 'ms' | 's' } {
  if (typeof s !== 'number' || !(s > 0)) return { value: '', unit: 's' };
  return s < 1 ? { value: String(+(s * 1000).toFixed(3)), unit: 'ms' } : { value: String(s), unit: 's' };
}

export function presetFromRun(run: Pick<RunDetail, 'scenario' | 'inventoryName' | 'workloadName' | 'modelId'>, choices: CompareChoices): FormPreset {
  const sc = run.scenario as { slo?: Record<string, unknown>; strategies?: unknown; seed?: unknown; maxRequests?: unknown; engine?: unknown; strategyEngines?: unknown };
  const preset: FormPreset = {
    inventoryId: choices.inventories.find((i) => i.name === run.inventoryName)?.id,
    modelId: choices.models.find((m) => m.id === run.modelId)?.id,
    workloadId: choices.workloads.find((w) => w.name === run.workloadName)?.id,
  };
  if (sc.slo) preset.slo = { ttftP99: timeDraft(sc.slo.ttftP99S), tbtP99: timeDraft(sc.slo.tbtP99S) };
  if (Array.isArray(sc.strategies)) preset.strategies = STRATEGY_IDS.filter((id) => (sc.strategies as unknown[]).includes(id));
  if (typeof sc.seed === 'number') preset.seed = String(sc.seed);
  preset.maxRequests = typeof sc.maxRequests === 'number' ? String(sc.maxRequests) : '';
  // A run stored before engines were kept ran the default scheduler.
  preset.engine = isEngine(sc.engine) ? sc.engine : 'default';
  const per = sc.strategyEngines && typeof sc.strategyEngines === 'object' ? Object.entries(sc.strategyEngines as Record<string, unknown>) : [];
  preset.strategyEngines = Object.fromEntries(per.filter(([k, e]) => STRATEGY_IDS.includes(k as StrategyId) && isEngine(e)));
  return preset;
}

/** The form as last set, kept across reloads; `runId` is the run it was shown over (null: a new question). */
export interface FormDraft {
  runId: number | null;
  values: FormPreset;
}

const isTime = (t: unknown): t is { value: string; unit: 'ms' | 's' } =>
  !!t && typeof t === 'object' && typeof (t as { value?: unknown }).value === 'string' && ['ms', 's'].includes((t as { unit?: unknown }).unit as string);

/**
 * A stored draft back into form values, keeping only what still exists here (an inventory deleted since, a
 * model removed, a strategy renamed) and what has the right shape; null for anything unreadable.
 */
export function presetFromDraft(raw: unknown, choices: CompareChoices): FormDraft | null {
  if (!raw || typeof raw !== 'object') return null;
  const d = raw as { runId?: unknown; values?: Record<string, unknown> };
  const v = d.values;
  if (!v || typeof v !== 'object') return null;
  const out: FormPreset = {};
  if (choices.inventories.some((i) => i.id === v.inventoryId)) out.inventoryId = v.inventoryId as number;
  if (choices.models.some((m) => m.id === v.modelId)) out.modelId = v.modelId as string;
  if (choices.workloads.some((w) => w.id === v.workloadId)) out.workloadId = v.workloadId as number;
  const slo = v.slo as Record<string, unknown> | undefined;
  if (slo && isTime(slo.ttftP99) && isTime(slo.tbtP99)) out.slo = { ttftP99: slo.ttftP99, tbtP99: slo.tbtP99 };
  if (Array.isArray(v.strategies)) out.strategies = STRATEGY_IDS.filter((id) => (v.strategies as unknown[]).includes(id));
  if (typeof v.seed === 'string') out.seed = v.seed;
  if (typeof v.maxRequests === 'string') out.maxRequests = v.maxRequests;
  if (isEngine(v.engine)) out.engine = v.engine;
  if (v.strategyEngines && typeof v.strategyEngines === 'object') {
    out.strategyEngines = Object.fromEntries(Object.entries(v.strategyEngines).filter(([k, e]) => STRATEGY_IDS.includes(k as StrategyId) && isEngine(e)));
  }
  return { runId: typeof d.runId === 'number' ? d.runId : null, values: out };
}

export const DRAFT_KEY = 'fleetplan.compare.draft';
