import type { RunSummary } from '../../../../main/domain';
import { strategyShort } from '../../charts';
import { fmtDate } from '../../lib/format';

const STATUS_CLASS: Record<RunSummary['status'], string> = { done: 'st-done', running: 'st-running', failed: 'st-failed', cancelled: 'st-cancelled' };

function took(r: RunSummary): string {
  if (!r.finishedAt) return '—';
  const s = (new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime()) / 1000;
  return Number.isFinite(s) ? (s >= 60 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(1)} s`) : '—';
}

/**
 * Runs newest first; a click or focus selects a row (Export PDF acts on it), Enter reopens it, F2 renames,
 * Del deletes, Space ticks it for side by side.
 */
export function RunTable({ runs, selectedId, onSelect, picked, onToggle, onOpen, onRename, onDelete, onExport }: {
  runs: RunSummary[];
  selectedId: number | null;
  onSelect: (r: RunSummary) => void;
  picked: number[];
  onToggle: (id: number) => void;
  onOpen: (r: RunSummary) => void;
  onRename: (r: RunSummary) => void;
  onDelete: (r: RunSummary) => void;
  onExport: (r: RunSummary) => void;
}) {
  return (
    <div className="table-scroll">
      <table className="grid selectable" aria-label="Runs" data-testid="run-table">
        <thead>
          <tr>
            <th scope="col" data-tip="Tick two to compare side by side">⇆</th>
            <th scope="col">Run</th><th scope="col">Status</th><th scope="col">Model on inventory</th><th scope="col">Workload</th>
            <th scope="col">Strategies</th><th scope="col">Answer</th><th scope="col">Started</th><th scope="col" className="num">Took</th><th scope="col" />
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} tabIndex={0} data-testid="run-row" data-id={r.id} data-name={r.name} data-status={r.status}
              aria-selected={r.id === selectedId} className={r.id === selectedId ? 'is-selected' : undefined}
              onClick={() => onSelect(r)} onFocus={() => onSelect(r)} onDoubleClick={() => onOpen(r)}
              onKeyDown={(e) => {
                if (e.target !== e.currentTarget) return;
                const keys: Record<string, () => void> = { Enter: () => onOpen(r), F2: () => onRename(r), Delete: () => onDelete(r), ' ': () => onToggle(r.id) };
                if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
              }}>
              <td><input type="checkbox" checked={picked.includes(r.id)} onChange={() => onToggle(r.id)} aria-label={`Pick ${r.name} for side by side`} data-testid="run-pick" /></td>
              <td className="name-cell" title={r.name}>{r.name}</td>
              <td><span className={`status ${STATUS_CLASS[r.status]}`} title={r.error ?? undefined}>{r.status}</span></td>
              <td className="truncate wide" title={`${r.modelId} on ${r.inventoryName}`}>{r.modelId.split('/').pop()} <span className="muted">on</span> {r.inventoryName}</td>
              <td className="truncate" title={r.workloadName}>{r.workloadName}</td>
              <td className="truncate" title={r.strategies.map((s) => (r.pinned.includes(s) ? `${s} (pinned deployment)` : s)).join(', ')} data-testid="run-strategies">
                {r.strategies.map((s) => (r.pinned.includes(s) ? `${strategyShort(s)} (pinned)` : strategyShort(s))).join(', ')}
              </td>
              <td className="truncate" title={r.answer ? `${r.answer.strategy ? strategyShort(r.answer.strategy) : ''} ${r.answer.text}` : undefined} data-testid="run-answer">
                {r.answer ? (r.answer.strategy ? <><b>{strategyShort(r.answer.strategy)}</b> · {r.answer.text}</> : <span className="muted">{r.answer.text}</span>) : <span className="muted">—</span>}
              </td>
              <td>{fmtDate(r.startedAt)}</td>
              <td className="num">{took(r)}</td>
              <td className="row-actions">
                <button type="button" className="btn btn-sm" onClick={() => onOpen(r)} data-testid="run-open" data-tip="Reopen in Compare (Enter)">Open</button>
                <button type="button" className="btn btn-sm" onClick={() => onRename(r)} data-testid="run-rename" data-tip="Rename (F2)">Rename</button>
                <button type="button" className="btn btn-sm" onClick={() => onExport(r)} data-testid="run-export" data-tip="Save its scenario file (format and embed option above)">Export</button>
                <button type="button" className="btn btn-sm btn-danger-ghost" onClick={() => onDelete(r)} data-testid="run-delete" data-tip="Delete (Del)" aria-label={`Delete ${r.name}`}>✕</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
