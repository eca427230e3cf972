// Inventories: pools of identical GPUs with their links and their pricing. The schemas are the one check of
// a pool wherever one enters (the API, inventory files, scenario files); the types are inferred from them.
import { z } from 'zod';
import { nameSchema as name } from './name-schema';

const positive = z.number().finite().positive();
const nonNegative = z.number().finite().min(0);

export const linkKindSchema = z.enum(['nvlink', 'pcie', 'infinity-fabric', 'hccs', 'roce', 'infiniband', 'ethernet']);

export const poolPricingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hourly'), usdPerGpuHour: nonNegative }).strict(),
  z
    .object({
      kind: z.literal('owned'),
      purchaseUsd: nonNegative,
      lifetimeYears: positive,
      powerUsdPerKwh: nonNegative,
    })
    .strict(),
]);

export const poolSchema = z
  .object({
    name,
    gpuTypeId: z.string().min(1).max(100),
    gpuCount: z.number().int().min(1).max(1_000_000),
    gpusPerNode: z.number().int().min(1).max(72),
    intraNode: z.object({ link: linkKindSchema, bandwidthGBps: positive }).strict(),
    interNode: z.object({ link: linkKindSchema, bandwidthGBps: positive }).strict(),
    pricing: poolPricingSchema,
  })
  .strict()
  .refine((p) => p.gpuCount % p.gpusPerNode === 0 || p.gpuCount < p.gpusPerNode, {
    message: 'gpuCount must be a whole number of nodes (a multiple of gpusPerNode) or less than one node',
    path: ['gpuCount'],
  });

export type LinkKind = z.infer<typeof linkKindSchema>;
export type PoolPricing = z.infer<typeof poolPricingSchema>;
export type Pool = z.infer<typeof poolSchema>;

/** An inventory just imported from a file: a copy of one already here is imported too, and said. */
export interface ImportedInventory extends Inventory {
  duplicateOf: { id: number; name: string } | null;
  warning: string | null;
}

export interface InventorySummary {
  id: number;
  name: string;
  poolCount: number;
  gpuCount: number;
  updatedAt: string;
}

export interface Inventory {
  id: number;
  name: string;
  notes: string;
  pools: Pool[];
  createdAt: string;
  updatedAt: string;
}
