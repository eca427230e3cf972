// One plain function per channel, built from its dependencies. Inputs arrive already parsed by the
// contract's schemas (see register.ts and the host), so handlers check only what needs the database.
import type { Db } from '../../db';
import { schemaVersion } from '../../db';
import { getGpuType, gpuTypeIds, listGpuTypes, listModels } from '../../db/queries/catalog';
import {
  deleteInventory, getInventory, insertInventory, listInventories, renameInventory, replacePools,
} from '../../db/queries/inventories';
import { listWorkloads } from '../../db/queries/workloads';
import { invalid, notFound } from '../errors';
import { DATA_LICENCES } from '../services/licences';
import { inventoryFileName, parseInventoryFile, serializeInventory } from '../services/inventory-file';
import type { Handlers } from './contract';
import type { Inventory, Pool } from './types';

export interface HandlerDeps {
  db: Db;
  clock: () => Date;
  dataDir: string;
  appVersion: string;
}

export function createHandlers({ db, clock, dataDir, appVersion }: HandlerDeps): Handlers {
  const now = () => clock().toISOString();

  const mustGetInventory = (id: number): Inventory => {
    const inv = getInventory(db, id);
    if (!inv) throw notFound(`Inventory ${id} does not exist (it may have been deleted).`);
    return inv;
  };

  const checkPools = (pools: readonly Pool[]) => {
    pools.forEach((p, i) => {
      if (!getGpuType(db, p.gpuTypeId)) {
        throw invalid(`unknown GPU id "${p.gpuTypeId}"`, { field: `pools[${i}].gpuTypeId` });
      }
    });
  };

  return {
    'app.info': () => ({
      name: 'fleetplan',
      version: appVersion,
      schemaVersion: schemaVersion(db),
      dataDir,
      licences: [...DATA_LICENCES],
    }),
    'catalog.gpus': () => listGpuTypes(db),
    'catalog.models': () => listModels(db),
    'inventory.list': () => listInventories(db),
    'inventory.get': ({ id }) => mustGetInventory(id),
    'inventory.create': ({ name, pools }) => {
      checkPools(pools);
      return mustGetInventory(insertInventory(db, name, pools as Pool[], now()));
    },
    'inventory.rename': ({ id, name }) => {
      if (!renameInventory(db, id, name, now())) throw notFound(`Inventory ${id} does not exist.`);
      return mustGetInventory(id);
    },
    'inventory.delete': ({ id }) => {
      if (!deleteInventory(db, id)) throw notFound(`Inventory ${id} does not exist.`);
      return { deleted: true as const };
    },
    'inventory.setPools': ({ id, pools }) => {
      checkPools(pools);
      if (!replacePools(db, id, pools as Pool[], now())) throw notFound(`Inventory ${id} does not exist.`);
      return mustGetInventory(id);
    },
    'inventory.export': ({ id, format }) => {
      const inv = mustGetInventory(id);
      return { fileName: inventoryFileName(inv.name, format), text: serializeInventory(inv, format) };
    },
    'inventory.import': ({ fileName, text }) => {
      const content = parseInventoryFile(text, fileName, gpuTypeIds(db));
      return mustGetInventory(insertInventory(db, content.name, content.pools, now(), content.notes));
    },
    'workload.list': () => listWorkloads(db),
  };
}
