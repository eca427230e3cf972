// First guesses for the column-mapping step, from the column names alone, so the common layouts need only a
// confirming Enter. The user sees and can change every guess before anything is imported.

/** The first column matching the earliest pattern, else the first column. */
export function guessColumn(columns: readonly string[], patterns: readonly RegExp[]): string {
  for (const re of patterns) {
    const hit = columns.find((c) => re.test(c));
    if (hit) return hit;
  }
  return columns[0] ?? '';
}

/** Arrival-time columns as traces name them: time, arrival, timestamp, t, ts / ts_ms. */
export const ARRIVAL_PATTERNS: readonly RegExp[] = [/time|arriv|stamp|^t$|^ts($|[_\-.])/i];

export type ArrivalUnit = 's' | 'ms' | 'datetime';

/**
 * The unit a column's name states: a `_ms`/`millis` suffix is milliseconds (`ts_ms`, `arrival_ms`), a
 * date/iso name a date-time, anything else seconds.
 */
export function unitOfColumn(column: string): ArrivalUnit {
  if (/(^|[_\-.\s])(ms|msec|millis|milliseconds)$|millis/i.test(column)) return 'ms';
  if (/date|iso|datetime/i.test(column)) return 'datetime';
  return 's';
}
