import { useMemo, useState } from 'react';
import type { GpuType, ModelEntry } from '../../../../main/ipc/types';
import { fmtNumber } from '../../lib/format';
import { fmtBytes, fmtParams, memoryFit, modelFacts, RESERVE } from './model-facts';

const TPS = [1, 2, 4, 8];

/** A model's shape, its KV cost per token, and whether it fits a chosen GPU at each TP degree. */
export function ModelDetail({ model, gpus, onDelete }: { model: ModelEntry; gpus: GpuType[]; onDelete: () => void }) {
  const read = useMemo(() => modelFacts(model.config), [model]);
  const [gpuId, setGpuId] = useState(() => gpus.find((g) => g.id === 'nvidia-h100-sxm')?.id ?? gpus[0]?.id ?? '');
  const [tp, setTp] = useState(1);
  const gpu = gpus.find((g) => g.id === gpuId);
  if (!('facts' in read)) {
    return <section className="detail"><h2>{model.name}</h2><p className="field-problem">config.json has no {read.missing}: fleetplan cannot size this model.</p></section>;
  }
  const f = read.facts;
  const fit = gpu ? memoryFit(f, tp, gpu.memoryGb) : null;
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
        {fit && (
          <span className={fit.fits ? 'fit-ok' : 'fit-bad'} data-testid="fit-verdict">
            {fit.fits
              ? `fits: ${fmtBytes(fit.weightsPerGpu)} of weights per GPU, ${fmtBytes(fit.kvRoomPerGpu)} left for KV (${fmtNumber(fit.kvTokens, 0)} tokens across TP${tp})`
              : `does not fit: ${fmtBytes(fit.weightsPerGpu)} of weights per GPU > ${fmtBytes(fit.usablePerGpu)} usable`}
          </span>
        )}
      </div>
      {gpu && (
        <table className="grid fit-table" data-testid="fit-table">
          <thead><tr><th>TP</th><th className="num">Weights / GPU</th><th className="num" data-tip={`GPU memory less a ${RESERVE * 100}% reserve for activations and fragmentation`}>Usable / GPU</th><th className="num">KV room / GPU</th><th className="num">KV tokens</th><th>Fits?</th></tr></thead>
          <tbody>
            {TPS.map((t) => {
              const r = memoryFit(f, t, gpu.memoryGb);
              return (
                <tr key={t} className={t === tp ? 'is-selected' : undefined}>
                  <td>TP{t}</td><td className="num">{fmtBytes(r.weightsPerGpu)}</td><td className="num">{fmtBytes(r.usablePerGpu)}</td>
                  <td className="num">{r.fits ? fmtBytes(r.kvRoomPerGpu) : '—'}</td><td className="num">{r.fits ? fmtNumber(r.kvTokens, 0) : '—'}</td>
                  <td className={r.fits ? 'fit-ok' : 'fit-bad'}>{r.fits ? '✓ yes' : '✗ no'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
