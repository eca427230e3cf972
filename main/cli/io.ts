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
