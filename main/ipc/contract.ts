// The one contract between the renderer and the main process. Everything else is derived from this table:
// the preload bridge, the ipcMain registration, the loopback host's routes and the renderer's client.
// No electron import here: the table is loaded by tests, the CLI and the browser host.
import { z } from 'zod';
import { nameSchema } from '../domain/name-schema';
import { compareRequestSchema } from '../domain/comparison';
import { linkKindSchema, poolPricingSchema, poolSchema } from '../domain/inventory';
import { closedLoopUsersSchema, MAX_REQUEST_TOKENS, traceMappingSchema } from '../domain/workload';

export { linkKindSchema, MAX_REQUEST_TOKENS, poolPricingSchema, poolSchema, traceMappingSchema };
import type {
  AppInfo,
  CalibrationView,
  JobInfo,
  RunDetail,
  RunSummary,
  StrategyTrace,
  TracePreview,
  WorkloadStats,
  GpuType,
  ImportedInventory,
  Inventory,
  InventorySummary,
  ModelEntry,
  TextFile,
  WorkloadSummary,
} from '../domain';

/** A phantom marker carrying a channel's output type; it has no runtime value. */
function out<T>(): T {
  return undefined as unknown as T;
}

const id = z.number().int().positive();
const name = nameSchema;
export { nameSchema };
const tokenCount = z.number().int().min(1).max(MAX_REQUEST_TOKENS);
export const synthesizeSchema = z
  .object({
    name,
    requests: z.number().int().min(1).max(2_000_000, 'at most 2,000,000 requests'),
    /** Open loop only (Poisson, gamma): a closed loop's rate is whatever its users and the deployment make it. */
    ratePerS: z.number().finite().positive().max(100_000).optional(),
    arrival: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('poisson') }).strict(),
      z.object({ kind: z.literal('gamma'), cv: z.number().finite().min(0.05).max(20) }).strict(),
      /**
       * Closed loop: `users` requests in flight from the start; each completion sends that user's next request
       * after `thinkTimeS` (fixed, or exponential with that mean). The stored arrivals are all 0.
       */
      closedLoopUsersSchema.extend({
        kind: z.literal('closed-loop'),
        thinkTimeS: closedLoopUsersSchema.shape.thinkTimeS.default(0),
        think: z.enum(['fixed', 'exponential']).default('fixed'),
      }).strict(),
    ]),
    lengths: z.discriminatedUnion('kind', [
      /** (input, output) pairs drawn from a stored workload, keeping their correlation. */
      z.object({ kind: z.literal('workload'), workloadId: z.number().int().positive() }).strict(),
      z.object({ kind: z.literal('fixed'), input: tokenCount, output: tokenCount }).strict(),
      z.object({ kind: z.literal('lognormal'), inputMedian: tokenCount, outputMedian: tokenCount, sigma: z.number().finite().min(0).max(3) }).strict(),
    ]),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.arrival.kind !== 'closed-loop' && s.ratePerS === undefined) {
      ctx.addIssue({ code: 'custom', path: ['ratePerS'], message: `a ${s.arrival.kind} workload needs a rate (requests per second)` });
    }
  });

export const textFileSchema = z.object({ fileName: z.string().max(255), text: z.string().max(50_000_000) }).strict();

const empty = z.object({}).strict();

/** A user's own GPU type: datasheet numbers with their units in the field names, each checked for range. */
export const customGpuSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,62}$/, 'use lowercase letters, digits, dots and dashes (e.g. acme-x1)'),
    vendor: z.string().trim().min(1).max(60),
    name: z.string().trim().min(1).max(120),
    memoryGb: z.number().finite().min(1, 'at least 1 GB').max(4096, 'at most 4096 GB'),
    hbmBwGBps: z.number().finite().min(10, 'at least 10 GB/s').max(100_000, 'at most 100000 GB/s'),
    bf16Tflops: z.number().finite().min(1, 'at least 1 TFLOP/s').max(100_000, 'at most 100000 TFLOP/s (dense, not sparse)'),
    fp8Tflops: z.number().finite().min(1).max(200_000).nullable(),
    int8Tops: z.number().finite().min(1).max(200_000).nullable(),
    tdpW: z.number().finite().min(1, 'at least 1 W').max(5000, 'at most 5000 W'),
    interconnect: z.string().max(200).default(''),
    intraNodeBwGBps: z.number().finite().min(0.1, 'at least 0.1 GB/s').max(10_000, 'at most 10000 GB/s per direction'),
    defaultUsdPerGpuHour: z.number().finite().min(0).max(1000).nullable(),
    source: z.string().max(500).default('added by the user'),
    /** Dense FP4 peak where the part has FP4 tensor cores (optional: older callers omit it). */
    fp4Tflops: z.number().finite().min(1).max(400_000).nullable().default(null),
  })
  .strict();

const gpuTypeId = z.string().min(1).max(100);

/** Measurement files for one GPU type's calibration (formats: main/services/calibration/read.ts). */
export const calibrationImportSchema = z
  .object({
    gpuTypeId,
    files: z.array(textFileSchema).min(1, 'choose at least one measurement file').max(20, 'at most 20 files at once'),
    /** Engine profile it applies to ('' = any); absent: the one the files name, else any. */
    engine: z.string().max(40).optional(),
    /** For files that do not name the model (SGLang JSONL, some CSVs): a catalog model id. */
    model: z.string().min(1).max(200).optional(),
    tp: z.number().int().min(1).max(64).optional(),
    /** Share of the points held out of the fit to measure its error (chosen by a fixed hash of file:line). */
    holdOutFraction: z.number().finite().min(0.05).max(0.9).default(0.25),
  })
  .strict();

export const channels = {
  'app.info': { input: empty, output: out<AppInfo>() },
  'catalog.gpus': { input: empty, output: out<GpuType[]>() },
  'catalog.models': { input: empty, output: out<ModelEntry[]>() },
  /** Adds a model from a Hugging Face config.json (file contents or pasted text). */
  'catalog.addModel': {
    input: z
      .object({
        id: z.string().regex(/^[A-Za-z0-9][\w.-]*\/[\w.-]+$/, 'use the Hugging Face id form org/name, e.g. acme/MyModel-7B'),
        name: z.string().trim().min(1).max(200).optional(),
        fileName: z.string().max(255).default('config.json'),
        configText: z.string().min(2).max(1_000_000),
      })
      .strict(),
    output: out<ModelEntry>(),
  },
  'catalog.deleteModel': { input: z.object({ id: z.string().min(1).max(200) }).strict(), output: out<{ deleted: true }>() },
  'catalog.addGpu': { input: customGpuSchema, output: out<GpuType>() },
  /** Edits a user-added GPU type in place (every field but the id); shipped ones cannot be edited. */
  'catalog.updateGpu': { input: customGpuSchema, output: out<GpuType>() },
  /** Only user-added GPU types can be deleted, and only while no pool uses them. */
  'catalog.deleteGpu': { input: z.object({ id: z.string().min(1).max(100) }).strict(), output: out<{ deleted: true }>() },
  /** A GPU type's calibration records, newest first (every type's when none is named). */
  'calibration.list': { input: z.object({ gpuTypeId: gpuTypeId.optional() }).strict(), output: out<CalibrationView[]>() },
  /** Reads, fits and stores measurement files as a new record, active at once; a bad file stores nothing. */
  'calibration.import': { input: calibrationImportSchema, output: out<CalibrationView>() },
  /** Makes an older record the active one of its GPU type and engine. */
  'calibration.select': { input: z.object({ id }).strict(), output: out<CalibrationView>() },
  /** Back to the shipped calibration (or none) for every engine of a GPU type; the user's records are kept. */
  'calibration.revert': { input: z.object({ gpuTypeId }).strict(), output: out<{ active: CalibrationView | null }>() },
  'inventory.list': { input: empty, output: out<InventorySummary[]>() },
  'inventory.get': { input: z.object({ id }).strict(), output: out<Inventory>() },
  'inventory.create': {
    input: z.object({ name, pools: z.array(poolSchema).max(64).default([]) }).strict(),
    output: out<Inventory>(),
  },
  'inventory.rename': { input: z.object({ id, name }).strict(), output: out<Inventory>() },
  'inventory.delete': { input: z.object({ id }).strict(), output: out<{ deleted: true }>() },
  'inventory.setPools': {
    input: z.object({ id, pools: z.array(poolSchema).max(64) }).strict(),
    output: out<Inventory>(),
  },
  /** Serialise an inventory as a versioned JSON or YAML file's text. */
  'inventory.export': {
    input: z.object({ id, format: z.enum(['json', 'yaml']) }).strict(),
    output: out<TextFile>(),
  },
  /** Validate a file's text and store it as a new inventory; errors name the field and the line. */
  'inventory.import': { input: textFileSchema, output: out<ImportedInventory>() },
  'workload.list': { input: empty, output: out<WorkloadSummary[]>() },
  /** Recognise a file from its first lines, or list its columns for the mapping step. */
  'workload.preview': { input: z.object({ head: z.string().max(1_000_000) }).strict(), output: out<TracePreview>() },
  /** Starts an import job; poll job.status. Atomic: a bad row or a cancel keeps nothing. */
  'workload.import': {
    input: z
      .object({ fileName: z.string().min(1).max(255), text: z.string().max(200_000_000), name: name.optional(), mapping: traceMappingSchema.optional() })
      .strict(),
    output: out<JobInfo>(),
  },
  'workload.stats': { input: z.object({ id }).strict(), output: out<WorkloadStats>() },
  'workload.rename': { input: z.object({ id, name }).strict(), output: out<WorkloadSummary>() },
  'workload.delete': { input: z.object({ id }).strict(), output: out<{ deleted: true }>() },
  /** A copy of a workload with its arrival rate multiplied by `factor`. */
  'workload.rescale': {
    input: z.object({ id, factor: z.number().finite().min(0.001).max(1000), name: name.optional() }).strict(),
    output: out<WorkloadSummary>(),
  },
  /** Starts a comparison as a job (result: { runId }); poll job.status, cancel with job.cancel. */
  'compare.start': { input: compareRequestSchema, output: out<JobInfo>() },
  'run.list': { input: empty, output: out<RunSummary[]>() },
  'run.get': { input: z.object({ id }).strict(), output: out<RunDetail>() },
  /** Latency CDFs and utilization over time of one strategy's chosen deployment (replayed in a worker). */
  'run.trace': { input: z.object({ id, strategy: z.string().min(1).max(40) }).strict(), output: out<StrategyTrace | null>() },
  'run.rename': { input: z.object({ id, name }).strict(), output: out<RunSummary>() },
  'run.delete': { input: z.object({ id }).strict(), output: out<{ deleted: true }>() },
  /** A scenario file for a run's inputs (re-runnable elsewhere); the workload embedded or referenced. */
  'scenario.export': {
    input: z.object({ runId: id, format: z.enum(['json', 'yaml']), embedWorkload: z.boolean().default(false) }).strict(),
    output: out<TextFile>(),
  },
  /** Validates a scenario file and runs it as a new comparison (a job, like compare.start). */
  'scenario.import': { input: textFileSchema, output: out<JobInfo>() },
  /** A synthetic workload: Poisson or gamma arrivals at a rate, or closed-loop users; lengths from a trace or a law. */
  'workload.synthesize': { input: synthesizeSchema, output: out<WorkloadSummary>() },
  'job.status': { input: z.object({ id }).strict(), output: out<JobInfo>() },
  'job.cancel': { input: z.object({ id }).strict(), output: out<JobInfo>() },
} as const;

export type Channel = keyof typeof channels;
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends Channel> = (typeof channels)[C]['output'];

/** What the renderer calls: one async function per channel, identical over IPC and HTTP. */
export type Api = { [C in Channel]: (input: ChannelInput<C>) => Promise<ChannelOutput<C>> };

/** What the main process implements: handlers receive already-parsed input. */
export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

export const channelNames = Object.keys(channels) as Channel[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(channels, value);
}


