// Inventory files: a versioned JSON or YAML document holding a name and its pools. Reading validates the
// whole file before anything is stored, and every error names the field and the line it is on.
import { z } from 'zod';
import { nameSchema } from '../domain/name-schema';
import { poolSchema } from '../domain/inventory';
import type { Inventory, Pool } from '../domain';
import { invalid } from '../domain/errors';
import { formatZodPath } from '../domain/zod-path';
import { parseVersionedFile, safeFileName, serializeVersionedFile, type FileFormat } from './structured-file';
import type { Db } from '../../db';
import { getInventory, listInventories } from '../../db/queries/inventories';

export const INVENTORY_FORMAT = 'fleetplan.inventory';
export const INVENTORY_FILE_VERSION = 1;

export const inventoryBodySchema = z
  .object({
    name: nameSchema,
    notes: z.string().max(10_000).optional(),
    pools: z.array(poolSchema).max(64),
  })
  .strict();

const fileSchema = inventoryBodySchema.extend({ format: z.literal(INVENTORY_FORMAT), version: z.number().int().positive() }).strict();

export interface InventoryFileContent {
  name: string;
  notes: string;
  pools: Pool[];
}

export type InventoryFileFormat = FileFormat;

/** Unknown GPU ids are refused by name, with the line they are on. */
export function checkGpuIds(pools: readonly Pool[], knownGpuIds: ReadonlySet<string>, fileName: string, lineOf: (p: PropertyKey[]) => number | undefined, prefix: PropertyKey[] = []): void {
  pools.forEach((p, i) => {
    if (!knownGpuIds.has(p.gpuTypeId)) {
      const path = [...prefix, 'pools', i, 'gpuTypeId'];
      throw invalid(`unknown GPU id "${p.gpuTypeId}"; add it to the GPU catalog first or use a catalog id`, {
        file: fileName, field: formatZodPath(path), line: lineOf(path),
      });
    }
  });
}

export function parseInventoryFile(text: string, fileName: string, knownGpuIds: ReadonlySet<string>): InventoryFileContent {
  const { data, lineOf } = parseVersionedFile(text, fileName, { kind: INVENTORY_FORMAT, maxVersion: INVENTORY_FILE_VERSION, schema: fileSchema });
  const pools = data.pools as Pool[];
  checkGpuIds(pools, knownGpuIds, fileName, lineOf);
  return { name: data.name, notes: data.notes ?? '', pools };
}

export function serializeInventory(inv: Pick<Inventory, 'name' | 'notes' | 'pools'>, format: InventoryFileFormat): string {
  const body = { format: INVENTORY_FORMAT, version: INVENTORY_FILE_VERSION, name: inv.name, notes: inv.notes, pools: inv.pools };
  return serializeVersionedFile(body, format, `fleetplan inventory file (schema version ${INVENTORY_FILE_VERSION})`);
}

export function inventoryFileName(name: string, format: InventoryFileFormat): string {
  return safeFileName(name, 'inventory', format);
}

/** Pools as a comparable text: every field but nothing the file's order of keys could change. */
const poolsKey = (pools: readonly Pool[]) => JSON.stringify(pools.map((p) => [p.name, p.gpuTypeId, p.gpuCount, p.gpusPerNode, p.intraNode.link, p.intraNode.bandwidthGBps,
  p.interNode.link, p.interNode.bandwidthGBps, JSON.stringify(Object.entries(p.pricing).sort(([a], [b]) => a.localeCompare(b)))]));

/** An inventory already here with exactly these pools (names, GPUs, links and prices), or null. */
export function samePoolsAs(db: Db, pools: readonly Pool[]): { id: number; name: string } | null {
  const key = poolsKey(pools);
  for (const s of listInventories(db)) {
    if (s.poolCount !== pools.length) continue;
    const inv = getInventory(db, s.id);
    if (inv && poolsKey(inv.pools) === key) return { id: inv.id, name: inv.name };
  }
  return null;
}

/** The warning for an inventory file whose pools are already here (it is imported again, as a copy). */
export function duplicateInventoryWarning(twin: { id: number; name: string } | null, file: string): string | null {
  return twin ? `${file}: the same pools as inventory "${twin.name}" (#${twin.id}), already here; this is a second copy (delete one if it was a mistake)` : null;
}
