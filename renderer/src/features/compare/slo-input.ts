// SLO targets as the user types them (a number and ms/s) and as the contract wants them (seconds).
import type { Slo } from '../../../../main/domain/comparison';

export type TimeUnit = 'ms' | 's';

export interface SloDraft {
  ttftP99: { value: string; unit: TimeUnit };
  tbtP99: { value: string; unit: TimeUnit };
}

export const DEFAULT_SLO: SloDraft = { ttftP99: { value: '2', unit: 's' }, tbtP99: { value: '100', unit: 'ms' } };

/** Seconds, or an error message naming the field; blank means "not enforced". */
export function sloFromDraft(d: SloDraft): { slo: Slo } | { field: 'ttftP99' | 'tbtP99'; message: string } {
  const slo: Slo = {};
  for (const [field, key] of [['ttftP99', 'ttftP99S'], ['tbtP99', 'tbtP99S']] as const) {
    const text = d[field].value.trim();
    if (text === '') continue;
    const n = Number(text);
    const s = n * (d[field].unit === 'ms' ? 0.001 : 1);
    if (!Number.isFinite(n) || !(s > 0) || s > 3600) return { field, message: 'a time above 0 and at most 3600 s' };
    slo[key] = s;
  }
  return { slo };
}

/**
 * What a number field keeps of what was typed or pasted: digits, and one decimal point where decimals make
 * sense; so "abc" never sits in a field that the form would refuse later.
 */
export function numericText(typed: string, decimal: boolean): string {
  const kept = typed.replace(decimal ? /[^\d.]/g : /\D/g, '');
  if (!decimal) return kept;
  const dot = kept.indexOf('.');
  return dot < 0 ? kept : kept.slice(0, dot + 1) + kept.slice(dot + 1).replace(/\./g, '');
}

/** The form's fields as the planner reads them in a message (never "ttftP99" or "maxRequests"). */
export const FIELD_LABELS: Record<string, string> = {
  ttftP99: 'TTFT P99 target', tbtP99: 'TBT P99 target', strategies: 'Strategies', seed: 'Seed', maxRequests: 'Max requests',
  pins: 'Pinned deployments',
};
