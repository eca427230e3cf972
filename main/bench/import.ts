// Bench: import a 1,000,000-row Azure-format CSV trace into SQLite through the app's streamed import.
// Target (issue 5): ≥ 300,000 rows/s with peak RSS ≤ 500 MB. Run in its own process so RSS is its own.
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db';
import { importTraceFile } from '../services/workload-import';

/**
 * Writes the file in slices so generating it does not count towards the import's memory. `badRow` (0-based):
 * that row's ContextTokens is "-5", a value every import refuses.
 */
export function writeSyntheticAzureCsv(file: string, rows: number, badRow = -1): void {
  const fd = openSync(file, 'w');
  let parts: string[] = ['TIMESTAMP,ContextTokens,GeneratedTokens\n'];
  const t0 = Date.UTC(2024, 4, 10, 0, 0, 0);
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < rows; i++) {
    const d = new Date(t0 + i * 3.6);
    const iso = d.toISOString(); // 2024-05-10T00:00:00.003Z
    const stamp = `${iso.slice(0, 10)} ${iso.slice(11, 23)}0000`;
    parts.push(`${stamp},${i === badRow ? -5 : 1 + Math.floor(rand() * 4000)},${1 + Math.floor(rand() * 500)}\n`);
    if (parts.length === 50_000 || i === rows - 1) {
      writeSync(fd, parts.join(''));
      parts = [];
    }
  }
  closeSync(fd);
}

export async function benchImport(rows = 1_000_000): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'fleetplan-bench-'));
  try {
    const file = join(dir, 'trace.csv');
    const g0 = performance.now();
    writeSyntheticAzureCsv(file, rows);
    const genMs = performance.now() - g0;
    const db = openDatabase(join(dir, 'bench.sqlite'));
    const t0 = performance.now();
    let readMs = 0;
    const r = await importTraceFile(db, file, {
      now: new Date().toISOString(),
      onProgress: (p) => {
        if (p.phase === 'writing' && readMs === 0) readMs = performance.now() - t0;
      },
    });
    const ms = performance.now() - t0;
    db.close();
    return {
      bench: 'import_csv_trace',
      rows: r.requests,
      file_mb: Math.round(statSync(file).size / 1e5) / 10,
      import_s: Math.round(ms) / 1000,
      rows_per_s: Math.round(r.requests / (ms / 1000)),
      read_parse_s: Math.round(readMs) / 1000,
      generate_file_s: Math.round(genMs) / 1000,
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
