// Issue 14, finding 6: how fleetplan refuses. A bad model config inside a scenario file used to fail inside the
// comparison (a `failed` run stored, exit 1); a 600 MB line failed with V8's "Invalid string length"; --name took
// empty, blank and 100,000-character names the app then refused; progress and the error shared one line.
import { readFile } from 'node:fs/promises';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db';
import { listInventories } from '../../db/queries/inventories';
import { listWorkloads } from '../../db/queries/workloads';
import { main } from '../../main/cli';
import type { AppError } from '../../main/domain/errors';
import { createHandlers } from '../../main/ipc/handlers';
import { invokeHandler } from '../../main/ipc/transport';
import { buildScenario, serializeScenario } from '../../main/services/scenario-file';
import { readTraceStream } from '../../main/services/workload-import';
import { cleanupHarnesses, harness } from '../helpers/harness';
import { tempDir } from '../helpers/tmp';

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
  cleanupHarnesses();
});

function folder() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), readFile: (p) => readFile(p, 'utf8') });
  return { code, stdout, stderr };
}

/** Rows a refused command must not have left in the data folder. */
function written(dataDir: string) {
  const db = openDatabase(join(dataDir, 'fleetplan.sqlite'));
  try {
    return {
      runs: db.prepare('SELECT COUNT(*) FROM runs').pluck().get(),
      workloads: db.prepare('SELECT COUNT(*) FROM workloads WHERE builtin = 0').pluck().get(),
    };
  } finally {
    db.close();
  }
}

/** A YAML scenario with its workload embedded (so it runs in any data folder), its model config edited. */
function scenarioYaml(edit: (config: Record<string, unknown>) => void, extra: Record<string, unknown> = {}) {
  const { db } = harness();
  const w = listWorkloads(db).find((x) => x.requestCount === 3993)!;
  const s = buildScenario(db, { inventoryId: listInventories(db)[0].id, modelId: 'Qwen/Qwen2.5-7B', workloadId: w.id, slo: {}, strategies: ['colocated'], seed: 1 }, { embedWorkload: true });
  const config = { ...s.model.config };
  edit(config);
  return serializeScenario({ ...s, ...extra, model: { ...s.model, config } }, 'yaml');
}

const lineWith = (text: string, re: RegExp) => text.split('\n').findIndex((l) => re.test(l)) + 1;

describe('a bad model config inside a scenario file', () => {
  // A missing field is pointed at the config's first line (the nearest part of the path the file has).
  const cases: [string, (c: Record<string, unknown>) => void, string, RegExp, RegExp, number?][] = [
    ['a missing field', (c) => void delete c.num_hidden_layers, 'model.config.num_hidden_layers', /num_hidden_layers is missing/, /^ {2}config:/, 1],
    ['a zero', (c) => void (c.hidden_size = 0), 'model.config.hidden_size', /hidden_size must be a positive integer, got 0$/, /^ {4}hidden_size:/],
    ['a 100,000-character string', (c) => void (c.vocab_size = 'v'.repeat(100_000)), 'model.config.vocab_size', /vocab_size must be a positive integer, got "v{40}…"/, /^ {4}vocab_size:/],
    ['heads that do not divide', (c) => void (c.num_key_value_heads = 5), 'model.config.num_key_value_heads', /must be a multiple of num_key_value_heads/, /^ {4}num_key_value_heads:/],
  ];

  it.each(cases)('%s: the CLI exits 3 naming file, line and field, and stores no run', async (_what, edit, field, message, lineRe, below = 0) => {
    const dir = folder();
    const text = scenarioYaml(edit);
    const file = join(dir, 's.yaml');
    writeFileSync(file, text);
    const r = await cli(['report', '--scenario', file, '--csv', join(dir, 'out'), '--data-dir', dir]);
    expect(r.code).toBe(3);
    const msg = r.stderr.split('\n').find((l) => l.startsWith('fleetplan report:'))!;
    expect(msg).toContain(`s.yaml, line ${lineWith(text, lineRe) + below}: ${field}: `);
    expect(msg).toMatch(message);
    expect(msg.length).toBeLessThanOrEqual(300);
    expect(written(dir).runs).toBe(0);
  });

  it.each(cases)('%s: the API answers invalid_input with file, line and field, and stores no run', async (_what, edit, field, message, lineRe, below = 0) => {
    const h = harness();
    const text = scenarioYaml(edit);
    const handlers = createHandlers({ db: h.db, clock: () => new Date(0), dataDir: h.dir, appVersion: 't', jobs: h.jobs });
    const r = await invokeHandler(handlers, 'scenario.import', { fileName: 's.yaml', text }, () => {});
    expect(r).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(message), file: 's.yaml', line: lineWith(text, lineRe) + below, field } });
    if (!r.ok) expect(r.error.message.length).toBeLessThanOrEqual(300);
    expect(h.db.prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(0);
  });
});

describe('a line longer than a trace line may be', () => {
  it('a generated 600 MB line is refused as "longer than the limit" after reading only a little of it', async () => {
    const chunk = 'x'.repeat(1 << 20);
    let pulled = 0;
    async function* stream() {
      yield '{"timestamp": 0, "input_length": 10, "output_length": 5}\n{"timestamp": 1, "input_length": 10, "output_length": 5, "pad": "';
      for (; pulled < 600; pulled++) yield chunk;
      yield '"}\n';
    }
    let error: AppError | undefined;
    await readTraceStream(Readable.from(stream()), 'huge.jsonl', 600 * chunk.length).catch((e: AppError) => void (error = e));
    expect(error?.message).toBe("the line is longer than 16 MiB, the longest a trace line may be; is this a trace file?");
    expect(error?.location).toEqual({ file: 'huge.jsonl', line: 2 });
    // The refusal came as soon as the limit was passed, not at the end of the 600 MB.
    expect(pulled).toBeLessThan(20);
  });

  it('the CLI refuses a 600 MB file of one line (sparse on disk) with exit 3, on its own line after progress, keeping nothing', async () => {
    const dir = folder();
    const file = join(dir, 'one-line.csv');
    writeFileSync(file, '');
    truncateSync(file, 600 * 1024 * 1024);
    const r = await cli(['import', 'trace', file, '--data-dir', dir]);
    expect(r.code, r.stderr).toBe(3);
    const lines = r.stderr.split(/[\r\n]/);
    expect(lines).toContain('fleetplan import: one-line.csv, line 1: the line is longer than 16 MiB, the longest a trace line may be; is this a trace file?');
    expect(r.stderr).not.toMatch(/Invalid string length/);
    // Progress was shown first, and the error starts a line of its own (whichever form the progress takes).
    const at = r.stderr.indexOf('fleetplan import: one-line.csv');
    expect(r.stderr.slice(0, at)).toMatch(/%/);
    expect(r.stderr[at - 1]).toBe('\n');
    expect(written(dir).workloads).toBe(0);
  });
});

describe('refusals stay one line of at most 300 characters', () => {
  it('however long the file name (the fuzz test found a 255-character one giving 410)', async () => {
    const dir = folder();
    const name = `${'a'.repeat(240)}.csv`;
    writeFileSync(join(dir, name), `arrived_at,num_prefill_tokens,num_decode_tokens\n1,10,5\n2,${'9'.repeat(300)},5\n`);
    const r = await cli(['import', 'trace', join(dir, name), '--data-dir', dir]);
    expect(r.code).toBe(3);
    const line = r.stderr.split('\n').find((l) => l.startsWith('fleetplan import: '))!.slice('fleetplan import: '.length);
    expect(line).toMatch(/^a{39}…, line 3: num_prefill_tokens: "9{40}…" is not a positive whole number of tokens/);
    expect(line.length).toBeLessThanOrEqual(300);
  });
});

describe('--name', () => {
  const trace = 'arrived_at,num_prefill_tokens,num_decode_tokens\n0,10,5\n1,20,5\n';

  it('refuses empty, blank and over-long names by the rule workload.rename applies, keeping nothing', async () => {
    const dir = folder();
    const file = join(dir, 't.csv');
    writeFileSync(file, trace);
    const h = harness();
    const id = listWorkloads(h.db)[0].id;
    const handlers = createHandlers({ db: h.db, clock: () => new Date(0), dataDir: h.dir, appVersion: 't', jobs: h.jobs });
    for (const name of ['', '   ', '\t', 'x'.repeat(201), 'n'.repeat(100_000)]) {
      const r = await cli(['import', 'trace', file, '--name', name, '--data-dir', dir]);
      const api = await invokeHandler(handlers, 'workload.rename', { id, name }, () => {});
      expect({ name: name.slice(0, 10), code: r.code, api: api.ok ? 'accepted' : api.error.code }).toEqual({ name: name.slice(0, 10), code: 3, api: 'invalid_input' });
      expect(r.stderr).toMatch(/^fleetplan import: --name must (not be empty|be at most 200 characters)\n$/);
    }
    expect(written(dir).workloads).toBe(0);
    // What both accept, both store the same way: trimmed, up to 200 characters.
    for (const name of ['  prod, March  ', 'y'.repeat(200)]) {
      const r = await cli(['import', 'trace', file, '--name', name, '--data-dir', dir]);
      const api = await invokeHandler(handlers, 'workload.rename', { id, name }, () => {});
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).name).toBe(name.trim());
      expect(api).toMatchObject({ ok: true, value: { name: name.trim() } });
    }
  });
});

describe('progress and errors', () => {
  it('an error after report progress starts on a line of its own', async () => {
    const dir = folder();
    const file = join(dir, 's.yaml');
    writeFileSync(file, scenarioYaml(() => {}, { maxRequests: 200 }));
    const r = await cli(['report', '--scenario', file, '--pdf', join(dir, 'r.pdf'), '--chromium', join(dir, 'no-such-chromium'), '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/%\]/); // progress was shown
    const error = r.stderr.split('\n').filter((l) => l.includes('fleetplan report:'));
    expect(error.length).toBeGreaterThan(0);
    for (const l of error) expect(l).toMatch(/^fleetplan report: /);
  });
});
