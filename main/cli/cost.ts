// `fleetplan cost`: the cost model by hand. For each case (a batch of prefill chunks with prior context and
// decodes with context) prints the iteration time and its breakdown by op class as JSON.
import { AppError, describeError, invalid } from '../domain/errors';
import { createInstanceCostModel } from '../sim/costmodel';
import { gpuSpecFromCatalog } from '../sim/hardware';
import { modelFromConfig } from '../sim/model';
import { OP_CLASSES, type BatchAggregate, type Dtype } from '../sim/types';
import { defineCommand, type Parsed } from './command';
import { EXIT, type CliIo } from './io';
import { loadGpu, loadModel, parseJson, storedCalibrations } from './catalog-args';
import { calibratedEfficiency } from '../sim/search/provider';
import { ENGINE_CHOICES, type EngineChoice } from '../sim/engine-names';

const USAGE = `usage: fleetplan cost --gpu <catalog id | spec.json> --model <hf id | config.json> [--tp N] [--pp N]
                     [--dtype bf16|fp16|fp8|int8] [--kv-dtype ...] [--gpus-per-node N] [--engine E] [--data-dir DIR] --cases cases.json
The GPU type's selected calibration in the data folder (--data-dir, else the app's; --engine picks the engine's
record) applies, as in compare, and is named in the output ("datasheet only" where none does).
cases.json: [{ "name": "...", "prefill": [{ "tokens": 512, "prior": 0 }], "decode": [{ "context": 2048, "count": 32 }] }, ...]`;

const DTYPES: readonly Dtype[] = ['bf16', 'fp16', 'fp8', 'int8'];

function positiveInt(v: string | undefined, field: string, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw invalid(`must be a positive integer, got "${v}"`, { field: `--${field}` });
  return n;
}

function num(v: unknown, file: string, field: string, dflt?: number): number {
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw invalid(`must be a non-negative number, got ${JSON.stringify(v)}`, { file, field });
  return v;
}

/** One case -> the engine's running sums (the same ones the engine keeps). */
export function caseAggregate(c: unknown, file: string, at: string): BatchAggregate {
  if (!c || typeof c !== 'object') throw invalid('each case must be an object', { file, field: at });
  const o = c as Record<string, unknown>;
  const agg: BatchAggregate = { prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: 0, decodeKvTokens: 0 };
  const prefill = o.prefill ?? [];
  if (!Array.isArray(prefill)) throw invalid('must be an array of { tokens, prior }', { file, field: `${at}.prefill` });
  prefill.forEach((p, i) => {
    const f = `${at}.prefill[${i}]`;
    const q = (p ?? {}) as Record<string, unknown>;
    const tokens = num(q.tokens, file, `${f}.tokens`);
    const prior = num(q.prior, file, `${f}.prior`, 0);
    if (tokens < 1) throw invalid('must be at least 1', { file, field: `${f}.tokens` });
    agg.prefillSeqs += 1;
    agg.prefillTokens += tokens;
    agg.prefillAttnPairs += tokens * (prior + (tokens + 1) / 2);
    agg.prefillKvTokens += prior + tokens;
  });
  const decode = o.decode ?? [];
  if (!Array.isArray(decode)) throw invalid('must be an array of { context, count }', { file, field: `${at}.decode` });
  decode.forEach((d, i) => {
    const f = `${at}.decode[${i}]`;
    const q = (d ?? {}) as Record<string, unknown>;
    const context = num(q.context, file, `${f}.context`);
    const count = num(q.count, file, `${f}.count`, 1);
    agg.decodeSeqs += count;
    agg.decodeKvTokens += count * context;
  });
  return agg;
}

const OPTIONS = {
  gpu: { type: 'string' }, model: { type: 'string' }, tp: { type: 'string' }, pp: { type: 'string' }, dtype: { type: 'string' },
  'kv-dtype': { type: 'string' }, 'gpus-per-node': { type: 'string' }, cases: { type: 'string' },
  engine: { type: 'string' }, 'data-dir': { type: 'string' },
} as const;

export const command = defineCommand(
  { name: 'cost', summary: 'iteration time and its breakdown by op class for given batches (JSON)', usage: USAGE, options: OPTIONS },
  cost,
);
export const run = command.run;

async function cost({ flags }: Parsed<typeof OPTIONS>, io: CliIo): Promise<number> {
  if (!flags.gpu || !flags.model || !flags.cases) {
    io.stderr(`${USAGE}\n`);
    return EXIT.usage;
  }
  try {
    const dtype = flags.dtype as Dtype | undefined;
    const kvDtype = flags['kv-dtype'] as Dtype | undefined;
    for (const [name, v] of [['dtype', dtype], ['kv-dtype', kvDtype]] as const) {
      if (v !== undefined && !DTYPES.includes(v)) throw invalid(`must be one of ${DTYPES.join(', ')}`, { field: `--${name}` });
    }
    const tp = positiveInt(flags.tp, 'tp', 1);
    const pp = positiveInt(flags.pp, 'pp', 1);
    const gpusPerNode = positiveInt(flags['gpus-per-node'], 'gpus-per-node', 8);
    const gpuType = await loadGpu(flags.gpu, io);
    const m = await loadModel(flags.model, io);
    const model = modelFromConfig(m.id, m.config, { source: m.source, weightDtype: dtype, kvDtype });
    const engine = flags.engine as EngineChoice | undefined;
    if (engine !== undefined && !ENGINE_CHOICES.includes(engine)) throw invalid(`must be one of ${ENGINE_CHOICES.join(', ')}`, { field: '--engine' });
    // The data folder's selected calibration of this GPU type, as compare's runs apply it.
    const [calibration] = storedCalibrations([gpuType.id], flags['data-dir'], engine);
    const gpu = { ...gpuSpecFromCatalog(gpuType), eff: calibratedEfficiency(gpuType.id, [calibration]) };
    const cm = createInstanceCostModel(gpu, model, { tp, pp, gpusPerNode, dtype, kvDtype });
    const casesFile = flags.cases;
    const raw = parseJson(await io.readFile(casesFile), casesFile);
    const list = Array.isArray(raw) ? raw : (raw as { cases?: unknown }).cases;
    if (!Array.isArray(list)) throw invalid('must be an array of cases (or { "cases": [...] })', { file: casesFile });
    const cases = list.map((c, i) => {
      const agg = caseAggregate(c, casesFile, `[${i}]`);
      const cost = cm.iterationCost(agg);
      const breakdownMs: Record<string, number> = {};
      for (const op of OP_CLASSES) breakdownMs[op] = round(cost.breakdown[op] * 1e3);
      const name = (c as { name?: unknown }).name;
      return { name: typeof name === 'string' ? name : `case ${i + 1}`, batch: agg, iterationMs: round(cost.total * 1e3), breakdownMs };
    });
    const out = {
      gpu: gpu.id, calibration: calibration.label, model: model.id, tp, pp, dtype: dtype ?? model.weightDtype, kvDtype: kvDtype ?? model.kvDtype,
      kvCapacityTokens: cm.kvCapacityTokens, kvBytesPerToken: cm.kvBytesPerToken,
      memoryGbPerGpu: { weights: round(cm.memory.weightBytesPerGpu / 1e9), activations: round(cm.memory.activationBytesPerGpu / 1e9), reserve: round(cm.memory.reserveBytesPerGpu / 1e9), kv: round(cm.memory.kvBytesPerGpu / 1e9) },
      cases,
    };
    io.stdout(JSON.stringify(out, null, 2) + '\n');
    return EXIT.ok;
  } catch (e) {
    io.stderr(`fleetplan cost: ${describeError(e)}\n`);
    return e instanceof AppError ? EXIT.badInput : EXIT.failed;
  }
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
