// Parses a channel's raw input with its zod schema; failures become AppErrors naming the field.
import { z } from 'zod';
import { channels, type Channel, type ParsedInput } from './contract';
import { invalid } from '../errors';

export function formatZodPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

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
