// The Workloads screen's state and actions: the list, the selected workload's statistics, and imports
// (preview -> optional column mapping -> an import job with progress and cancel).
import { useCallback, useEffect, useState } from 'react';
import type { TextFile, TraceMapping, TracePreview, WorkloadStats, WorkloadSummary } from '../../../../main/domain';
import { api } from '../../api/client';
import { platform } from '../../api/platform';
import { useShell } from '../../components/app-context';
import { jobError, useJob } from '../../components/useJob';
import { fmtNumber, plural } from '../../lib/format';
import { nameRule } from '../../lib/name-rule';

/** The first lines are enough to recognise a format or list a file's columns. */
const PREVIEW_CHARS = 64 * 1024;

export interface PendingMapping {
  file: TextFile;
  preview: TracePreview;
}

export function useWorkloads() {
  const shell = useShell();
  const [list, setList] = useState<WorkloadSummary[] | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [stats, setStats] = useState<WorkloadStats | null>(null);
  const [mapping, setMapping] = useState<PendingMapping | null>(null);
  const [importing, setImporting] = useState<string | null>(null);
  /** What the last import had to change (rows out of time order, sorted); shown until dismissed or the next import. */
  const [importWarning, setImportWarning] = useState<string | null>(null);
  const job = useJob();

  const refresh = useCallback(async () => {
    try {
      const items = await api['workload.list']({});
      setList(items);
      return items;
    } catch (err) {
      shell.reportError('Loading workloads', err);
      setList((cur) => cur ?? []);
      return null;
    }
  }, [shell]);

  const select = useCallback(async (id: number | null) => {
    setSelectedId(id);
    setStats(null);
    if (id === null) return;
    try {
      setStats(await api['workload.stats']({ id }));
    } catch (err) {
      shell.reportError('Reading the workload’s statistics', err);
    }
  }, [shell]);

  useEffect(() => {
    void refresh().then((items) => {
      if (items && items.length > 0) void select(items[0].id);
    });
    // once, on entering the screen
  }, []);

  const runImport = async (file: TextFile, map?: TraceMapping) => {
    setMapping(null);
    setImporting(file.fileName);
    setImportWarning(null);
    shell.clearError();
    try {
      const end = await job.run(() => api['workload.import']({ fileName: file.fileName, text: file.text, mapping: map }));
      if (end.status === 'failed') shell.reportError(`Importing ${file.fileName}`, jobError(end));
      else if (end.status === 'cancelled') shell.toast(`Import of ${file.fileName} cancelled: nothing was kept`);
      else {
        const r = end.result as { workloadId: number; requests: number; skipped?: number; warning?: string | null };
        setImportWarning(r.warning ?? null);
        await refresh();
        await select(r.workloadId);
        shell.toast(`Imported ${file.fileName}: ${plural(r.requests, 'request')}${r.skipped ? `, ${fmtNumber(r.skipped, 0)} rows skipped` : ''}`);
      }
    } catch (err) {
      shell.reportError(`Importing ${file.fileName}`, err);
    } finally {
      setImporting(null);
    }
  };

  /** Recognised formats import at once; anything else asks which column is what. */
  const importFile = async (file: TextFile) => {
    shell.clearError();
    try {
      const preview = await api['workload.preview']({ head: file.text.slice(0, PREVIEW_CHARS) });
      if (preview.format) return void (await runImport(file));
      if (preview.kind === 'unknown' || preview.columns.length < 2) {
        shell.reportError(`Reading ${file.fileName}`, new Error(`${file.fileName} is neither CSV with a header row nor JSON lines: fleetplan cannot find its columns`));
        return;
      }
      setMapping({ file, preview });
    } catch (err) {
      shell.reportError(`Reading ${file.fileName}`, err);
    }
  };

  const openFile = async () => {
    try {
      const file = await platform.openTextFile({ title: 'Import a request trace', extensions: ['csv', 'jsonl', 'json', 'txt'] });
      if (file) await importFile(file);
    } catch (err) {
      shell.reportError('Opening the file', err);
    }
  };

  const act = async <T,>(doing: string, fn: () => Promise<T>): Promise<T | undefined> => {
    shell.clearError();
    try {
      return await fn();
    } catch (err) {
      shell.reportError(doing, err);
      return undefined;
    }
  };

  const current = list?.find((w) => w.id === selectedId) ?? null;

  const rename = async () => {
    if (!current) return;
    const name = await shell.prompt({ title: 'Rename workload', label: 'Name', initial: current.name, confirmLabel: 'Rename', validate: nameRule });
    if (name === null || name === current.name) return;
    if (await act('Renaming the workload', () => api['workload.rename']({ id: current.id, name }))) await refresh();
  };

  const rescale = async () => {
    if (!current) return;
    const text = await shell.prompt({
      title: `Rescale “${current.name}”`,
      label: 'Arrival-rate factor (×): 2 doubles the request rate, 0.5 halves it; a new workload is made',
      initial: '2',
      confirmLabel: 'Make copy',
      validate: (v) => (Number(v) >= 0.001 && Number(v) <= 1000 ? null : 'A number from 0.001 to 1000'),
    });
    if (text === null) return;
    const made = await act('Rescaling the workload', () => api['workload.rescale']({ id: current.id, factor: Number(text) }));
    if (!made) return;
    await refresh();
    await select(made.id);
    shell.toast(`Made “${made.name}”`);
  };

  /** A workload made elsewhere (the Synthesize dialog): list it, select it, show its charts. */
  const adopt = async (w: WorkloadSummary) => {
    shell.clearError();
    await refresh();
    await select(w.id);
    shell.toast(`Made “${w.name}”: ${plural(w.requestCount, 'request')} over ${fmtNumber(w.durationS, 0)} s`);
  };

  const remove = async () => {
    if (!current) return;
    const ok = await shell.confirm({
      title: `Delete “${current.name}”?`,
      body: `Its ${plural(current.requestCount, 'request')} are deleted. Runs that used it keep their results.`,
      confirmLabel: 'Delete',
      danger: true,
    });
    if (!ok) return;
    if (!(await act('Deleting the workload', () => api['workload.delete']({ id: current.id })))) return;
    const items = await refresh();
    await select(items && items.length > 0 ? items[0].id : null);
    shell.toast(`Deleted “${current.name}”`);
  };

  return {
    list, current, selectedId, stats, mapping, importing, job, importWarning, dismissImportWarning: () => setImportWarning(null),
    select, importFile, openFile, runImport, cancelMapping: () => setMapping(null), rename, rescale, remove, adopt,
  };
}
