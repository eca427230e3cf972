// Parses a channel's raw input with its zod schema; failures become AppErrors naming the field.
import { z } from 'zod';
import { channels, type Channel, type ParsedInput } from './contract';
import { invalid } from '../domain/errors';

import { formatZodPath } from '../domain/zod-path';

export function zodToAppError(err: z.ZodError, context = 'input') {
  const issue = err.issues[0];
  const field = issue ? formatZodPath(issue.path) : undefined;
  const message = issue ? issue.message : `invalid ${context}`;
  return invalid(message, { field: field || undefined });
}

export function parseChannelInput<C extends Channel>(channel: C, raw: unknown): ParsedInput<C> {
  const result = channels[channel].input.safeParse(raw ?? {});
  if (!result.success) throw zodToAppError(result.error, channel);
  return result.data as ParsedInput<C>;
}
