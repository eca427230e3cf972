// `fleetplan import trace|inventory <file> [--name N] [--data-dir D]`: the same services as the app's import.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { gpuTypeIds } from '../../db/queries/catalog';
import { insertInventory } from '../../db/queries/inventories';
import { describeError } from '../domain/errors';
import { nameSchema } from '../ipc/contract';
import { assetsDir, resolveDataDir } from '../paths';
import { duplicateInventoryWarning, parseInventoryFile, samePoolsAs } from '../services/inventory-file';
import { openAppDatabase } from '../services/seed';
import { duplicateWarning, importTraceFile, reorderedWarning } from '../services/workload-import';
import { defineCommand, type Parsed } from './command';
import { EXIT, type CliIo } from './io';
import { progressPrinter, PROGRESS_OPTION } from './progress';

export const usage = `usage: fleetplan import trace|inventory <file> [--name NAME] [--data-dir DIR] [--progress]
  --progress prints a trace's progress as plain lines (as it does whenever stderr is not a terminal).`;

const OPTIONS = { name: { type: 'string' }, 'data-dir': { type: 'string' }, ...PROGRESS_OPTION } as const;

export const command = defineCommand(
  {
    name: 'import', summary: 'import a trace or an inventory file into the data folder', usage, options: OPTIONS,
    subcommands: ['trace', 'inventory'], positionals: true,
  },
  importFile,
);
export const run = command.run;

async function importFile(parsed: Parsed<typeof OPTIONS>, io: CliIo): Promise<number> {
  const [kind, file] = parsed.positionals;
  if ((kind !== 'trace' && kind !== 'inventory') || !file) {
    io.stderr(`${usage}\n`);
    return EXIT.usage;
  }
  const dataDir = resolveDataDir({ dataDirFlag: parsed.flags['data-dir'], env: process.env, platform: process.platform, home: process.env.HOME ?? '.' });
  if (!existsSync(file)) {
    io.stderr(`fleetplan import: cannot read ${file}: no such file\n`);
    return EXIT.badInput;
  }
  const nameFlag = parsed.flags.name;
  if (nameFlag !== undefined) {
    const checked = nameSchema.safeParse(nameFlag);
    if (!checked.success) {
      io.stderr(`fleetplan import: --name ${checked.error.issues[0].message}\n`);
      return EXIT.badInput;
    }
  }
  let db;
  try {
    db = openAppDatabase(dataDir, assetsDir());
  } catch (e) {
    io.stderr(`fleetplan import: cannot open the database in ${dataDir}: ${describeError(e)}\n`);
    return EXIT.failed;
  }
  const progress = progressPrinter(io, { plain: parsed.flags.progress });
  try {
    const now = new Date().toISOString();
    if (kind === 'trace') {
      const result = await importTraceFile(db, file, {
        name: nameFlag?.trim(), now,
        onProgress: (p) => progress.update(p.phase, p.done, p.total, ''),
      });
      progress.end();
      for (const warning of [reorderedWarning(result.reordered, basename(file)), duplicateWarning(result.duplicateOf, basename(file))]) {
        if (warning) io.stderr(`fleetplan import: warning: ${warning}\n`);
      }
      io.stdout(JSON.stringify(result) + '\n');
    } else {
      const content = parseInventoryFile(await io.readFile(file), basename(file), gpuTypeIds(db));
      const twin = samePoolsAs(db, content.pools);
      const id = insertInventory(db, nameFlag?.trim() ?? content.name, content.pools, now, content.notes);
      const warning = duplicateInventoryWarning(twin, basename(file));
      if (warning) io.stderr(`fleetplan import: warning: ${warning}\n`);
      io.stdout(JSON.stringify({ inventoryId: id, name: content.name, pools: content.pools.length }) + '\n');
    }
    return EXIT.ok;
  } catch (e) {
    progress.end();
    io.stderr(`fleetplan import: ${describeError(e)}\n`);
    return EXIT.badInput;
  } finally {
    db.close();
  }
}
