import { useMemo, useState, type FormEvent } from 'react';
import type { GpuType } from '../../../../main/domain';
import { api } from '../../api/client';
import { ApiError } from '../../api/errors';
import { useShell } from '../../components/app-context';
import { NumberField } from '../../components/NumberField';
import { draftOf, EMPTY_GPU, NUMERIC_FIELDS, toAddGpuInput, validateGpu, type GpuDraft } from './gpu-form';

/**
 * A custom GPU type from its datasheet numbers, each with its unit and range: a new one, or (with `editing`)
 * one of the user's own, changed in place under the same id.
 */
export function GpuForm({ editing, onClose }: { editing?: GpuType; onClose: () => void }) {
  const shell = useShell();
  const [d, setD] = useState<GpuDraft>(() => (editing ? draftOf(editing) : EMPTY_GPU));
  const [tried, setTried] = useState(false);
  const [server, setServer] = useState<{ field: string; message: string } | null>(null);
  const taken = useMemo(() => new Set(shell.gpus.map((g) => g.id).filter((id) => id !== editing?.id)), [shell.gpus, editing]);
  const issues = validateGpu(d, taken);
  const shown: Record<string, string> = tried ? { ...issues } : {};
  if (server) shown[server.field] = server.message;
  const set = <K extends keyof GpuDraft>(k: K, v: GpuDraft[K]) => {
    setD((cur) => ({ ...cur, [k]: v }));
    setServer(null);
  };
  const doing = editing ? `Saving GPU type ${editing.name}` : 'Adding the GPU type';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(issues).length > 0) return;
    shell.clearError();
    try {
      if (editing) {
        const gpu = await api['catalog.updateGpu'](toAddGpuInput(d, editing.source));
        await shell.reloadGpus();
        shell.toast(`Saved GPU type ${gpu.name} (${gpu.id}): the next comparison uses its new numbers`);
      } else {
        const gpu = await api['catalog.addGpu'](toAddGpuInput(d));
        await shell.reloadGpus();
        shell.toast(`Added GPU type ${gpu.name} (${gpu.id}): pick it in an inventory’s pools`);
      }
      onClose();
    } catch (err) {
      shell.reportError(doing, err);
      if (err instanceof ApiError && err.field) setServer({ field: err.field, message: err.message });
    }
  };

  const text = (k: 'id' | 'vendor' | 'name' | 'interconnect', label: string, placeholder: string) => (
    <label className="form-field">
      <span>{label}</span>
      <input value={d[k]} onChange={(e) => set(k, e.target.value)} placeholder={placeholder} aria-invalid={shown[k] ? true : undefined} data-testid={`gpu-${k}`}
        readOnly={k === 'id' && !!editing} title={k === 'id' && editing ? 'The id stays: pools and calibrations refer to it' : undefined} />
      {shown[k] && <span className="field-problem">{shown[k]}</span>}
    </label>
  );

  return (
    <form className="panel add-gpu" onSubmit={(e) => void submit(e)} aria-label={editing ? `Edit GPU type ${editing.name}` : 'Add a GPU type'} data-testid={editing ? 'edit-gpu-form' : 'add-gpu-form'}>
      <h2>{editing ? `Edit ${editing.name}` : 'Add a GPU type'}</h2>
      <div className="form-grid">
        {text('id', 'Id', 'acme-x1')}
        {text('vendor', 'Vendor', 'Acme')}
        {text('name', 'Name', 'Acme X1 96GB')}
        {text('interconnect', 'Interconnect (text)', 'PCIe Gen5 x16')}
        {NUMERIC_FIELDS.map((f) => (
          <label key={f.key} className="form-field">
            <span>{f.label}{f.optional && <span className="muted"> (optional)</span>}</span>
            <NumberField value={d[f.key]} onChange={(v) => set(f.key, v)} unit={f.unit} label={f.label} hint={f.hint} invalid={shown[f.key]} testId={`gpu-${f.key}`} width="7em" />
            {shown[f.key] && <span className="field-problem">{shown[f.key]}</span>}
          </label>
        ))}
      </div>
      <div className="toolbar">
        <button type="submit" className="btn btn-primary" data-testid={editing ? 'gpu-save-submit' : 'gpu-add-submit'}>{editing ? 'Save GPU type' : 'Add GPU type'}</button>
        <button type="button" className="btn" onClick={onClose}>Cancel</button>
        <span className="muted small">Numbers are per GPU, dense (no sparsity), as on the datasheet.</span>
      </div>
    </form>
  );
}
