import type { StrategyId } from '../../../../main/domain/comparison';
import type { DeploymentSummary, StrategyOutcome } from '../../../../main/domain';
import { DATASHEET_ONLY, type GpuCalibrationUsed } from '../../../../main/sim/calibration';
import type { DeploymentPin } from '../../../../main/domain/result';
import { gpusByPool, modelOfDeployment } from '../../charts/deployment-model';
import { strategyColor, strategyShort } from '../../charts';
import { fmtNumber } from '../../lib/format';
import { describePin, pinOf, samePin, shownDeployment } from './pins';
import { strategyLabel } from './recommend';
import { engineLabel, engineShort } from '../../../../main/sim/engine-names';

/** The engine a strategy ran under; runs stored before engines were kept say so through their settings, or not at all. */
export function engineOf(o: StrategyOutcome): string | undefined {
  return o.engine ?? shownDeployment(o)?.settings?.engine;
}

/** "engine vllm-v1 0.10 – 0.12" for the run's header when every strategy ran the same one, else "engines per strategy". */
export function runEngineText(outcomes: StrategyOutcome[]): string {
  const all = [...new Set(outcomes.map(engineOf).filter((e): e is string => e !== undefined))];
  return all.length === 0 ? '' : all.length === 1 ? `engine ${engineShort(all[0])}` : 'engines per strategy (see the table)';
}

const ms = (s: number) => fmtNumber(s * 1000, s < 0.1 ? 1 : 0);
const usd = (n: number) => (Number.isFinite(n) ? `$${n >= 10 ? n.toFixed(2) : n >= 0.1 ? n.toFixed(3) : n.toFixed(4)}` : '—');

const HEAD: [string, string, string][] = [
  ['Strategy', '', 'The serving strategy'],
  // GPUs and calibration sit under the deployment's name, so the table fits a 1024 px window without scrolling.
  ['Deployment chosen', 'GPUs per pool · calibration', 'Cheapest deployment ($ per 1M tokens) that met the SLOs; under it the GPUs it uses in each pool, and per GPU type the calibration its figures ran with (Calibrate screen) with its error on the measured points the fit held out ("datasheet only": no measurements)'],
  ['Throughput', 'req/s · out tok/s', 'Completed requests and output tokens per second on the replayed workload'],
  ['Goodput', 'req/s', 'Requests per second meeting both SLOs; max: highest rate still meeting them'],
  ['TTFT', 'P50 / P99 ms', 'Time to first token'],
  ['TBT', 'P50 / P99 ms', 'Time between output tokens'],
  ['In / out', '$/1M tok', 'Cost per million input tokens / per million output tokens'],
  ['All', '$/1M tok', 'Cost per million tokens, input and output'],
  ['Energy', 'J/token', 'Joules per token at board power while busy'],
  ['Util', '%', 'GPU-seconds busy over GPU-seconds paid'],
];

/** What the table needs to pin a row's deployment into the form above (absent: no Pin column). */
export interface Pinning {
  pins: DeploymentPin[];
  onPin: (pin: DeploymentPin) => void;
  onUnpin: (strategy: StrategyId) => void;
}

const PIN_HEAD: [string, string, string] = ['Pin', '', 'Keep a deployment fixed in the next run instead of searching it (its strategy is still compared)'];

/** Pin, or Unpin when the form already holds this very deployment. */
function PinCell({ o, pinning }: { o: StrategyOutcome; pinning: Pinning }) {
  const pin = pinOf(o.strategy, shownDeployment(o));
  const name = strategyShort(o.strategy);
  if (!pin) return <td className="muted" title="This run was stored before deployments kept their structure; it cannot be pinned">—</td>;
  const held = pinning.pins.find((p) => p.strategy === o.strategy);
  if (samePin(held, pin)) {
    return (
      <td>
        <button type="button" className="btn btn-sm" onClick={() => pinning.onUnpin(o.strategy)} data-testid="strategy-unpin" aria-pressed="true"
          aria-label={`Unpin the ${name} deployment`} data-tip={`Pinned for the next run: ${describePin(pin)}. Unpin to search ${name} again`}>Unpin</button>
      </td>
    );
  }
  return (
    <td>
      <button type="button" className="btn btn-sm" onClick={() => pinning.onPin(pin)} data-testid="strategy-pin" aria-pressed="false"
        aria-label={`Pin the ${name} deployment for the next run`}
        data-tip={`Keep ${describePin(pin)} fixed in the next run${held ? ' (replaces the one pinned now)' : ''}; the form above lists it`}>Pin</button>
    </td>
  );
}

const short = (c: GpuCalibrationUsed) =>
  c.calibrationId === null ? DATASHEET_ONLY : `#${c.calibrationId} ${c.origin}${c.heldOutError === null ? '' : ` · ${fmtNumber(c.heldOutError * 100, 1)}%`}`;

/** The calibration of each GPU type the deployment runs on; undefined: the run was stored before they were kept. */
function CalibrationLine({ d, calibrations }: { d: DeploymentSummary; calibrations: GpuCalibrationUsed[] | undefined }) {
  if (!calibrations) return <div className="muted small" data-testid="strategy-calibration" title="This run was stored before runs named their calibrations">calibration not recorded</div>;
  const used = d.instances ? new Set(d.instances.map((i) => i.gpuTypeId)) : null;
  const list = calibrations.filter((c) => !used || used.has(c.gpuTypeId));
  return (
    <div className="small" data-testid="strategy-calibration" title={list.map((c) => `${c.gpuTypeId}: ${c.label}`).join('\n')}>
      {list.map((c, i) => (
        <span key={c.gpuTypeId} className={c.calibrationId === null ? 'muted' : undefined}>{i > 0 && ' + '}{list.length > 1 && `${c.gpuTypeId.split('-').slice(1).join('-')} `}{short(c)}</span>
      ))}
    </div>
  );
}

/** One row per strategy: its chosen deployment and what it achieved, with units in the headers. */
export function StrategyTable({ outcomes, calibrations, pinning }: { outcomes: StrategyOutcome[]; calibrations?: GpuCalibrationUsed[]; pinning?: Pinning }) {
  const head = pinning ? [...HEAD, PIN_HEAD] : HEAD;
  return (
    <div className="table-scroll">
      <table className="grid strategy-table" data-testid="strategy-table">
        <thead>
          <tr>
            {head.map(([label, unit, tip], i) => (
              <th key={label} scope="col" className={i >= 2 && i < HEAD.length ? 'num' : undefined}>
                <span className="th-stack" data-tip={tip}><span className="th-label">{label}</span><span className="unit th-unit">{unit || '\u00a0'}</span></span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {outcomes.map((o) => {
            const d = shownDeployment(o);
            const engine = engineOf(o);
            const name = (
              <td title={o.pinned ? `${strategyLabel(o.strategy)}: this deployment was pinned, not searched` : strategyLabel(o.strategy)}>
                <span className="swatch" style={{ background: strategyColor(o.strategy) }} /><b>{strategyShort(o.strategy)}</b>
                {o.pinned && <span className="badge" data-testid="pinned-badge" data-tip="Pinned: this deployment was given, not searched">pinned</span>}
                {o.pinned && !o.pinned.meetsSlo && <span className="badge" data-tip="The pinned deployment missed the SLOs on this workload">misses SLOs</span>}
                {engine !== undefined && <div className="muted small" data-testid="strategy-engine" data-engine={engine} title={`Simulated with ${engineLabel(engine)}`}>{engineShort(engine)}</div>}
              </td>
            );
            if (!d) {
              return (
                <tr key={o.strategy} data-testid="strategy-row" data-strategy={o.strategy} data-feasible="false">
                  {name}
                  <td colSpan={head.length - 1} className="muted wrap">
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
              <tr key={o.strategy} data-testid="strategy-row" data-strategy={o.strategy} data-feasible={String(o.bestByCost !== null)} data-pinned={o.pinned ? 'true' : undefined}>
                {name}
                <td className="deployment-cell">
                  <div data-testid="strategy-deployment">{d.label}</div>
                  <div className="muted small" data-testid="strategy-gpus" title={`${pools.map((p) => `${p.gpus} × ${p.pool}`).join(' + ')} = ${d.gpus} GPUs`}>
                    {pools.map((p) => `${p.gpus} ${p.pool}`).join(' + ') || d.gpus}{pools.length > 1 && <> = {d.gpus} GPUs</>}
                  </div>
                  <CalibrationLine d={d} calibrations={o.calibrations ?? calibrations} />
                </td>
                <td className="num">{fmtNumber(m.throughput.requestsPerS, 2)} · {fmtNumber(m.throughput.outputTokensPerS, 0)}</td>
                <td className="num">{fmtNumber(m.goodputRps, 2)}{d.maxGoodputRps !== undefined && <span className="muted"> (max {fmtNumber(d.maxGoodputRps, 1)})</span>}</td>
                <td className="num">{ms(m.ttft.p50)} / {ms(m.ttft.p99)}</td>
                <td className="num">{ms(m.tbt.p50)} / {ms(m.tbt.p99)}</td>
                <td className="num">{usd(m.usdPer1MInputTokens)} / {usd(m.usdPer1MOutputTokens)}</td>
                <td className="num" data-testid="strategy-cost">{usd(m.usdPer1MTokens)}</td>
                <td className="num">{fmtNumber(m.joulesPerToken, 3)}</td>
                <td className="num">{fmtNumber(m.utilization * 100, 0)}</td>
                {pinning && <PinCell o={o} pinning={pinning} />}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
