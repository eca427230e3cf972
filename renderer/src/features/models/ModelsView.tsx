import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ModelEntry, WorkloadSummary } from '../../../../main/domain';
import { api } from '../../api/client';
import { useShell } from '../../components/app-context';
import { EmptyState } from '../../components/EmptyState';
import { AddModelForm } from './AddModelForm';
import { ModelDetail } from './ModelDetail';
import { fmtParams, modelFacts } from './model-facts';

export function filterModels(models: readonly ModelEntry[], query: string): ModelEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return models.filter((m) => words.every((w) => `${m.id} ${m.name}`.toLowerCase().includes(w)));
}

/** The model catalog: search, facts, memory per GPU, add from config.json, delete your own. */
export function ModelsView() {
  const shell = useShell();
  const [models, setModels] = useState<ModelEntry[] | null>(null);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  // The fit check says how many requests of a workload's mean length fit at once; any workload will do.
  const [workloads, setWorkloads] = useState<WorkloadSummary[]>([]);
  useEffect(() => {
    api['workload.list']({}).then(setWorkloads, () => setWorkloads([]));
  }, []);

  const refresh = useCallback(async () => {
    try {
      const list = await api['catalog.models']({});
      setModels(list);
      return list;
    } catch (err) {
      shell.reportError('Loading the model catalog', err);
      setModels((m) => m ?? []);
      return null;
    }
  }, [shell]);
  useEffect(() => {
    void refresh().then((l) => l && setSelected((s) => s ?? l.find((m) => m.id === 'meta-llama/Llama-3.1-8B')?.id ?? l[0]?.id ?? null));
  }, [refresh]);

  const shown = useMemo(() => filterModels(models ?? [], query), [models, query]);
  const current = models?.find((m) => m.id === selected) ?? null;

  const remove = async (m: ModelEntry) => {
    const ok = await shell.confirm({ title: `Delete ${m.id}?`, body: 'Runs that used it keep their results; new comparisons can no longer pick it.', confirmLabel: 'Delete', danger: true });
    if (!ok) return;
    try {
      await api['catalog.deleteModel']({ id: m.id });
      shell.toast(`Deleted ${m.id}`);
      const l = await refresh();
      setSelected(l?.[0]?.id ?? null);
    } catch (err) {
      shell.reportError(`Deleting ${m.id}`, err);
    }
  };

  return (
    <div className="models" data-testid="models-view">
      <aside className="list-pane">
        <div className="toolbar">
          <input type="search" className="search" placeholder="Search id or name" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search models" data-testid="model-search" />
          <button type="button" className="btn btn-primary" onClick={() => setAdding(true)} data-testid="add-model" data-tip="Add a model from its Hugging Face config.json">+ Add</button>
        </div>
        {models === null ? <p className="muted">Loading…</p> : shown.length === 0 ? (
          <p className="muted pad">No model matches “{query}”. Clear the search, or add the model from its config.json.</p>
        ) : (
          <div className="table-scroll">
            <table className="grid selectable" aria-label="Models" data-testid="model-table">
              <thead><tr><th>Model</th><th className="num" data-tip="Estimated from config.json">Params</th></tr></thead>
              <tbody>
                {shown.map((m) => {
                  const f = modelFacts(m.config);
                  return (
                    <tr key={m.id} tabIndex={0} className={m.id === selected ? 'is-selected' : undefined} aria-selected={m.id === selected}
                      onClick={() => setSelected(m.id)} onKeyDown={(e) => e.key === 'Enter' && setSelected(m.id)} data-testid="model-row" data-id={m.id} title={m.id}>
                      <td className="name-cell">{m.name}{!m.builtin && <span className="badge">yours</span>}</td>
                      <td className="num">{'facts' in f ? fmtParams(f.facts.params) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </aside>
      <div className="editor-pane">
        {adding && <AddModelForm onClose={() => setAdding(false)} onAdded={(m) => { setAdding(false); void refresh().then(() => { setQuery(''); setSelected(m.id); }); }} />}
        {current ? <ModelDetail key={current.id} model={current} gpus={shell.gpus} workloads={workloads} onDelete={() => void remove(current)} /> : !adding && (
          <EmptyState title="Pick a model"><p>Choose one on the left, or press <b>+ Add</b> to bring your own from its config.json.</p></EmptyState>
        )}
      </div>
    </div>
  );
}
