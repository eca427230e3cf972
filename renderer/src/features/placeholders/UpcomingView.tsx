import { EmptyState } from '../../components/EmptyState';
import type { ViewId } from '../../components/views';

type Upcoming = Exclude<ViewId, 'inventories' | 'catalog' | 'about'>;

/** What each upcoming screen will answer, and what to prepare for it today. No sample numbers: nothing here is real yet. */
const COPY: Record<Upcoming, { title: string; what: string[]; now: string }> = {
  workloads: {
    title: 'Workloads: the traffic you plan for',
    what: [
      'Import request traces: Azure LLM inference, BurstGPT, Mooncake, Splitwise, Vidur, or any CSV/JSONL with a column-mapping step.',
      'Synthesize traffic: Poisson or gamma arrivals at a rate, lengths sampled from a trace, closed-loop users; rescale a trace’s rate.',
      'See totals, arrival rate over time, and input/output token histograms and CDFs.',
    ],
    now: 'The four public sample traces are already in the database; this screen will list them.',
  },
  models: {
    title: 'Models: what you serve',
    what: [
      'Search the catalog (Llama 2/3/3.1, Qwen2/2.5/3, OPT, Mixtral) keyed by Hugging Face id.',
      'Add a model from its config.json (file or paste).',
      'See parameters, KV-cache bytes per token, and memory per GPU for a chosen tensor-parallel degree on a chosen GPU.',
    ],
    now: 'Describe your GPUs under Inventories first: memory per GPU decides which TP degrees fit.',
  },
  compare: {
    title: 'Compare: how to serve it, and what it costs',
    what: [
      'Pick an inventory, a model, a workload and SLOs (TTFT, TBT); run colocated, disaggregated and mixed strategies.',
      'Get throughput, goodput, TTFT/TBT P50/P99, $ per 1M input and output tokens, and energy per token per strategy.',
      'A recommendation in one sentence, latency CDFs, a cost-vs-SLO Pareto front, and a deployment diagram.',
    ],
    now: 'Needs an inventory with pools (Inventories) — set prices there: $/GPU-h drives every cost figure.',
  },
  history: {
    title: 'History: every run, kept',
    what: [
      'Each comparison is stored with its inputs and the model version.',
      'Reopen, rename or delete a run, and put two runs side by side.',
    ],
    now: 'Runs appear here once Compare is available.',
  },
};

export function UpcomingView({ view }: { view: Upcoming }) {
  const c = COPY[view];
  return (
    <EmptyState title={c.title} testId={`upcoming-${view}`}>
      <p className="muted">Coming in the next release. This screen will let you:</p>
      <ul>
        {c.what.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
      <p>
        <b>Today:</b> {c.now}
      </p>
    </EmptyState>
  );
}

export function isUpcoming(view: ViewId): view is Upcoming {
  return view in COPY;
}
