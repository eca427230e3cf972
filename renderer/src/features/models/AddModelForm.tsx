import { useState, type FormEvent } from 'react';
import type { ModelEntry } from '../../../../main/domain';
import { api } from '../../api/client';
import { ApiError } from '../../api/errors';
import { platform } from '../../api/platform';
import { useShell } from '../../components/app-context';

const ID_RULE = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

/** Adds a model from its Hugging Face config.json: opened from a file or pasted. */
export function AddModelForm({ onAdded, onClose }: { onAdded: (m: ModelEntry) => void; onClose: () => void }) {
  const shell = useShell();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('config.json');
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    try {
      const file = await platform.openTextFile({ title: 'Open a Hugging Face config.json', extensions: ['json'] });
      if (!file) return;
      setText(file.text);
      setFileName(file.fileName);
      setProblem(null);
    } catch (err) {
      shell.reportError('Opening the file', err);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ID_RULE.test(id.trim())) return setProblem({ field: 'id', message: 'use the Hugging Face id form org/name, e.g. acme/MyModel-7B' });
    if (text.trim().length < 2) return setProblem({ field: 'configText', message: 'open or paste the model’s config.json' });
    setBusy(true);
    shell.clearError();
    try {
      const added = await api['catalog.addModel']({ id: id.trim(), name: name.trim() || undefined, fileName, configText: text });
      shell.toast(`Added ${added.id}`);
      onAdded(added);
    } catch (err) {
      shell.reportError(`Adding ${id.trim()}`, err);
      if (err instanceof ApiError) setProblem({ field: err.field ?? 'configText', message: err.message });
    } finally {
      setBusy(false);
    }
  };

  const bad = (f: string) => (problem && (problem.field === f || (f === 'configText' && problem.field !== 'id' && problem.field !== 'name')) ? true : undefined);
  return (
    <form className="panel add-model" onSubmit={(e) => void submit(e)} aria-label="Add a model" data-testid="add-model-form">
      <h2>Add a model from config.json</h2>
      <div className="form-row">
        <label className="form-field">
          <span>Hugging Face id</span>
          <input value={id} onChange={(e) => { setId(e.target.value); setProblem(null); }} placeholder="org/name" aria-invalid={bad('id')} data-testid="model-id" autoFocus />
        </label>
        <label className="form-field">
          <span>Display name <span className="muted">(optional)</span></span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="from the id" data-testid="model-name" />
        </label>
        <button type="button" className="btn" onClick={() => void load()} data-testid="model-open-config" data-tip="Read a config.json from disk into the box below">
          Open config.json…
        </button>
      </div>
      <label className="form-field">
        <span>config.json <span className="muted">(paste the file’s text; only the architecture fields are used)</span></span>
        <textarea value={text} onChange={(e) => { setText(e.target.value); setProblem(null); }} rows={8} spellCheck={false}
          aria-invalid={bad('configText')} data-testid="model-config" placeholder='{"hidden_size": 4096, "num_hidden_layers": 32, ...}' />
      </label>
      {problem && <p className="field-problem" role="alert">{problem.field}: {problem.message}</p>}
      <div className="toolbar">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="model-add-submit">Add model</button>
        <button type="button" className="btn" onClick={onClose}>Cancel</button>
      </div>
    </form>
  );
}
