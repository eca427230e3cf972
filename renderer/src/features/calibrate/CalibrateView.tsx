import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import type { CalibrationView, TextFile } from '../../../../main/domain';
import { api } from '../../api/client';
import { platform } from '../../api/platform';
import { useShell } from '../../components/app-context';
import { fmtDate } from '../../lib/format';
import { appliedText, pct, pointRows, summaryRows } from './before-after';
import { RatioChart } from './RatioChart';

const ENGINES: [string, string][] = [['auto', 'as the file says (else any)'], ['', 'any engine'], ['vllm', 'vLLM'], ['sglang', 'SGLang'], ['tensorrt-llm', 'TensorRT-LLM']];
const EXTENSIONS = ['json', 'jsonl', 'csv', 'txt'];

/**
 * Per GPU type: its calibration records (who, when, from which files, held-out error before and after),
 * importing measurement files (file dialog or drop), choosing which record runs use, and reverting to the
 * shipped calibration in one click. Runs started afterwards apply and name what this screen shows as used.
 */
export function CalibrateView() {
  const shell = useShell();
  const [gpuId, setGpuId] = useState(() => shell.gpus.find((g) => g.calibration === 'public')?.id ?? shell.gpus[0]?.id ?? '');
  const [list, setList] = useState<CalibrationView[] | null>(null);
  const [shownId, setShownId] = useState<number | null>(null);
  const [engine, setEngine] = useState('auto');
  const [model, setModel] = useState('');
  const [holdOut, setHoldOut] = useState(25);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [models, setModels] = useState<string[]>([]);

  useEffect(() => {
    if (!gpuId && shell.gpus[0]) setGpuId(shell.gpus[0].id);
  }, [shell.gpus, gpuId]);
  useEffect(() => {
    api['catalog.models']({}).then((m) => setModels(m.map((x) => x.id)), (err) => shell.reportError('Loading the models', err));
  }, [shell]);

  const reload = useCallback(async (keep?: number) => {
    if (!gpuId) return;
    try {
      const next = await api['calibration.list']({ gpuTypeId: gpuId });
      setList(next);
      setShownId(keep ?? next.find((c) => c.usedByRuns)?.id ?? next[0]?.id ?? null);
    } catch (err) {
      shell.reportError('Loading the calibrations', err);
    }
  }, [gpuId, shell]);
  useEffect(() => {
    setList(null);
    void reload();
  }, [reload]);

  const gpu = shell.gpusById.get(gpuId);
  const shown = useMemo(() => list?.find((c) => c.id === shownId) ?? null, [list, shownId]);

  const act = async (doing: string, fn: () => Promise<void>) => {
    shell.clearError();
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      shell.reportError(doing, err);
    } finally {
      setBusy(false);
    }
  };

  const importFiles = (files: TextFile[]) => act(`Importing ${files.map((f) => f.fileName).join(', ')}`, async () => {
    const rec = await api['calibration.import']({
      gpuTypeId: gpuId, files, holdOutFraction: holdOut / 100, ...(engine === 'auto' ? {} : { engine }), ...(model ? { model } : {}),
    });
    await reload(rec.id);
    shell.toast(`Calibration #${rec.id} for ${gpu?.name ?? gpuId}: held-out error ${pct(rec.before?.heldOut.median)} → ${pct(rec.after?.heldOut.median)}; runs use it from now on`);
  });

  const openFile = async () => {
    try {
      const file = await platform.openTextFile({ title: `Import measurements for ${gpu?.name ?? gpuId}`, extensions: EXTENSIONS });
      if (file) await importFiles([file]);
    } catch (err) {
      shell.reportError('Opening the file', err);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const dropped = [...(e.dataTransfer.files ?? [])];
    if (dropped.length === 0 || busy || !gpuId) return;
    void Promise.all(dropped.map(async (f) => ({ fileName: f.name, text: await f.text() }))).then(importFiles);
  };

  const select = (c: CalibrationView) => act(`Selecting calibration #${c.id}`, async () => {
    await api['calibration.select']({ id: c.id });
    await reload(c.id);
    shell.toast(`Runs on ${gpu?.name ?? gpuId} use calibration #${c.id} now`);
  });

  const revert = () => act('Reverting to the shipped calibration', async () => {
    const { active } = await api['calibration.revert']({ gpuTypeId: gpuId });
    await reload(active?.id);
    shell.toast(active ? `Back to the shipped calibration #${active.id}` : `${gpu?.name ?? gpuId}: nothing shipped, back to datasheet only`);
  });

  const userActive = !!list?.some((c) => c.active && c.origin === 'import');
  return (
    <div className={`calibrate${dragging ? ' is-dragging' : ''}`} data-testid="calibrate-view"
      onDragOver={(e) => { e.preventDefault(); setDragging(true); }} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
      <div className="toolbar">
        <label className="form-field inline">
          <span>GPU type</span>
          <select value={gpuId} onChange={(e) => setGpuId(e.target.value)} data-testid="calib-gpu" disabled={busy}>
            {shell.gpus.map((g) => <option key={g.id} value={g.id}>{g.vendor} {g.name} ({g.id})</option>)}
          </select>
        </label>
        <span className="muted small" data-testid="calib-applied">Runs use: {list ? appliedText(list) : '…'}</span>
      </div>
      <div className="panel">
        <h2>Import measurements</h2>
        <p className="muted small">
          vLLM <code>bench serve</code> result JSON, SGLang <code>bench_serving</code> JSONL, aiperf / genai-perf profile exports, fleetplan’s
          measure.py tables or a plain CSV (docs/calibration.md). The files are fitted at once; a bad file is refused whole, naming its line and field, and nothing is kept.
        </p>
        <div className="toolbar">
          <label className="form-field inline">
            <span>Engine</span>
            <select value={engine} onChange={(e) => setEngine(e.target.value)} data-testid="calib-engine">
              {ENGINES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </select>
          </label>
          <label className="form-field inline">
            <span>Model</span>
            <select value={model} onChange={(e) => setModel(e.target.value)} data-testid="calib-model" data-tip="For files that do not name their model (SGLang JSONL, some CSVs)">
              <option value="">as the file says</option>
              {models.map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </label>
          <label className="form-field inline">
            <span>Held out</span>
            <input type="number" min={5} max={90} step={5} value={holdOut} onChange={(e) => setHoldOut(Math.min(90, Math.max(5, Number(e.target.value) || 25)))}
              style={{ width: '4.5em' }} data-testid="calib-holdout" aria-label="Share of the points held out of the fit, %" />
            <span className="unit">% of points</span>
          </label>
          <button type="button" className="btn btn-primary" onClick={() => void openFile()} disabled={busy || !gpuId} data-testid="calib-import"
            data-tip="Fit this GPU type to a measurement file; the new calibration is used by every run from now on">
            Import file…
          </button>
          <span className="muted small">or drop files anywhere on this screen</span>
        </div>
      </div>
      <div className="toolbar">
        <h2 style={{ margin: 0 }}>Calibrations of {gpu ? `${gpu.vendor} ${gpu.name}` : gpuId}</h2>
        <button type="button" className="btn" onClick={() => void revert()} disabled={busy || !userActive} data-testid="calib-revert"
          data-tip="Stop using your imports for this GPU type: back to the shipped calibration, or to the datasheet where none is shipped. Your records are kept.">
          Revert to shipped
        </button>
      </div>
      {list === null ? <p className="muted">Loading…</p> : list.length === 0 ? (
        <p className="muted" data-testid="calib-none">No calibration for this GPU type: its figures are <b>datasheet only</b>. Import a measurement file to calibrate it.</p>
      ) : (
        <div className="table-scroll">
          <table className="grid" data-testid="calib-records">
            <thead>
              <tr>
                <th scope="col">#</th><th scope="col">Origin</th><th scope="col">Engine</th><th scope="col">By</th><th scope="col">When</th><th scope="col">Files</th>
                <th scope="col" className="num">Held-out error before → after</th><th scope="col" className="num">Fitted error before → after</th><th scope="col">Status</th><th scope="col" />
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id} data-testid="calib-record" data-id={c.id} data-used={String(c.usedByRuns)} aria-selected={c.id === shownId}
                  className={c.id === shownId ? 'is-selected' : undefined} onClick={() => setShownId(c.id)}>
                  <td>#{c.id}</td>
                  <td>{c.origin === 'shipped' ? 'shipped (public data)' : 'your import'}</td>
                  <td>{c.engine || 'any'}</td>
                  <td>{c.createdBy || '—'}</td>
                  <td>{fmtDate(c.createdAt)}</td>
                  <td className="wrap">{c.sourceFiles.map((f) => `${f.name} (${f.points} points)`).join(', ')}</td>
                  <td className="num" data-testid="calib-heldout">{pct(c.before?.heldOut.n ? c.before.heldOut.median : null)} → {pct(c.after?.heldOut.n ? c.after.heldOut.median : null)}</td>
                  <td className="num">{pct(c.before?.train.median)} → {pct(c.after?.train.median)}</td>
                  <td>{c.usedByRuns ? <span className="badge" data-testid="calib-used">used by runs</span> : c.active ? <span className="badge">active ({c.engine || 'any'})</span> : ''}</td>
                  <td>
                    <button type="button" className="btn btn-sm" onClick={(e) => { e.stopPropagation(); void select(c); }} disabled={busy || c.usedByRuns}
                      data-testid="calib-select" aria-label={`Use calibration #${c.id}`}>Use</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shown && <BeforeAfter c={shown} />}
    </div>
  );
}

/** Predicted against measured, with the default curves (before) and the fitted ones (after). */
function BeforeAfter({ c }: { c: CalibrationView }) {
  const points = pointRows(c);
  const p = c.params;
  return (
    <section className="panel" data-testid="calib-before-after" data-id={c.id}>
      <h2>Calibration #{c.id}: predicted against measured</h2>
      {p && (
        <p className="small">
          Fitted {c.fitted.join(', ') || 'nothing'}: compute efficiency ×{p.computeScale.toFixed(3)}, memory efficiency ×{p.memoryScale.toFixed(3)},
          host {(p.hostIterationS * 1000).toFixed(2)} ms per iteration. Error is |predicted / measured − 1|.
        </p>
      )}
      <table className="grid" data-testid="calib-summary">
        <thead>
          <tr>
            <th scope="col">Points</th><th scope="col" className="num">n</th>
            <th scope="col" className="num">Median before</th><th scope="col" className="num">Median after</th>
            <th scope="col" className="num">Mean before</th><th scope="col" className="num">Mean after</th>
            <th scope="col" className="num">Worst before</th><th scope="col" className="num">Worst after</th>
          </tr>
        </thead>
        <tbody>
          {summaryRows(c).map((r) => (
            <tr key={r.set} data-testid="calib-summary-row" data-set={r.set}>
              <td>{r.set}</td><td className="num">{r.n}</td>
              <td className="num">{pct(r.n ? r.before.median : null)}</td><td className="num">{pct(r.n ? r.after.median : null)}</td>
              <td className="num">{pct(r.n ? r.before.mean : null)}</td><td className="num">{pct(r.n ? r.after.mean : null)}</td>
              <td className="num">{pct(r.n ? r.before.worst : null)}</td><td className="num">{pct(r.n ? r.after.worst : null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <RatioChart c={c} />
      {points.length > 0 && (
        <details>
          <summary>Every point ({points.length})</summary>
          <div className="table-scroll">
            <table className="grid" data-testid="calib-points">
              <thead>
                <tr>
                  <th scope="col">Point (file:line)</th><th scope="col">Figure</th><th scope="col">Set</th><th scope="col" className="num">Measured</th>
                  <th scope="col" className="num">Before</th><th scope="col" className="num">After</th><th scope="col" className="num">Error before</th><th scope="col" className="num">Error after</th>
                </tr>
              </thead>
              <tbody>
                {points.map((r, i) => (
                  <tr key={`${r.point}/${r.metric}/${i}`}>
                    <td><code>{r.point}</code></td><td>{r.metric}</td><td>{r.heldOut ? 'held out' : 'fitted'}</td>
                    <td className="num">{r.measured}</td><td className="num">{r.before}</td><td className="num">{r.after}</td>
                    <td className="num">{r.errorBefore}</td><td className="num">{r.errorAfter}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}
