import { describe, expect, it } from 'vitest';
import { customGpuSchema } from '../../../main/ipc/contract';
import { EMPTY_GPU, NUMERIC_FIELDS, toAddGpuInput, validateGpu, type GpuDraft } from '../../../renderer/src/features/gpus/gpu-form';

const good: GpuDraft = {
  ...EMPTY_GPU, id: 'acme-x1', vendor: 'Acme', name: 'Acme X1', memoryGb: 96, hbmBwGBps: 4000, bf16Tflops: 800, tdpW: 700, intraNodeBwGBps: 300,
};

describe('validateGpu', () => {
  it('accepts a complete draft, and the contract accepts what it sends', () => {
    expect(validateGpu(good, new Set())).toEqual({});
    const parsed = customGpuSchema.safeParse(toAddGpuInput(good));
    expect(parsed.success).toBe(true);
    expect(toAddGpuInput(good)).toMatchObject({ fp8Tflops: null, int8Tops: null, defaultUsdPerGpuHour: null });
  });

  it('names every missing required field and leaves optional ones alone', () => {
    const issues = validateGpu(EMPTY_GPU, new Set());
    const required = NUMERIC_FIELDS.filter((f) => !f.optional).map((f) => f.key);
    expect(Object.keys(issues).sort()).toEqual(['id', 'name', 'vendor', ...required].sort());
  });

  it('uses the same ranges as the contract', () => {
    for (const f of NUMERIC_FIELDS) {
      for (const v of [f.min, f.max, f.min - 0.5, f.max + 1]) {
        const draft = { ...good, [f.key]: v };
        const mine = validateGpu(draft, new Set())[f.key] === undefined;
        const theirs = customGpuSchema.safeParse(toAddGpuInput(draft)).success;
        expect(mine, `${f.key}=${v}`).toBe(theirs);
      }
    }
  });

  it('refuses a taken or badly formed id', () => {
    expect(validateGpu(good, new Set(['acme-x1'])).id).toMatch(/exists/);
    expect(validateGpu({ ...good, id: 'Acme X1' }, new Set()).id).toBeDefined();
  });
});
