import { useState } from 'react';
import type { GpuType } from '../../../../main/domain';
import { api } from '../../api/client';
import { useShell } from '../../components/app-context';
import { GpuCatalogView } from '../catalog/GpuCatalogView';
import { GpuForm } from './GpuForm';

/** The GPU catalog plus the user's own types: add (validated, with units), edit in place, and delete while unused. */
export function GpusView() {
  const shell = useShell();
  const [form, setForm] = useState<{ editing?: GpuType } | null>(null);
  const custom = shell.gpus.filter((g) => !g.builtin);

  const remove = async (id: string, name: string) => {
    const ok = await shell.confirm({
      title: `Delete GPU type ${name}?`, body: 'Only possible while no inventory pool uses it. Its calibrations are deleted with it.', confirmLabel: 'Delete', danger: true,
    });
    if (!ok) return;
    try {
      await api['catalog.deleteGpu']({ id });
      if (form?.editing?.id === id) setForm(null);
      await shell.reloadGpus();
      shell.toast(`Deleted GPU type ${name}`);
    } catch (err) {
      shell.reportError(`Deleting GPU type ${name}`, err);
    }
  };

  return (
    <div className="gpus">
      <div className="toolbar">
        <button type="button" className="btn btn-primary" onClick={() => setForm({})} disabled={form !== null} data-testid="add-gpu" data-tip="Add a GPU type the catalog lacks, from its datasheet">
          + Add GPU type
        </button>
        {custom.length > 0 && <span className="muted small">Yours:</span>}
        {custom.map((g) => (
          <span key={g.id} className="chip" data-testid="custom-gpu" data-gpu-id={g.id}>
            {g.name} <code>{g.id}</code>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setForm({ editing: g })} disabled={form !== null} aria-label={`Edit ${g.name}`}
              data-testid="edit-gpu" data-tip="Edit its datasheet numbers (the id stays)">✎</button>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => void remove(g.id, g.name)} aria-label={`Delete ${g.name}`}
              data-testid="delete-gpu" data-tip="Delete (only while no pool uses it)">✕</button>
          </span>
        ))}
      </div>
      {form && <GpuForm key={form.editing?.id ?? 'new'} editing={form.editing} onClose={() => setForm(null)} />}
      <GpuCatalogView />
    </div>
  );
}
