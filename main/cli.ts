// `fleetplan <command> …`: the headless entry, for scripts and CI. Each command is a row of the command table
// (cli/commands.ts) with run(args, io); this file picks the row and answers --help and --version.
import { readFile } from 'node:fs/promises';
import pkg from '../package.json';
import { AppError, describeError } from './domain/errors';
import type { Command } from './cli/command';
import { commands } from './cli/commands';
import { EXIT, type CliIo } from './cli/io';

/** `--a --b …` wrapped under a command's summary. */
function flagLines(c: Command, indent: string): string[] {
  const flags = [...(c.subcommands?.length ? [c.subcommands.join('|')] : []), ...Object.keys(c.options).map((n) => `--${n}`)];
  const lines: string[] = [];
  for (const f of flags) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + f.length < 100) lines[last] += ` ${f}`;
    else lines.push(`${indent}${f}`);
  }
  return lines;
}

export function help(): string {
  const indent = ' '.repeat(14);
  const lines = commands.flatMap((c) => [`  ${c.name.padEnd(11)} ${c.summary}`, ...flagLines(c, indent)]);
  return `fleetplan: plan LLM serving on mixed GPU fleets

usage: fleetplan <command> [options]
       fleetplan <command> --help    (or -h, or fleetplan help <command>) a command's usage
       fleetplan --version

commands and their flags:
${lines.join('\n')}

Exit codes: 0 ok, 1 failed, 2 usage error, 3 bad input (the message names file, line and field).
`;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version') {
    io.stdout(`${pkg.version}\n`);
    return EXIT.ok;
  }
  if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    io.stdout(help());
    return EXIT.ok;
  }
  if (!name) {
    io.stderr(help());
    return EXIT.usage;
  }
  const asked = name === 'help' ? rest[0] : name;
  const command = commands.find((c) => c.name === asked);
  if (!command) {
    io.stderr(`fleetplan: unknown ${asked.startsWith('-') ? 'flag' : 'command'} "${asked}"\n${help()}`);
    return EXIT.usage;
  }
  if (name === 'help') return command.run(['--help'], io);
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
    stderrIsTTY: process.stderr.isTTY === true,
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) runFromProcess();
