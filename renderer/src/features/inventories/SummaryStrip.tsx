import type { GpuType, Pool } from '../../../../main/domain';
import { fmtGb, fmtNumber, fmtUsd } from '../../lib/format';
import { inventoryTotals } from './summary';

/** The inventory at a glance: what GPUs, how much memory and compute, what it costs per hour. */
export function SummaryStrip({ pools, gpus }: { pools: Pool[]; gpus: GpuType[] }) {
  const t = inventoryTotals(pools, gpus);
  return (
    <dl className="summary-strip" data-testid="summary-strip">
      <div className="stat" data-tip="GPUs in all pools, by type">
        <dt>GPUs</dt>
        <dd>
          <strong>{fmtNumber(t.gpuCount, 0)}</strong>
          <span className="stat-detail">
            {t.byType.length === 0 ? 'no pools yet' : t.byType.map((b) => `${fmtNumber(b.count, 0)}× ${b.label}`).join(' · ')}
          </span>
        </dd>
      </div>
      <div className="stat" data-tip="Total GPU memory (HBM/GDDR), decimal GB/TB as datasheets give it">
        <dt>HBM</dt>
        <dd>
          <strong>{fmtGb(t.hbmGb)}</strong>
        </dd>
      </div>
      <div className="stat" data-tip="Aggregate dense BF16 tensor throughput (FP16 on GPUs without BF16), PFLOP/s = 1000 TFLOP/s">
        <dt>BF16</dt>
        <dd>
          <strong>{fmtNumber(t.bf16Pflops, 2)}</strong> <span className="unit">PFLOP/s</span>
        </dd>
      </div>
      <div className="stat" data-tip="Cost of running every GPU for one hour: hourly prices, or purchase price over lifetime plus power at full TDP">
        <dt>Cost</dt>
        <dd>
          <strong>{fmtUsd(t.usdPerHour)}</strong> <span className="unit">/hour</span>
          <span className="stat-detail">{fmtUsd(t.usdPerHour * 24 * 30)} / 30 days</span>
        </dd>
      </div>
      {t.unknownTypes.length > 0 && (
        <div className="stat stat-warn">
          <dt>Unknown</dt>
          <dd>{t.unknownTypes.join(', ')}</dd>
        </div>
      )}
    </dl>
  );
}
