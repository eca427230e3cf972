import { useEffect, useState, type FormEvent } from 'react';
import type { CompareRequest, StrategyId } from '../../../../main/domain/comparison';
import type { InventorySummary, ModelEntry, WorkloadSummary } from '../../../../main/domain';
import { fmtNumber } from '../../lib/format';
import type { DeploymentPin } from '../../../../main/domain/result';
import { ENGINE_CHOICES, engineLabel, engineShort, type EngineChoice } from '../../../../main/sim/engine-names';
import { strategyShort } from '../../charts';
import { describePin } from './pins';
import { STRATEGY_IDS, STRATEGY_LABELS } from './recommend';
import type { FormPreset } from './preset';
import { DEFAULT_SLO, FIELD_LABELS, numericText, sloFromDraft, type SloDraft, type TimeUnit } from './slo-input';

export interface CompareChoices {
  inventories: InventorySummary[];
  models: ModelEntry[];
  workloads: WorkloadSummary[];
}

const STRATEGY_TIPS: Record<StrategyId, string> = {
  colocated: 'Every instance prefills and decodes; requests spread over instances of any pool',
  pipeline: 'One model split by layers across unlike GPUs (e.g. L40S then MI300X)',
  disaggregated: 'Prefill and decode on separate instances; KV cache moves between them',
  cronus: 'A cheaper GPU prefills the first part of long prompts, a stronger one finishes and decodes',
  nexus: 'Prefill and decode share each GPU with a dynamic SM split',
};

/** The question: which inventory, model, workload, SLOs and strategies. Enter runs it. */
export function CompareForm({ choices, running, onRun, preset = {}, pins = [], onUnpin, onDraft }: {
  choices: CompareChoices;
  running: boolean;
  onRun: (req: CompareRequest) => void;
  /** Deployments kept fixed in the next run (pinned from the results table). */
  pins?: DeploymentPin[];
  onUnpin?: (strategy: StrategyId) => void;
  /** Starting values (a reopened run's inputs); remount the form (key) to apply new ones. */
  preset?: FormPreset;
  /** Called with the form's values whenever they change (kept across reloads by the view). */
  onDraft?: (values: FormPreset) => void;
}) {
  const { inventories, models, workloads } = choices;
  const [inventoryId, setInventoryId] = useState(() => preset.inventoryId ?? inventories.find((i) => i.gpuCount > 0)?.id ?? inventories[0]?.id ?? 0);
  const [modelId, setModelId] = useState(() => preset.modelId ?? models.find((m) => m.id === 'meta-llama/Llama-3.1-8B')?.id ?? models[0]?.id ?? '');
  const [workloadId, setWorkloadId] = useState(() => preset.workloadId ?? workloads[0]?.id ?? 0);
  const [slo, setSlo] = useState<SloDraft>(preset.slo ?? DEFAULT_SLO);
  const [strategies, setStrategies] = useState<Set<StrategyId>>(() => new Set(preset.strategies ?? STRATEGY_IDS));
  const [seed, setSeed] = useState(preset.seed ?? '1');
  const [maxRequests, setMaxRequests] = useState(preset.maxRequests ?? '');
  const [engine, setEngine] = useState<EngineChoice>(preset.engine ?? 'default');
  const [strategyEngines, setStrategyEngines] = useState<Partial<Record<StrategyId, EngineChoice>>>(preset.strategyEngines ?? {});
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  // Open at first when the reopened run gave some strategy its own engine; the user folds it after that.
  const [perStrategyOpen] = useState(() => Object.keys(preset.strategyEngines ?? {}).length > 0);
  useEffect(() => {
    onDraft?.({ inventoryId, modelId, workloadId, slo, strategies: [...strategies], seed, maxRequests, engine, strategyEngines });
  }, [onDraft, inventoryId, modelId, workloadId, slo, strategies, seed, maxRequests, engine, strategyEngines]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const s = sloFromDraft(slo);
    if ('field' in s) return setProblem(s);
    if (strategies.size === 0) return setProblem({ field: 'strategies', message: 'choose at least one strategy' });
    const seedN = Number(seed);
    if (!Number.isInteger(seedN) || seedN < 0) return setProblem({ field: 'seed', message: 'a whole number, 0 or more' });
    const maxN = maxRequests.trim() === '' ? undefined : Number(maxRequests);
    if (maxN !== undefined && !(Number.isInteger(maxN) && maxN > 0)) return setProblem({ field: 'maxRequests', message: 'a whole number above 0, or blank for all' });
    const off = pins.find((p) => !strategies.has(p.strategy));
    if (off) return setProblem({ field: 'pins', message: `${strategyShort(off.strategy)} is pinned but not ticked: tick it or unpin it` });
    setProblem(null);
    // Only ticked strategies keep an engine of their own, and only one that differs from the comparison's.
    const per = Object.entries(strategyEngines).filter(([id, e]) => strategies.has(id as StrategyId) && e !== engine);
    onRun({
      inventoryId, modelId, workloadId, slo: s.slo, strategies: STRATEGY_IDS.filter((id) => strategies.has(id)), seed: seedN, maxRequests: maxN,
      ...(pins.length > 0 ? { pins } : {}), ...(engine !== 'default' ? { engine } : {}), ...(per.length > 0 ? { strategyEngines: Object.fromEntries(per) } : {}),
    });
  };

  const sloField = (key: keyof SloDraft, label: string, tip: string) => (
    <label className="form-field" data-tip={tip}>
      <span>{label}</span>
      <span className="num-field">
        <input value={slo[key].value} inputMode="decimal" onChange={(e) => setSlo({ ...slo, [key]: { ...slo[key], value: numericText(e.target.value, true) } })} aria-invalid={problem?.field === key ? true : undefined} data-testid={`slo-${key}`} style={{ width: '5em' }} />
        <select value={slo[key].unit} onChange={(e) => setSlo({ ...slo, [key]: { ...slo[key], unit: e.target.value as TimeUnit } })} aria-label={`${label} unit`} data-testid={`slo-${key}-unit`}>
          <option value="ms">ms</option>
          <option value="s">s</option>
        </select>
      </span>
    </label>
  );

  const wl = workloads.find((w) => w.id === workloadId);
  return (
    <form className="panel compare-form" onSubmit={submit}
      onKeyDown={(e) => { if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); e.currentTarget.requestSubmit(); } }} aria-label="Comparison inputs" data-testid="compare-form">
      <div className="form-row">
        <label className="form-field"><span>Inventory</span>
          <select value={inventoryId} onChange={(e) => setInventoryId(Number(e.target.value))} data-testid="compare-inventory">
            {inventories.map((i) => <option key={i.id} value={i.id}>{i.name} ({i.gpuCount} GPUs)</option>)}
          </select>
        </label>
        <label className="form-field"><span>Model</span>
          <select value={modelId} onChange={(e) => setModelId(e.target.value)} data-testid="compare-model">
            {models.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </label>
        <label className="form-field"><span>Workload</span>
          <select value={workloadId} onChange={(e) => setWorkloadId(Number(e.target.value))} data-testid="compare-workload">
            {workloads.map((w) => <option key={w.id} value={w.id}>{w.name} ({fmtNumber(w.requestCount, 0)} req{w.closedLoop ? `, closed loop of ${w.closedLoop.users} users` : ''})</option>)}
          </select>
        </label>
        {sloField('ttftP99', 'TTFT P99 ≤', 'Time to first token, 99th percentile; blank: not enforced')}
        {sloField('tbtP99', 'TBT P99 ≤', 'Time between output tokens, 99th percentile; blank: not enforced')}
      </div>
      <fieldset className="strategies" aria-invalid={problem?.field === 'strategies' ? true : undefined}>
        <legend>Strategies</legend>
        {STRATEGY_IDS.map((id) => (
          <label key={id} className="check" data-tip={STRATEGY_TIPS[id]}>
            <input type="checkbox" checked={strategies.has(id)} data-testid={`strategy-${id}`}
              onChange={(e) => { const next = new Set(strategies); if (e.target.checked) next.add(id); else next.delete(id); setStrategies(next); }} />
            {STRATEGY_LABELS[id]}
          </label>
        ))}
      </fieldset>
      <div className="form-row engine-row">
        <label className="form-field" data-tip="The serving engine whose default scheduling every deployment is simulated with (assets/engines; docs/engine.md)">
          <span>Serving engine</span>
          <select className="engine-select" value={engine} onChange={(e) => setEngine(e.target.value as EngineChoice)} data-testid="compare-engine">
            {ENGINE_CHOICES.map((id) => <option key={id} value={id}>{engineLabel(id)}</option>)}
          </select>
        </label>
        <details className="engine-per-strategy" open={perStrategyOpen} data-testid="compare-engine-per-strategy">
          <summary data-tip="Give a strategy another engine than the one above (say, disaggregation on SGLang)">Per strategy</summary>
          <div className="form-row">
            {STRATEGY_IDS.filter((id) => strategies.has(id)).map((id) => (
              <label key={id} className="form-field">
                <span>{strategyShort(id)}</span>
                <select value={strategyEngines[id] ?? ''} data-testid={`strategy-engine-${id}`} aria-label={`Serving engine for ${STRATEGY_LABELS[id]}`}
                  onChange={(e) => {
                    const next = { ...strategyEngines };
                    if (e.target.value === '') delete next[id];
                    else next[id] = e.target.value as EngineChoice;
                    setStrategyEngines(next);
                  }}>
                  <option value="">as above</option>
                  {ENGINE_CHOICES.map((e) => <option key={e} value={e}>{engineShort(e)}</option>)}
                </select>
              </label>
            ))}
          </div>
        </details>
      </div>
      {pins.length > 0 && (
        <fieldset className="pins" aria-invalid={problem?.field === 'pins' ? true : undefined} data-testid="compare-pins">
          <legend data-tip="These strategies run exactly this deployment instead of searching; pinned from the results table">Pinned deployments</legend>
          <ul>
            {pins.map((p) => (
              <li key={p.strategy} data-testid="compare-pin" data-strategy={p.strategy}>
                <b>{strategyShort(p.strategy)}:</b> <span data-testid="compare-pin-text">{describePin(p)}</span>
                {onUnpin && (
                  <button type="button" className="btn btn-sm" onClick={() => onUnpin(p.strategy)} data-testid="compare-unpin"
                    aria-label={`Unpin the ${strategyShort(p.strategy)} deployment`} data-tip={`Search ${strategyShort(p.strategy)} again in the next run`}>Unpin</button>
                )}
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <div className="form-row">
        <label className="form-field" data-tip="Same seed, same inputs: identical results"><span>Seed</span>
          <input value={seed} inputMode="numeric" onChange={(e) => setSeed(numericText(e.target.value, false))} style={{ width: '6em' }} aria-invalid={problem?.field === 'seed' ? true : undefined} data-testid="compare-seed" />
        </label>
        <label className="form-field" data-tip={`Replay only the first N requests, for a quick look${wl ? ` (the workload has ${fmtNumber(wl.requestCount, 0)})` : ''}; blank: all`}>
          <span>Max requests <span className="muted">(optional)</span></span>
          <input value={maxRequests} inputMode="numeric" onChange={(e) => setMaxRequests(numericText(e.target.value, false))} placeholder="all" style={{ width: '7em' }} aria-invalid={problem?.field === 'maxRequests' ? true : undefined} data-testid="compare-max" />
        </label>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={running || !modelId || !inventoryId || !workloadId} data-testid="compare-run" data-tip="Run the comparison (Ctrl/⌘+Enter)">
            Run comparison
          </button>
        </div>
        {problem && <span className="field-problem" role="alert" data-testid="compare-problem">{FIELD_LABELS[problem.field] ?? problem.field}: {problem.message}</span>}
      </div>
    </form>
  );
}
