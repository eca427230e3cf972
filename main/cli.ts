// `fleetplan <command> …`: the headless entry, for scripts and CI. Each command is a module with run(args, io).
import { readFile } from 'node:fs/promises';
import { AppError, describeError } from './errors';
import { EXIT, type CliCommand, type CliIo } from './cli/io';
import { run as calibrateCommand } from './cli/calibrate';
import { run as importCommand } from './cli/import';
import { run as reportCommand } from './cli/report';
import { commands as simCommands } from './cli/commands';

const commands: Record<string, { run: CliCommand; summary: string }> = {
  ...simCommands,
  import: { run: importCommand, summary: 'import a trace or an inventory file into the data folder' },
  calibrate: { run: calibrateCommand, summary: 'import benchmark files for a GPU type and fit its calibration; list or revert calibrations' },
  report: { run: reportCommand, summary: 'run a scenario file and write its PDF report and CSV files' },
};

function help(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `fleetplan: plan LLM serving on mixed GPU fleets\n\nusage: fleetplan <command> [options]\n\n${lines.join('\n')}\n\nExit codes: 0 ok, 1 failed, 2 usage error, 3 bad input (the message names file, line and field).\n`;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`fleetplan: unknown command "${name}"\n${help()}`);
    return EXIT.usage;
  }
  // Progress rewrites its line with \r and leaves it open: an error that ends the command starts a line of its own.
  let lineOpen = false;
  const tracked: CliIo = {
    ...io,
    stderr: (s) => {
      if (s.length > 0) lineOpen = !s.endsWith('\n');
      io.stderr(s);
    },
  };
  try {
    return await command.run(rest, tracked);
  } catch (e) {
    io.stderr(`${lineOpen ? '\n' : ''}fleetplan ${name}: ${describeError(e)}\n`);
    // Input the user can fix (a bad file, flag or id) is told apart from fleetplan failing.
    return e instanceof AppError && (e.code === 'invalid_input' || e.code === 'not_found') ? EXIT.badInput : EXIT.failed;
  }
}

export function runFromProcess(): void {
  const io: CliIo = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readFile: (p) => readFile(p, 'utf8'),
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) runFromProcess();
