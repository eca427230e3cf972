// Runs (stored comparisons) and jobs (long tasks polled by the renderer). Types only.
import type { ComparisonResult } from './result';
import type { ApiErrorBody } from './errors';
import type { StrategyId } from './strategy';

/** The answer in one line, as History lists it; kept with the run when it is stored. */
export interface RunAnswer {
  strategy: StrategyId | null;
  /** "1 MI300X · $0.0366 per 1M tokens", or "no strategy met TTFT P99 ≤ 2 s" */
  text: string;
}

/** A long-running task in the main process (an import, a comparison), polled by the renderer. */
export interface JobInfo {
  id: number;
  kind: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  message: string;
  /** The task's output once done (e.g. { workloadId } for an import, { runId } for a comparison). */
  result: Record<string, unknown> | null;
  error: ApiErrorBody['error'] | null;
}

export interface RunSummary {
  id: number;
  name: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  modelId: string;
  inventoryName: string;
  workloadName: string;
  strategies: string[];
  /** Strategies whose deployment was pinned rather than searched. */
  pinned: string[];
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  /** The recommendation in one line (reports/recommendation.ts runAnswer); null before a run is done or for runs stored before it was kept. */
  answer: RunAnswer | null;
}

/** A stored comparison: its inputs as a scenario file body, and the search's result when it finished. */
export interface RunDetail extends RunSummary {
  modelVersion: string;
  scenario: Record<string, unknown>;
  result: ComparisonResult | null;
}
