import type { RunDetail } from '../../../../main/domain';
import { strategyColor, strategyShort } from '../../charts';
import { fmtNumber } from '../../lib/format';
import { fmtSeconds, recommend, strategyLabel } from '../compare/recommend';

const usd = (n: number) => `$${n >= 10 ? n.toFixed(2) : n >= 0.1 ? n.toFixed(3) : n.toFixed(4)}`;

function inputs(run: RunDetail): string {
  const slo = run.result?.slo;
  const parts = [run.modelId, run.inventoryName, run.workloadName];
  if (slo) {
    const t = [slo.ttftP99S !== undefined ? `TTFT P99 ≤ ${fmtSeconds(slo.ttftP99S)}` : '', slo.tbtP99S !== undefined ? `TBT P99 ≤ ${fmtSeconds(slo.tbtP99S)}` : ''].filter(Boolean);
    if (t.length > 0) parts.push(t.join(', '));
  }
  if (run.result) parts.push(`${fmtNumber(run.result.requests, 0)} requests`);
  return parts.join(' · ');
}

/** Two runs' best-by-cost deployments per strategy, row by row, and which run's answer is cheaper. */
export function SideBySide({ a, b, onClose }: { a: RunDetail; b: RunDetail; onClose: () => void }) {
  const ids = [...new Set([...(a.result?.strategies ?? []), ...(b.result?.strategies ?? [])].map((o) => o.strategy))];
  const cell = (run: RunDetail, id: string) => {
    if (!run.result) return <td colSpan={4} className="muted">{run.status}: no results</td>;
    const o = run.result.strategies.find((s) => s.strategy === id);
    if (!o) return <td colSpan={4} className="muted">not in this run</td>;
    // A pinned deployment shows even when it missed the SLOs (it was given, not chosen).
    const d = o.bestByCost ?? o.pinned;
    if (!d) return <td colSpan={4} className="muted">no deployment met the SLOs</td>;
    return (
      <>
        <td className="truncate deployment-cell" title={o.pinned ? `${d.label} (pinned${d.meetsSlo ? '' : ', missed the SLOs'})` : d.label}>
          {d.label}{o.pinned && <span className="badge">pinned</span>}
        </td>
        <td className="num">{usd(d.metrics.usdPer1MTokens)}</td>
        <td className="num">{fmtNumber(d.metrics.ttft.p99 * 1000, 0)} / {fmtNumber(d.metrics.tbt.p99 * 1000, 1)}</td>
        <td className="num">{fmtNumber(d.metrics.goodputRps, 2)}</td>
      </>
    );
  };
  const head = (run: RunDetail) => (
    <>
      <th scope="col">Deployment</th><th scope="col" className="num">$/1M tok</th>
      <th scope="col" className="num" data-tip="P99, milliseconds">TTFT / TBT P99 <span className="unit">ms</span></th>
      <th scope="col" className="num" data-tip={`Requests/s meeting the SLOs in ${run.name}`}>Goodput <span className="unit">req/s</span></th>
    </>
  );
  return (
    <section className="panel side-by-side" aria-label="Two runs side by side" data-testid="side-by-side">
      <div className="editor-head">
        <h2>Side by side</h2>
        <button type="button" className="btn" onClick={onClose}>Close <kbd>Esc</kbd></button>
      </div>
      <div className="sbs-inputs">
        {[a, b].map((r, i) => (
          <div key={r.id}><b>{i === 0 ? 'A' : 'B'}: {r.name}</b><div className="muted small">{inputs(r)}</div>
            {r.result && <div className="small">{recommend(r.result).sentence}</div>}
          </div>
        ))}
      </div>
      <div className="table-scroll">
        <table className="grid" data-testid="side-by-side-table">
          <thead>
            <tr><th rowSpan={2} scope="col">Strategy</th><th colSpan={4} scope="colgroup">A: {a.name}</th><th colSpan={4} scope="colgroup">B: {b.name}</th></tr>
            <tr>{head(a)}{head(b)}</tr>
          </thead>
          <tbody>
            {ids.map((id) => (
              <tr key={id} data-testid="sbs-row" data-strategy={id}>
                <td title={strategyLabel(id)}><span className="swatch" style={{ background: strategyColor(id) }} /><b>{strategyShort(id)}</b></td>
                {cell(a, id)}
                {cell(b, id)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
