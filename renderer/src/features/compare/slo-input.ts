// SLO targets as the user types them (a number and ms/s) and as the contract wants them (seconds).
import type { Slo } from '../../../../main/ipc/scenario';

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
