// Progress on stderr, one printer for every command: a line redrawn in place (\r) when stderr is a terminal,
// plain lines when it is not (a log, a pipe) or with --progress, so a log holds a readable history and no
// carriage returns. A phase of up to ten steps shows each step; a longer one each percent on a terminal and
// each tenth in plain lines.
import type { CliIo } from './io';

export interface ProgressPrinter {
  /** `reading [ 45%] text`; a new phase starts a line of its own. */
  update(phase: string, done: number, total: number, text: string): void;
  /** A line of its own between progress lines (a warning). */
  note(text: string): void;
  /** Ends a line left open by the bar; whatever is written next starts on a line of its own. */
  end(): void;
}

/** The --progress switch of the commands that show progress. */
export const PROGRESS_OPTION = { progress: { type: 'boolean' } } as const;

export function progressPrinter(io: CliIo, opts: { plain?: boolean } = {}): ProgressPrinter {
  const plain = opts.plain === true || io.stderrIsTTY !== true;
  let lastKey = '';
  let open = '';
  const end = () => {
    if (open) io.stderr('\n');
    open = '';
  };
  return {
    update(phase, done, total, text) {
      const pct = total > 0 ? Math.min(100, Math.floor((100 * done) / total)) : 0;
      const line = `${phase.padEnd(7)} [${String(pct).padStart(3)}%]${text ? ` ${text.slice(0, 64)}` : ''}`;
      const step = total > 10 ? String(plain ? Math.floor(pct / 10) : pct) : line;
      const key = `${phase}\n${step}`;
      if (key === lastKey) return;
      lastKey = key;
      if (plain) return io.stderr(`${line}\n`);
      const samePhase = open.startsWith(`${phase.padEnd(7)} [`);
      io.stderr(`${open && !samePhase ? '\n' : '\r'}${line.padEnd(samePhase ? open.length : 0)}`);
      open = line;
    },
    note(text) {
      end();
      lastKey = '';
      io.stderr(`${text}\n`);
    },
    end,
  };
}
