import type { GpuType, LinkKind, Pool } from '../../../../main/domain';
import { NumberField } from '../../components/NumberField';
import { fmtUsd } from '../../lib/format';
import { GpuSelect } from './GpuSelect';
import { changeGpuType, LINK_KINDS, switchPricing } from './pool-defaults';
import type { PoolIssue } from './pool-validate';
import { usdPerGpuHour } from './summary';

interface Props {
  index: number;
  pool: Pool;
  gpus: GpuType[];
  gpusById: Map<string, GpuType>;
  issues: PoolIssue[];
  onChange: (pool: Pool) => void;
  onRemove: () => void;
}

function LinkSelect({ value, onChange, label }: { value: LinkKind; onChange: (k: LinkKind) => void; label: string }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as LinkKind)} aria-label={label} className="link-select">
      {LINK_KINDS.map((l) => (
        <option key={l.kind} value={l.kind}>
          {l.label}
        </option>
      ))}
    </select>
  );
}

export function PoolRow({ index, pool, gpus, gpusById, issues, onChange, onRemove }: Props) {
  const gpu = gpusById.get(pool.gpuTypeId);
  const issue = (field: string) => issues.find((i) => i.field === field)?.message;
  const set = (patch: Partial<Pool>) => onChange({ ...pool, ...patch });
  const pr = pool.pricing;
  const n = index + 1;
  const perGpu = usdPerGpuHour(pool, gpu);
  const nodes = pool.gpusPerNode > 0 ? Math.max(1, Math.ceil(pool.gpuCount / pool.gpusPerNode)) : NaN;
  return (
    <tr data-testid="pool-row" className={issues.length > 0 ? 'has-issue' : undefined}>
      <td>
        <input
          className={`name-input${issue('name') ? ' is-invalid' : ''}`}
          value={pool.name}
          aria-label={`Pool ${n} name`}
          aria-invalid={issue('name') ? true : undefined}
          data-tip={issue('name')}
          onChange={(e) => set({ name: e.target.value })}
          data-testid="pool-name"
        />
      </td>
      <td>
        <GpuSelect gpus={gpus} value={pool.gpuTypeId} label={`Pool ${n} GPU type`} invalid={issue('gpuTypeId')}
          onChange={(id) => { const to = gpusById.get(id); if (to) onChange(changeGpuType(pool, gpu, to)); }} testId="pool-gpu" />
      </td>
      <td className="num">
        <NumberField value={pool.gpuCount} integer unit="GPUs" unitInHeader label={`Pool ${n} GPU count`} width="3.6em"
          hint={Number.isFinite(nodes) ? `${nodes} node${nodes === 1 ? '' : 's'}` : undefined}
          invalid={issue('gpuCount')} onChange={(v) => set({ gpuCount: v })} testId="pool-count" />
      </td>
      <td className="num">
        <NumberField value={pool.gpusPerNode} integer unit="GPUs/node" unitInHeader label={`Pool ${n} GPUs per node`} width="2.6em"
          hint="GPUs sharing one intra-node fabric (1–72)" invalid={issue('gpusPerNode')} onChange={(v) => set({ gpusPerNode: v })} testId="pool-per-node" />
      </td>
      <td>
        <div className="cell-pair">
          <LinkSelect value={pool.intraNode.link} label={`Pool ${n} intra-node link`} onChange={(link) => set({ intraNode: { ...pool.intraNode, link } })} />
          <NumberField value={pool.intraNode.bandwidthGBps} unit="GB/s" unitInHeader label={`Pool ${n} intra-node bandwidth`} width="4.2em"
            hint={`per GPU, per direction${gpu ? `; ${gpu.name} default ${gpu.intraNodeBwGBps} GB/s` : ''}`}
            invalid={issue('intraNode.bandwidthGBps')} onChange={(v) => set({ intraNode: { ...pool.intraNode, bandwidthGBps: v } })} />
        </div>
      </td>
      <td>
        <div className="cell-pair">
          <LinkSelect value={pool.interNode.link} label={`Pool ${n} inter-node link`} onChange={(link) => set({ interNode: { ...pool.interNode, link } })} />
          <NumberField value={pool.interNode.bandwidthGBps} unit="GB/s" unitInHeader label={`Pool ${n} inter-node bandwidth`} width="4.2em"
            hint="per GPU, per direction (400 Gb/s NIC = 50 GB/s)" invalid={issue('interNode.bandwidthGBps')}
            onChange={(v) => set({ interNode: { ...pool.interNode, bandwidthGBps: v } })} />
        </div>
      </td>
      <td className="pricing-cell">
        <div className={`cell-pair${pr.kind === 'owned' ? ' owned' : ''}`}>
          <select value={pr.kind} aria-label={`Pool ${n} pricing`} onChange={(e) => onChange(switchPricing(pool, e.target.value as 'hourly' | 'owned', gpu))} data-testid="pool-pricing">
            <option value="hourly">hourly</option>
            <option value="owned">owned</option>
          </select>
          {pr.kind === 'hourly' ? (
            <NumberField value={pr.usdPerGpuHour} unit="$/GPU-h" label={`Pool ${n} price`} width="4em"
              hint={gpu?.defaultUsdPerGpuHour != null ? `catalog median on-demand ${fmtUsd(gpu.defaultUsdPerGpuHour)}/GPU-h` : 'no public price known: enter yours'}
              invalid={issue('pricing.usdPerGpuHour')} onChange={(v) => set({ pricing: { kind: 'hourly', usdPerGpuHour: v } })} testId="pool-price" />
          ) : (
            <>
              <NumberField value={pr.purchaseUsd} unit="$/GPU" label={`Pool ${n} purchase price`} width="5em" hint="purchase price per GPU, including its share of the server"
                invalid={issue('pricing.purchaseUsd')} onChange={(v) => set({ pricing: { ...pr, purchaseUsd: v } })} />
              <NumberField value={pr.lifetimeYears} unit="y" label={`Pool ${n} lifetime`} width="2.5em" hint="years to depreciate over"
                invalid={issue('pricing.lifetimeYears')} onChange={(v) => set({ pricing: { ...pr, lifetimeYears: v } })} />
              <NumberField value={pr.powerUsdPerKwh} unit="$/kWh" label={`Pool ${n} power price`} width="3.5em" hint="electricity price; power is counted at full TDP"
                invalid={issue('pricing.powerUsdPerKwh')} onChange={(v) => set({ pricing: { ...pr, powerUsdPerKwh: v } })} />
            </>
          )}
        </div>
      </td>
      <td className="num eff" data-tip="Effective cost per GPU-hour (owned: purchase over lifetime + power at TDP)">
        {fmtUsd(perGpu)}
      </td>
      <td>
        <button type="button" className="btn btn-ghost btn-sm" aria-label={`Remove pool ${n} (${pool.name})`} data-tip="Remove pool" onClick={onRemove} data-testid="pool-remove">
          ✕
        </button>
      </td>
    </tr>
  );
}
