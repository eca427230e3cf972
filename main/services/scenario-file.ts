// Scenario files: the whole comparison question (inventory, model, workload, SLOs, strategies, seed) in
// one versioned JSON/YAML document a colleague can re-run. The inventory and the model's config are
// embedded; the workload is embedded or referenced by a checksum of its requests, so a re-run either uses
// exactly the same requests or refuses to run.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../db';
import { getModel, gpuTypeIds } from '../../db/queries/catalog';
import { getInventory } from '../../db/queries/inventories';
import { getWorkloadSummary, listWorkloads } from '../../db/queries/workloads';
import { readWorkloadColumns, type WorkloadColumns } from './workload-columns';
import { AppError, invalid, notFound } from '../domain/errors';
import { MAX_REQUEST_TOKENS } from '../domain/workload';
import {
  compareRequestSchema, engineChoiceSchema, pinProblems, pinsSchema, sloSchema, strategyEngineProblems, strategyEnginesSchema, strategyIdSchema,
  type Slo, type StrategyId,
} from '../domain/comparison';
import type { EngineChoice } from '../sim/engine-names';
import type { DeploymentPin } from '../sim/search/types';
import type { ModelEntry, Pool } from '../domain';
import { modelFromConfig } from '../sim/model';
import { sloText } from '../reports/recommendation';
import { checkGpuIds, inventoryBodySchema } from './inventory-file';
import { MAX_TRACE_SPAN_S } from './traces';
import { nameSchema } from '../domain/name-schema';
import { parseVersionedFile, safeFileName, serializeVersionedFile, type FileFormat } from './structured-file';

export const SCENARIO_FORMAT = 'fleetplan.scenario';
export const SCENARIO_FILE_VERSION = 1;

type Columns = WorkloadColumns;

const tokens = z.array(z.number().int().min(1).max(MAX_REQUEST_TOKENS)).max(10_000_000);
/** A closed-loop workload's users (absent for open-loop traces, so older files read as before). */
const closedLoopSchema = z
  .object({
    users: z.number().int().min(1).max(100_000),
    thinkTimeS: z.number().finite().min(0).max(3600),
    think: z.enum(['fixed', 'exponential']).default('fixed'),
  })
  .strict();
const workloadSchema = z.union([
  z.object({ name: nameSchema, requests: z.number().int().positive(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  z
    .object({
      name: nameSchema,
      embedded: z
        .object({ arrivalS: z.array(z.number().finite().min(0).max(MAX_TRACE_SPAN_S)), inputTokens: tokens, outputTokens: tokens, closedLoop: closedLoopSchema.optional() })
        .strict(),
    })
    .strict()
    .superRefine((w, ctx) => {
      // The search prunes on arrival order: unsorted arrivals made it drop every deployment without a word.
      const a = w.embedded.arrivalS;
      const back = a.findIndex((t, i) => i > 0 && t < a[i - 1]);
      if (back > 0) {
        ctx.addIssue({ code: 'custom', path: ['embedded', 'arrivalS', back], message: `${a[back]} s comes before the ${a[back - 1]} s above it; arrivals must be in time order` });
      }
    })
    .refine((w) => w.embedded.arrivalS.length === w.embedded.inputTokens.length && w.embedded.inputTokens.length === w.embedded.outputTokens.length, {
      message: 'arrivalS, inputTokens and outputTokens must have the same length',
      path: ['embedded'],
    }),
]);

const scenarioSchema = z
  .object({
    format: z.literal(SCENARIO_FORMAT),
    version: z.number().int().positive(),
    name: nameSchema,
    inventory: inventoryBodySchema,
    model: z.object({ id: z.string().min(1).max(200), config: z.record(z.string(), z.unknown()) }).strict(),
    workload: workloadSchema,
    slo: sloSchema,
    strategies: z.array(strategyIdSchema).min(1),
    seed: z.number().int().min(0),
    maxRequests: z.number().int().positive().optional(),
    /** Deployments kept fixed instead of searched (absent in files written before pins). */
    pins: pinsSchema.optional(),
    /** The serving-engine profile (absent in files written before engines: 'default', the figures they had). */
    engine: engineChoiceSchema.optional(),
    strategyEngines: strategyEnginesSchema.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    for (const p of pinProblems(s.pins ?? [], s.strategies)) ctx.addIssue({ code: 'custom', ...p });
    for (const p of strategyEngineProblems(s.strategyEngines ?? {}, s.strategies)) ctx.addIssue({ code: 'custom', ...p });
  });

export type ScenarioFile = z.output<typeof scenarioSchema>;

/** A scenario with everything resolved: what a comparison runs on. */
export interface ResolvedScenario {
  name: string;
  inventoryName: string;
  inventoryNotes: string;
  pools: Pool[];
  model: ModelEntry;
  workloadName: string;
  workload: Columns;
  slo: Slo;
  strategies: StrategyId[];
  seed: number;
  maxRequests?: number;
  pins?: DeploymentPin[];
  engine?: EngineChoice;
  strategyEngines?: Partial<Record<StrategyId, EngineChoice>>;
  /** Where a scenario read from a file came from, so later checks (pins) can point at its lines. */
  source?: { fileName: string; lineOf: (path: readonly PropertyKey[]) => number | undefined };
}

/**
 * The requests' bytes, and for a closed loop its users too (so a reference finds only the same closed loop;
 * open-loop checksums are unchanged from files written before closed loops existed).
 */
export function workloadChecksum(w: Columns): string {
  const h = createHash('sha256');
  for (const a of [w.arrivalS, w.inputTokens, w.outputTokens]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  if (w.closedLoop) h.update(`closed-loop ${w.closedLoop.users} ${w.closedLoop.thinkTimeS} ${w.closedLoop.think ?? 'fixed'}`);
  return h.digest('hex');
}

/** The embedded form of a workload's requests (and its closed loop, when it has one). */
function embedded(c: Columns) {
  return {
    arrivalS: [...c.arrivalS], inputTokens: [...c.inputTokens], outputTokens: [...c.outputTokens],
    ...(c.closedLoop ? { closedLoop: { users: c.closedLoop.users, thinkTimeS: c.closedLoop.thinkTimeS, think: c.closedLoop.think ?? 'fixed' } } : {}),
  };
}

export function findWorkloadByChecksum(db: Db, requests: number, sha256: string): Columns | undefined {
  return listWorkloads(db)
    .filter((w) => w.requestCount === requests)
    .map((w) => readWorkloadColumns(db, w.id)!)
    .find((c) => workloadChecksum(c) === sha256);
}

/** A stored run's scenario with its workload embedded (so it runs where the trace was never imported). */
export function embedWorkload(db: Db, s: ScenarioFile): ScenarioFile {
  if ('embedded' in s.workload) return s;
  const c = findWorkloadByChecksum(db, s.workload.requests, s.workload.sha256);
  if (!c) throw notFound(`The workload "${s.workload.name}" this run used is no longer in the database; export it by reference instead.`);
  return { ...s, workload: { name: s.workload.name, embedded: embedded(c) } };
}

export function buildScenario(db: Db, request: z.input<typeof compareRequestSchema>, opts: { embedWorkload?: boolean } = {}): ScenarioFile {
  const r = resolveRequest(db, request);
  const w = r.workload;
  return {
    format: SCENARIO_FORMAT,
    version: SCENARIO_FILE_VERSION,
    name: r.name,
    inventory: { name: r.inventoryName, notes: r.inventoryNotes, pools: r.pools },
    model: { id: r.model.id, config: r.model.config },
    workload: opts.embedWorkload
      ? { name: r.workloadName, embedded: embedded(w) }
      : { name: r.workloadName, requests: w.arrivalS.length, sha256: workloadChecksum(w) },
    slo: r.slo,
    strategies: r.strategies,
    seed: r.seed,
    ...(r.maxRequests ? { maxRequests: r.maxRequests } : {}),
    ...(r.pins && r.pins.length > 0 ? { pins: r.pins } : {}),
    ...engineFields(r),
  };
}

/** The engine fields as a file or run keeps them: left out when they say 'default' (older files read the same). */
export function engineFields(r: Pick<ResolvedScenario, 'engine' | 'strategyEngines'>): Pick<ResolvedScenario, 'engine' | 'strategyEngines'> {
  const per = Object.entries(r.strategyEngines ?? {}).filter(([, e]) => e !== undefined && e !== (r.engine ?? 'default'));
  return {
    ...(r.engine && r.engine !== 'default' ? { engine: r.engine } : {}),
    ...(per.length > 0 ? { strategyEngines: Object.fromEntries(per) } : {}),
  };
}

export function serializeScenario(s: ScenarioFile, format: FileFormat): string {
  return serializeVersionedFile(s as unknown as Record<string, unknown>, format, `fleetplan scenario file (schema version ${SCENARIO_FILE_VERSION})`);
}

export function scenarioFileName(s: ScenarioFile, format: FileFormat): string {
  return safeFileName(s.name, 'scenario', format);
}

/** Parses a scenario file and resolves it against the database: GPU ids must exist, a referenced workload must match. */
export function readScenarioFile(db: Db, text: string, fileName: string): ResolvedScenario & { file: ScenarioFile } {
  const { data, lineOf } = parseVersionedFile(text, fileName, { kind: SCENARIO_FORMAT, maxVersion: SCENARIO_FILE_VERSION, schema: scenarioSchema });
  checkGpuIds(data.inventory.pools as Pool[], gpuTypeIds(db), fileName, lineOf, ['inventory']);
  checkModelConfig(data.model, fileName, lineOf);
  let workload: Columns;
  if ('embedded' in data.workload) {
    const e = data.workload.embedded;
    workload = { arrivalS: Float64Array.from(e.arrivalS), inputTokens: Int32Array.from(e.inputTokens), outputTokens: Int32Array.from(e.outputTokens) };
    if (e.closedLoop) workload.closedLoop = e.closedLoop;
  } else {
    const ref = data.workload;
    const match = findWorkloadByChecksum(db, ref.requests, ref.sha256);
    if (!match) {
      throw invalid(`no workload here has exactly the requests of "${ref.name}" (${ref.requests} requests, sha256 ${ref.sha256.slice(0, 12)}…); import that trace first, or export the scenario with the workload embedded`, {
        file: fileName, field: 'workload.sha256', line: lineOf(['workload', 'sha256']),
      });
    }
    workload = match;
  }
  return {
    name: data.name,
    inventoryName: data.inventory.name,
    inventoryNotes: data.inventory.notes ?? '',
    pools: data.inventory.pools as Pool[],
    model: { id: data.model.id, name: data.model.id, builtin: false, config: data.model.config },
    workloadName: data.workload.name,
    workload,
    slo: data.slo,
    strategies: data.strategies,
    seed: data.seed,
    maxRequests: data.maxRequests,
    pins: data.pins,
    ...engineFields(data),
    source: { fileName, lineOf },
    file: data,
  };
}

/**
 * The embedded config must describe a model the simulator can build, checked here so a bad one is refused
 * as bad input before any run is stored (it used to fail inside the comparison, leaving a failed run).
 */
function checkModelConfig(model: ScenarioFile['model'], fileName: string, lineOf: (path: readonly PropertyKey[]) => number | undefined): void {
  try {
    modelFromConfig(model.id, model.config);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const path = e.location.field ? ['model', 'config', e.location.field] : ['model', 'config'];
    throw invalid(e.message, { file: fileName, line: lineOf(path), field: path.join('.') });
  }
}

/** A run named from its inputs, so History tells runs apart: "Llama 3.1 8B · Sample fleet · Azure code · TTFT P99 ≤ 2 s and TBT P99 ≤ 100 ms". */
export function runName(model: string, inventory: string, workload: string, slo: Slo): string {
  const name = `${model} · ${inventory} · ${workload} · ${sloText(slo)}`;
  // A scenario file's name is at most 200 characters: the run must export as a file that imports again.
  return name.length <= 200 ? name : `${name.slice(0, 199)}…`;
}

/** The same resolution for a request made in the app (ids in this database). */
export function resolveRequest(db: Db, request: z.input<typeof compareRequestSchema>): ResolvedScenario {
  const req = compareRequestSchema.parse(request);
  const inv = getInventory(db, req.inventoryId);
  if (!inv) throw notFound(`Inventory ${req.inventoryId} does not exist.`);
  const model = getModel(db, req.modelId);
  if (!model) throw notFound(`Model "${req.modelId}" is not in the catalog.`);
  const summary = getWorkloadSummary(db, req.workloadId);
  const workload = summary && readWorkloadColumns(db, req.workloadId);
  if (!summary || !workload) throw notFound(`Workload ${req.workloadId} does not exist.`);
  return {
    name: req.name ?? runName(model.name, inv.name, summary.name, req.slo),
    inventoryName: inv.name, inventoryNotes: inv.notes, pools: inv.pools, model, workloadName: summary.name, workload, slo: req.slo, strategies: req.strategies,
    seed: req.seed, maxRequests: req.maxRequests, pins: req.pins, ...engineFields(req),
  };
}
