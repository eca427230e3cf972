// The Synthesize dialog's form as plain data: defaults, the spec sent to workload.synthesize, and which field
// a problem belongs to. Pure, unit-tested.
import type { ChannelInput } from '../../../../main/ipc/contract';
import type { WorkloadSummary } from '../../../../main/domain';
import { fmtNumber } from '../../lib/format';

export type Spec = ChannelInput<'workload.synthesize'>;

export interface Draft {
  name: string;
  requests: number;
  ratePerS: number;
  arrival: 'poisson' | 'gamma' | 'closed-loop';
  cv: number;
  /** Closed loop: requests in flight at once, and the pause after each completion. */
  users: number;
  thinkTimeS: number;
  lengths: 'workload' | 'fixed' | 'lognormal';
  workloadId: number | null;
  input: number;
  output: number;
  inputMedian: number;
  outputMedian: number;
  sigma: number;
  seed: number;
}

/** The form's fields, named as the backend's error `field` ends (arrival.cv -> cv, lengths.input -> input). */
export type FieldKey = Exclude<keyof Draft, 'arrival' | 'lengths'>;

export function initialDraft(sources: WorkloadSummary[], selectedId: number | null): Draft {
  return {
    name: '', requests: 5000, ratePerS: 10, arrival: 'poisson', cv: 2, users: 32, thinkTimeS: 0,
    lengths: sources.length > 0 ? 'workload' : 'lognormal', workloadId: selectedId ?? sources[0]?.id ?? null,
    input: 1000, output: 200, inputMedian: 1000, outputMedian: 200, sigma: 1, seed: 1,
  };
}

/** A name that says what the workload is, used when the name field is left blank. */
export function suggestedName(d: Draft, sources: WorkloadSummary[]): string {
  const arrival = d.arrival === 'poisson' ? 'Poisson' : `gamma CV ${fmtNumber(d.cv, 2)}`;
  const lengths = d.lengths === 'workload'
    ? `lengths of ${sources.find((w) => w.id === d.workloadId)?.name ?? 'a workload'}`
    : d.lengths === 'fixed' ? `${fmtNumber(d.input, 0)}/${fmtNumber(d.output, 0)} tok` : `lognormal ${fmtNumber(d.inputMedian, 0)}/${fmtNumber(d.outputMedian, 0)} tok`;
  if (d.arrival === 'closed-loop') {
    const think = d.thinkTimeS > 0 ? `, think ${fmtNumber(d.thinkTimeS, 3)} s` : '';
    return `Closed loop ${fmtNumber(d.users, 0)} users${think}, ${fmtNumber(d.requests, 0)} req, ${lengths}`.slice(0, 200);
  }
  return `Synthetic ${fmtNumber(d.requests, 0)} req, ${fmtNumber(d.ratePerS, 3)} req/s ${arrival}, ${lengths}`.slice(0, 200);
}

export function toSpec(d: Draft, sources: WorkloadSummary[]): Spec {
  const lengths: Spec['lengths'] = d.lengths === 'workload' ? { kind: 'workload', workloadId: d.workloadId ?? 0 }
    : d.lengths === 'fixed' ? { kind: 'fixed', input: d.input, output: d.output }
    : { kind: 'lognormal', inputMedian: d.inputMedian, outputMedian: d.outputMedian, sigma: d.sigma };
  const name = d.name.trim() || suggestedName(d, sources);
  if (d.arrival === 'closed-loop') {
    // No rate: a closed loop's load is its users.
    return { name, requests: d.requests, arrival: { kind: 'closed-loop', users: d.users, thinkTimeS: d.thinkTimeS }, lengths, seed: d.seed };
  }
  return {
    name,
    requests: d.requests,
    ratePerS: d.ratePerS,
    arrival: d.arrival === 'poisson' ? { kind: 'poisson' } : { kind: 'gamma', cv: d.cv },
    lengths,
    seed: d.seed,
  };
}

/** The fields on screen now: a backend error about one of them is shown next to it, any other in the banner. */
export function shownFields(d: Draft): FieldKey[] {
  const always: FieldKey[] = ['name', 'requests', 'seed'];
  const arrival: FieldKey[] = d.arrival === 'gamma' ? ['ratePerS', 'cv'] : d.arrival === 'closed-loop' ? ['users', 'thinkTimeS'] : ['ratePerS'];
  const lengths: FieldKey[] = d.lengths === 'workload' ? ['workloadId'] : d.lengths === 'fixed' ? ['input', 'output'] : ['inputMedian', 'outputMedian', 'sigma'];
  return [...always, ...arrival, ...lengths];
}

/** Text that is not a number never reaches the backend: NumberField reports NaN for it. */
export function localProblems(d: Draft): Partial<Record<FieldKey, string>> {
  const out: Partial<Record<FieldKey, string>> = {};
  for (const f of shownFields(d)) {
    const v = d[f];
    if (f === 'workloadId' && v === null) out[f] = 'Pick a workload to take lengths from';
    else if (typeof v === 'number' && !Number.isFinite(v)) out[f] = 'Type a number';
  }
  return out;
}

/** The form field a backend error names (`arrival.cv` -> cv, `lengths.input` -> input), when it is on screen. */
export function fieldOfError(field: string | undefined, d: Draft): FieldKey | null {
  const key = field?.split('.').pop() as FieldKey | undefined;
  return key && shownFields(d).includes(key) ? key : null;
}
