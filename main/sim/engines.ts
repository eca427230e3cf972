// Serving-engine profiles: how vLLM, SGLang and TensorRT-LLM schedule by default, as versioned data under
// assets/engines/ (one file per engine and version range, every parameter with the source file or document it
// was read in). engineScheduler turns a profile and a GPU into the scheduler settings of an instance. The
// files are bundled (main/sim reads no files) and checked against the schema on first use.
import { z } from 'zod';
import sglangFile from '../../assets/engines/sglang-0.4-0.5.json';
import trtllmFile from '../../assets/engines/trtllm-0.20-1.1.json';
import vllmV0File from '../../assets/engines/vllm-v0-0.2-0.4.json';
import vllmV1File from '../../assets/engines/vllm-v1-0.10-0.12.json';
import { invalid } from '../domain/errors';
import { formatZodPath } from '../domain/zod-path';
import { DEFAULT_EFFICIENCY } from './efficiency';
import { ENGINE_IDS, type EngineId } from './engine-names';
import type { SchedulerConfig } from './scheduler-config';

export { ENGINE_IDS, type EngineId } from './engine-names';

const source = z.string().min(10, 'every parameter needs its source');
const count = z.number().int().min(1);
const byGpu = z
  .object({
    byGpu: z.array(z.object({ memoryGbAtLeast: z.number().min(0), nameExcludes: z.string().optional(), value: count }).strict()).default([]),
    otherwise: count,
    source,
  })
  .strict();
const fixed = z.object({ value: count, source }).strict();
const perGpu = z.union([byGpu, fixed]);
const flag = z.object({ value: z.boolean(), source }).strict();

const profileSchema = z
  .object({
    id: z.enum(ENGINE_IDS),
    name: z.string().min(1),
    versions: z.string().min(1),
    tokenBudget: perGpu,
    maxRunning: perGpu,
    chunkSize: z.object({ value: count.nullable(), source }).strict(),
    kvAllocation: z.object({ value: z.enum(['chunk', 'prompt']), source }).strict(),
    watermark: z.object({ value: z.number().min(0).max(0.5), source }).strict(),
    decodesWaitForPrefill: flag,
    padPrompts: flag,
    cudaGraphs: z
      .object({ padding: z.enum(['none', 'decode', 'tokens']), sizes: z.array(count), source })
      .strict()
      .refine((g) => g.sizes.every((v, i) => i === 0 || v > g.sizes[i - 1]), { message: 'sizes must ascend', path: ['sizes'] })
      .refine((g) => g.padding === 'none' || g.sizes.length > 0, { message: 'padding needs sizes', path: ['sizes'] }),
    preemption: z.object({ value: z.string(), source }).strict(),
    prefixCaching: flag,
    kvMemory: z.object({ fraction: z.number().gt(0).max(1), of: z.string(), source }).strict(),
    blockTokens: fixed,
    host: z.object({ iterationS: z.number().min(0).max(0.1), perSeqS: z.number().min(0).max(0.01), overlap: z.boolean(), source }).strict(),
    admissionReservation: z
      .object({
        scheduleConservativeness: z.number().min(0), initNewTokenRatio: z.number().min(0).max(1), minNewTokenRatioFactor: z.number().min(0).max(1),
        decaySteps: z.number().min(1), modelled: z.boolean(), source,
      })
      .strict()
      .optional(),
  })
  .strict();

export type EngineProfile = z.infer<typeof profileSchema>;

/** Checks one profile (parsed JSON); a bad one is refused with its file and field named. */
export function checkEngineProfile(data: unknown, file: string): EngineProfile {
  const parsed = profileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(issue.message, { file, field: formatZodPath(issue.path) });
  }
  return parsed.data;
}

/** Parses the text of one profile file. */
export function parseEngineProfile(text: string, file: string): EngineProfile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw invalid(`not valid JSON: ${(e as Error).message}`, { file });
  }
  return checkEngineProfile(data, file);
}

const SHIPPED: [string, unknown][] = [
  ['vllm-v1-0.10-0.12.json', vllmV1File], ['vllm-v0-0.2-0.4.json', vllmV0File], ['sglang-0.4-0.5.json', sglangFile], ['trtllm-0.20-1.1.json', trtllmFile],
];
let shipped: Map<EngineId, EngineProfile> | null = null;

/** The shipped profile of an engine (assets/engines). */
export function engineProfile(id: EngineId): EngineProfile {
  if (shipped === null) {
    const m = new Map<EngineId, EngineProfile>();
    for (const [file, data] of SHIPPED) {
      const p = checkEngineProfile(data, file);
      if (m.has(p.id)) throw invalid(`a second profile for ${p.id}`, { file, field: 'id' });
      m.set(p.id, p);
    }
    shipped = m;
  }
  const p = shipped.get(id);
  if (!p) throw invalid(`unknown engine "${String(id)}"; one of ${ENGINE_IDS.join(', ')}`, { field: 'engine' });
  return p;
}

export function isEngineId(v: unknown): v is EngineId {
  return typeof v === 'string' && (ENGINE_IDS as readonly string[]).includes(v);
}

/** What an engine's defaults depend on: the GPU's name (or catalog id) and memory. */
export interface EngineGpu {
  name: string;
  memoryGb: number;
}

function valueFor(p: z.infer<typeof perGpu>, gpu: EngineGpu): number {
  if ('value' in p) return p.value;
  const name = gpu.name.toLowerCase();
  // vLLM and SGLang compare GiB / MiB of the device; a catalog's "80 GB" H100 is 79.6 GiB, above 70.
  const rule = p.byGpu.find((r) => gpu.memoryGb >= r.memoryGbAtLeast && !(r.nameExcludes && name.includes(r.nameExcludes.toLowerCase())));
  return rule ? rule.value : p.otherwise;
}

/**
 * The scheduler settings of an instance on `gpu` under an engine's defaults. Host cost enters as the
 * difference to the cost model's own assumed host step; an engine that overlaps host and GPU work drops it.
 */
export function engineScheduler(profile: EngineProfile, gpu: EngineGpu): Partial<SchedulerConfig> {
  const tokenBudget = valueFor(profile.tokenBudget, gpu);
  const maxRunning = Math.min(valueFor(profile.maxRunning, gpu), tokenBudget);
  const h = profile.host;
  return {
    tokenBudget,
    chunkSize: profile.chunkSize.value ?? tokenBudget,
    maxRunning,
    kvAllocation: profile.kvAllocation.value,
    watermark: profile.watermark.value,
    decodesWaitForPrefill: profile.decodesWaitForPrefill.value,
    padPrompts: profile.padPrompts.value,
    graphPadding: profile.cudaGraphs.padding,
    graphSizes: profile.cudaGraphs.sizes,
    hostExtraS: (h.overlap ? 0 : h.iterationS) - DEFAULT_EFFICIENCY.hostIterationS,
    hostExtraPerSeqS: (h.overlap ? 0 : h.perSeqS) - DEFAULT_EFFICIENCY.hostPerSeqS,
    prefixCaching: profile.prefixCaching.value,
  };
}
