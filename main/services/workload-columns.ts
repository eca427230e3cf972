// A stored workload as the simulator takes it: the db's columns, with block hash ids (Mooncake traces) turned
// into the shared prefixes that prefix caching reads (sim/prefix.ts). Kept here because db may not import sim.
import type { Db } from '../../db';
import { readStoredWorkloadColumns, type StoredWorkloadColumns } from '../../db/queries/workloads';
import { prefixFromHashIds, type PrefixSpec } from '../sim/prefix';

export type WorkloadColumns = Omit<StoredWorkloadColumns, 'prefixHashes'> & { prefix?: PrefixSpec | null };

export function readWorkloadColumns(db: Db, id: number): WorkloadColumns | undefined {
  const stored = readStoredWorkloadColumns(db, id);
  if (stored === undefined) return undefined;
  const { prefixHashes, ...columns } = stored;
  return prefixHashes ? { ...columns, prefix: prefixFromHashIds(prefixHashes) } : columns;
}
