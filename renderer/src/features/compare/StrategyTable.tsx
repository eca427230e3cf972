import type { StrategyOutcome } from '../../../../main/ipc/types';
import { gpusByPool, modelOfDeployment } from '../../charts/deployment-model';
import { strategyColor, strategyShort } from '../../charts';
import { fmtNumber } from '../../lib/format';
import { strategyLabel } from './recommend';

const ms = (s: number) => fmtNumber(s * 1000, s < 0.1 ? 1 : 0);
const usd = (n: number) => (Number.isFinite(n) ? `$${n >= 10 ? n.toFixed(2) : n >= 0.1 ? n.toFixed(3) : n.toFixed(4)}` : '—');

const HEAD: [string, string, string][] = [
  ['Strategy', '', 'The serving strategy'],
  ['Deployment chosen', '', 'Cheapest deployment ($ per 1M tokens) that met the SLOs'],
  ['GPUs', 'per pool', 'GPUs the deployment uses in each pool'],
  ['Throughput', 'req/s · out tok/s', 'Completed requests and output tokens per second on the replayed workload'],
  ['Goodput', 'req/s', 'Requests per second meeting both SLOs; max: highest rate still meeting them'],
  ['TTFT', 'P50 / P99 ms', 'Time to first token'],
  ['TBT', 'P50 / P99 ms', 'Time between output tokens'],
  ['Input', '$/1M tok', 'Cost per million input tokens'],
  ['Output', '$/1M tok', 'Cost per million output tokens'],
  ['All', '$/1M tok', 'Cost per million tokens, input and output'],
  ['Energy', 'J/token', 'Joules per token at board power while busy'],
  ['Util', '%', 'GPU-seconds busy over GPU-seconds paid'],
];

/** One row per strategy: its chosen deployment and what it achieved, with units in the headers. */
export function StrategyTable({ outcomes }: { outcomes: StrategyOutcome[] }) {
  return (
    <div className="table-scroll">
      <table className="grid strategy-table" data-testid="strategy-table">
        <thead>
          <tr>
            {HEAD.map(([label, unit, tip], i) => (
              <th key={label} scope="col" className={i >= 3 ? 'num' : undefined}>
                <span className="th-stack" data-tip={tip}><span className="th-label">{label}</span><span className="unit th-unit">{unit || '\u00a0'}</span></span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {outcomes.map((o) => {
            const d = o.bestByCost;
            const name = (
              <td title={strategyLabel(o.strategy)}><span className="swatch" style={{ background: strategyColor(o.strategy) }} /><b>{strategyShort(o.strategy)}</b></td>
            );
            if (!d) {
              return (
                <tr key={o.strategy} data-testid="strategy-row" data-strategy={o.strategy} data-feasible="false">
                  {name}
                  <td colSpan={HEAD.length - 1} className="muted wrap">
                    No deployment met the SLOs: {o.simulated} simulated of {fmtNumber(o.enumerated, 0)} possible
                    {o.prunedMemory > 0 ? `, ${fmtNumber(o.prunedMemory, 0)} did not fit in memory` : ''}
                    {o.prunedCapacity > 0 ? `, ${fmtNumber(o.prunedCapacity, 0)} too slow for the arrival rate` : ''}. Relax the SLOs or add GPUs.
                  </td>
                </tr>
              );
            }
            const m = d.metrics;
            const pools = gpusByPool(modelOfDeployment(d));
            return (
              <tr key={o.strategy} data-testid="strategy-row" data-strategy={o.strategy} data-feasible="true">
                {name}
                <td className="truncate deployment-cell" title={d.label} data-testid="strategy-deployment">{d.label}</td>
                <td className="truncate gpus-cell" title={`${pools.map((p) => `${p.gpus} × ${p.pool}`).join(' + ')} = ${d.gpus} GPUs`}>
                  {pools.map((p) => `${p.gpus} ${p.pool}`).join(' + ') || d.gpus}{pools.length > 1 && <span className="muted"> = {d.gpus}</span>}
                </td>
                <td className="num">{fmtNumber(m.throughput.requestsPerS, 2)} · {fmtNumber(m.throughput.outputTokensPerS, 0)}</td>
                <td className="num">{fmtNumber(m.goodputRps, 2)}{d.maxGoodputRps !== undefined && <span className="muted"> (max {fmtNumber(d.maxGoodputRps, 1)})</span>}</td>
                <td className="num">{ms(m.ttft.p50)} / {ms(m.ttft.p99)}</td>
                <td className="num">{ms(m.tbt.p50)} / {ms(m.tbt.p99)}</td>
                <td className="num">{usd(m.usdPer1MInputTokens)}</td>
                <td className="num">{usd(m.usdPer1MOutputTokens)}</td>
                <td className="num" data-testid="strategy-cost">{usd(m.usdPer1MTokens)}</td>
                <td className="num">{fmtNumber(m.joulesPerToken, 3)}</td>
                <td className="num">{fmtNumber(m.utilization * 100, 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
