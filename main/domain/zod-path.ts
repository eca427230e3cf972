// A zod issue's path as error messages name a field: pools[2].intraNode.bandwidthGBps.
export function formatZodPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}
