// A process that uses a data folder the way the desktop app's main process does (openAppDatabase, then the IPC
// handlers), for the shared-folder stress test: for a given time it imports trace files, compares on stored
// workloads and deletes workloads, picking actions from a seeded stream. One JSON line on stdout per outcome.
// argv: dataDir seconds seed file...
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createHandlers } from '../../main/ipc/handlers';
import { assetsDir } from '../../main/paths';
import { inProcessRunner } from '../../main/services/compare-runners';
import { createJobRegistry } from '../../main/services/jobs';
import { openAppDatabase } from '../../main/services/seed';

async function main() {
  const [dataDir, seconds, seedText, ...files] = process.argv.slice(2);
  const db = openAppDatabase(dataDir, assetsDir());
  const jobs = createJobRegistry();
  const h = createHandlers({ db, clock: () => new Date(), dataDir, appVersion: 'stress', jobs, compareRunner: inProcessRunner });
  let seed = Number(seedText) >>> 0;
  const next = (n: number) => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) >>> 16) % n;
  const say = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');
  const end = Date.now() + Number(seconds) * 1000;
  while (Date.now() < end) {
    const mine = (await h['workload.list']({})).filter((w) => w.attribution === null);
    const action = next(4);
    if (action <= 1 || mine.length <= 3) {
      const file = files[next(files.length)];
      const job = await h['workload.import']({ fileName: basename(file), text: readFileSync(file, 'utf8') });
      const info = await jobs.settled(job.id);
      say({ event: 'import', via: 'services', file: basename(file), id: info.result?.workloadId ?? null, status: info.status, error: info.error });
    } else if (action === 2) {
      const w = mine[next(mine.length)];
      try {
        await h['workload.delete']({ id: w.id });
        say({ event: 'delete', via: 'services', id: w.id });
      } catch (e) {
        say({ event: 'delete-missed', via: 'services', id: w.id, error: (e as Error).message });
      }
    } else {
      const w = mine[next(mine.length)];
      const inventory = (await h['inventory.list']({}))[0];
      try {
        const job = await h['compare.start']({
          inventoryId: inventory.id, modelId: 'meta-llama/Llama-3.1-8B', workloadId: w.id, slo: { ttftP99S: 2 },
          strategies: ['colocated'], maxRequests: 200, seed: 1,
        });
        const info = await jobs.settled(job.id);
        say({ event: 'compare', via: 'services', id: w.id, status: info.status, error: info.error });
      } catch (e) {
        say({ event: 'compare-refused', via: 'services', id: w.id, error: (e as Error).message });
      }
    }
  }
  db.close();
}

main().catch((e) => {
  process.stderr.write(`services driver: ${(e as Error).stack}\n`);
  process.exit(1);
});
