import { useState } from 'react';
import { api } from '../../api/client';
import { useShell } from '../../components/app-context';
import { GpuCatalogView } from '../catalog/GpuCatalogView';
import { AddGpuForm } from './AddGpuForm';

/** The GPU catalog plus the user's own types: add (validated, with units) and delete while unused. */
export function GpusView() {
  const shell = useShell();
  const [adding, setAdding] = useState(false);
  const custom = shell.gpus.filter((g) => !g.builtin);

  const remove = async (id: string, name: string) => {
    const ok = await shell.confirm({ title: `Delete GPU type ${name}?`, body: 'Only possible while no inventory pool uses it.', confirmLabel: 'Delete', danger: true });
    if (!ok) return;
    try {
      await api['catalog.deleteGpu']({ id });
      await shell.reloadGpus();
      shell.toast(`Deleted GPU type ${name}`);
    } catch (err) {
      shell.reportError(`Deleting GPU type ${name}`, err);
    }
  };

  return (
    <div className="gpus">
      <div className="toolbar">
        <button type="button" className="btn btn-primary" onClick={() => setAdding(true)} disabled={adding} data-testid="add-gpu" data-tip="Add a GPU type the catalog lacks, from its datasheet">
          + Add GPU type
        </button>
        {custom.length > 0 && <span className="muted small">Yours:</span>}
        {custom.map((g) => (
          <span key={g.id} className="chip" data-testid="custom-gpu">
            {g.name} <code>{g.id}</code>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => void remove(g.id, g.name)} aria-label={`Delete ${g.name}`} data-tip="Delete (only while no pool uses it)">✕</button>
          </span>
        ))}
      </div>
      {adding && <AddGpuForm onClose={() => setAdding(false)} />}
      <GpuCatalogView />
    </div>
  );
}
