// The custom GPU form's fields, units and ranges (mirroring the contract's customGpuSchema), so every
// problem is marked beside its field before the host is asked. Pure, unit-tested.
import type { GpuType } from '../../../../main/domain';

export interface GpuDraft {
  id: string;
  vendor: string;
  name: string;
  memoryGb: number;
  hbmBwGBps: number;
  bf16Tflops: number;
  fp8Tflops: number;
  int8Tops: number;
  fp4Tflops: number;
  tdpW: number;
  interconnect: string;
  intraNodeBwGBps: number;
  defaultUsdPerGpuHour: number;
}

export type NumericKey = 'memoryGb' | 'hbmBwGBps' | 'bf16Tflops' | 'fp8Tflops' | 'int8Tops' | 'fp4Tflops' | 'tdpW' | 'intraNodeBwGBps' | 'defaultUsdPerGpuHour';

export interface NumericField {
  key: NumericKey;
  label: string;
  unit: string;
  min: number;
  max: number;
  /** Blank means "not supported / unknown" (sent as null). */
  optional?: boolean;
  hint: string;
}

export const NUMERIC_FIELDS: NumericField[] = [
  { key: 'memoryGb', label: 'Memory', unit: 'GB', min: 1, max: 4096, hint: 'device memory, decimal GB' },
  { key: 'hbmBwGBps', label: 'Memory bandwidth', unit: 'GB/s', min: 10, max: 100_000, hint: 'peak HBM/GDDR bandwidth' },
  { key: 'bf16Tflops', label: 'BF16', unit: 'TFLOP/s', min: 1, max: 100_000, hint: 'dense tensor throughput, no sparsity' },
  { key: 'fp8Tflops', label: 'FP8', unit: 'TFLOP/s', min: 1, max: 200_000, optional: true, hint: 'dense; leave blank if unsupported' },
  { key: 'int8Tops', label: 'INT8', unit: 'TOPS', min: 1, max: 200_000, optional: true, hint: 'dense; leave blank if unsupported' },
  { key: 'fp4Tflops', label: 'FP4', unit: 'TFLOP/s', min: 1, max: 400_000, optional: true, hint: 'dense NVFP4/MXFP4; leave blank if unsupported' },
  { key: 'tdpW', label: 'Board power', unit: 'W', min: 1, max: 5000, hint: 'TDP, used for energy per token' },
  { key: 'intraNodeBwGBps', label: 'Intra-node link', unit: 'GB/s', min: 0.1, max: 10_000, hint: 'per GPU per direction (NVLink, PCIe, ...)' },
  { key: 'defaultUsdPerGpuHour', label: 'Price', unit: '$/GPU-h', min: 0, max: 1000, optional: true, hint: 'default on-demand price; blank if unknown' },
];

export const EMPTY_GPU: GpuDraft = {
  id: '', vendor: '', name: '', memoryGb: Number.NaN, hbmBwGBps: Number.NaN, bf16Tflops: Number.NaN, fp8Tflops: Number.NaN,
  int8Tops: Number.NaN, fp4Tflops: Number.NaN, tdpW: Number.NaN, interconnect: '', intraNodeBwGBps: Number.NaN, defaultUsdPerGpuHour: Number.NaN,
};

export const ID_RULE = /^[a-z0-9][a-z0-9.-]{1,62}$/;

/** Field -> message for everything wrong with the draft; empty when it can be sent. */
export function validateGpu(d: GpuDraft, takenIds: ReadonlySet<string>): Record<string, string> {
  const issues: Record<string, string> = {};
  if (!ID_RULE.test(d.id)) issues.id = 'lowercase letters, digits, dots and dashes, 2–63 characters (e.g. acme-x1)';
  else if (takenIds.has(d.id)) issues.id = 'a GPU type with this id exists';
  if (d.vendor.trim() === '') issues.vendor = 'name the vendor';
  if (d.name.trim() === '') issues.name = 'name the GPU';
  for (const f of NUMERIC_FIELDS) {
    const v = d[f.key];
    if (Number.isNaN(v)) {
      if (!f.optional) issues[f.key] = `enter a number in ${f.unit}`;
    } else if (!(v >= f.min && v <= f.max)) issues[f.key] = `from ${f.min} to ${f.max} ${f.unit}`;
  }
  return issues;
}

/** The draft as catalog.addGpu's (and catalog.updateGpu's) input: optional blanks become null. */
export function toAddGpuInput(d: GpuDraft, source = 'added by the user') {
  const opt = (v: number) => (Number.isNaN(v) ? null : v);
  return {
    id: d.id, vendor: d.vendor.trim(), name: d.name.trim(), memoryGb: d.memoryGb, hbmBwGBps: d.hbmBwGBps, bf16Tflops: d.bf16Tflops,
    fp8Tflops: opt(d.fp8Tflops), int8Tops: opt(d.int8Tops), fp4Tflops: opt(d.fp4Tflops), tdpW: d.tdpW, interconnect: d.interconnect.trim(),
    intraNodeBwGBps: d.intraNodeBwGBps, defaultUsdPerGpuHour: opt(d.defaultUsdPerGpuHour), source,
  };
}

/** A stored GPU type as a draft to edit: nulls become blanks. */
export function draftOf(g: GpuType): GpuDraft {
  const blank = (v: number | null | undefined) => (v === null || v === undefined ? Number.NaN : v);
  return {
    id: g.id, vendor: g.vendor, name: g.name, memoryGb: g.memoryGb, hbmBwGBps: g.hbmBwGBps, bf16Tflops: g.bf16Tflops,
    fp8Tflops: blank(g.fp8Tflops), int8Tops: blank(g.int8Tops), fp4Tflops: blank(g.fp4Tflops), tdpW: g.tdpW, interconnect: g.interconnect,
    intraNodeBwGBps: g.intraNodeBwGBps, defaultUsdPerGpuHour: blank(g.defaultUsdPerGpuHour),
  };
}
