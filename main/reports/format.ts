// The one number formatter of reports: the CSVs and the PDF print the same strings, so a figure read off
// the PDF can be found verbatim in the CSV. Fixed decimals per column, no thousands separators (CSV readers
// would split on them), '.' as the decimal mark whatever the locale, and an empty cell for "no value".
// Renderer-safe: no Node imports.

export function fixed(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const s = value.toFixed(digits);
  // -0.000 reads as a sign error in a review; a value that rounds to zero is zero.
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

/** Counters of any scale (the strategies' extra figures): whole numbers as they are, others to ~4 significant digits. */
export function adaptive(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return String(value);
  const a = Math.abs(value);
  return fixed(value, a >= 100 ? 1 : a >= 1 ? 3 : a >= 0.01 ? 4 : 6);
}

export function yesNo(v: boolean): string {
  return v ? 'yes' : 'no';
}

/** The way an empty cell reads on paper. */
export function orDash(s: string): string {
  return s === '' ? '—' : s;
}
