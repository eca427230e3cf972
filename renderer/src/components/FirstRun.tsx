// What to do first in a data folder with no runs yet: the three steps to a first comparison, each with where it
// happens. Shown above the Inventories screen (where the app opens) until a run exists.
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { ViewId } from './views';

export function FirstRunGuide({ view, onGo }: { view: ViewId; onGo: (v: ViewId) => void }) {
  const [counts, setCounts] = useState<{ runs: number; inventories: number; workloads: number } | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([api['run.list']({}), api['inventory.list']({}), api['workload.list']({})]).then(
      ([r, i, w]) => live && setCounts({ runs: r.length, inventories: i.length, workloads: w.length }),
      () => live && setCounts(null), // the screens below report their own load errors
    );
    return () => {
      live = false;
    };
  }, [view]);
  if (!counts || counts.runs > 0 || view !== 'inventories') return null;
  return (
    <section className="first-run" aria-label="Start here" data-testid="first-run">
      <h2>Start here: a first comparison in three steps</h2>
      <ol>
        <li>
          <b>A fleet.</b>{' '}
          {counts.inventories > 0
            ? 'Your inventories are listed below (a new data folder holds the shipped sample mixed fleet); edit pools and prices, or Open file… for your own.'
            : 'Press + New and add pools, or Open file… for an inventory file.'}
        </li>
        <li>
          <b>A workload.</b>{' '}
          {counts.workloads > 0 ? `${counts.workloads} public traces are shipped; ` : ''}
          <button type="button" className="btn btn-sm" onClick={() => onGo('workloads')} data-testid="first-run-workloads">Workloads</button>{' '}
          imports your own trace or synthesizes one from a rate.
        </li>
        <li>
          <b>Compare.</b> Pick a model and the latency targets, set Max requests to a few hundred for a quick look, and press Run comparison.{' '}
          <button type="button" className="btn btn-sm btn-primary" onClick={() => onGo('compare')} data-testid="first-run-compare">Go to Compare</button>
        </li>
      </ol>
    </section>
  );
}

/** After a result: what a planner usually does next with it. */
export function NextSteps() {
  return (
    <section className="next-steps" aria-label="What to do next" data-testid="next-steps">
      <b>What to do next:</b>
      <ul>
        <li><b>Export PDF…</b> (above) for the report: the recommendation on page 1, then inputs, charts and the cost model's error.</li>
        <li><b>Pin</b> a row to keep that deployment fixed, then change the workload or the targets and run again to see how it holds.</li>
        <li>Tighten or loosen the <b>TTFT / TBT targets</b> above and press <b>Run comparison</b>: the headroom line says how far this answer stretches.</li>
        <li>In <b>History</b>, tick two runs and press <b>Side by side</b> to see what differs in inputs and results.</li>
      </ul>
    </section>
  );
}
