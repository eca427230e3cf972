// The simulator's commands, kept apart from the data commands so each can grow on its own.
import type { CliCommand } from './io';
import { command as cost } from './cost';
import { command as simulate } from './simulate';
import { command as compare } from './compare';
import { command as validate } from './validate';

export const commands: Record<string, { run: CliCommand; summary: string }> = {
  cost,
  compare,
  simulate,
  validate,
};
