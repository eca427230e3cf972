import { useCallback, useEffect, useState } from 'react';
import type { RunDetail, RunSummary } from '../../../../main/domain';
import type { PendingCommand } from '../inventories/InventoriesView';
import { api } from '../../api/client';
import { platform } from '../../api/platform';
import { useShell } from '../../components/app-context';
import { EmptyState } from '../../components/EmptyState';
import { JobProgress } from '../../components/JobProgress';
import { jobError, useJob } from '../../components/useJob';
import { fmtDate } from '../../lib/format';
import { ExportPdfButton } from '../report/ExportPdf';
import { RunTable } from './RunTable';
import { SideBySide } from './SideBySide';
import { nameRule } from '../../lib/name-rule';

/** Every run: reopen, rename, delete, export its scenario, import one, and compare two side by side. */
export function HistoryView({ onOpenRun, pending, onHandled }: { onOpenRun: (id: number) => void; pending?: PendingCommand | null; onHandled?: () => void }) {
  const shell = useShell();
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [pair, setPair] = useState<[RunDetail, RunDetail] | null>(null);
  const [format, setFormat] = useState<'yaml' | 'json'>('yaml');
  const [embed, setEmbed] = useState(false);
  const job = useJob();

  const refresh = useCallback(async () => {
    try {
      setRuns(await api['run.list']({}));
    } catch (err) {
      shell.reportError('Loading the run history', err);
      setRuns((r) => r ?? []);
    }
  }, [shell]);
  useEffect(() => void refresh(), [refresh]);

  // Only a finished run has a report; Ctrl/⌘+E exports the selected one.
  const selected = runs?.find((r) => r.id === selectedId) ?? null;
  const printable = selected?.status === 'done' ? selected.id : null;
  useEffect(() => shell.setRunOnScreen(printable), [printable, shell]);
  useEffect(() => () => shell.setRunOnScreen(null), [shell]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setPair(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const act = async <T,>(doing: string, fn: () => Promise<T>) => {
    shell.clearError();
    try {
      return await fn();
    } catch (err) {
      shell.reportError(doing, err);
      return undefined;
    }
  };

  const rename = async (r: RunSummary) => {
    const name = await shell.prompt({ title: 'Rename run', label: 'Name', initial: r.name, confirmLabel: 'Rename', validate: nameRule });
    if (name === null || name === r.name) return;
    if (await act('Renaming the run', () => api['run.rename']({ id: r.id, name }))) await refresh();
  };

  const remove = async (r: RunSummary) => {
    const ok = await shell.confirm({ title: `Delete “${r.name}”?`, body: `Its inputs and results (from ${fmtDate(r.startedAt)}) are deleted. Export the scenario first to re-run it later.`, confirmLabel: 'Delete', danger: true });
    if (!ok) return;
    if (!(await act('Deleting the run', () => api['run.delete']({ id: r.id })))) return;
    setPicked((p) => p.filter((id) => id !== r.id));
    setSelectedId((s) => (s === r.id ? null : s));
    await refresh();
    shell.toast(`Deleted “${r.name}”`);
  };

  const exportScenario = async (r: RunSummary) => {
    const file = await act('Exporting the scenario', () => api['scenario.export']({ runId: r.id, format, embedWorkload: embed }));
    if (!file) return;
    if (await act('Saving the file', () => platform.saveTextFile(file))) shell.toast(`Saved ${file.fileName}`);
  };

  const importScenario = async () => {
    const file = await act('Opening the file', () => platform.openTextFile({ title: 'Import a scenario file', extensions: ['yaml', 'yml', 'json'] }));
    if (!file) return;
    const end = await act(`Importing ${file.fileName}`, () => job.run(() => api['scenario.import'](file)));
    await refresh();
    if (!end) return;
    if (end.status === 'failed') shell.reportError(`Running ${file.fileName}`, jobError(end));
    else if (end.status === 'done') {
      job.clear();
      shell.toast(`Ran ${file.fileName} as a new run`);
      onOpenRun((end.result as { runId: number }).runId);
    }
  };

  const showPair = async () => {
    const [a, b] = picked;
    const both = await act('Opening the two runs', () => Promise.all([api['run.get']({ id: a }), api['run.get']({ id: b })]));
    if (both) setPair(both);
  };

  // Ctrl/⌘+O (or the native menu's Open) imports a scenario here.
  useEffect(() => {
    if (!pending || pending.command !== 'inventory.open') return;
    onHandled?.();
    if (!job.running) void importScenario();
  }, [pending]);

  const toggle = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));

  return (
    <div className="history" data-testid="history-view">
      <div className="toolbar">
        <button type="button" className="btn btn-primary" disabled={picked.length !== 2} onClick={() => void showPair()} data-testid="compare-two"
          data-tip="Tick two runs, then put them side by side">
          Side by side ({picked.length}/2)
        </button>
        <button type="button" className="btn" onClick={() => void importScenario()} disabled={job.running} data-testid="import-scenario"
          data-tip="Open a scenario file (YAML or JSON) and run it as a new comparison">
          Import scenario…
        </button>
        <ExportPdfButton shell={shell} runId={selected?.id ?? null}
          disabledReason={!selected ? 'Select a run (click its row) to export its report' : selected.status !== 'done' ? `Run “${selected.name}” is ${selected.status}: only a finished run has a report` : null} />
        <span className="muted small">Export scenarios as</span>
        <select value={format} onChange={(e) => setFormat(e.target.value as 'yaml' | 'json')} aria-label="Scenario file format" data-testid="export-format">
          <option value="yaml">YAML</option>
          <option value="json">JSON</option>
        </select>
        <label className="check" data-tip="Put the workload's requests in the file, so it runs where the workload is not imported">
          <input type="checkbox" checked={embed} onChange={(e) => setEmbed(e.target.checked)} data-testid="export-embed" /> embed workload
        </label>
      </div>
      {job.job && job.job.status !== 'done' && <JobProgress job={job.job} what="Running the imported scenario" onCancel={() => void job.cancel()} />}
      {pair && <SideBySide a={pair[0]} b={pair[1]} onClose={() => setPair(null)} />}
      {runs === null ? <p className="muted">Loading…</p> : runs.length === 0 ? (
        <EmptyState title="No runs yet" testId="history-empty">
          <p>Every comparison you run is kept here with its inputs and the cost-model version.</p>
          <p>Run one under <b>Compare</b> (Alt+5), or <b>Import scenario…</b> to re-run a colleague’s.</p>
        </EmptyState>
      ) : (
        <RunTable runs={runs} selectedId={selectedId} onSelect={(r) => setSelectedId(r.id)} picked={picked} onToggle={toggle} onOpen={(r) => onOpenRun(r.id)} onRename={(r) => void rename(r)} onDelete={(r) => void remove(r)} onExport={(r) => void exportScenario(r)} />
      )}
    </div>
  );
}
