// Number formatting with explicit units; every figure on screen goes through here so units never drift.

const nf = (digits: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

export function fmtNumber(n: number | null | undefined, digits = 2): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return nf(digits).format(n);
}

/** "$12.34"; amounts from $1000 up lose their cents. */
export function fmtUsd(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const digits = Math.abs(n) >= 1000 ? 0 : 2;
  return `$${new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n)}`;
}

/** Memory in decimal units, as datasheets give it: 640 GB, 1.54 TB. */
export function fmtGb(gb: number): string {
  if (!Number.isFinite(gb)) return '—';
  return gb >= 1000 ? `${fmtNumber(gb / 1000, 2)} TB` : `${fmtNumber(gb, 0)} GB`;
}

export function fmtDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (v: number) => String(v).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmtNumber(n, 0)} ${n === 1 ? one : many}`;
}
