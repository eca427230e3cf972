// Workloads as struct-of-arrays (one typed-array slot per request, in arrival order), so a million requests
// are a few megabytes and the engine reads them without touching an object per request.
//
// Open-loop workloads have every arrival time fixed in advance. A closed-loop workload fixes only the lengths:
// its arrival times are decided during the run (a user sends the next request when the last one completes,
// after a think time), so the engine fills `arrivalS` in as it goes.
import { applyPrefixModel, type PrefixModel, type PrefixSpec } from './prefix';
import { Rng } from './rng';
import type { WorkloadColumns } from '../domain/workload';

/** The shared columns; arrivalS is NaN for closed-loop requests not yet sent. */
export interface Workload extends WorkloadColumns {
  n: number;
  /** Present for closed-loop workloads: the engine generates arrivals. */
  closedLoop?: ClosedLoop;
  /** What the requests' prompts share (system prompt, chat history, trace block hashes), for prefix caching. */
  prefix?: PrefixSpec;
}

export interface ClosedLoop {
  /** Concurrent users; each has at most one request in flight. */
  users: number;
  /** Think time between a completion and that user's next request. */
  think: ThinkTime;
}

export type ThinkTime = { kind: 'none' } | { kind: 'fixed'; seconds: number } | { kind: 'exponential'; meanS: number };

/** A distribution of token counts. `empirical` samples the given values uniformly (a trace's column). */
export type LengthDist =
  | { kind: 'fixed'; tokens: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'lognormal'; median: number; sigma: number; min?: number; max?: number }
  | { kind: 'empirical'; values: ArrayLike<number> };

/** Lengths are drawn either as (input, output) pairs from a trace (keeping their correlation) or independently. */
export type LengthSpec =
  | { kind: 'trace'; inputTokens: ArrayLike<number>; outputTokens: ArrayLike<number> }
  | { kind: 'independent'; input: LengthDist; output: LengthDist };

/** Inter-arrival law: Poisson (exponential gaps) or gamma gaps with a coefficient of variation (CV 1 = Poisson). */
export type ArrivalSpec = { kind: 'poisson' } | { kind: 'gamma'; cv: number };

export interface OpenLoopSpec {
  requests: number;
  /** Mean requests per second. */
  rate: number;
  arrival: ArrivalSpec;
  lengths: LengthSpec;
  /** Shared system prompt and multi-turn sessions (prompts grow by what they resend). */
  prefix?: PrefixModel;
}

export interface ClosedLoopSpec {
  users: number;
  requests: number;
  think?: ThinkTime;
  lengths: LengthSpec;
  prefix?: PrefixModel;
}

function checkLengthDist(d: LengthDist, what: string): void {
  const bad = (m: string) => {
    throw new RangeError(`${what} lengths: ${m}`);
  };
  if (d.kind === 'fixed' && !(d.tokens >= 1)) bad(`fixed tokens must be ≥ 1, got ${d.tokens}`);
  if (d.kind === 'uniform' && !(d.min >= 1 && d.max >= d.min)) bad(`uniform needs 1 ≤ min ≤ max, got ${d.min}..${d.max}`);
  if (d.kind === 'lognormal' && !(d.median >= 1 && d.sigma >= 0)) bad(`lognormal needs median ≥ 1 and sigma ≥ 0`);
  if (d.kind === 'empirical' && d.values.length === 0) bad('empirical distribution has no values');
}

function sampleLength(d: LengthDist, rng: Rng): number {
  switch (d.kind) {
    case 'fixed':
      return Math.round(d.tokens);
    case 'uniform':
      return Math.round(d.min) + rng.int(Math.round(d.max) - Math.round(d.min) + 1);
    case 'lognormal': {
      const v = Math.round(d.median * Math.exp(d.sigma * rng.normal()));
      return Math.min(d.max ?? Infinity, Math.max(d.min ?? 1, v, 1));
    }
    case 'empirical':
      return Math.max(1, Math.round(d.values[rng.int(d.values.length)]));
  }
}

/** Fills the two length columns from the spec; trace sampling draws whole rows so input/output stay paired. */
export function sampleLengths(spec: LengthSpec, n: number, rng: Rng): { inputTokens: Int32Array; outputTokens: Int32Array } {
  const inputTokens = new Int32Array(n);
  const outputTokens = new Int32Array(n);
  if (spec.kind === 'trace') {
    const m = spec.inputTokens.length;
    if (m === 0 || spec.outputTokens.length !== m) {
      throw new RangeError(`trace lengths: need equal, non-empty input and output columns (got ${m} and ${spec.outputTokens.length})`);
    }
    const src = spec.inputTokens;
    const dst = spec.outputTokens;
    for (let i = 0; i < n; i++) {
      const j = rng.int(m);
      inputTokens[i] = Math.max(1, src[j] | 0);
      outputTokens[i] = Math.max(1, dst[j] | 0);
    }
  } else {
    checkLengthDist(spec.input, 'input');
    checkLengthDist(spec.output, 'output');
    for (let i = 0; i < n; i++) {
      inputTokens[i] = sampleLength(spec.input, rng);
      outputTokens[i] = sampleLength(spec.output, rng);
    }
  }
  return { inputTokens, outputTokens };
}

/** The prefix model applied to drawn lengths, from its own random stream (the third fork), or none. */
function withPrefix(model: PrefixModel | undefined, input: Int32Array, output: Int32Array, rng: Rng): PrefixSpec | undefined {
  if (!model || (!(model.systemPromptTokens! > 0) && !model.sessions)) return undefined;
  const pickRng = rng.fork();
  return applyPrefixModel(model, input, output, (k) => pickRng.int(k));
}

/** Synthetic open-loop workload: arrivals at `rate` (Poisson or gamma gaps), lengths per the spec. */
export function openLoopWorkload(spec: OpenLoopSpec, seed: number): Workload {
  const n = Math.floor(spec.requests);
  if (!(n >= 0)) throw new RangeError(`requests must be ≥ 0, got ${spec.requests}`);
  if (!(spec.rate > 0) || !Number.isFinite(spec.rate)) throw new RangeError(`rate must be a positive number of requests/s, got ${spec.rate}`);
  const rng = new Rng(seed);
  // Separate streams for gaps and lengths: changing the rate must not change which lengths are drawn.
  const gapRng = rng.fork();
  const lenRng = rng.fork();
  const arrivalS = new Float64Array(n);
  let t = 0;
  if (spec.arrival.kind === 'poisson') {
    for (let i = 0; i < n; i++) {
      t += gapRng.exponential(spec.rate);
      arrivalS[i] = t;
    }
  } else {
    const cv = spec.arrival.cv;
    if (!(cv > 0)) throw new RangeError(`gamma arrivals need cv > 0, got ${cv}`);
    // Gamma gaps with mean 1/rate and CV c: shape 1/c², scale c²/rate.
    const shape = 1 / (cv * cv);
    const scale = (cv * cv) / spec.rate;
    for (let i = 0; i < n; i++) {
      t += gapRng.gamma(shape, scale);
      arrivalS[i] = t;
    }
  }
  const { inputTokens, outputTokens } = sampleLengths(spec.lengths, n, lenRng);
  const prefix = withPrefix(spec.prefix, inputTokens, outputTokens, rng);
  return prefix ? { n, arrivalS, inputTokens, outputTokens, prefix } : { n, arrivalS, inputTokens, outputTokens };
}

/** Closed-loop workload (how benchmark tools load a server): `users` in flight, `requests` in total. */
export function closedLoopWorkload(spec: ClosedLoopSpec, seed: number): Workload {
  const n = Math.floor(spec.requests);
  if (!(n >= 0)) throw new RangeError(`requests must be ≥ 0, got ${spec.requests}`);
  if (!(spec.users >= 1)) throw new RangeError(`closed loop needs at least one user, got ${spec.users}`);
  const think = spec.think ?? { kind: 'none' };
  if (think.kind === 'fixed' && !(think.seconds >= 0)) throw new RangeError(`think time must be ≥ 0 s`);
  if (think.kind === 'exponential' && !(think.meanS > 0)) throw new RangeError(`mean think time must be > 0 s`);
  const rng = new Rng(seed);
  rng.fork(); // keep the length stream at the same position as in openLoopWorkload
  const { inputTokens, outputTokens } = sampleLengths(spec.lengths, n, rng.fork());
  const arrivalS = new Float64Array(n).fill(NaN);
  const prefix = withPrefix(spec.prefix, inputTokens, outputTokens, rng);
  const w: Workload = { n, arrivalS, inputTokens, outputTokens, closedLoop: { users: Math.floor(spec.users), think } };
  if (prefix) w.prefix = prefix;
  return w;
}

/** A trace as a workload (copied into typed arrays; arrivals shifted so the first request arrives at 0). */
export function traceWorkload(trace: {
  arrivalS: ArrayLike<number>;
  inputTokens: ArrayLike<number>;
  outputTokens: ArrayLike<number>;
}): Workload {
  const n = trace.arrivalS.length;
  if (trace.inputTokens.length !== n || trace.outputTokens.length !== n) {
    throw new RangeError(`trace columns differ in length: ${n} arrivals, ${trace.inputTokens.length} inputs, ${trace.outputTokens.length} outputs`);
  }
  const arrivalS = new Float64Array(n);
  const inputTokens = new Int32Array(n);
  const outputTokens = new Int32Array(n);
  const t0 = n > 0 ? trace.arrivalS[0] : 0;
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = trace.arrivalS[i] - t0;
    if (!(t >= prev)) throw new RangeError(`trace arrivals must be non-decreasing (request ${i}: ${t} s after ${prev} s)`);
    prev = t;
    arrivalS[i] = t;
    inputTokens[i] = Math.max(1, trace.inputTokens[i] | 0);
    outputTokens[i] = Math.max(1, trace.outputTokens[i] | 0);
  }
  return { n, arrivalS, inputTokens, outputTokens };
}

/** The same requests played `factor` times faster (factor 2 = twice the request rate). */
export function rescaleRate(w: Workload, factor: number): Workload {
  if (!(factor > 0) || !Number.isFinite(factor)) throw new RangeError(`rate factor must be a positive number, got ${factor}`);
  if (w.closedLoop) throw new RangeError('a closed-loop workload has no arrival rate to rescale');
  const arrivalS = new Float64Array(w.n);
  for (let i = 0; i < w.n; i++) arrivalS[i] = w.arrivalS[i] / factor;
  return { n: w.n, arrivalS, inputTokens: w.inputTokens, outputTokens: w.outputTokens, prefix: w.prefix };
}

/** Mean request rate of an open-loop workload (requests per second over its arrival span). */
export function meanRate(w: Workload): number {
  if (w.n < 2 || w.closedLoop) return 0;
  const span = w.arrivalS[w.n - 1] - w.arrivalS[0];
  return span > 0 ? (w.n - 1) / span : Infinity;
}
