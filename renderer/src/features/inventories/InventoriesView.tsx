import { useEffect } from 'react';
import type { MenuCommand } from '../../../../main/ipc/platform';
import { useShell } from '../../components/app-context';
import { EmptyState } from '../../components/EmptyState';
import { fmtDate } from '../../lib/format';
import { InventoryList } from './InventoryList';
import { PoolTable } from './PoolTable';
import { SummaryStrip } from './SummaryStrip';
import { useInventories } from './useInventories';

/** A menu command (native menu or browser shortcut) waiting for this screen; `seq` makes repeats distinct. */
export interface PendingCommand {
  command: MenuCommand;
  seq: number;
}

export function InventoriesView({ pending, onHandled }: { pending: PendingCommand | null; onHandled: () => void }) {
  const shell = useShell();
  const m = useInventories();
  const { inventory } = m;

  useEffect(() => {
    if (!pending) return;
    onHandled();
    if (pending.command === 'inventory.new') void m.create();
    else if (pending.command === 'inventory.open') void m.openFile();
    else if (pending.command === 'inventory.save') void (m.dirty ? m.savePools() : m.exportAs('yaml'));
    // Only a new command should run this; the model's functions change on every render.
  }, [pending]);

  return (
    <div className="inventories">
      <aside className="list-pane">
        <div className="toolbar">
          <button type="button" className="btn btn-primary" onClick={() => void m.create()} data-testid="new-inventory" data-tip="New inventory (Ctrl/⌘+N)">
            + New
          </button>
          <button type="button" className="btn" onClick={() => void m.openFile()} data-testid="open-file" data-tip="Open an inventory file, JSON or YAML (Ctrl/⌘+O)">
            Open file…
          </button>
        </div>
        {m.list === null ? (
          <p className="muted pad">Loading…</p>
        ) : m.list.length === 0 ? (
          <EmptyState title="No inventories">
            <p>An inventory is the GPUs you have or can rent, in pools of one type.</p>
            <p>Press <b>+ New</b> to describe yours, or <b>Open file…</b> to load one saved from fleetplan.</p>
          </EmptyState>
        ) : (
          <>
            <InventoryList items={m.list} selectedId={m.selectedId} onOpen={(id) => void m.select(id)} onRename={(id) => void m.rename(id)} onDelete={(id) => void m.remove(id)} />
            <p className="muted small keys-hint">
              <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> open
              <br />
              <kbd>F2</kbd> rename · <kbd>Del</kbd> delete
            </p>
          </>
        )}
      </aside>
      <section className="editor-pane" aria-label="Inventory editor">
        {!inventory ? (
          <EmptyState title="Select an inventory">
            <p>Choose one on the left (↑/↓ then Enter), or create a new one with <kbd>Ctrl/⌘+N</kbd>.</p>
          </EmptyState>
        ) : (
          <>
            <div className="editor-head">
              <div>
                <h2 data-testid="inventory-title">{inventory.name}</h2>
                <div className="muted small">
                  updated {fmtDate(inventory.updatedAt)}
                  {inventory.notes ? ` · ${inventory.notes}` : ''}
                </div>
              </div>
              <div className="toolbar">
                <button type="button" className="btn" onClick={() => void m.rename(inventory.id)} data-testid="rename-inventory" data-tip="Rename (F2 in the list)">
                  Rename
                </button>
                <button type="button" className="btn" onClick={() => void m.exportAs('json')} data-testid="save-json" data-tip="Save as a versioned JSON file">
                  Save as JSON
                </button>
                <button type="button" className="btn" onClick={() => void m.exportAs('yaml')} data-testid="save-yaml" data-tip="Save as a versioned YAML file (Ctrl/⌘+S when nothing is unsaved)">
                  Save as YAML
                </button>
                <button type="button" className="btn btn-danger-ghost" onClick={() => void m.remove(inventory.id)} data-testid="delete-inventory">
                  Delete
                </button>
              </div>
            </div>
            <SummaryStrip pools={m.draft} gpus={shell.gpus} />
            <PoolTable pools={m.draft} gpus={shell.gpus} gpusById={shell.gpusById} issues={m.issues} onChange={m.editPools} onAdd={m.addPool} />
            <div className="save-bar">
              {m.dirty ? (
                <span className="dirty" data-testid="dirty-indicator" role="status">
                  ● unsaved changes
                </span>
              ) : (
                <span className="muted" role="status">all changes saved</span>
              )}
              <button type="button" className="btn" onClick={m.revert} disabled={!m.dirty || m.busy}>
                Revert
              </button>
              <button type="button" className="btn btn-primary" onClick={() => void m.savePools()} disabled={!m.dirty || m.busy} data-testid="save-pools" data-tip="Save pools (Ctrl/⌘+S)">
                Save pools
              </button>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
