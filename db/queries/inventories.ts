// Inventories and their pools. A pool list is always written whole (delete + insert in one transaction):
// pools are edited as a table in the UI and saved together, so there is no partial state to merge.
import type { Db } from '../index';
import type { Inventory, InventorySummary, LinkKind, Pool } from '../../main/domain';

interface InventoryRow { id: number; name: string; notes: string; created_at: string; updated_at: string }
interface PoolRow {
  name: string; gpu_type_id: string; gpu_count: number; gpus_per_node: number;
  intra_node_link: string; intra_node_bw_gbps: number; inter_node_link: string; inter_node_bw_gbps: number;
  pricing_kind: 'hourly' | 'owned'; usd_per_gpu_hour: number | null; purchase_usd: number | null;
  lifetime_years: number | null; power_usd_per_kwh: number | null;
}

function toPool(r: PoolRow): Pool {
  return {
    name: r.name,
    gpuTypeId: r.gpu_type_id,
    gpuCount: r.gpu_count,
    gpusPerNode: r.gpus_per_node,
    intraNode: { link: r.intra_node_link as LinkKind, bandwidthGBps: r.intra_node_bw_gbps },
    interNode: { link: r.inter_node_link as LinkKind, bandwidthGBps: r.inter_node_bw_gbps },
    pricing:
      r.pricing_kind === 'hourly'
        ? { kind: 'hourly', usdPerGpuHour: r.usd_per_gpu_hour ?? 0 }
        : {
            kind: 'owned',
            purchaseUsd: r.purchase_usd ?? 0,
            lifetimeYears: r.lifetime_years ?? 1,
            powerUsdPerKwh: r.power_usd_per_kwh ?? 0,
          },
  };
}

export function listInventories(db: Db): InventorySummary[] {
  return db
    .prepare(
      `SELECT i.id, i.name, i.updated_at AS updatedAt, COUNT(p.id) AS poolCount, COALESCE(SUM(p.gpu_count), 0) AS gpuCount
       FROM inventories i LEFT JOIN pools p ON p.inventory_id = i.id
       GROUP BY i.id ORDER BY i.name COLLATE NOCASE, i.id`,
    )
    .all() as InventorySummary[];
}

export function getInventory(db: Db, id: number): Inventory | undefined {
  const row = db.prepare('SELECT * FROM inventories WHERE id = ?').get(id) as InventoryRow | undefined;
  if (!row) return undefined;
  const pools = (db.prepare('SELECT * FROM pools WHERE inventory_id = ? ORDER BY position').all(id) as PoolRow[]).map(toPool);
  return { id: row.id, name: row.name, notes: row.notes, pools, createdAt: row.created_at, updatedAt: row.updated_at };
}

export function insertInventory(db: Db, name: string, pools: readonly Pool[], now: string, notes = ''): number {
  return db.transaction(() => {
    const { lastInsertRowid } = db
      .prepare('INSERT INTO inventories (name, notes, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(name, notes, now, now);
    const id = Number(lastInsertRowid);
    writePools(db, id, pools);
    return id;
  })();
}

export function renameInventory(db: Db, id: number, name: string, now: string): boolean {
  return db.prepare('UPDATE inventories SET name = ?, updated_at = ? WHERE id = ?').run(name, now, id).changes === 1;
}

export function deleteInventory(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM inventories WHERE id = ?').run(id).changes === 1;
}

export function replacePools(db: Db, id: number, pools: readonly Pool[], now: string): boolean {
  return db.transaction(() => {
    if (db.prepare('UPDATE inventories SET updated_at = ? WHERE id = ?').run(now, id).changes !== 1) return false;
    db.prepare('DELETE FROM pools WHERE inventory_id = ?').run(id);
    writePools(db, id, pools);
    return true;
  })();
}

function writePools(db: Db, inventoryId: number, pools: readonly Pool[]): void {
  const stmt = db.prepare(`INSERT INTO pools (inventory_id, position, name, gpu_type_id, gpu_count, gpus_per_node,
      intra_node_link, intra_node_bw_gbps, inter_node_link, inter_node_bw_gbps, pricing_kind, usd_per_gpu_hour,
      purchase_usd, lifetime_years, power_usd_per_kwh)
    VALUES (@inventoryId, @position, @name, @gpuTypeId, @gpuCount, @gpusPerNode, @intraLink, @intraBw, @interLink,
      @interBw, @kind, @hourly, @purchase, @lifetime, @power)`);
  pools.forEach((p, position) => {
    const owned = p.pricing.kind === 'owned' ? p.pricing : undefined;
    stmt.run({
      inventoryId, position, name: p.name, gpuTypeId: p.gpuTypeId, gpuCount: p.gpuCount, gpusPerNode: p.gpusPerNode,
      intraLink: p.intraNode.link, intraBw: p.intraNode.bandwidthGBps,
      interLink: p.interNode.link, interBw: p.interNode.bandwidthGBps,
      kind: p.pricing.kind, hourly: p.pricing.kind === 'hourly' ? p.pricing.usdPerGpuHour : null,
      purchase: owned?.purchaseUsd ?? null, lifetime: owned?.lifetimeYears ?? null, power: owned?.powerUsdPerKwh ?? null,
    });
  });
}
