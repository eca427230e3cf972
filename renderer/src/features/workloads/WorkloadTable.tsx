import { useRef, type KeyboardEvent } from 'react';
import type { WorkloadSummary } from '../../../../main/domain';
import { fmtNumber } from '../../lib/format';

export function fmtDuration(s: number): string {
  if (!Number.isFinite(s)) return '—';
  if (s >= 3600) return `${fmtNumber(s / 3600, 1)} h`;
  // Whole minutes only from ten on: "4 min" would hide a fifth of a 250 s workload.
  if (s >= 600) return `${fmtNumber(s / 60, 0)} min`;
  return `${fmtNumber(s, s >= 100 ? 0 : 1)} s`;
}

/** The workloads, one row each; ↑/↓ move, Enter opens, F2 renames, Del deletes. */
export function WorkloadTable({ items, selectedId, onOpen, onRename, onDelete }: {
  items: WorkloadSummary[];
  selectedId: number | null;
  onOpen: (id: number) => void;
  onRename: () => void;
  onDelete: () => void;
}) {
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, i: number, id: number) => {
    const go = (j: number) => {
      const k = Math.max(0, Math.min(items.length - 1, j));
      rows.current[k]?.focus();
      onOpen(items[k].id);
    };
    const keys: Record<string, () => void> = {
      ArrowDown: () => go(i + 1), ArrowUp: () => go(i - 1), Enter: () => onOpen(id), F2: onRename, Delete: onDelete,
    };
    if (keys[e.key]) {
      e.preventDefault();
      keys[e.key]();
    }
  };
  return (
    <div className="table-scroll">
      <table className="grid selectable" aria-label="Workloads" data-testid="workload-table">
        <thead>
          <tr>
            <th scope="col">Workload</th>
            <th scope="col" className="num" data-tip="Requests in the trace">Requests</th>
            <th scope="col" className="num" data-tip="First to last arrival (closed-loop workloads: their users instead)">Duration</th>
            <th scope="col" className="num" data-tip="Mean prompt length, tokens">Mean in <span className="unit">tok</span></th>
            <th scope="col" className="num" data-tip="Mean generated length, tokens">Mean out <span className="unit">tok</span></th>
            <th scope="col">Format</th>
            <th scope="col">Attribution</th>
          </tr>
        </thead>
        <tbody>
          {items.map((w, i) => (
            <tr key={w.id} ref={(el) => { rows.current[i] = el; }} tabIndex={w.id === selectedId || (selectedId === null && i === 0) ? 0 : -1}
              aria-selected={w.id === selectedId} className={w.id === selectedId ? 'is-selected' : undefined}
              onClick={() => onOpen(w.id)} onKeyDown={(e) => onKeyDown(e, i, w.id)} data-testid="workload-row" data-name={w.name}>
              <td className="name-cell" title={w.name}>{w.name}</td>
              <td className="num">{fmtNumber(w.requestCount, 0)}</td>
              {w.closedLoop ? (
                <td className="num" data-testid="workload-closed-loop-cell" title="Closed loop: no arrival rate, so no duration">
                  closed loop, {fmtNumber(w.closedLoop.users, 0)} users
                </td>
              ) : (
                <td className="num">{fmtDuration(w.durationS)}</td>
              )}
              <td className="num">{fmtNumber(w.meanInputTokens, 0)}</td>
              <td className="num">{fmtNumber(w.meanOutputTokens, 0)}</td>
              <td><code>{w.sourceFormat}</code></td>
              <td className="truncate source" title={w.attribution ?? ''}>{w.attribution ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
