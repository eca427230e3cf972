// Bench: peak memory while refusing a large bad trace. An Azure-format CSV of about BENCH_REFUSE_MB megabytes
// (default 600) whose row 99% of the way down has a negative token count goes through the CLI's import
// (importTraceFile, streamed); it must be refused naming that line, with nothing stored. Issue 14's bound: peak
// memory of a refused file ≤ 2× its size plus a constant. Run in its own process so RSS is its own.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db';
import { listWorkloads } from '../../db/queries/workloads';
import { describeError } from '../domain/errors';
import { importTraceFile } from '../services/workload-import';
import { writeSyntheticAzureCsv } from './import';

// A generated row ("2024-05-10 00:00:00.0036000,1234,123\n") is 37-38 bytes.
const BYTES_PER_ROW = 37.5;

export async function benchRefuseLarge(mb = Number(process.env.BENCH_REFUSE_MB ?? 600)): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'fleetplan-bench-'));
  try {
    const file = join(dir, 'bad-trace.csv');
    const rows = Math.round((mb * 1e6) / BYTES_PER_ROW);
    const bad = Math.floor(rows * 0.99);
    writeSyntheticAzureCsv(file, rows, bad);
    const bytes = statSync(file).size;
    const rssBefore = process.resourceUsage().maxRSS / 1024;
    const db = openDatabase(join(dir, 'bench.sqlite'));
    const t0 = performance.now();
    let refusal = 'accepted';
    try {
      await importTraceFile(db, file, { now: new Date().toISOString() });
    } catch (e) {
      refusal = describeError(e);
    }
    const ms = performance.now() - t0;
    const stored = listWorkloads(db).length;
    db.close();
    const peak = process.resourceUsage().maxRSS / 1024;
    return {
      bench: 'refuse_large_trace',
      file_mb: Math.round(bytes / 1e5) / 10,
      rows,
      bad_line: bad + 2, // 1-based, after the header
      refused_s: Math.round(ms) / 1000,
      refusal: refusal.slice(0, 200),
      workloads_stored: stored,
      peak_rss_mb: Math.round(peak),
      // Generating the file streams it in 50,000-row slices: what the process held before the import began.
      rss_before_import_mb: Math.round(rssBefore),
      import_growth_mb: Math.round(peak - rssBefore),
      peak_over_file_size: Math.round((peak / (bytes / 2 ** 20)) * 100) / 100,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
