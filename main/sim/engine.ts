// Discrete-event replay of a workload on N instances (data parallel, possibly unlike speeds). Events are
// request arrivals (a pointer into the sorted arrival column, or a heap for closed-loop users) and instance
// iteration ends (a heap over instances). An arrival is routed and queued; an instance that was idle wakes
// at the arrival time, after every arrival at that same instant has been queued, so simultaneous requests
// share its first iteration. An iteration end finishes the iteration and immediately starts the next one.
import type { InstanceCostModel } from './types';
import { LogHistogram } from './histogram';
import { RequestTable, REJECTED, MinHeap } from './requests';
import { createRouter, type RouterSpec, type RouterView } from './router';
import { Rng } from './rng';
import { DEFAULT_SCHEDULER, InstanceScheduler, type IterationObserver, type SchedulerConfig } from './scheduler';
import type { Workload } from './workload';

export interface EngineInstance {
  cm: InstanceCostModel;
  /** Per-instance overrides of the run's scheduler settings. */
  scheduler?: Partial<SchedulerConfig>;
}

/** Where a request goes after a prefill instance ('prefill' role) produced its first token, and when. */
export interface Handoff {
  /** The instance that decodes request `req`, prefilled on instance `from`. */
  target(view: RouterView, req: number, from: number): number;
  /** Seconds until its KV is usable there (the transfer). */
  delayS(req: number, from: number, to: number): number;
}

export interface EngineOptions {
  scheduler?: Partial<SchedulerConfig>;
  router?: RouterSpec;
  seed?: number;
  observer?: IterationObserver;
  /** Required when an instance has the 'prefill' role. */
  handoff?: Handoff;
}

export interface EngineRun {
  requests: RequestTable;
  instances: InstanceScheduler[];
  /** Every token gap, weighted: one sample per decode iteration with weight = decodes in it, plus recompute gaps. */
  tbt: LogHistogram;
  /** Time of the last event (the last completion). */
  endS: number;
  completed: number;
  rejected: number;
  /** Instance iterations run (all instances). */
  iterations: number;
}

const REFERENCE_BATCH = { prefillSeqs: 1, prefillTokens: 512, prefillAttnPairs: 512 * 256.5, prefillKvTokens: 512, decodeSeqs: 32, decodeKvTokens: 32 * 1024 };

/** Relative speed per instance: 1 / time of a reference mixed batch, normalised so the fastest is 1. */
export function relativeSpeeds(cms: InstanceCostModel[]): Float64Array {
  const s = new Float64Array(cms.length);
  let best = 0;
  for (let i = 0; i < cms.length; i++) {
    const t = cms[i].iterationSeconds(REFERENCE_BATCH);
    s[i] = t > 0 ? 1 / t : 1;
    if (s[i] > best) best = s[i];
  }
  for (let i = 0; i < cms.length; i++) s[i] /= best;
  return s;
}

export function runEngine(workload: Workload, instances: EngineInstance[], opts: EngineOptions = {}): EngineRun {
  const N = instances.length;
  if (N === 0) throw new RangeError('a run needs at least one instance');
  const n = workload.n;
  const closed = workload.closedLoop;
  // Closed-loop arrival times are decided here, so they go into a copy and the workload stays reusable.
  const arrivalS = closed ? new Float64Array(n).fill(NaN) : workload.arrivalS;
  const req = new RequestTable(arrivalS, workload.inputTokens, workload.outputTokens);
  const tbt = new LogHistogram();
  const outstanding = new Float64Array(N);
  const seed = opts.seed ?? 1;
  const nextEvent = new Float64Array(N).fill(Infinity);
  const scheds = instances.map(
    (inst, i) => new InstanceScheduler(i, inst.cm, { ...DEFAULT_SCHEDULER, ...opts.scheduler, ...inst.scheduler }, req, tbt, outstanding, nextEvent),
  );
  if (opts.observer) for (const s of scheds) s.observer = opts.observer;
  const view: RouterView = {
    instances: N,
    outstandingTokens: outstanding,
    waiting: new Int32Array(N),
    running: new Int32Array(N),
    speed: relativeSpeeds(instances.map((x) => x.cm)),
  };
  const router = createRouter(opts.router ?? { kind: 'round-robin' }, seed);
  const thinkRng = new Rng(seed ^ 0x2545f491);
  const idle = new Uint8Array(N).fill(1);
  const events = new MinHeap(N);
  const arrivals = new MinHeap(closed ? closed.users : 1);
  let nextIssue = 0;
  if (closed) {
    for (; nextIssue < Math.min(closed.users, n); nextIssue++) {
      arrivalS[nextIssue] = 0;
      arrivals.push(0, nextIssue);
    }
  }
  const input = req.inputTokens;
  const output = req.outputTokens;
  let completed = 0;
  let rejected = 0;
  let iterations = 0;
  let now = 0;

  // A closed-loop user sends its next request `think` after the last one ends (or is refused).
  const issueNext = (t: number): void => {
    if (nextIssue >= n || !closed) return;
    const think = closed.think;
    const at = t + (think.kind === 'none' ? 0 : think.kind === 'fixed' ? think.seconds : thinkRng.exponential(1 / think.meanS));
    arrivalS[nextIssue] = at;
    arrivals.push(at, nextIssue);
    nextIssue++;
  };

  const route = (r: number, t: number): void => {
    const i = router.pick(view, r, input[r], output[r]);
    const s = scheds[i];
    if (!s.fits(input[r], output[r])) {
      req.state[r] = REJECTED;
      req.instance[r] = i;
      rejected++;
      issueNext(t);
      return;
    }
    outstanding[i] += input[r] + output[r] - 1;
    s.arrive(r, t);
    view.waiting[i] = s.waiting.len;
  };

  const disaggregated = scheds.some((x) => x.cfg.role === 'prefill');
  if (disaggregated && !opts.handoff) throw new RangeError("instances with the 'prefill' role need a handoff policy");
  if (!closed && !disaggregated) {
    // Open loop: between two arrivals the instances do not interact, so each runs on its own up to the next
    // arrival (a tight per-instance loop, no global event queue), then the arrival is routed.
    const waiting = view.waiting;
    const running = view.running;
    for (let r = 0; r < n; r++) {
      const t = arrivalS[r];
      for (let i = 0; i < N; i++) {
        if (!(nextEvent[i] < t)) continue;
        const s = scheds[i];
        iterations += s.runUntil(t);
        waiting[i] = s.waiting.len;
        running[i] = s.running;
      }
      route(r, t);
    }
    for (let i = 0; i < N; i++) {
      const s = scheds[i];
      iterations += s.runUntil(Infinity);
      if (s.iterEndS > now) now = s.iterEndS;
    }
    for (const s of scheds) completed += s.completed;
    return { requests: req, instances: scheds, tbt, endS: now, completed, rejected, iterations };
  }

  // Closed loop or disaggregated: completions create arrivals and prefills create deliveries, so every event
  // goes through time-ordered queues (arrivals and deliveries before iteration ends at the same instant).
  const deliveries = new MinHeap(16);
  let nextArrival = 0;
  if (closed) for (const s of scheds) s.trackDone = true;
  const wake = (i: number, t: number): void => {
    if (idle[i] === 1) {
      idle[i] = 0;
      events.push(t, i);
    }
  };
  for (;;) {
    let tA = Infinity;
    if (closed) {
      if (arrivals.len > 0) tA = arrivals.keys[0];
    } else if (nextArrival < n) tA = arrivalS[nextArrival];
    const tD = deliveries.len > 0 ? deliveries.keys[0] : Infinity;
    const tI = events.len > 0 ? events.keys[0] : Infinity;
    if (tA === Infinity && tD === Infinity && tI === Infinity) break;
    if (tA <= tI && tA <= tD) {
      now = tA;
      let r: number;
      if (closed) {
        r = arrivals.vals[0];
        arrivals.pop();
      } else r = nextArrival++;
      route(r, now);
      if (req.state[r] !== REJECTED) wake(req.instance[r], now);
      continue;
    }
    if (tD <= tI) {
      now = tD;
      const r = deliveries.vals[0];
      deliveries.pop();
      const to = req.instance[r];
      if (!scheds[to].fits(input[r], output[r])) {
        // Its whole context can never fit in the decode instance's KV cache.
        req.state[r] = REJECTED;
        rejected++;
        issueNext(now);
        continue;
      }
      scheds[to].deliver(r, now);
      view.waiting[to] = scheds[to].waiting.len;
      wake(to, now);
      continue;
    }
    now = tI;
    const i = events.vals[0];
    const s = scheds[i];
    if (s.inIteration) {
      // now is this instance's iterEndS (the heap's key), where finishIteration ends it.
      s.finishIteration();
      iterations++;
      const done = s.done;
      if (done.len > 0) {
        for (let k = 0; k < done.len; k++) issueNext(now);
        done.head = 0;
        done.len = 0;
      }
      const h = s.handoffs;
      for (let k = 0; k < h.len; k++) {
        const r = h.at(k);
        const to = opts.handoff!.target(view, r, i);
        req.instance[r] = to;
        deliveries.push(now + opts.handoff!.delayS(r, i, to), r);
      }
      h.head = 0;
      h.len = 0;
    }
    if (s.startIteration(now)) events.replaceTop(s.iterEndS, i);
    else {
      events.pop();
      idle[i] = 1;
    }
    view.waiting[i] = s.waiting.len;
    view.running[i] = s.running;
  }
  for (const s of scheds) completed += s.completed;
  return { requests: req, instances: scheds, tbt, endS: now, completed, rejected, iterations };
}
