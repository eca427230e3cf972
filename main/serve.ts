// Entry of `npm run serve` (bundled to dist/main/serve.cjs): the app in a browser, backed by the same
// handlers and database as the desktop shell. Prints exactly one line on stdout, which tests parse.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import pkg from '../package.json';
import { describeError } from './domain/errors';
import { parseServeArgs, SERVE_USAGE, UsageError } from './host/args';
import { startHost } from './host/server';
import { createHandlers } from './ipc/handlers';
import { lazyWorkerRunner } from './services/compare-runners';
import { assetsDir, resolveDataDir } from './paths';
import { openAppDatabase } from './services/seed';

function fail(message: string): never {
  process.stderr.write(`fleetplan: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (err) {
    fail(err instanceof UsageError ? `${err.message}\n${SERVE_USAGE}` : describeError(err));
  }
  if (args.help) {
    process.stdout.write(`${SERVE_USAGE}\n`);
    return;
  }
  // The bundle lives in dist/main; the renderer build sits next to it.
  const staticDir = join(__dirname, '..', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) fail(`${staticDir} has no index.html: run npm run build first`);

  const dataDir = resolveDataDir({ dataDirFlag: args.dataDir, env: process.env, platform: process.platform, home: homedir() });
  let db;
  try {
    db = openAppDatabase(dataDir, assetsDir());
  } catch (err) {
    fail(`cannot open the database in ${dataDir}: ${describeError(err)}`);
  }
  // Comparisons run in worker threads, so the host keeps answering (progress polls included) while they work.
  const simulator = lazyWorkerRunner();
  const handlers = createHandlers({ db, clock: () => new Date(), dataDir, appVersion: pkg.version, compareRunner: simulator.runner, traceRunner: simulator.trace, parsers: simulator.parsers });

  let host;
  try {
    host = await startHost({ handlers, staticDir, port: args.port });
  } catch (err) {
    db.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${args.port} is already in use on 127.0.0.1; choose another with --port N (or 0 for any free port)`);
    if (code === 'EACCES') fail(`not allowed to listen on port ${args.port}; choose a port above 1023`);
    fail(`cannot start the host: ${describeError(err)}`);
  }
  process.stdout.write(`fleetplan: serving on ${host.url}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    Promise.all([host.close(), simulator.close()])
      .catch(() => undefined)
      .finally(() => {
        db.close();
        process.exit(0);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => fail(describeError(err)));
