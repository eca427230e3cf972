// `fleetplan import trace|inventory <file> [--name N] [--data-dir D]`: the same services as the app's import.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { gpuTypeIds } from '../../db/queries/catalog';
import { insertInventory } from '../../db/queries/inventories';
import { describeError } from '../errors';
import { assetsDir, resolveDataDir } from '../paths';
import { parseInventoryFile } from '../services/inventory-file';
import { openAppDatabase } from '../services/seed';
import { importTraceFile } from '../services/workload-import';
import { EXIT, parseFlags, type CliIo } from './io';

export const usage = 'usage: fleetplan import trace|inventory <file> [--name NAME] [--data-dir DIR]';

export async function run(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(args);
  } catch (e) {
    io.stderr(`fleetplan import: ${(e as Error).message}\n${usage}\n`);
    return EXIT.usage;
  }
  const [kind, file] = parsed.positional;
  if ((kind !== 'trace' && kind !== 'inventory') || !file) {
    io.stderr(`${usage}\n`);
    return EXIT.usage;
  }
  const dataDir = resolveDataDir({ dataDirFlag: parsed.flags.get('data-dir'), env: process.env, platform: process.platform, home: process.env.HOME ?? '.' });
  if (!existsSync(file)) {
    io.stderr(`fleetplan import: cannot read ${file}: no such file\n`);
    return EXIT.badInput;
  }
  const db = openAppDatabase(dataDir, assetsDir());
  try {
    const now = new Date().toISOString();
    const name = parsed.flags.get('name') ?? basename(file).replace(/\.[^.]+$/, '');
    if (kind === 'trace') {
      let last = 0;
      const result = await importTraceFile(db, file, {
        name, now,
        onProgress: (p) => {
          const pct = Math.floor((100 * p.done) / Math.max(1, p.total));
          if (pct !== last) io.stderr(`\r${p.phase} ${pct}%`), (last = pct);
        },
      });
      io.stderr('\n');
      io.stdout(JSON.stringify(result) + '\n');
    } else {
      const content = parseInventoryFile(await io.readFile(file), basename(file), gpuTypeIds(db));
      const id = insertInventory(db, parsed.flags.get('name') ?? content.name, content.pools, now, content.notes);
      io.stdout(JSON.stringify({ inventoryId: id, name: content.name, pools: content.pools.length }) + '\n');
    }
    return EXIT.ok;
  } catch (e) {
    io.stderr(`fleetplan import: ${describeError(e)}\n`);
    return EXIT.badInput;
  } finally {
    db.close();
  }
}
