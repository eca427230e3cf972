// One row of a reproduction table and the options every scenario replays with. Kept apart so each paper's
// scenario file and the aggregator share one definition.
import type { Slo } from '../strategies/types';

export interface ReproRow {
  /** 'paper': the paper's system against the paper's own baseline; 'modern': against today's strongest colocated baseline. */
  table: 'paper' | 'modern';
  scenario: string;
  metric: string;
  fleetplan: number;
  baseline: number;
  /** fleetplan's ratio in the paper's terms (e.g. throughput ×, TTFT reduction %). */
  fleetplanValue: string;
  paper: string;
  /** Whether fleetplan reproduces the paper's direction. */
  holds: boolean;
}

export const NO_SLO: Slo = { ttftP99S: 1e9, tbtP99S: 1e9 };
export const seedOpts = { slo: NO_SLO, seed: 1, abortWaitS: 300 };

/** A scenario's rows before the aggregator says which table they belong to. */
export type ScenarioRow = Omit<ReproRow, 'table'>;

export function inTable(table: ReproRow['table'], rows: ScenarioRow[]): ReproRow[] {
  return rows.map((r) => ({ ...r, table }));
}
