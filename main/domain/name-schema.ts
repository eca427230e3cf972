// The zod form of the name rule (names.ts), shared by the contract and the compare request's schema.
import { z } from 'zod';
import { nameProblem } from './names';

/** A name the user gives (inventory, workload, run, scenario), trimmed; the CLI's --name and the files use it. */
export const nameSchema = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const problem = nameProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
