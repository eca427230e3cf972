import { useRef, type KeyboardEvent } from 'react';
import type { InventorySummary } from '../../../../main/domain';
import { fmtDate, fmtNumber } from '../../lib/format';

interface Props {
  items: InventorySummary[];
  selectedId: number | null;
  onOpen: (id: number) => void;
  onRename: (id: number) => void;
  onDelete: (id: number) => void;
}

/**
 * ↑/↓ move, Enter opens, F2 renames, Delete deletes: the list works without a mouse. Rename and Delete
 * buttons live in the editor's header, which keeps this column narrow.
 */
export function InventoryList({ items, selectedId, onOpen, onRename, onDelete }: Props) {
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const focusRow = (i: number) => rows.current[Math.max(0, Math.min(items.length - 1, i))]?.focus();
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, i: number, id: number) => {
    if (e.target !== e.currentTarget) return; // keys inside the row's buttons are theirs
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusRow(i + 1),
      ArrowUp: () => focusRow(i - 1),
      Home: () => focusRow(0),
      End: () => focusRow(items.length - 1),
      Enter: () => onOpen(id),
      ' ': () => onOpen(id),
      F2: () => onRename(id),
      Delete: () => onDelete(id),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };
  const focusable = items.some((i) => i.id === selectedId) ? selectedId : items[0]?.id;
  return (
    <table className="grid inventory-list" aria-label="Inventories" data-testid="inventory-list">
      <thead>
        <tr>
          <th scope="col">Inventory</th>
          <th scope="col" className="num" data-tip="Number of pools">Pools</th>
          <th scope="col" className="num" data-tip="GPUs in all pools">GPUs</th>
        </tr>
      </thead>
      <tbody>
        {items.map((inv, i) => (
          <tr
            key={inv.id}
            ref={(el) => {
              rows.current[i] = el;
            }}
            tabIndex={inv.id === focusable ? 0 : -1}
            aria-selected={inv.id === selectedId}
            className={inv.id === selectedId ? 'is-selected' : undefined}
            onClick={() => onOpen(inv.id)}
            onKeyDown={(e) => onKeyDown(e, i, inv.id)}
            data-testid="inventory-row"
            data-name={inv.name}
            title={`${inv.name} · updated ${fmtDate(inv.updatedAt)}`}
          >
            <td className="name-cell">{inv.name}</td>
            <td className="num">{fmtNumber(inv.poolCount, 0)}</td>
            <td className="num">{fmtNumber(inv.gpuCount, 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
