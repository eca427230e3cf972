// One CLI command as a row of the command table: its name, a one-line summary, its usage text, its options in
// node:util parseArgs's form, and what it runs. defineCommand turns a row into run(args, io), so every command
// answers --help/-h with its usage (exit 0) and refuses an unknown flag, a missing value or a stray argument
// by name with the usage (exit 2) the same way.
import { parseArgs } from 'node:util';
import { EXIT, type CliCommand, type CliIo } from './io';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
}
export type OptionsSpec = Record<string, OptionSpec>;

/** The options given: a string option's value, `true` for a switch, absent when not given. */
export type Flags<O extends OptionsSpec> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? true : string };

export interface CommandSpec<O extends OptionsSpec> {
  name: string;
  summary: string;
  usage: string;
  options: O;
  /** The first positional argument's words (`import trace|inventory`), for the top-level usage and completion. */
  subcommands?: readonly string[];
  /** Whether positional arguments (a subcommand, files) are taken; none when absent. */
  positionals?: boolean;
}

export interface Parsed<O extends OptionsSpec> {
  flags: Flags<O>;
  positionals: string[];
}

export interface Command extends CommandSpec<OptionsSpec> {
  run: CliCommand;
}

/** Every command's --help; not listed in a command's own options. */
const HELP: OptionSpec = { type: 'boolean', short: 'h' };

export class UsageError extends Error {}

/**
 * parseArgs, non-strict so that the messages name the flag in the CLI's own words and a value may start with
 * a single dash (`--name -x`); the checks strict mode would make are made here on its tokens.
 */
export function parseCommandArgs<O extends OptionsSpec>(args: string[], spec: Pick<CommandSpec<O>, 'options' | 'positionals'>): Parsed<O> & { help: boolean } {
  const options: OptionsSpec = { ...spec.options, help: HELP };
  const { values, positionals, tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  // --help wins over any other mistake on the line: the usage is what the user asked for.
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return { flags: {}, positionals: [], help: true };
  for (const t of tokens) {
    if (t.kind === 'positional' && !spec.positionals) throw new UsageError(`unexpected argument "${t.value}"`);
    if (t.kind !== 'option') continue;
    const o = options[t.name];
    if (!o) throw new UsageError(`unknown flag ${t.rawName}`);
    if (o.type === 'boolean' && t.value !== undefined) throw new UsageError(`${t.rawName} takes no value`);
    // As before parseArgs: `--slo --json` is a missing value, not the value "--json".
    if (o.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('--')))) throw new UsageError(`${t.rawName} needs a value`);
  }
  return { flags: values as Flags<O>, positionals, help: false };
}

export function defineCommand<O extends OptionsSpec>(spec: CommandSpec<O>, body: (parsed: Parsed<O>, io: CliIo) => Promise<number>): Command {
  const run: CliCommand = async (args, io) => {
    let parsed;
    try {
      parsed = parseCommandArgs(args, spec);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      io.stderr(`fleetplan ${spec.name}: ${e.message}\n${spec.usage}\n`);
      return EXIT.usage;
    }
    if (parsed.help) {
      io.stdout(`${spec.usage}\n`);
      return EXIT.ok;
    }
    return body(parsed, io);
  };
  return { ...spec, run };
}
