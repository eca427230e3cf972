// The command table: every `fleetplan <command>`, in the order the top-level usage lists them. The usage, the
// shell completion and the test that README's command line section names every command and flag all read it.
import type { Command } from './command';
import { command as calibrate } from './calibrate';
import { command as compare } from './compare';
import { completionCommand } from './completion';
import { command as cost } from './cost';
import { command as importFile } from './import';
import { command as report } from './report';
import { command as reproduce } from './reproduce';
import { command as simulate } from './simulate';
import { command as validate } from './validate';

export const commands: readonly Command[] = [
  compare, simulate, cost, validate, reproduce, report, importFile, calibrate, completionCommand(() => commands),
];
