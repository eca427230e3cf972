// Issue 14, finding 1: any number of fleetplan processes on one data folder. For a bounded time the browser
// host (over loopback), two app-services processes and a stream of CLIs import, compare and delete on one
// folder, and some CLI imports are killed with SIGKILL mid-write. Afterwards every stored workload must hold
// exactly the rows of its file, no id may have been handed out twice, the orphans of killed imports must be
// gone, and SQLite must find the file sound. Before migration 0003 a CLI start deleted the host's import in
// flight and its id was reused (the host then reported the CLI's workload, with rows of both).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db';
import { bundleEntries, bundleEnv, repo } from '../helpers/bundle';

const SECONDS = Number(process.env.FLEETPLAN_STRESS_SECONDS ?? 25);

let base: string;
let bin: Record<string, string>;
const files: Record<string, string> = {};
const ROWS = [150_000, 30_000, 2_000];

/** A Mooncake-format trace of n requests, named for its row count (how the checks know what it holds). */
function traceFile(dir: string, n: number, bad = false): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`{"timestamp": ${i * 10}, "input_length": ${100 + (i % 50)}, "output_length": ${5 + (i % 7)}}`);
  if (bad) lines.push('{"timestamp": 1, "input_length": 0, "output_length": 5}');
  const file = join(dir, `${bad ? 'bad' : 'rows'}-${n}.jsonl`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'fleetplan-stress-'));
  bin = await bundleEntries(base, { cli: 'main/cli.ts', serve: 'main/serve.ts', services: 'test/helpers/services-driver.ts' });
  for (const n of ROWS) files[`rows-${n}`] = traceFile(base, n);
  files['bad-5000'] = traceFile(base, 5000, true);
}, 60_000);

afterAll(() => rmSync(base, { recursive: true, force: true }));

interface Outcome {
  event: string;
  via: string;
  file?: string;
  id?: number | null;
  status?: string;
  error?: { code?: string; message?: string } | string | null;
}

function run(args: string[], opts: { killAfterMs?: number } = {}): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin.cli, ...args], { cwd: repo, env: bundleEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  if (opts.killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs);
  return new Promise((r) => child.on('exit', (code, signal) => r({ code, signal, stdout, stderr })));
}

function startHost(dataDir: string): Promise<{ child: ChildProcess; url: string; token: string }> {
  const child = spawn(process.execPath, [bin.serve, '--port', '0', '--data-dir', dataDir], { cwd: repo, env: bundleEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c) => (err += c));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /serving on (http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)/.exec(out);
      if (m) resolve({ child, url: m[1], token: m[2] });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (c) => r(c))));

describe('one data folder, many fleetplan processes', () => {
  it(`imports, compares and deletes for ${SECONDS} s and loses nothing`, async () => {
    const dataDir = join(base, 'data');
    const outcomes: Outcome[] = [];
    const end = Date.now() + SECONDS * 1000;
    const names = Object.keys(files);
    let seed = 14;
    const pick = <T>(xs: readonly T[]) => xs[((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) >>> 16) % xs.length];

    const host = await startHost(dataDir);
    const api = async (channel: string, body: object) => {
      const res = await fetch(`${host.url}/api/${channel}`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'x-fleetplan-token': host.token }, body: JSON.stringify(body),
      });
      return (await res.json()) as { result?: Record<string, unknown> & { id: number }; error?: { code: string; message: string } };
    };
    const hostLoop = async () => {
      while (Date.now() < end) {
        const name = pick(names);
        const started = await api('workload.import', { fileName: `${name}.jsonl`, text: readFileSync(files[name], 'utf8') });
        let info = started.result!;
        while (info.status === 'running') {
          await new Promise((r) => setTimeout(r, 50));
          info = (await api('job.status', { id: info.id })).result!;
        }
        const result = info.result as { workloadId?: number } | null;
        outcomes.push({ event: 'import', via: 'host', file: `${name}.jsonl`, id: result?.workloadId ?? null, status: info.status as string, error: info.error as Outcome['error'] });
        const mine = ((await api('workload.list', {})).result as unknown as { id: number; attribution: string | null }[]).filter((w) => w.attribution === null);
        if (mine.length > 3) {
          const id = pick(mine).id;
          const del = await api('workload.delete', { id });
          outcomes.push({ event: del.error ? 'delete-missed' : 'delete', via: 'host', id, error: del.error?.message ?? null });
        }
      }
    };
    const cliLoop = async () => {
      let k = 0;
      while (Date.now() < end) {
        k++;
        if (k % 4 === 0) {
          // Killed mid-write: leaves an 'importing' row whose owner is gone, for the next start to clear.
          const r = await run(['import', 'trace', files['rows-150000'], '--data-dir', dataDir], { killAfterMs: 900 });
          outcomes.push({ event: r.signal ? 'killed' : 'import', via: 'cli', file: 'rows-150000.jsonl', id: r.code === 0 ? JSON.parse(r.stdout).workloadId : null, status: r.code === 0 ? 'done' : 'failed', error: r.stderr });
        } else if (k % 4 === 2) {
          // Workload 1 is a sample, which no loop deletes; the services processes compare on imported ones.
          const r = await run(['compare', '--inventory', 'sample', '--model', 'meta-llama/Llama-3.1-8B', '--workload', '1', '--data-dir', dataDir,
            '--strategies', 'colocated', '--max-requests', '200', '--json']);
          outcomes.push({ event: 'compare', via: 'cli', status: r.code === 0 ? 'done' : 'failed', error: r.code === 0 ? null : r.stderr });
        } else {
          const name = pick(names);
          const r = await run(['import', 'trace', files[name], '--data-dir', dataDir]);
          const id = r.code === 0 ? (JSON.parse(r.stdout) as { workloadId: number }).workloadId : null;
          outcomes.push({ event: 'import', via: 'cli', file: `${name}.jsonl`, id, status: r.code === 0 ? 'done' : 'failed', error: r.code === 0 ? null : r.stderr });
        }
      }
    };
    const services = [1, 2].map((s) => {
      const child = spawn(process.execPath, [bin.services, dataDir, String(SECONDS), String(s), ...Object.values(files)], { cwd: repo, env: bundleEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (err += c));
      return { child, out: () => out, err: () => err };
    });

    await Promise.all([hostLoop(), cliLoop(), ...services.map((s) => exited(s.child))]);
    host.child.kill('SIGTERM');
    expect(await exited(host.child)).toBe(0);
    for (const s of services) {
      expect(s.child.exitCode, s.err()).toBe(0);
      for (const line of s.out().split('\n').filter(Boolean)) outcomes.push(JSON.parse(line) as Outcome);
    }

    // Every process has exited: the next start clears what the killed ones left.
    const before = openDatabase(join(dataDir, 'fleetplan.sqlite'));
    const orphans = before.prepare("SELECT COUNT(*) FROM workloads WHERE status = 'importing'").pluck().get();
    before.close();
    const { openAppDatabase } = await import('../../main/services/seed');
    const { assetsDir } = await import('../../main/paths');
    openAppDatabase(dataDir, assetsDir()).close();
    const db = openDatabase(join(dataDir, 'fleetplan.sqlite'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.prepare("SELECT COUNT(*) FROM workloads WHERE status = 'importing'").pluck().get()).toBe(0);
      // Samples were added once, whoever started first.
      expect(db.prepare('SELECT COUNT(*) FROM workloads WHERE builtin = 1').pluck().get()).toBe(4);
      expect(db.prepare("SELECT COUNT(*) FROM inventories WHERE name = 'Sample mixed fleet'").pluck().get()).toBe(1);

      const stored = db
        .prepare(`SELECT w.id, w.source_name AS file, w.request_count AS count, COUNT(r.seq) AS rows, MAX(r.seq) AS last
          FROM workloads w LEFT JOIN workload_requests r ON r.workload_id = w.id WHERE w.builtin = 0 GROUP BY w.id`)
        .all() as { id: number; file: string; count: number; rows: number; last: number }[];
      for (const w of stored) {
        const expected = Number(/^rows-(\d+)\.jsonl$/.exec(w.file)?.[1]);
        expect({ id: w.id, file: w.file, count: w.count, rows: w.rows, last: w.last }).toEqual({ id: w.id, file: w.file, count: expected, rows: expected, last: expected - 1 });
      }
      const imported = outcomes.filter((o) => o.event === 'import' && o.status === 'done');
      const ids = imported.map((o) => o.id);
      expect(new Set(ids).size, 'an id handed out twice').toBe(ids.length);
      const deleted = new Set(outcomes.filter((o) => o.event === 'delete').map((o) => o.id));
      const storedIds = new Set(stored.map((w) => w.id));
      for (const o of imported) {
        expect(storedIds.has(o.id!) || deleted.has(o.id!), `${o.via} import ${o.id} of ${o.file} vanished`).toBe(true);
        expect(stored.find((w) => w.id === o.id)?.file ?? o.file).toBe(o.file);
      }
      for (const w of stored) expect(ids, `workload ${w.id} came from no import`).toContain(w.id);
      // The only refusals: the bad file, naming its line.
      const failed = outcomes.filter((o) => (o.event === 'import' || o.event === 'compare') && o.status !== 'done');
      for (const o of failed) {
        expect(o.file ?? '', JSON.stringify(o)).toMatch(/^bad-/);
        expect(JSON.stringify(o.error)).toMatch(/line\D{0,3}5001/);
      }
      const count = (event: string, via?: string) => outcomes.filter((o) => o.event === event && (!via || o.via === via) && (event !== 'import' || o.status === 'done')).length;
      // It was a real contest: every kind of process got work done.
      expect({ host: count('import', 'host') > 0, cli: count('import', 'cli') > 0, services: count('import', 'services') > 0 }).toEqual({ host: true, cli: true, services: true });
      expect({ killed: count('killed') > 0, deleted: count('delete') > 0, compared: count('compare') > 0 }).toEqual({ killed: true, deleted: true, compared: true });
      console.log(`stress: ${JSON.stringify({ imports: imported.length, refused: failed.length, killed: count('killed'), deleted: count('delete'), compared: count('compare'), stored: stored.length, orphansCleared: orphans })}`);
    } finally {
      db.close();
    }
  }, SECONDS * 1000 + 120_000);
});
