// Stored runs as the renderer sees them: a summary for history lists, the full detail for a reopened run.
import type { RunRow, StrategyResultRow } from '../../db/queries/runs';
import type { ComparisonResult, RunDetail, RunSummary, StrategyOutcome } from '../domain';
import type { RunAnswer } from '../domain/run';
import type { ScenarioFile } from './scenario-file';

export function runSummary(r: RunRow): RunSummary {
  const s = r.inputs as Partial<ScenarioFile>;
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    modelId: s.model?.id ?? '',
    inventoryName: s.inventory?.name ?? '',
    workloadName: s.workload?.name ?? '',
    strategies: s.strategies ?? [],
    pinned: (s.pins ?? []).map((p) => p.strategy),
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    error: r.error,
    answer: (r.summary as { answer?: RunAnswer } | null)?.answer ?? null,
  };
}

function withoutAnswer<T extends { answer?: unknown }>(s: T): Omit<T, 'answer'> {
  const { answer: _answer, ...rest } = s;
  return rest;
}

export function runDetail(r: RunRow & { results: StrategyResultRow[] }): RunDetail {
  const result =
    r.status === 'done' && r.summary
      ? ({ ...withoutAnswer(r.summary as Omit<ComparisonResult, 'strategies'> & { answer?: unknown }), strategies: r.results.map((x) => x.outcome as StrategyOutcome) } as ComparisonResult)
      : null;
  return { ...runSummary(r), modelVersion: r.modelVersion, scenario: r.inputs as Record<string, unknown>, result };
}
