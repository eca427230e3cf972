// Latency objectives: the one schema and type of an SLO (the scenario file, the CLI's --slo, the Compare
// form, every stored run), and the order every output lists them in.
import { z } from 'zod';

const seconds = z.number().finite().positive().max(3600);

/** Latency targets in seconds; each one given is enforced (meetsSlo, goodput), an absent one is not. */
export const sloSchema = z
  .object({
    ttftP99S: seconds.optional(),
    ttftP50S: seconds.optional(),
    tbtP99S: seconds.optional(),
    tbtP50S: seconds.optional(),
    e2eP99S: seconds.optional(),
  })
  .strict();
export type Slo = z.infer<typeof sloSchema>;

export const SLO_FIELDS = ['ttftP50S', 'ttftP99S', 'tbtP50S', 'tbtP99S', 'e2eP99S'] as const;
