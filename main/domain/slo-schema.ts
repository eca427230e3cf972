// The zod form of an SLO (slo.ts): every field of SLO_FIELDS, and no other (`satisfies` checks both).
import { z } from 'zod';
import type { SloField } from './slo';

const seconds = z.number().finite().positive().max(3600);

export const sloSchema = z
  .object({
    ttftP99S: seconds.optional(),
    ttftP50S: seconds.optional(),
    tbtP99S: seconds.optional(),
    tbtP50S: seconds.optional(),
    e2eP99S: seconds.optional(),
  } satisfies Record<SloField, z.ZodOptional<typeof seconds>>)
  .strict();
