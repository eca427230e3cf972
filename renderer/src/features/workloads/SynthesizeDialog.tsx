// "Synthesize…": an open-loop workload made from a rate, an arrival law and a length law, for load levels
// or burstiness no imported trace has; or a closed loop of users (how benchmark tools load a server). The backend checks the ranges; its field errors land next to the field.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { WorkloadSummary } from '../../../../main/domain';
import { api, toApiError } from '../../api/client';
import { ErrorBanner, type BannerError } from '../../components/ErrorBanner';
import { NumberField } from '../../components/NumberField';
import { fmtNumber } from '../../lib/format';
import { fieldOfError, initialDraft, localProblems, suggestedName, toSpec, type Draft, type FieldKey } from './synthesize-spec';

function Row({ label, tip, problem, children }: { label: string; tip: string; problem?: string; children: ReactNode }) {
  return (
    <div className="synth-row">
      <span className="synth-label" data-tip={tip}>{label}</span>
      <span className="synth-control">
        {children}
        {problem && <span className="field-problem" role="alert">{problem}</span>}
      </span>
    </div>
  );
}

export function SynthesizeDialog({ sources, selectedId, onMade, onClose }: {
  /** Workloads whose (input, output) pairs can be drawn. */
  sources: WorkloadSummary[];
  selectedId: number | null;
  onMade: (w: WorkloadSummary) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [d, setD] = useState<Draft>(() => initialDraft(sources, selectedId));
  const [problems, setProblems] = useState<Partial<Record<FieldKey, string>>>({});
  const [banner, setBanner] = useState<BannerError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setD((cur) => ({ ...cur, [key]: value }));
    setProblems((p) => ({ ...p, [key]: undefined }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = localProblems(d);
    setProblems(local);
    setBanner(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const made = await api['workload.synthesize'](toSpec(d, sources));
      ref.current?.close();
      onMade(made);
    } catch (err) {
      const e2 = toApiError(err);
      const key = fieldOfError(e2.field, d);
      if (key) setProblems({ [key]: e2.message });
      else setBanner({ doing: 'Synthesizing the workload', error: e2 });
    } finally {
      setBusy(false);
    }
  };

  const num = (key: FieldKey, label: string, unit: string, opts: { integer?: boolean; hint?: string } = {}) => (
    <NumberField value={d[key] as number} onChange={(v) => set(key, v)} unit={unit} label={label} hint={opts.hint}
      integer={opts.integer} invalid={problems[key]} width="7em" testId={`synth-${key}`} />
  );

  return (
    <dialog ref={ref} className="dialog synth-dialog" aria-labelledby="synth-title" data-testid="synthesize-dialog"
      onCancel={(e) => { e.preventDefault(); if (!busy) { ref.current?.close(); onClose(); } }}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="synth-title">Synthesize a workload</h2>
        <p className="dialog-body">
          {d.arrival === 'closed-loop'
            ? 'Closed loop: each user sends its next request when its last one completes (after the think time), so there is no arrival rate'
            : 'Open-loop requests at a mean rate'}; the seed makes the same workload every time.
        </p>
        <ErrorBanner banner={banner} onDismiss={() => setBanner(null)} />
        <div className="synth-form">
          <Row label="Name" tip="Blank: a name that says how it was made" problem={problems.name}>
            <input value={d.name} onChange={(e) => set('name', e.target.value)} placeholder={suggestedName(d, sources)}
              aria-label="Name" aria-invalid={problems.name ? true : undefined} data-testid="synth-name" className="synth-name" />
          </Row>
          <Row label="Requests" tip="How many requests the workload has" problem={problems.requests}>
            {num('requests', 'Number of requests', 'requests', { integer: true, hint: '1 to 2,000,000' })}
          </Row>
          <Row label="Arrivals" tip="Poisson: independent arrivals (CV 1). Gamma: gaps with the coefficient of variation you give; above 1 is burstier. Closed loop: a fixed number of users, each waiting for its answer before asking again" problem={problems.cv}>
            <select value={d.arrival} onChange={(e) => set('arrival', e.target.value as Draft['arrival'])} aria-label="Arrival process" data-testid="synth-arrival">
              <option value="poisson">Poisson</option>
              <option value="gamma">Gamma (bursty)</option>
              <option value="closed-loop">Closed loop (users)</option>
            </select>
            {d.arrival === 'gamma' && num('cv', 'Coefficient of variation of the gaps between arrivals', 'CV', { hint: '1 = Poisson, 3 = bursty, 0.05 to 20' })}
          </Row>
          {d.arrival === 'closed-loop' ? (
            <Row label="Users" tip="Requests in flight at once: each user sends one, waits for it to finish, thinks, and sends the next" problem={problems.users ?? problems.thinkTimeS}>
              {num('users', 'Concurrent users', 'users', { integer: true, hint: '1 to 100,000' })}
              {num('thinkTimeS', 'Think time after each answer', 's think', { hint: 'seconds between an answer and the next request, 0 to 3600' })}
            </Row>
          ) : (
            <Row label="Rate" tip="Mean arrival rate, requests per second; duration ≈ requests ÷ rate" problem={problems.ratePerS}>
              {num('ratePerS', 'Mean arrival rate', 'req/s', { hint: 'requests per second' })}
              <span className="muted small">duration ≈ {Number.isFinite(d.requests / d.ratePerS) ? `${fmtNumber(d.requests / d.ratePerS, 0)} s` : '—'}</span>
            </Row>
          )}
          <Row label="Lengths" tip="Prompt and output lengths in tokens: drawn in pairs from a workload (keeps their correlation), fixed, or lognormal">
            <select value={d.lengths} onChange={(e) => set('lengths', e.target.value as Draft['lengths'])} aria-label="Length distribution" data-testid="synth-lengths">
              <option value="workload" disabled={sources.length === 0}>From a workload</option>
              <option value="fixed">Fixed</option>
              <option value="lognormal">Lognormal</option>
            </select>
          </Row>
          {d.lengths === 'workload' && (
            <Row label="Source" tip="Each request takes the (input, output) token pair of a random request of this workload" problem={problems.workloadId}>
              <select value={d.workloadId ?? ''} onChange={(e) => set('workloadId', Number(e.target.value))} aria-label="Workload to take lengths from"
                aria-invalid={problems.workloadId ? true : undefined} data-testid="synth-source">
                {sources.map((w) => <option key={w.id} value={w.id}>{w.name} ({fmtNumber(w.meanInputTokens, 0)} in / {fmtNumber(w.meanOutputTokens, 0)} out tok)</option>)}
              </select>
            </Row>
          )}
          {d.lengths === 'fixed' && (
            <Row label="Tokens" tip="Every request has these lengths" problem={problems.input ?? problems.output}>
              {num('input', 'Input (prompt) length', 'tok in', { integer: true })}
              {num('output', 'Output (generated) length', 'tok out', { integer: true })}
            </Row>
          )}
          {d.lengths === 'lognormal' && (
            <Row label="Law" tip="Lognormal lengths: half the requests are shorter than the median; σ is the spread of ln(length)" problem={problems.inputMedian ?? problems.outputMedian ?? problems.sigma}>
              {num('inputMedian', 'Median input length', 'tok in', { integer: true })}
              {num('outputMedian', 'Median output length', 'tok out', { integer: true })}
              {num('sigma', 'Spread σ of ln(length)', 'σ', { hint: '0 = all the median, 1 = wide; 0 to 3' })}
            </Row>
          )}
          <Row label="Seed" tip="Same seed and settings, same requests" problem={problems.seed}>
            {num('seed', 'Random seed', 'seed', { integer: true })}
          </Row>
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" disabled={busy} onClick={() => { ref.current?.close(); onClose(); }}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="synth-make">
            {busy ? 'Making…' : 'Make workload'} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </dialog>
  );
}
