import { useMemo, useState } from 'react';
import type { GpuType, ModelEntry, WorkloadSummary } from '../../../../main/domain';
import { fmtNumber } from '../../lib/format';
import { fmtBytes, fmtParams, memoryFit, modelFacts } from './model-facts';
import { MIN_KV_TOKENS, servingFit, type ServingFit } from './serving-fit';

const TPS = [1, 2, 4, 8];

/** A model's shape, its KV cost per token, and whether it fits a chosen GPU at each TP degree. */
/** The verdict in words: KV tokens and, for a workload, how many of its requests fit at once. */
export function fitText(fit: ServingFit, tp: number, mean: { name: string; tokens: number } | null): string {
  if (fit.verdict === 'no') return `does not fit on TP${tp}: the weights leave no room for KV`;
  const kv = `${fmtNumber(fit.kvTokens, 0)} tokens of KV across TP${tp}`;
  const held = fit.concurrent !== null && mean ? `, about ${fmtNumber(fit.concurrent, 0)} requests of ${mean.name}'s mean ${fmtNumber(mean.tokens, 0)} tokens at once` : '';
  if (fit.verdict === 'thin') return `weights fit, but only ${kv}${held}: below the ${fmtNumber(MIN_KV_TOKENS, 0)} a comparison needs, so it skips TP${tp}`;
  return `fits: ${kv}${held}`;
}

export function ModelDetail({ model, gpus, workloads = [], onDelete }: { model: ModelEntry; gpus: GpuType[]; workloads?: WorkloadSummary[]; onDelete: () => void }) {
  const read = useMemo(() => modelFacts(model.config), [model]);
  const [gpuId, setGpuId] = useState(() => gpus.find((g) => g.id === 'nvidia-h100-sxm')?.id ?? gpus[0]?.id ?? '');
  const [tp, setTp] = useState(1);
  const [workloadId, setWorkloadId] = useState<number | null>(null);
  const gpu = gpus.find((g) => g.id === gpuId);
  const w = workloads.find((x) => x.id === workloadId) ?? workloads[0] ?? null;
  const mean = w ? { name: w.name, tokens: w.meanInputTokens + w.meanOutputTokens } : null;
  if (!('facts' in read)) {
    return <section className="detail"><h2>{model.name}</h2><p className="field-problem">config.json has no {read.missing}: fleetplan cannot size this model.</p></section>;
  }
  const f = read.facts;
  const fit = gpu ? servingFit(gpu, model, tp, mean?.tokens ?? null) : null;
  return (
    <section className="detail" aria-label={`Model ${model.id}`} data-testid="model-detail">
      <div className="editor-head">
        <div>
          <h2>{model.name} {!model.builtin && <span className="badge">added by you</span>}</h2>
          <code className="muted">{model.id}</code>
        </div>
        {!model.builtin && <button type="button" className="btn btn-danger-ghost" onClick={onDelete} data-testid="delete-model">Delete</button>}
      </div>
      <dl className="kv facts" data-testid="model-facts">
        <dt>Parameters</dt><dd data-testid="model-params">{fmtParams(f.params)}{f.experts && ` total, ${fmtParams(f.activeParams)} active (${f.experts.active} of ${f.experts.total} experts per token)`} <span className="muted small">(estimate from config.json, bf16 weights {fmtBytes(f.params * 2)})</span></dd>
        <dt>Layers</dt><dd>{f.layers}</dd>
        <dt>Hidden size</dt><dd>{fmtNumber(f.hidden, 0)}</dd>
        <dt>Attention heads / KV heads</dt><dd>{f.heads} / {f.kvHeads} <span className="muted small">(head dim {f.headDim}{f.kvHeads < f.heads ? `, grouped-query ×${f.heads / f.kvHeads}` : ''})</span></dd>
        <dt>Vocabulary</dt><dd>{fmtNumber(f.vocab, 0)} tokens</dd>
        <dt>Context</dt><dd>{f.maxContext ? `${fmtNumber(f.maxContext, 0)} tokens` : '—'}</dd>
        <dt data-tip="2 (K and V) × layers × KV heads × head dim × 2 bytes (bf16)">KV cache per token</dt>
        <dd data-testid="model-kv">{fmtBytes(f.kvBytesPerToken)} <span className="muted small">bf16 · a 4k-token request holds {fmtBytes(f.kvBytesPerToken * 4096)}</span></dd>
      </dl>
      <h3>Memory per GPU</h3>
      <div className="toolbar">
        <label>GPU <select value={gpuId} onChange={(e) => setGpuId(e.target.value)} data-testid="fit-gpu">
          {gpus.map((g) => <option key={g.id} value={g.id}>{g.name} ({g.memoryGb} GB)</option>)}
        </select></label>
        <label data-tip="Tensor-parallel degree: the weights are split over this many GPUs">TP <select value={tp} onChange={(e) => setTp(Number(e.target.value))} data-testid="fit-tp">
          {TPS.map((t) => <option key={t} value={t}>{t}</option>)}
        </select></label>
        {workloads.length > 0 && (
          <label data-tip="Requests of this workload's mean length (prompt + answer) that the KV cache holds at once">for <select value={w?.id ?? ''} onChange={(e) => setWorkloadId(Number(e.target.value))} data-testid="fit-workload">
            {workloads.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select></label>
        )}
        {fit && (
          <span className={fit.verdict === 'fits' ? 'fit-ok' : fit.verdict === 'thin' ? 'fit-warn' : 'fit-bad'} data-testid="fit-verdict" data-verdict={fit.verdict}>
            {fitText(fit, tp, mean)}
          </span>
        )}
      </div>
      {gpu && (
        <table className="grid fit-table" data-testid="fit-table">
          <thead><tr><th>TP</th><th className="num" data-tip="bf16 weights split over the TP ranks (estimate from config.json)">Weights / GPU</th><th className="num" data-tip="KV the simulator's memory model leaves after weights, activations and the reserve">KV tokens</th>{mean && <th className="num">Requests at once</th>}<th>Fits?</th></tr></thead>
          <tbody>
            {TPS.map((t) => {
              const r = servingFit(gpu, model, t, mean?.tokens ?? null);
              return (
                <tr key={t} className={t === tp ? 'is-selected' : undefined}>
                  <td>TP{t}</td><td className="num">{fmtBytes(memoryFit(f, t, gpu.memoryGb).weightsPerGpu)}</td>
                  <td className="num">{r.verdict === 'no' ? '—' : fmtNumber(r.kvTokens, 0)}</td>
                  {mean && <td className="num">{r.verdict === 'no' ? '—' : fmtNumber(r.concurrent ?? 0, 0)}</td>}
                  <td className={r.verdict === 'fits' ? 'fit-ok' : r.verdict === 'thin' ? 'fit-warn' : 'fit-bad'}>{r.verdict === 'fits' ? '✓ yes' : r.verdict === 'thin' ? '! too little KV' : '✗ no'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
