// Command-line flags of `npm run serve` / `npm start` (browser fallback). Strict: an unknown or malformed
// flag is an error naming it, never silently ignored.
export interface ServeArgs {
  port: number;
  dataDir?: string;
  help: boolean;
}

export const SERVE_USAGE = 'usage: npm run serve [-- --port N] [--data-dir DIR]   (port 0 or none = any free port)';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const args: ServeArgs = { port: 0, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      i++;
      return next;
    };
    switch (flag) {
      case '--port':
        args.port = parsePort(value());
        break;
      case '--data-dir': {
        const dir = value();
        if (dir.trim() === '') throw new UsageError('--data-dir must not be empty');
        args.dataDir = dir;
        break;
      }
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new UsageError(`unknown option "${arg}"`);
    }
  }
  return args;
}

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, got "${text}"`);
  }
  return Number(text);
}
