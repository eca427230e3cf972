// What a CLI command gets to talk to the world, so commands can be tested without a process.
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => Promise<string>;
  /** Whether stderr is a terminal: progress is redrawn in place only then (cli/progress.ts). */
  stderrIsTTY?: boolean;
}

export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, failed: 1, usage: 2, badInput: 3 } as const;

/** Splits `--flag value` / `--flag=value` / `--switch` arguments; positional arguments are kept in order. */
export function parseFlags(args: string[], switches: readonly string[] = []): { flags: Map<string, string>; positional: string[] } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (eq > 0) flags.set(name, a.slice(eq + 1));
    else if (switches.includes(name)) flags.set(name, 'true');
    else {
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
      flags.set(name, v);
      i++;
    }
  }
  return { flags, positional };
}
