// The discrete-event loop every run goes through (there is exactly one): N instances, each an
// InstanceScheduler, a router for arrivals, and hand-offs of KV between instances. Events are request
// arrivals (a pointer into the sorted arrival column, or a heap for closed-loop users), KV deliveries and
// instance iteration ends. Strategies (main/sim/strategies) are plans for this loop: which instances with
// which roles and settings, which router, where a prefilled request goes and how long its KV takes, and a
// time hook where two instances share one GPU (Nexus).
import type { InstanceCostModel } from './types';
import { LogHistogram } from './histogram';
import { DONE, KvPool, MinHeap, REJECTED, RequestTable, enableHandoffColumns } from './requests';
import { createRouter, DEFAULT_ROUTER, type RouterSpec, type RouterView } from './router';
import { Rng } from './rng';
import { DEFAULT_SCHEDULER, InstanceScheduler, type IterationObserver, type SchedulerConfig } from './scheduler';
import { GroupClock, sharedCounters, type IterationTimeHook } from './scheduler-core';
import { instanceSpeed } from './timing';
import type { Workload } from './workload';

export interface EngineInstance {
  cm: InstanceCostModel;
  /** Per-instance overrides of the run's scheduler settings. */
  scheduler?: Partial<SchedulerConfig>;
  /** Instances with the same pool id draw on one pool of KV blocks (a Nexus GPU's two halves); default: their own. */
  kvPool?: number;
  /** Instances with the same group id share GPUs; the group's busy time is the union of their iterations. */
  group?: number;
  /** Replaces the cost model's time for this instance's iterations. */
  timeHook?: IterationTimeHook;
  /** Prefill role: the KV of a hand-off stays in the pool, for an instance that shares it. */
  residentHandoff?: boolean;
}

/** What plans' hooks see of a run once its instances exist. */
export interface EngineContext {
  requests: RequestTable;
  instances: InstanceScheduler[];
  view: RouterView;
}

/** Where a request goes when a prefill instance reached its target, and when its KV is usable there. */
export interface Handoff {
  /** The instance that continues request `req`, prefilled on instance `from` (the hand-off is at `now`). */
  target(view: RouterView, req: number, from: number, now: number): number;
  /** Seconds until its KV is usable there (the transfer, any queue for the link included). */
  delayS(req: number, from: number, to: number, now: number): number;
}

export interface EngineOptions {
  scheduler?: Partial<SchedulerConfig>;
  router?: RouterSpec;
  seed?: number;
  observer?: IterationObserver;
  /** Required when an instance has the 'prefill' role. */
  handoff?: Handoff;
  /** Instances the router may send new prompts to; default every instance without the 'decode' role. */
  entry?: number[];
  /** Predicted output tokens per request, for reserve admission. */
  predictedOutput?: Int32Array | null;
  /** Stop once a request has waited this long for its first token: the deployment cannot keep up. */
  abortWaitS?: number;
  /** Called when a request completes, or is refused where it was delivered (a plan's own bookkeeping). */
  onFinish?: (req: number, instance: number) => void;
  /** Called once the run's instances exist, before the first event. */
  bind?: (ctx: EngineContext) => void;
  /**
   * Called with the number of arrivals routed so far, every ROUTED_STRIDE of them: progress by work done
   * (the comparison's progress line), not by whole runs.
   */
  onRouted?: (routed: number) => void;
}

/** Arrivals between two onRouted calls: a check per arrival, a call per 16,384 (a few a second at most). */
export const ROUTED_STRIDE = 1 << 14;


export interface EngineRun {
  requests: RequestTable;
  instances: InstanceScheduler[];
  /** Every token gap, weighted: one sample per decode iteration with weight = decodes in it, plus recompute gaps. */
  tbt: LogHistogram;
  /** Time of the last event (the last completion), or when the run stopped early. */
  endS: number;
  completed: number;
  rejected: number;
  /** Instance iterations run (all instances). */
  iterations: number;
  /** True when the run stopped early (abortWaitS): the deployment could not keep up. */
  saturated: boolean;
  /** Busy time per instance group (EngineInstance.group), for groups sharing GPUs. */
  groups: Map<number, GroupClock>;
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

function buildView(instances: EngineInstance[], scheds: InstanceScheduler[], entry: number[], outstanding: Float64Array, pending: Float64Array): RouterView {
  const N = instances.length;
  const speeds = scheds.map((s) => instanceSpeed(s.cm, s.cfg.tokenBudget));
  return {
    entry: Int32Array.from(entry),
    outstandingTokens: outstanding,
    pendingPrefill: pending,
    waiting: new Int32Array(N),
    running: new Int32Array(N),
    decodes: new Int32Array(N),
    speed: relativeSpeeds(instances.map((x) => x.cm)),
    chunkS: Float64Array.from(speeds, (x) => x.chunkS),
    perDecodeS: Float64Array.from(speeds, (x) => x.perDecodeS),
    budget: Float64Array.from(speeds, (x) => x.budget),
    prefillTarget: new Int32Array(1),
  };
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
  const shared = sharedCounters(N);
  const outstanding = shared.outstanding;
  const nextEvent = shared.nextEventS;
  const seed = opts.seed ?? 1;
  const pools = new Map<number, KvPool>();
  const groups = new Map<number, GroupClock>();
  const cfgs = instances.map((inst) => ({ ...DEFAULT_SCHEDULER, ...opts.scheduler, ...inst.scheduler }));
  const needsColumns = instances.some((x) => x.residentHandoff) || cfgs.some((c) => c.role === 'prefill' || c.decodeAdmission !== 'greedy');
  if (needsColumns) enableHandoffColumns(req);
  const scheds = instances.map((inst, i) => {
    let kv: KvPool | undefined;
    if (inst.kvPool !== undefined) {
      kv = pools.get(inst.kvPool);
      if (!kv) {
        kv = new KvPool(Math.max(0, Math.floor(inst.cm.kvCapacityTokens / Math.max(1, Math.floor(inst.cm.kvBlockTokens)))));
        pools.set(inst.kvPool, kv);
      }
    }
    let group: GroupClock | null = null;
    if (inst.group !== undefined) {
      group = groups.get(inst.group) ?? new GroupClock();
      groups.set(inst.group, group);
    }
    return new InstanceScheduler(i, inst.cm, cfgs[i], req, tbt, shared, {
      kv, group, timeHook: inst.timeHook ?? null, residentHandoff: inst.residentHandoff, predictedOutput: opts.predictedOutput ?? null,
    });
  });
  if (opts.observer) for (const s of scheds) s.observer = opts.observer;
  const entry = opts.entry ?? cfgs.flatMap((c, i) => (c.role === 'decode' ? [] : [i]));
  if (entry.length === 0 || entry.some((i) => !(i >= 0 && i < N))) throw new RangeError('a run needs entry instances that take new prompts');
  const view = buildView(instances, scheds, entry, outstanding, shared.pendingPrefill);
  const router = createRouter(opts.router ?? { kind: DEFAULT_ROUTER }, seed);
  const handoff = opts.handoff;
  opts.bind?.({ requests: req, instances: scheds, view });
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
  const state = req.state;
  const firstToken = req.firstTokenS;
  const abortWaitS = opts.abortWaitS ?? Infinity;
  let completed = 0;
  let rejected = 0;
  let iterations = 0;
  let now = 0;
  let saturated = false;
  let oldest = 0;

  // A closed-loop user sends its next request `think` after the last one ends (or is refused).
  const issueNext = (t: number): void => {
    if (nextIssue >= n || !closed) return;
    const think = closed.think;
    const at = t + (think.kind === 'none' ? 0 : think.kind === 'fixed' ? think.seconds : thinkRng.exponential(1 / think.meanS));
    arrivalS[nextIssue] = at;
    arrivals.push(at, nextIssue);
    nextIssue++;
  };

  /** Whether the oldest request still without a first token, among those that arrived before r, waited too long. */
  const overloaded = (r: number, t: number): boolean => {
    while (oldest < r && (firstToken[oldest] === firstToken[oldest] || state[oldest] === REJECTED || state[oldest] === DONE)) oldest++;
    return oldest < r && t - arrivalS[oldest] > abortWaitS;
  };

  const route = (r: number, t: number): void => {
    view.prefillTarget[0] = -1;
    const i = router.pick(view, r, input[r], output[r], t);
    const s = scheds[i];
    const target = view.prefillTarget[0] > 0 ? view.prefillTarget[0] : input[r];
    if (!(s.cfg.role === 'prefill' ? s.fits(target, 1) : s.fits(input[r], output[r]))) {
      state[r] = REJECTED;
      req.instance[r] = i;
      rejected++;
      issueNext(t);
      return;
    }
    outstanding[i] += target + output[r] - 1;
    s.arrive(r, t, target);
    view.waiting[i] = s.waiting.len;
  };

  const onRouted = opts.onRouted;
  const fast = !closed && !handoff && instances.every((x) => !x.timeHook && x.group === undefined) && cfgs.every((c) => c.role !== 'prefill');
  if (!fast && cfgs.some((c) => c.role === 'prefill') && !handoff) throw new RangeError("instances with the 'prefill' role need a handoff policy");
  if (fast) {
    // Open loop: between two arrivals the instances do not interact, so each runs on its own up to the next
    // arrival (a tight per-instance loop, no global event queue), then the arrival is routed.
    const waiting = view.waiting;
    const running = view.running;
    const decodes = view.decodes;
    const check = abortWaitS < Infinity;
    for (let r = 0; r < n; r++) {
      const t = arrivalS[r];
      for (let i = 0; i < N; i++) {
        if (!(nextEvent[i] < t)) continue;
        const s = scheds[i];
        iterations += s.runUntil(t);
        waiting[i] = s.waiting.len;
        running[i] = s.running;
        decodes[i] = s.decodeSeqs;
      }
      if (check && overloaded(r, t)) {
        saturated = true;
        now = t;
        break;
      }
      route(r, t);
      if (onRouted !== undefined && (r & (ROUTED_STRIDE - 1)) === ROUTED_STRIDE - 1) onRouted(r + 1);
    }
    if (!saturated) {
      for (let i = 0; i < N; i++) {
        const s = scheds[i];
        iterations += s.runUntil(Infinity);
        if (s.iterEndS > now) now = s.iterEndS;
      }
    }
    for (const s of scheds) completed += s.completed;
    return { requests: req, instances: scheds, tbt, endS: now, completed, rejected, iterations, saturated, groups };
  }

  // Closed loop or hand-offs: completions create arrivals and prefills create deliveries, so every event goes
  // through time-ordered queues (arrivals and deliveries before iteration ends at the same instant).
  const deliveries = new MinHeap(16);
  let nextArrival = 0;
  let routed = 0;
  const onFinish = opts.onFinish;
  if (closed || onFinish) for (const s of scheds) s.trackDone = true;
  // In an open loop, an instance that never hands KV on (no prefill role) and has no time hook or shared
  // GPU only takes in work (arrivals, deliveries) and never creates events for others. It runs lazily, on its
  // own up to each event that reads or changes it (as in the fast path), not through the event queue: a
  // decode instance runs most of a disaggregated run's iterations, and the queue's per-iteration cost was
  // most of that run's time.
  const lazyIds = closed ? [] : scheds.flatMap((s, i) => (s.cfg.role !== 'prefill' && !instances[i].timeHook && instances[i].group === undefined ? [i] : []));
  const lazy = new Uint8Array(N);
  for (const i of lazyIds) lazy[i] = 1;
  const advanceLazy = (t: number): void => {
    for (let k = 0; k < lazyIds.length; k++) {
      const i = lazyIds[k];
      if (!(nextEvent[i] < t)) continue;
      const s = scheds[i];
      iterations += s.runUntil(t);
      view.waiting[i] = s.waiting.len;
      view.running[i] = s.running;
      view.decodes[i] = s.decodeSeqs;
      const done = s.done;
      if (done.len > 0) {
        for (let d = 0; d < done.len; d++) onFinish?.(done.at(d), i);
        done.head = 0;
        done.len = 0;
      }
      if (s.handoffs.len > 0) throw new RangeError(`instance ${i} handed KV on without the 'prefill' role`);
    }
  };
  const wake = (i: number, t: number): void => {
    if (lazy[i] === 1) return;
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
      advanceLazy(now);
      let r: number;
      if (closed) {
        r = arrivals.vals[0];
        arrivals.pop();
      } else r = nextArrival++;
      if (abortWaitS < Infinity && !closed && overloaded(r, now)) {
        saturated = true;
        break;
      }
      route(r, now);
      // A closed loop routes ids out of order: count them.
      if (onRouted !== undefined && (++routed & (ROUTED_STRIDE - 1)) === 0) onRouted(routed);
      if (state[r] !== REJECTED) wake(req.instance[r], now);
      continue;
    }
    if (tD <= tI) {
      now = tD;
      advanceLazy(now);
      const r = deliveries.vals[0];
      deliveries.pop();
      const from = req.src[r];
      const src = scheds[from];
      src.leaving--;
      if (src.waiting.len > 0) wake(from, now);
      const to = req.instance[r];
      if (!scheds[to].fits(input[r], output[r])) {
        // Its whole context can never fit in the instance's KV cache.
        scheds[to].kv.free += req.kvHeld[r];
        req.kvHeld[r] = 0;
        state[r] = REJECTED;
        rejected++;
        onFinish?.(r, to);
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
        for (let k = 0; k < done.len; k++) {
          issueNext(now);
          onFinish?.(done.at(k), i);
        }
        done.head = 0;
        done.len = 0;
      }
      const h = s.handoffs;
      // Where a request goes may depend on what the lazy instances have done by now.
      if (h.len > 0) advanceLazy(now);
      for (let k = 0; k < h.len; k++) {
        const r = h.at(k);
        const to = handoff!.target(view, r, i, now);
        req.src[r] = i;
        req.instance[r] = to;
        deliveries.push(now + handoff!.delayS(r, i, to, now), r);
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
    view.decodes[i] = s.decodeSeqs;
  }
  if (!saturated) {
    advanceLazy(Infinity);
    for (const i of lazyIds) if (scheds[i].iterEndS > now) now = scheds[i].iterEndS;
  }
  for (const s of scheds) completed += s.completed;
  return { requests: req, instances: scheds, tbt, endS: now, completed, rejected, iterations, saturated, groups };
}
