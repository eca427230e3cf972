import { useState } from 'react';
import type { GpuType, Pool } from '../../../../main/domain';
import { EmptyState } from '../../components/EmptyState';
import { GpuSelect } from './GpuSelect';
import { PoolRow } from './PoolRow';
import type { PoolIssue } from './pool-validate';

interface Props {
  pools: Pool[];
  gpus: GpuType[];
  gpusById: Map<string, GpuType>;
  issues: PoolIssue[];
  onChange: (pools: Pool[]) => void;
  onAdd: (gpuTypeId: string) => void;
}

const FIELD_LABEL: Record<string, string> = {
  name: 'name', gpuTypeId: 'GPU type', gpuCount: 'GPUs', gpusPerNode: 'GPUs/node',
  'intraNode.bandwidthGBps': 'intra-node GB/s', 'interNode.bandwidthGBps': 'inter-node GB/s',
  'pricing.usdPerGpuHour': '$/GPU-h', 'pricing.purchaseUsd': 'purchase $', 'pricing.lifetimeYears': 'lifetime', 'pricing.powerUsdPerKwh': '$/kWh',
};

export function PoolTable({ pools, gpus, gpusById, issues, onChange, onAdd }: Props) {
  const [newType, setNewType] = useState(() => gpus.find((g) => g.id === 'nvidia-h100-sxm')?.id ?? gpus[0]?.id ?? '');
  const replace = (i: number, pool: Pool) => onChange(pools.map((p, j) => (j === i ? pool : p)));
  const remove = (i: number) => onChange(pools.filter((_, j) => j !== i));
  return (
    <section className="pools" aria-label="Pools">
      {pools.length === 0 ? (
        <EmptyState title="No pools yet" testId="pools-empty">
          <p>A pool is a set of identical GPUs: a type, how many, how they are wired, and what they cost.</p>
          <p>Pick a GPU type below and press <b>Add pool</b>; links and prices start from the catalog.</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="grid pool-table" data-testid="pool-table">
            <thead>
              <tr>
                <th scope="col">Pool</th>
                <th scope="col">GPU type</th>
                <th scope="col" className="num" data-tip="GPUs in the pool (whole nodes)">GPUs</th>
                <th scope="col" className="num" data-tip="GPUs per node (1–72)">/node</th>
                <th scope="col" data-tip="Scale-up link inside a node: kind and bandwidth per GPU per direction">Intra-node <span className="unit">GB/s</span></th>
                <th scope="col" data-tip="Scale-out link between nodes: kind and bandwidth per GPU per direction">Inter-node <span className="unit">GB/s</span></th>
                <th scope="col" data-tip="Hourly $/GPU-h, or owned: purchase $/GPU, lifetime in years, power $/kWh">Pricing</th>
                <th scope="col" className="num" data-tip="Effective $ per GPU-hour">
                  <span className="th-stack">Eff.<span className="unit">$/GPU-h</span></span>
                </th>
                <th scope="col"><span className="sr-only">Remove</span></th>
              </tr>
            </thead>
            <tbody>
              {pools.map((p, i) => (
                <PoolRow key={i} index={i} pool={p} gpus={gpus} gpusById={gpusById} issues={issues.filter((x) => x.index === i)}
                  onChange={(pool) => replace(i, pool)} onRemove={() => remove(i)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {issues.length > 0 && (
        <ul className="issue-list" aria-label="Problems to fix before saving" data-testid="pool-issues">
          {issues.map((x, k) => (
            <li key={k}>
              pool {x.index + 1} · {FIELD_LABEL[x.field] ?? x.field}: {x.message}
            </li>
          ))}
        </ul>
      )}
      <div className="add-pool">
        <GpuSelect gpus={gpus} value={newType} onChange={setNewType} label="GPU type for the new pool" testId="new-pool-gpu" />
        <button type="button" className="btn" onClick={() => onAdd(newType)} disabled={!newType} data-testid="add-pool">
          + Add pool
        </button>
      </div>
    </section>
  );
}
