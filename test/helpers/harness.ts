// Handlers on a real SQLite file in a temp folder, called the way both transports call them (input parsed
// by the contract's schema first). Each harness is closed and removed by `cleanupHarnesses`.
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db';
import { createHandlers, type HandlerDeps } from '../../main/ipc/handlers';
import { parseChannelInput } from '../../main/ipc/validate';
import type { Channel, ChannelInput, ChannelOutput } from '../../main/ipc/contract';
import { createJobRegistry } from '../../main/services/jobs';
import { openAppDatabase } from '../../main/services/seed';
import { assetsDir } from '../../main/paths';
import { tempDir } from './tmp';

const open: (() => void)[] = [];

export function cleanupHarnesses(): void {
  open.splice(0).forEach((f) => f());
}

export function harness(opts: { seeded?: boolean; dir?: string; compareRunner?: HandlerDeps['compareRunner']; traceRunner?: HandlerDeps['traceRunner']; parsers?: HandlerDeps['parsers'] } = {}) {
  const t = opts.dir ? { dir: opts.dir, cleanup: () => {} } : tempDir();
  const clock = () => new Date(0);
  const db: Db = opts.seeded === false ? openDatabase(join(t.dir, 'w.sqlite')) : openAppDatabase(t.dir, assetsDir(), clock);
  open.push(() => {
    if (db.open) db.close();
    t.cleanup();
  });
  const jobs = createJobRegistry();
  const handlers = createHandlers({ db, clock, dataDir: t.dir, appVersion: 't', jobs, compareRunner: opts.compareRunner, traceRunner: opts.traceRunner, parsers: opts.parsers });
  const call = async <C extends Channel>(c: C, input: ChannelInput<C>) =>
    (await (handlers[c] as (i: unknown) => unknown)(parseChannelInput(c, input))) as ChannelOutput<C>;
  return { db, jobs, call, dir: t.dir };
}
