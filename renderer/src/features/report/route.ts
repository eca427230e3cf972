// The report's route: #/report/<runId> (the printers open the host's or the app's URL with this hash).
export function reportRunIdFromHash(hash: string): number | null {
  const m = /^#\/?report\/(\d+)\/?$/.exec(hash);
  const id = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export function reportHash(runId: number): string {
  return `#/report/${runId}`;
}
