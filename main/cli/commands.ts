// The simulator's commands, kept apart from the data commands so each can grow on its own.
import type { CliCommand } from './io';
import { run as cost } from './cost';
import { run as simulate } from './simulate';

export const commands: Record<string, { run: CliCommand; summary: string }> = {
  cost: { run: cost, summary: 'iteration time and its breakdown by op class for given batches (JSON)' },
  simulate: { run: simulate, summary: 'replay a workload on N instances of one GPU type and print the metrics (JSON)' },
};
