// Issue 14: a seeded fuzz of every file format fleetplan reads and of every API channel. Valid inputs are
// mutated (characters, lines, numbers, structure) by a seeded generator for a bounded time; each case must be
// either accepted or refused as bad input: no crash (no error other than AppError), never the `internal` code,
// a refusal naming its file within 300 characters, and nothing written to the database on refusal.
// FUZZ_SEED and FUZZ_SECONDS override the seed and the time per part; a failure names the seed and the case.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db';
import { getModel, gpuTypeIds } from '../../db/queries/catalog';
import { getInventory, listInventories } from '../../db/queries/inventories';
import { listWorkloads } from '../../db/queries/workloads';
import { AppError, describeError } from '../../main/domain/errors';
import { channelNames, MAX_REQUEST_TOKENS, type Channel, type Handlers } from '../../main/ipc/contract';
import type { ApiErrorCode } from '../../main/domain/errors';
import { createHandlers } from '../../main/ipc/handlers';
import { invokeHandler } from '../../main/ipc/transport';
import type { JobInfo } from '../../main/domain';
import { readMeasurements } from '../../main/services/calibration/read';
import type { CompareRunner } from '../../main/services/compare';
import { inProcessRunner, inProcessTrace } from '../../main/services/compare-runners';
import { parseInventoryFile, serializeInventory } from '../../main/services/inventory-file';
import { createJobRegistry } from '../../main/services/jobs';
import { parseModelConfig } from '../../main/services/model-config';
import { buildScenario, readScenarioFile, serializeScenario } from '../../main/services/scenario-file';
import { MAX_TRACE_SPAN_S, previewTrace, readTrace, type TraceColumns, type TraceMapping } from '../../main/services/traces';
import { readTraceStream } from '../../main/services/workload-import';
import { Rng } from '../../main/sim/rng';
import { cleanupHarnesses, harness } from '../helpers/harness';

const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
/** Seconds each of the two parts may run; the cases stop at this bound, so the test's time is bounded. */
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 12);

// ---------------------------------------------------------------- mutations

const CHARS = ['\0', '"', "'", ',', '\n', '\r', '\t', ' ', '{', '}', '[', ']', ':', '-', '+', '.', 'e', 'E', '9', '0', '#', '&', '*', '!', '|', '>', '%', '\\', '\uFEFF', '\uD800', 'é', '\u202E'];
const TOKENS = [
  '4294967297', '2147483648', '1e308', '-1e308', '-0', '0', 'NaN', 'Infinity', '0x10', '0b101', '+5', '1.5', '99999999999999999999999',
  '2023-02-30 10:00:00', '2023-13-45 25:61:61', 'null', 'true', '[]', '{}', '&a [1, 2]', '*a', '<<: *a', '!!binary', '---', '...', '__proto__',
  '"constructor"', '{"__proto__": {"x": 1}}', '\\u0000', 'x'.repeat(500),
];

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)];
}

/** One to four random edits of a text: characters, tokens, cut or repeated stretches, moved lines. */
function mutateText(rng: Rng, text: string): string {
  let t = text;
  for (let k = 1 + rng.int(4); k > 0; k--) {
    const at = rng.int(t.length + 1);
    const lines = t.split('\n');
    switch (rng.int(9)) {
      case 0: t = t.slice(0, at) + pick(rng, CHARS) + t.slice(at + 1); break;
      case 1: t = t.slice(0, at) + pick(rng, CHARS) + t.slice(at); break;
      case 2: t = t.slice(0, at) + pick(rng, TOKENS) + t.slice(at); break;
      case 3: t = t.slice(0, at) + t.slice(at + 1 + rng.int(40)); break;
      case 4: t = t.slice(0, at); break;
      case 5: {
        // A number in the text replaced by an extreme one.
        const nums = [...t.matchAll(/-?\d+(\.\d+)?/g)];
        if (nums.length) {
          const m = pick(rng, nums);
          t = t.slice(0, m.index) + pick(rng, TOKENS.slice(0, 13)) + t.slice(m.index + m[0].length);
        }
        break;
      }
      case 6: {
        const i = rng.int(lines.length);
        lines.splice(i, 0, lines[i]);
        t = lines.join('\n');
        break;
      }
      case 7: {
        const [i, j] = [rng.int(lines.length), rng.int(lines.length)];
        [lines[i], lines[j]] = [lines[j], lines[i]];
        t = lines.join('\n');
        break;
      }
      default: {
        const s = t.slice(at, at + 1 + rng.int(30));
        t = t.slice(0, at) + s.repeat(1 + rng.int(50)) + t.slice(at);
      }
    }
  }
  return t;
}

const VALUES: unknown[] = [
  null, true, false, 0, -1, 1, 1.5, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, NaN, Infinity, -Infinity, '', ' ', '\t', '\0', 'x'.repeat(10_000),
  '../../etc/passwd', '__proto__', 'constructor', [], [null], {}, { __proto__: { polluted: 1 } }, JSON.parse('{"__proto__": {"polluted": 1}}'),
];

/** A fresh copy of one of VALUES, so later edits never reach the table (or make a cycle through it). */
const nasty = (rng: Rng): unknown => {
  const v = pick(rng, VALUES);
  return v && typeof v === 'object' ? (Object.hasOwn(v, '__proto__') ? JSON.parse('{"__proto__": {"polluted": 1}}') : structuredClone(v)) : v;
};

/** Paths to every value inside `v` (objects and arrays), the root included. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

/** One to three structural edits of a JSON-like value: a value replaced, a key dropped or added, text mutated. */
function mutateValue(rng: Rng, value: unknown): unknown {
  let root = structuredClone(value);
  for (let k = 1 + rng.int(3); k > 0; k--) {
    const path = pick(rng, paths(root));
    const parentPath = path.slice(0, -1);
    const parent = parentPath.reduce<unknown>((o, key) => (o as Record<string | number, unknown>)[key], root) as Record<string | number, unknown> | undefined;
    const key = path[path.length - 1];
    const current = path.length === 0 ? root : parent![key];
    const replaced = (() => {
      switch (rng.int(5)) {
        case 0: return nasty(rng);
        case 1: return typeof current === 'string' ? mutateText(rng, current) : typeof current === 'number' ? String(current) : nasty(rng);
        case 2: return typeof current === 'number' ? current * pick(rng, [-1, 0, 1e9, 0.5, 2 ** 32]) + pick(rng, [0, 1, -1, 0.5]) : nasty(rng);
        case 3: return current && typeof current === 'object' ? { ...(current as object), [pick(rng, ['extra', '__proto__', 'id', 'name'])]: nasty(rng) } : nasty(rng);
        default: return undefined; // dropped
      }
    })();
    if (path.length === 0) root = replaced;
    else if (replaced === undefined && !Array.isArray(parent)) delete parent![key];
    else parent![key] = replaced;
  }
  return root;
}

// ---------------------------------------------------------------- checks

const failures: string[] = [];
const excerpt = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
  return JSON.stringify((s ?? String(v)).slice(0, 160));
};
function fail(where: string, input: unknown, problem: string) {
  if (failures.length < 40) failures.push(`${where} (seed ${SEED}): ${problem}; input ${excerpt(input)}`);
}

/** A refusal must be bad input, named by file (for file readers), in one line of at most 300 characters. */
function checkRefusal(where: string, input: unknown, e: unknown, fileName?: string) {
  if (!(e instanceof AppError)) return fail(where, input, `crashed: ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : String(e)}`);
  if (e.code === 'internal') return fail(where, input, `internal error: ${e.message.slice(0, 200)}`);
  const line = describeError(e);
  if (line.length > 300) fail(where, input, `message of ${line.length} characters: ${line.slice(0, 120)}…`);
  if (fileName !== undefined && e.location.file !== fileName) fail(where, input, `refusal does not name the file: ${line.slice(0, 200)}`);
}

/** A trace that was accepted must hold what the contract promises the simulator. */
function checkTrace(where: string, input: unknown, t: TraceColumns) {
  const n = t.arrivalS.length;
  if (t.inputTokens.length !== n || t.outputTokens.length !== n || n === 0) return fail(where, input, 'columns of different lengths or none');
  for (let i = 0; i < n; i++) {
    const ok = Number.isFinite(t.arrivalS[i]) && t.arrivalS[i] >= 0 && t.arrivalS[i] <= 2 * MAX_TRACE_SPAN_S && (i === 0 || t.arrivalS[i] >= t.arrivalS[i - 1])
      && t.inputTokens[i] >= 1 && t.inputTokens[i] <= MAX_REQUEST_TOKENS && t.outputTokens[i] >= 1 && t.outputTokens[i] <= MAX_REQUEST_TOKENS;
    if (!ok) return fail(where, input, `request ${i} out of bounds: ${t.arrivalS[i]} s, ${t.inputTokens[i]}/${t.outputTokens[i]} tokens`);
  }
}

/** Everything a refusal must leave as it was: every table's rows (the requests table by count; id counters aside). */
function fingerprint(db: Db): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('sqlite_sequence', 'workload_requests') ORDER BY name").pluck().all() as string[];
  const parts = tables.map((t) => `${t}:${JSON.stringify(db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all())}`);
  parts.push(`requests:${db.prepare('SELECT COUNT(*) FROM workload_requests').pluck().get()}`);
  return parts.join('\n');
}

const deadline = (seconds: number) => {
  const end = Date.now() + seconds * 1000;
  return () => Date.now() < end;
};

afterAll(() => cleanupHarnesses());

// ---------------------------------------------------------------- file formats

const MAPPING: TraceMapping = { arrival: { column: 'when', unit: 's' }, input: 'in', output: 'out' };

/** What a trace reader made of a text: its columns, or its refusal's line. */
function outcome(read: () => TraceColumns): unknown {
  try {
    const t = read();
    return { arrivalS: [...t.arrivalS], inputTokens: [...t.inputTokens], outputTokens: [...t.outputTokens], skipped: t.skipped, reordered: t.reordered, format: t.format };
  } catch (e) {
    return { refused: describeError(e) };
  }
}

/** `text` cut into pieces of 1 to 40 characters, as a file stream delivers it (lines straddle chunks). */
async function* chunked(rng: Rng, text: string) {
  for (let i = 0; i < text.length;) {
    const n = 1 + rng.int(40);
    yield text.slice(i, i + n);
    i += n;
  }
}

describe('seeded fuzz of every file format reader', () => {
  let readers: { name: string; seeds: string[]; read: (text: string) => unknown; file: string; trace?: boolean; mapping?: TraceMapping }[];

  beforeAll(() => {
    const { db, call } = harness();
    const traceSeeds: Record<string, string> = {
      'azure.csv': 'TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,4808,10\n2023-11-16 18:17:04.0319600,3180,8\n2023-11-16 18:17:05.0319600,"110",27\n',
      'burstgpt.csv': 'Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n1,GPT-4,10,5,15,Conversation log\n2,ChatGPT,20,0,20,API log\n3.5,GPT-4,30,6,36,API log\n',
      'splitwise.csv': 'arrival_timestamp,prompt_size,token_size\n0.1,10,5\n0.2,20,6\n',
      'vidur.csv': 'arrived_at,num_prefill_tokens,num_decode_tokens\n1,10,5\n2,20,5\n',
      'lengths.csv': 'num_prefill_tokens,num_decode_tokens\n10,5\n20,6\n',
      'mooncake.jsonl': '{"timestamp": 0, "input_length": 10, "output_length": 5, "hash_ids": [1, 2]}\n{"timestamp": 27, "input_length": 700, "output_length": 9, "hash_ids": [1, 3]}\n',
    };
    const inventory = listInventories(db)[0];
    const model = JSON.stringify(getModel(db, 'Qwen/Qwen2.5-7B')!.config);
    const ids = gpuTypeIds(db);
    const calibration = join('test', 'fixtures', 'calibration');
    readers = [
      ...Object.entries(traceSeeds).map(([file, text]) => ({ name: `trace ${file}`, seeds: [text], file, read: (t: string) => readTrace(t, file), trace: true })),
      { name: 'trace with a column mapping', seeds: ['when,in,out\n1,10,5\n2,20,6\n'], file: 'custom.csv', read: (t: string) => readTrace(t, 'custom.csv', MAPPING), trace: true, mapping: MAPPING },
      { name: 'trace preview', seeds: Object.values(traceSeeds), file: '', read: (t: string) => previewTrace(t) },
      { name: 'model config', seeds: [JSON.stringify(JSON.parse(model), null, 2)], file: 'config.json', read: (t: string) => parseModelConfig('acme/M', t, 'config.json') },
      ...readdirFixtures(calibration).map((f) => ({ name: `calibration ${f}`, seeds: [readFileSync(join(calibration, f), 'utf8')], file: f, read: (t: string) => readMeasurements(t, f) })),
    ];
    // Inventory and scenario files as the app exports them, in both formats.
    return (async () => {
      const inv = await call('inventory.get', { id: inventory.id });
      for (const format of ['json', 'yaml'] as const) {
        const file = `fleet.${format}`;
        readers.push({ name: `inventory ${format}`, seeds: [serializeInventory(inv, format)], file, read: (t: string) => parseInventoryFile(t, file, ids) });
      }
      const small = await call('workload.synthesize', { name: 'fuzz', requests: 12, ratePerS: 4, arrival: { kind: 'poisson' }, lengths: { kind: 'fixed', input: 100, output: 10 }, seed: 3 });
      const req = { inventoryId: inventory.id, modelId: 'Qwen/Qwen2.5-7B', workloadId: small.id, slo: { ttftP99S: 2 }, strategies: ['colocated' as const], seed: 1 };
      for (const format of ['json', 'yaml'] as const) {
        const file = `s.${format}`;
        readers.push({ name: `scenario ${format}`, seeds: [serializeScenario(buildScenario(db, req, { embedWorkload: true }), format)], file, read: (t: string) => readScenarioFile(db, t, file) });
      }
      const byRef = serializeScenario(buildScenario(db, req), 'yaml');
      readers.push({ name: 'scenario yaml by reference', seeds: [byRef], file: 'r.yaml', read: (t: string) => readScenarioFile(db, t, 'r.yaml') });
    })();
  });

  it('accepts or refuses as bad input, naming the file, and never crashes; a streamed trace reads as one in memory', async () => {
    failures.length = 0;
    const rng = new Rng(SEED);
    const going = deadline(SECONDS);
    const counts = new Map<string, number>();
    for (let round = 0; going(); round++) {
      for (const r of readers) {
        // Every seed as it is first: a reader that refuses its own valid file is a failure too.
        const text = round === 0 ? r.seeds[0] : mutateText(rng, pick(rng, r.seeds));
        const where = `${r.name} case ${round}`;
        try {
          const out = r.read(text);
          if (r.trace) checkTrace(where, text, out as TraceColumns);
        } catch (e) {
          if (round === 0) fail(where, text, `refused the unmutated file: ${e instanceof Error ? e.message.slice(0, 200) : String(e)}`);
          else checkRefusal(where, text, e, r.file || undefined);
        }
        if (r.trace) {
          // The import streams files in chunks: the same text must give the same columns or the same refusal.
          let streamed: TraceColumns | undefined;
          let refusal: unknown;
          await readTraceStream(chunked(rng, text), r.file, text.length, { mapping: r.mapping }).then((t) => void (streamed = t), (e: unknown) => void (refusal = e));
          const inMemory = outcome(() => readTrace(text, r.file, r.mapping));
          const fromStream = outcome(() => {
            if (!streamed) throw refusal;
            return streamed;
          });
          if (JSON.stringify(fromStream) !== JSON.stringify(inMemory)) fail(where, text, `streamed ${excerpt(fromStream)} but in memory ${excerpt(inMemory)}`);
        }
        counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
      }
    }
    if (process.env.FUZZ_DEBUG) console.log(JSON.stringify([...counts]));
    // Every reader was fuzzed, not just listed.
    expect([...counts.values()].every((n) => n >= 20), JSON.stringify([...counts])).toBe(true);
    expect(failures).toEqual([]);
  }, (SECONDS + 30) * 1000);
});

function readdirFixtures(dir: string): string[] {
  return ['vllm-result.json', 'vllm-append.json', 'sglang-bench.jsonl', 'profile_export_aiperf.json', 'profile_export_genai_perf.json', 'measure-iteration.csv', 'plain.csv']
    .filter((f) => readFileSync(join(dir, f), 'utf8').length > 0);
}

// ---------------------------------------------------------------- API channels

/**
 * A comparison that waits until it is cancelled: the fuzz is about what the channels refuse before a
 * comparison starts; one that starts is cancelled at once (the search itself has its own tests).
 */
const parked: CompareRunner = (_input, _progress, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('cancelled')), { once: true }));

describe('seeded fuzz of every API channel', () => {
  let db: Db;
  let handlers: Handlers;
  let jobs: ReturnType<typeof createJobRegistry>;
  /** A valid input per channel, by name (a few name channels main has gained since; unused where absent). */
  let seeds: Record<string, unknown>;

  beforeAll(async () => {
    const h = harness({ compareRunner: inProcessRunner, traceRunner: inProcessTrace });
    db = h.db;
    const inventory = listInventories(db)[0];
    const workload = listWorkloads(db).find((w) => w.requestCount === 3993)!;
    // A finished run, for the run.* and scenario.* channels (a small real comparison).
    const started = await h.call('compare.start', { inventoryId: inventory.id, modelId: 'Qwen/Qwen2.5-7B', workloadId: workload.id, slo: {}, strategies: ['colocated'], seed: 1, maxRequests: 40 });
    const end = await h.jobs.settled(started.id);
    expect(end.status, JSON.stringify(end.error)).toBe('done');
    const runId = (end.result as { runId: number }).runId;
    const scenario = await h.call('scenario.export', { runId, format: 'yaml', embedWorkload: false });
    const inventoryFile = await h.call('inventory.export', { id: inventory.id, format: 'yaml' });
    // Throwaway rows for the channels that delete.
    const spareInventory = await h.call('inventory.create', { name: 'spare', pools: [] });
    const spareWorkload = await h.call('workload.rescale', { id: workload.id, factor: 2, name: 'spare' });
    jobs = createJobRegistry();
    handlers = createHandlers({ db, clock: () => new Date(0), dataDir: h.dir, appVersion: 't', jobs, compareRunner: parked, traceRunner: inProcessTrace });
    const pool = getInventory(db, inventory.id)!.pools[0];
    const config = JSON.stringify(getModel(db, 'Qwen/Qwen2.5-7B')!.config);
    const gpu = { id: 'acme-x1', vendor: 'Acme', name: 'X1', memoryGb: 96, hbmBwGBps: 4000, bf16Tflops: 900, fp8Tflops: 1800, int8Tops: null, tdpW: 700, intraNodeBwGBps: 450, defaultUsdPerGpuHour: 2 };
    seeds = {
      'app.info': {}, 'catalog.gpus': {}, 'catalog.models': {}, 'inventory.list': {}, 'workload.list': {}, 'run.list': {},
      'catalog.addModel': { id: 'acme/Fuzz-7B', fileName: 'config.json', configText: config },
      'catalog.deleteModel': { id: 'acme/Fuzz-7B' },
      'catalog.addGpu': gpu,
      'catalog.deleteGpu': { id: 'acme-x1' },
      'inventory.get': { id: inventory.id },
      'inventory.create': { name: 'fuzzed', pools: [pool] },
      'inventory.rename': { id: inventory.id, name: 'renamed' },
      'inventory.delete': { id: spareInventory.id },
      'inventory.setPools': { id: inventory.id, pools: [pool] },
      'inventory.export': { id: inventory.id, format: 'json' },
      'inventory.import': { fileName: inventoryFile.fileName, text: inventoryFile.text },
      'workload.preview': { head: 'arrived_at,num_prefill_tokens,num_decode_tokens\n1,10,5\n2,20,5\n' },
      'workload.import': { fileName: 't.csv', text: 'arrived_at,num_prefill_tokens,num_decode_tokens\n1,10,5\n2,20,5\n', name: 'imported' },
      'workload.stats': { id: workload.id },
      'workload.rename': { id: workload.id, name: 'renamed' },
      'workload.delete': { id: spareWorkload.id },
      'workload.rescale': { id: workload.id, factor: 2 },
      'workload.synthesize': { name: 'synth', requests: 50, ratePerS: 5, arrival: { kind: 'gamma', cv: 2 }, lengths: { kind: 'lognormal', inputMedian: 100, outputMedian: 10, sigma: 1 }, seed: 1 },
      'compare.start': { inventoryId: inventory.id, modelId: 'Qwen/Qwen2.5-7B', workloadId: workload.id, slo: { ttftP99S: 2 }, strategies: ['colocated', 'disaggregated'], seed: 1, maxRequests: 40 },
      'run.get': { id: runId },
      'run.trace': { id: runId, strategy: 'colocated' },
      'run.rename': { id: runId, name: 'renamed' },
      'run.delete': { id: runId + 1000 },
      'scenario.export': { runId, format: 'json', embedWorkload: true },
      'scenario.import': { fileName: scenario.fileName, text: scenario.text },
      'job.status': { id: started.id },
      'job.cancel': { id: started.id },
      'catalog.updateGpu': gpu,
      'calibration.list': { gpuTypeId: 'nvidia-h100-sxm' },
      'calibration.import': { gpuTypeId: 'nvidia-h100-sxm', files: [{ fileName: 'plain.csv', text: readFileSync('test/fixtures/calibration/plain.csv', 'utf8') }], holdOutFraction: 0.25 },
      'calibration.select': { id: 1 },
      'calibration.revert': { gpuTypeId: 'nvidia-h100-sxm' },
    };
  }, 120_000);

  it('every channel has a seed input', async () => {
    expect(channelNames.filter((c) => !(c in seeds))).toEqual([]);
  });

  it('accepts or refuses as bad input, never internal, and a refusal writes nothing', async () => {
    failures.length = 0;
    const rng = new Rng(SEED + 1);
    const going = deadline(SECONDS);
    const counts = new Map<Channel, number>();
    // The database as the last accepted call left it. Reading every row takes ~100 ms, so it is read again only
    // when this connection's change counter moved (a refusal whose writes were rolled back moves it too).
    const baseline = {
      changes: -1,
      rows: '',
      take() {
        const c = db.prepare('SELECT total_changes()').pluck().get() as number;
        if (c !== this.changes) [this.changes, this.rows] = [c, fingerprint(db)];
      },
    };
    baseline.take();
    const unchanged = () => db.prepare('SELECT total_changes()').pluck().get() === baseline.changes || fingerprint(db) === baseline.rows;
    // run.trace replays a deployment (tens of ms): it is fuzzed a fifth as often as the others.
    const order = channelNames.filter((c) => c !== 'run.trace');
    for (let round = 0; going(); round++) {
      for (const channel of round % 5 === 0 ? [...order, 'run.trace' as const] : order) {
        const input = mutateValue(rng, seeds[channel]);
        const where = `${channel} case ${round}`;
        const r = await invokeHandler(handlers, channel, input, () => {});
        counts.set(channel, (counts.get(channel) ?? 0) + 1);
        if (!r.ok) {
          checkRefusal(where, input, new AppError(r.error.code, r.error.message, r.error));
          if (!unchanged()) fail(where, input, `refused (${r.error.code}: ${r.error.message.slice(0, 100)}) but the database changed`);
          baseline.take();
          continue;
        }
        // A job: a comparison is cancelled at once; an import runs to its end. A job that fails is a refusal.
        const job = r.value as Partial<JobInfo>;
        if ((channel === 'workload.import' || channel === 'compare.start' || channel === 'scenario.import') && typeof job.id === 'number') {
          if (channel !== 'workload.import') jobs.cancel(job.id);
          const end = await jobs.settled(job.id);
          if (end.status === 'failed') {
            checkRefusal(`${where} (job)`, input, new AppError(end.error!.code as ApiErrorCode, end.error!.message, end.error!));
            if (channel === 'workload.import' && !unchanged()) fail(where, input, 'the import failed but the database changed');
          }
        }
        baseline.take();
      }
    }
    if (process.env.FUZZ_DEBUG) console.log(JSON.stringify([...counts]));
    expect(counts.size).toBe(channelNames.length);
    expect([...counts.values()].every((n) => n >= 3), JSON.stringify([...counts])).toBe(true);
    expect(failures).toEqual([]);
  }, (SECONDS + 60) * 1000);
});
