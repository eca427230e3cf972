import { useEffect, useState, type DragEvent } from 'react';
import type { PendingCommand } from '../inventories/InventoriesView';
import { EmptyState } from '../../components/EmptyState';
import { JobProgress } from '../../components/JobProgress';
import { MappingStep } from './MappingStep';
import { SynthesizeDialog } from './SynthesizeDialog';
import { useWorkloads } from './useWorkloads';
import { WorkloadDetail } from './WorkloadDetail';
import { WorkloadTable } from './WorkloadTable';

/** Request traces: import (file dialog or drop), map unknown columns, rescale, rename, delete, and look at one. */
export function WorkloadsView({ pending, onHandled }: { pending?: PendingCommand | null; onHandled?: () => void }) {
  const m = useWorkloads();
  const [dragging, setDragging] = useState(false);
  const [synthesizing, setSynthesizing] = useState(false);
  const busy = m.importing !== null;

  // Ctrl/⌘+O (or the native menu's Open) imports a trace here.
  useEffect(() => {
    if (!pending || pending.command !== 'inventory.open') return;
    onHandled?.();
    if (!busy) void m.openFile();
  }, [pending]);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files?.[0];
    if (!file || busy) return;
    void file.text().then((text) => m.importFile({ fileName: file.name, text }));
  };

  return (
    <div className={`workloads${dragging ? ' is-dragging' : ''}`} data-testid="workloads-view"
      onDragOver={(e) => { e.preventDefault(); setDragging(true); }} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
      <div className="toolbar">
        <button type="button" className="btn btn-primary" onClick={() => void m.openFile()} disabled={busy} data-testid="import-trace"
          data-tip="Import a trace: Azure, BurstGPT, Mooncake, Splitwise, Vidur, or any CSV/JSONL (Ctrl/⌘+O). Or drop a file here.">
          Import trace…
        </button>
        <button type="button" className="btn" onClick={() => setSynthesizing(true)} disabled={busy} data-testid="synthesize-workload"
          data-tip="Make a workload from a rate (req/s) with Poisson or bursty gamma arrivals, or from closed-loop users; lengths (tokens) taken from a workload, fixed, or lognormal">
          Synthesize…
        </button>
        <button type="button" className="btn" onClick={() => void m.rescale()} disabled={!m.current || busy || !!m.current.closedLoop} data-testid="rescale-workload"
          data-tip="Copy the selected workload with its arrival rate multiplied (×2 = twice the requests per second); closed-loop workloads have no rate">
          Rescale rate…
        </button>
        <button type="button" className="btn" onClick={() => void m.rename()} disabled={!m.current || busy} data-testid="rename-workload" data-tip="Rename (F2)">
          Rename
        </button>
        <button type="button" className="btn btn-danger-ghost" onClick={() => void m.remove()} disabled={!m.current || busy} data-testid="delete-workload" data-tip="Delete (Del)">
          Delete
        </button>
        <span className="muted small">or drop a .csv / .jsonl file anywhere on this screen</span>
      </div>
      {m.job.job && m.importing && <JobProgress job={m.job.job} what={`Importing ${m.importing}`} onCancel={() => void m.job.cancel()} />}
      {m.importWarning && (
        <div className="banner banner-warn" role="status" data-testid="import-warning">
          <div className="banner-body">
            <div className="banner-title">Imported with a warning</div>
            <div className="banner-message">{m.importWarning}</div>
          </div>
          <button type="button" className="btn btn-ghost" onClick={m.dismissImportWarning} aria-label="Dismiss warning" title="Dismiss">
            ✕
          </button>
        </div>
      )}
      {m.mapping && <MappingStep pending={m.mapping} onImport={(map) => void m.runImport(m.mapping!.file, map)} onCancel={m.cancelMapping} />}
      {m.list === null ? (
        <p className="muted">Loading…</p>
      ) : m.list.length === 0 ? (
        <EmptyState title="No workloads yet" testId="workloads-empty">
          <p>A workload is a request trace: when each request arrives and how many tokens go in and come out.</p>
          <p>Press <b>Import trace…</b> or drop a file here. Public traces such as Azure LLM inference 2023 or Mooncake import as they are; any other CSV/JSONL asks which column is what.</p>
        </EmptyState>
      ) : (
        <>
          <WorkloadTable items={m.list} selectedId={m.selectedId} onOpen={(id) => void m.select(id)} onRename={() => void m.rename()} onDelete={() => void m.remove()} />
          {m.current && <WorkloadDetail workload={m.current} stats={m.stats} />}
        </>
      )}
      {synthesizing && (
        <SynthesizeDialog sources={m.list ?? []} selectedId={m.selectedId} onClose={() => setSynthesizing(false)}
          onMade={(w) => { setSynthesizing(false); void m.adopt(w); }} />
      )}
      {dragging && <div className="drop-hint" aria-hidden="true">Drop the trace to import it</div>}
    </div>
  );
}
