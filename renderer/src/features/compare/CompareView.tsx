import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CompareRequest } from '../../../../main/domain/comparison';
import type { RunDetail } from '../../../../main/domain';
import { api } from '../../api/client';
import { useShell } from '../../components/app-context';
import { EmptyState } from '../../components/EmptyState';
import { JobProgress } from '../../components/JobProgress';
import { jobError, useJob } from '../../components/useJob';
import { CompareForm, type CompareChoices } from './CompareForm';
import { strategyShort } from '../../charts';
import { DRAFT_KEY, presetFromDraft, presetFromRun, type FormPreset } from './preset';
import { RunResults } from './RunResults';
import { pinsOfScenario, withPin } from './pins';
import type { Pinning } from './StrategyTable';
import type { DeploymentPin } from '../../../../main/domain/result';

/** The run shown is kept in the address (#compare/12) so a reload or a reopen from History lands on it. */
export function runIdFromHash(hash: string): number | null {
  const m = /^#\/?compare\/(\d+)/.exec(hash);
  return m ? Number(m[1]) : null;
}

function readDraft(c: CompareChoices) {
  try {
    return presetFromDraft(JSON.parse(localStorage.getItem(DRAFT_KEY) ?? 'null'), c);
  } catch {
    return null; // a draft written by another version, or storage off
  }
}

/** Ask the question, watch it run, read the answer. */
export function CompareView({ openRun }: { openRun?: { id: number; seq: number } | null }) {
  const shell = useShell();
  const [choices, setChoices] = useState<CompareChoices | null>(null);
  const [run, setRun] = useState<RunDetail | null>(null);
  // Pins live here, not in the form: the results table below pins into the form above.
  const [pins, setPins] = useState<DeploymentPin[]>([]);
  const job = useJob();

  const show = useCallback(async (id: number) => {
    try {
      const detail = await api['run.get']({ id });
      setRun(detail);
      // The form takes the shown run's inputs, its pins included, so running it again reproduces it.
      setPins(pinsOfScenario(detail.scenario));
      const hash = `#compare/${id}`;
      if (window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
    } catch (err) {
      shell.reportError(`Opening run ${id}`, err);
    }
  }, [shell]);

  useEffect(() => {
    void Promise.all([api['inventory.list']({}), api['catalog.models']({}), api['workload.list']({})]).then(
      ([inventories, models, workloads]) => setChoices({ inventories, models, workloads }),
      (err) => shell.reportError('Loading inventories, models and workloads', err),
    );
    const id = runIdFromHash(window.location.hash);
    if (id !== null) void show(id);
  }, []);

  useEffect(() => {
    if (openRun) void show(openRun.id);
  }, [openRun, show]);

  // Ctrl/⌘+E exports the run shown here, once it has results to print.
  useEffect(() => {
    shell.setRunOnScreen(run?.result ? run.id : null);
  }, [run, shell]);
  useEffect(() => () => shell.setRunOnScreen(null), [shell]);

  const start = async (req: CompareRequest) => {
    shell.clearError();
    try {
      const end = await job.run(() => api['compare.start'](req));
      if (end.status === 'done') {
        await show((end.result as { runId: number }).runId);
        job.clear();
      } else {
        if (end.status === 'failed') shell.reportError('Running the comparison', jobError(end));
        else shell.toast('Comparison cancelled: the run is kept in History as cancelled');
        // The screen shows the run that just ended, not the previous run's results under "cancelled".
        const [newest] = await api['run.list']({});
        if (newest && newest.status === end.status) await show(newest.id);
        else setRun(null);
      }
    } catch (err) {
      shell.reportError('Starting the comparison', err);
    }
  };

  // The form as last set survives a reload (see formPreset for when it wins over a shown run's inputs).
  const runId = run?.id ?? null;
  const saveDraft = useCallback((values: FormPreset) => {
    try {
      localStorage.setItem(DRAFT_KEY, JSON.stringify({ runId, values }));
    } catch {
      // Storage full or off: the form simply starts from the run or the defaults next time.
    }
  }, [runId]);
  const formPreset = (shown: RunDetail | null, c: CompareChoices): FormPreset | undefined => {
    const draft = readDraft(c);
    // No run on screen: the form as last left. A run on screen: its inputs, unless the draft was set over it.
    if (!shown) return draft?.values;
    return draft && draft.runId === shown.id ? { ...presetFromRun(shown, c), ...draft.values } : presetFromRun(shown, c);
  };

  const pinning = useMemo<Pinning>(() => ({
    pins,
    onPin: (pin) => {
      setPins((now) => withPin(now, pin));
      shell.toast(`Pinned the ${strategyShort(pin.strategy)} deployment: the next run keeps it fixed`);
    },
    onUnpin: (strategy) => setPins((now) => now.filter((p) => p.strategy !== strategy)),
  }), [pins, shell]);

  if (!choices) return <p className="muted">Loading…</p>;
  const missing = !choices.inventories.some((i) => i.gpuCount > 0) ? 'inventory' : choices.workloads.length === 0 ? 'workload' : choices.models.length === 0 ? 'model' : null;
  return (
    <div className="compare" data-testid="compare-view">
      {missing ? (
        <EmptyState title={`Compare needs ${missing === 'inventory' ? 'an inventory with GPUs' : `a ${missing}`}`} testId="compare-empty">
          <p>{missing === 'inventory' ? 'Describe your GPUs under Inventories (Alt+1): pools of one GPU type with a price.' : missing === 'workload' ? 'Import a request trace under Workloads (Alt+3).' : 'Add a model under Models (Alt+4).'}</p>
        </EmptyState>
      ) : (
        <CompareForm key={run?.id ?? 'new'} choices={choices} preset={formPreset(run, choices)} running={job.running} onRun={(req) => void start(req)}
          pins={pins} onUnpin={pinning.onUnpin} onDraft={saveDraft} />
      )}
      {job.job && job.job.status !== 'done' && (
        <JobProgress job={job.job} what={job.running ? 'Comparing strategies' : 'Comparison'} onCancel={() => void job.cancel()} />
      )}
      {run ? <RunResults run={run} pinning={pinning} /> : !job.running && !missing && (
        <EmptyState title="No results yet" testId="compare-no-results">
          <p>Pick the inventory, model and workload above, set the latency targets, and press <b>Run comparison</b>.</p>
          <p>For a quick first look, set <b>Max requests</b> to a few hundred; past runs are under History (Alt+6).</p>
        </EmptyState>
      )}
    </div>
  );
}
