// The event loop every strategy runs on: a set of lanes (an instance's executor: mixed chunked-prefill +
// decode, prefill-only, or decode-only), requests moving between them, and KV transfers in flight. Strategies
// differ only in how lanes are configured and in three hooks: where an arrival goes, what happens when a
// request's prefill target is reached, and (Nexus) how long an iteration takes.
//
// Per iteration the work is O(1) in the batch size: decode contexts are kept as running sums, and the
// iteration at which each decode finishes is known when it joins (a per-lane heap keyed by the lane's decode
// iteration counter), so tokens are never walked one by one.
import { secondsIntoOf, type BatchAggregate, type InstanceCostModel, type SecondsInto } from '../types';
import { LogHistogram } from '../histogram';
import { IdDeque, MinHeap } from '../requests';
import { Rng } from '../rng';
import type { ClosedLoopUsers } from './types';

export type PrefillOrder = 'fcfs' | 'sjf' | 'ljf' | 'spf-aging';
export type DecodeAdmission = 'greedy' | 'reserve-static' | 'reserve-dynamic';

export interface LaneConfig {
  /** Which instance (for busy time and cost); Nexus gives two lanes one instance. */
  instance: number;
  cm: Pick<InstanceCostModel, 'iterationSeconds' | 'iterationSecondsInto' | 'kvCapacityTokens'>;
  role: 'mixed' | 'prefill' | 'decode';
  /** Tokens per iteration: mixed lanes count decodes against it too; prefill lanes use it as the chunk size. */
  tokenBudget: number;
  maxSeqs: number;
  /** False: a request's whole prefill target runs in one iteration (Cronus' partial-prefill instance). */
  chunked: boolean;
  /** Prefill lanes: requests admitted and not yet handed off, including KV still leaving. */
  maxInFlight: number;
  prefillOrder: PrefillOrder;
  /** γ of shortest-prompt-first with aging, tokens per second waited. */
  agingPerS: number;
  admission: DecodeAdmission;
  /** KV pool index: lanes that share a GPU's memory (Nexus) share one. */
  kvPool: number;
}

export interface Lane {
  cfg: LaneConfig;
  index: number;
  wq: MinHeap;
  pf: number[];
  inFlight: number;
  dq: number[];
  dqHead: number;
  dCount: number;
  dCtx: number;
  counter: number;
  fheap: MinHeap;
  dStack: number[];
  newcomers: IdDeque;
  busy: boolean;
  iterStart: number;
  batchIds: IdDeque;
  batchTok: IdDeque;
  batchDecodes: number;
  batchNew: IdDeque;
  agg: BatchAggregate;
  /** The cost model's time for `agg`, written to `seconds[0]` (InstanceCostModel.iterationSecondsInto). */
  secondsInto: SecondsInto;
  seconds: Float64Array;
  busyS: number;
  egressFreeAt: number;
  iterations: number;
  /** Prompt tokens queued or half-done here: the router's view of the backlog. */
  pendingPrefill: number;
  /** Busy seconds attributed to prefill (mixed iterations split by token share). */
  prefillBusyS: number;
}

export interface FleetHooks {
  /** Place an arriving request: call enqueuePrefill (or deliver) on some lane. */
  route(f: Fleet, req: number, t: number): void;
  /** The request reached its prefill target on `lane`. Default: decode on the same lane. */
  onPrefillDone?(f: Fleet, req: number, lane: Lane, t: number): void;
  /** A request finished on `lane` (TetriInfer's heavy/light counters). */
  onFinish?(f: Fleet, req: number, lane: Lane): void;
  /** Iteration time override (Nexus: SM share and contention). */
  iterationTime?(f: Fleet, lane: Lane, agg: BatchAggregate, t: number): number;
}

export interface FleetOptions {
  /** Stop early when a request has waited this long for its first token (the deployment cannot keep up). */
  abortWaitS: number;
  ttftSloS: number;
  tbtSloS: number;
  /** Predicted output tokens per request (TetriInfer reserve admission); null uses the true length. */
  predictedOutput?: Int32Array | null;
  /** Reports only (main/reports/resimulate.ts): sees every iteration and the finished fleet. Absent in searches. */
  observer?: FleetObserver | null;
  /** Seeds closed-loop think times (exponential); the run is otherwise deterministic without it. */
  seed?: number;
}

/**
 * Capture for reports. Called with numbers only (no objects made per call), so a run without an observer
 * pays one property test per iteration and nothing else.
 */
export interface FleetObserver {
  /** An iteration of `lane` (of instance `instance`) ran from startS to endS on prefillTokens + decodeSeqs. */
  iteration(instance: number, lane: number, startS: number, endS: number, prefillTokens: number, decodeSeqs: number): void;
  /** The run ended (completed or saturated): per-request times are in the fleet's arrays. */
  finished(f: Fleet): void;
}

export interface Fleet {
  n: number;
  arrival: Float64Array;
  input: Int32Array;
  output: Int32Array;
  target: Int32Array;
  prefilled: Int32Array;
  generated: Int32Array;
  firstTok: Float64Array;
  lastTok: Float64Array;
  finish: Float64Array;
  pfStart: Float64Array;
  held: Float64Array;
  resv: Float64Array;
  joinCounter: Int32Array;
  joinCtx: Int32Array;
  genAtJoin: Int32Array;
  finishKey: Int32Array;
  laneOf: Int32Array;
  srcLane: Int32Array;
  state: Int8Array;
  lanes: Lane[];
  kvUsed: Float64Array;
  kvResv: Float64Array;
  kvCap: Float64Array;
  events: MinHeap;
  now: number;
  seq: number;
  completed: number;
  preemptions: number;
  saturated: boolean;
  ttft: LogHistogram;
  tbt: LogHistogram;
  e2e: LogHistogram;
  queueing: LogHistogram;
  normLatency: LogHistogram;
  good: number;
  opts: FleetOptions;
  hooks: FleetHooks;
  /**
   * Closed loop: the users, and the issue times of requests already decided but not yet routed (a heap keyed
   * by time). Requests are issued in id order, so `nextIssue` is the next id a finishing user sends; `arrival`
   * is then this run's own copy, filled in as requests are issued (NaN until then).
   */
  closed: ClosedLoopUsers | null;
  issues: MinHeap;
  nextIssue: number;
  thinkRng: Rng | null;
}

const WAITING = 0;
const PREFILLING = 1;
const DECODE_QUEUED = 2;
const DECODING = 3;
const MOVING = 4;
const DONE = 5;
const EV_DELIVER_PREFILL = 1;
const EV_DELIVER_DECODE = 2;

function emptyAgg(): BatchAggregate {
  return { prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: 0, decodeKvTokens: 0 };
}

export function createFleet(
  w: { arrivalS: Float64Array; inputTokens: Int32Array; outputTokens: Int32Array; closedLoop?: ClosedLoopUsers | null },
  lanes: LaneConfig[],
  hooks: FleetHooks,
  opts: FleetOptions,
): Fleet {
  const n = w.arrivalS.length;
  const pools = lanes.reduce((m, l) => Math.max(m, l.kvPool + 1), 0);
  const kvCap = new Float64Array(pools);
  for (const l of lanes) kvCap[l.kvPool] = l.cm.kvCapacityTokens;
  const closed = w.closedLoop ?? null;
  if (closed && !(Number.isInteger(closed.users) && closed.users >= 1)) throw new RangeError(`closed loop: users must be a whole number ≥ 1, got ${closed.users}`);
  if (closed && !(closed.thinkTimeS >= 0 && Number.isFinite(closed.thinkTimeS))) throw new RangeError(`closed loop: thinkTimeS must be ≥ 0 s, got ${closed.thinkTimeS}`);
  const issues = new MinHeap(closed ? Math.min(closed.users, Math.max(1, n)) : 1);
  let arrival = w.arrivalS;
  if (closed) {
    // The stored arrival column means nothing in a closed loop; this run decides the times in its own copy.
    arrival = new Float64Array(n).fill(NaN);
    const first = Math.min(closed.users, n);
    for (let r = 0; r < first; r++) {
      arrival[r] = 0;
      issues.push(0, r);
    }
  }
  return {
    n,
    arrival,
    input: w.inputTokens,
    output: w.outputTokens,
    target: new Int32Array(n),
    prefilled: new Int32Array(n),
    generated: new Int32Array(n),
    firstTok: new Float64Array(n).fill(-1),
    lastTok: new Float64Array(n),
    finish: new Float64Array(n).fill(-1),
    pfStart: new Float64Array(n).fill(-1),
    held: new Float64Array(n),
    resv: new Float64Array(n),
    joinCounter: new Int32Array(n),
    joinCtx: new Int32Array(n),
    genAtJoin: new Int32Array(n),
    finishKey: new Int32Array(n),
    laneOf: new Int32Array(n).fill(-1),
    srcLane: new Int32Array(n).fill(-1),
    state: new Int8Array(n),
    lanes: lanes.map((cfg, index) => ({
      cfg, index, wq: new MinHeap(), pf: [], inFlight: 0, dq: [], dqHead: 0, dCount: 0, dCtx: 0, counter: 0,
      fheap: new MinHeap(), dStack: [], newcomers: new IdDeque(16), busy: false, iterStart: 0,
      batchIds: new IdDeque(16), batchTok: new IdDeque(16), batchDecodes: 0, batchNew: new IdDeque(16), agg: emptyAgg(),
      secondsInto: secondsIntoOf(cfg.cm), seconds: new Float64Array(1),
      busyS: 0, egressFreeAt: 0, iterations: 0, pendingPrefill: 0, prefillBusyS: 0,
    })),
    kvUsed: new Float64Array(pools),
    kvResv: new Float64Array(pools),
    kvCap,
    events: new MinHeap(256),
    now: 0,
    seq: 0,
    completed: 0,
    preemptions: 0,
    saturated: false,
    ttft: new LogHistogram(),
    tbt: new LogHistogram(),
    e2e: new LogHistogram(),
    queueing: new LogHistogram(),
    normLatency: new LogHistogram(),
    good: 0,
    opts,
    hooks,
    closed,
    issues,
    nextIssue: closed ? Math.min(closed.users, n) : n,
    thinkRng: closed && closed.think === 'exponential' ? new Rng((opts.seed ?? 1) ^ 0x2545f491) : null,
  };
}

/** Closed loop: the user whose request just ended sends the next one after its think time. */
function issueNext(f: Fleet, t: number): void {
  const c = f.closed;
  if (!c || f.nextIssue >= f.n) return;
  const think = f.thinkRng ? (c.thinkTimeS > 0 ? f.thinkRng.exponential(1 / c.thinkTimeS) : 0) : c.thinkTimeS;
  const r = f.nextIssue++;
  f.arrival[r] = t + think;
  f.issues.push(t + think, r);
}

function priority(f: Fleet, lane: Lane, req: number): number {
  const remaining = f.target[req] - f.prefilled[req];
  switch (lane.cfg.prefillOrder) {
    case 'sjf': return remaining;
    case 'ljf': return -remaining;
    // score = remaining − γ·(t − a): γ·t is common to everyone waiting, so remaining + γ·a orders the same.
    case 'spf-aging': return remaining + lane.cfg.agingPerS * f.arrival[req];
    default: return f.seq++;
  }
}

/** Queue a request for prefill on `lane` up to `target` tokens (it may already hold `prefilled` of them). */
export function enqueuePrefill(f: Fleet, laneIdx: number, req: number, target: number): void {
  const lane = f.lanes[laneIdx];
  f.target[req] = target;
  f.laneOf[req] = laneIdx;
  f.state[req] = WAITING;
  lane.pendingPrefill += target - f.prefilled[req];
  lane.wq.push(priority(f, lane, req), req);
  kick(f, lane);
}

/** Hand a request whose prompt KV is complete to a lane's decode admission queue. */
export function enqueueDecode(f: Fleet, laneIdx: number, req: number): void {
  const lane = f.lanes[laneIdx];
  f.laneOf[req] = laneIdx;
  f.state[req] = DECODE_QUEUED;
  lane.dq.push(req);
  kick(f, lane);
}

/** Schedules a KV move that lands after `seconds`; the source keeps the KV until then. */
export function sendKv(f: Fleet, req: number, from: Lane, toLane: number, seconds: number, kind: 'prefill' | 'decode'): void {
  f.srcLane[req] = from.index;
  f.laneOf[req] = toLane;
  f.state[req] = MOVING;
  f.events.push(f.now + seconds, req * 4 + (kind === 'prefill' ? EV_DELIVER_PREFILL : EV_DELIVER_DECODE));
}

/** Releases the KV a request holds on its current lane (the move to another lane's memory is done). */
function releaseHeld(f: Fleet, lane: Lane, req: number): void {
  f.kvUsed[lane.cfg.kvPool] -= f.held[req];
  f.kvResv[lane.cfg.kvPool] -= f.resv[req];
  f.held[req] = 0;
  f.resv[req] = 0;
}

function kick(f: Fleet, lane: Lane): void {
  if (!lane.busy) startIteration(f, lane);
}

function predictedOut(f: Fleet, req: number): number {
  const p = f.opts.predictedOutput;
  return p ? p[req] : f.output[req];
}

function joinDecode(f: Fleet, lane: Lane, req: number, ctx: number): void {
  f.state[req] = DECODING;
  f.joinCounter[req] = lane.counter;
  f.joinCtx[req] = ctx;
  f.genAtJoin[req] = f.generated[req];
  const key = lane.counter + (f.output[req] - f.generated[req]);
  f.finishKey[req] = key;
  lane.fheap.push(key, req);
  lane.dCount++;
  lane.dCtx += ctx;
  lane.dStack.push(req);
  lane.newcomers.pushBack(req);
}

/** Decode admission: TetriInfer's reserve policies count predicted output against memory up front. */
function admitDecodes(f: Fleet, lane: Lane): void {
  const pool = lane.cfg.kvPool;
  while (lane.dqHead < lane.dq.length && lane.dCount + lane.pf.length < lane.cfg.maxSeqs) {
    const req = lane.dq[lane.dqHead];
    const resident = f.held[req] > 0; // Nexus: the KV is already in this GPU's memory
    const ctx = f.input[req] + f.generated[req] - 1;
    const need = resident ? 0 : ctx;
    if (lane.cfg.admission === 'greedy') {
      if (f.kvUsed[pool] + need > f.kvCap[pool]) break;
    } else {
      const want = f.input[req] + Math.max(predictedOut(f, req), f.generated[req]);
      let free = f.kvCap[pool] - Math.max(f.kvResv[pool], f.kvUsed[pool]);
      if (lane.cfg.admission === 'reserve-dynamic' && lane.fheap.len > 0) free += f.resv[lane.fheap.vals[0]];
      if (want > free && lane.dCount > 0) break;
      f.resv[req] = want;
      f.kvResv[pool] += want;
    }
    lane.dqHead++;
    f.kvUsed[pool] += need;
    f.held[req] = resident ? f.held[req] : ctx;
    joinDecode(f, lane, req, ctx);
  }
  if (lane.dqHead > 1024 && lane.dqHead * 2 > lane.dq.length) {
    lane.dq = lane.dq.slice(lane.dqHead);
    lane.dqHead = 0;
  }
}

function addChunk(f: Fleet, lane: Lane, req: number, c: number): void {
  const prior = f.prefilled[req];
  const a = lane.agg;
  a.prefillSeqs++;
  a.prefillTokens += c;
  a.prefillAttnPairs += c * (prior + (c + 1) / 2);
  a.prefillKvTokens += prior + c;
  lane.batchIds.pushBack(req);
  lane.batchTok.pushBack(c);
}

function startIteration(f: Fleet, lane: Lane): void {
  const cfg = lane.cfg;
  const a = lane.agg;
  a.prefillSeqs = a.prefillTokens = a.prefillAttnPairs = a.prefillKvTokens = a.decodeSeqs = a.decodeKvTokens = 0;
  lane.batchIds.clear();
  lane.batchTok.clear();
  if (lane.dqHead < lane.dq.length) admitDecodes(f, lane);
  let budget = cfg.tokenBudget;
  if (lane.dCount > 0) {
    a.decodeSeqs = lane.dCount;
    a.decodeKvTokens = lane.dCtx;
    budget -= lane.dCount;
  }
  lane.batchDecodes = lane.dCount;
  const tmp = lane.batchNew;
  lane.batchNew = lane.newcomers;
  lane.newcomers = tmp;
  lane.newcomers.clear();
  for (let i = 0; i < lane.pf.length && (budget > 0 || !cfg.chunked); i++) {
    const req = lane.pf[i];
    const rem = f.target[req] - f.prefilled[req];
    const c = cfg.chunked ? Math.min(rem, budget) : rem;
    budget -= c;
    addChunk(f, lane, req, c);
  }
  const pool = cfg.kvPool;
  while (lane.wq.len > 0 && (budget > 0 || !cfg.chunked) && lane.inFlight < cfg.maxInFlight
    && lane.pf.length + lane.dCount < cfg.maxSeqs) {
    const req = lane.wq.vals[0];
    // Reserve the whole prompt's KV on admission (vLLM allocates per chunk, but a prompt it admits is one it
    // can finish); what the request already holds from another lane is re-counted here.
    const reserve = f.target[req];
    if (f.kvUsed[pool] + reserve > f.kvCap[pool] && (lane.pf.length > 0 || lane.dCount > 0)) break;
    lane.wq.pop();
    f.kvUsed[pool] += reserve;
    f.held[req] = reserve;
    f.state[req] = PREFILLING;
    if (f.pfStart[req] < 0) {
      f.pfStart[req] = f.now;
      f.queueing.add(f.now - f.arrival[req], 1);
    }
    lane.pf.push(req);
    lane.inFlight++;
    const rem = f.target[req] - f.prefilled[req];
    const c = cfg.chunked ? Math.min(rem, budget) : rem;
    budget -= c;
    addChunk(f, lane, req, c);
  }
  if (a.prefillSeqs === 0 && a.decodeSeqs === 0) {
    lane.busy = false;
    return;
  }
  let dt: number;
  if (f.hooks.iterationTime) dt = f.hooks.iterationTime(f, lane, a, f.now);
  else {
    lane.secondsInto(a, lane.seconds);
    dt = lane.seconds[0];
  }
  lane.busy = true;
  lane.iterStart = f.now;
  lane.iterations++;
  f.events.push(f.now + dt, -(lane.index + 1));
}

function finishRequest(f: Fleet, lane: Lane, req: number, t: number): void {
  f.state[req] = DONE;
  f.finish[req] = t;
  releaseHeld(f, lane, req);
  f.completed++;
  const e2e = t - f.arrival[req];
  f.e2e.add(e2e, 1);
  f.normLatency.add(e2e / f.output[req], 1);
  const ttft = f.firstTok[req] - f.arrival[req];
  const out = f.output[req];
  const tpot = out > 1 ? (t - f.firstTok[req]) / (out - 1) : 0;
  if (ttft <= f.opts.ttftSloS && tpot <= f.opts.tbtSloS) f.good++;
  f.hooks.onFinish?.(f, req, lane);
  if (f.closed) issueNext(f, t);
}

function leaveDecode(f: Fleet, lane: Lane, req: number): number {
  const ctx = f.joinCtx[req] + (lane.counter - f.joinCounter[req]);
  f.generated[req] = f.genAtJoin[req] + (lane.counter - f.joinCounter[req]);
  f.held[req] = ctx;
  lane.dCount--;
  lane.dCtx -= ctx;
  return ctx;
}

/** Removes `v` from `list` in place, keeping the order (splice would allocate the array it returns). */
function removeValue(list: number[], v: number): void {
  const i = list.indexOf(v);
  if (i < 0) return;
  for (let k = i; k < list.length - 1; k++) list[k] = list[k + 1];
  list.pop();
}

function endIteration(f: Fleet, lane: Lane, t: number): void {
  const dur = t - lane.iterStart;
  lane.busyS += dur;
  lane.busy = false;
  const pt = lane.agg.prefillTokens;
  if (pt > 0) lane.prefillBusyS += (dur * pt) / (pt + lane.batchDecodes);
  if (f.opts.observer) f.opts.observer.iteration(lane.cfg.instance, lane.index, lane.iterStart, t, pt, lane.batchDecodes);
  lane.pendingPrefill -= pt;
  const pool = lane.cfg.kvPool;
  const nd = lane.batchDecodes;
  if (nd > 0) {
    lane.counter++;
    lane.dCtx += nd;
    f.kvUsed[pool] += nd;
    const joined = lane.batchNew;
    f.tbt.add(dur, nd - joined.len);
    for (let k = 0; k < joined.len; k++) {
      const req = joined.at(k);
      if (f.state[req] === DECODING && f.laneOf[req] === lane.index) f.tbt.add(t - f.lastTok[req], 1);
    }
    const fh = lane.fheap;
    while (fh.len > 0 && fh.keys[0] <= lane.counter) {
      const req = fh.vals[0];
      const key = fh.keys[0];
      fh.pop();
      if (f.state[req] !== DECODING || f.finishKey[req] !== key || f.laneOf[req] !== lane.index) continue;
      leaveDecode(f, lane, req);
      f.generated[req] = f.output[req];
      finishRequest(f, lane, req, t);
    }
    // Out of KV: preempt the newest decode (vLLM's LIFO). Mixed lanes recompute it; decode-only lanes park it
    // back in their admission queue (a swap whose copy time fleetplan ignores).
    while (f.kvUsed[pool] > f.kvCap[pool] && lane.dCount > 1) {
      const req = lane.dStack.pop()!;
      if (f.state[req] !== DECODING || f.laneOf[req] !== lane.index) continue;
      leaveDecode(f, lane, req);
      f.lastTok[req] = t;
      f.preemptions++;
      if (lane.cfg.role === 'decode') {
        releaseHeld(f, lane, req);
        f.state[req] = DECODE_QUEUED;
        lane.dq.splice(lane.dqHead, 0, req);
      } else {
        releaseHeld(f, lane, req);
        f.prefilled[req] = 0;
        f.target[req] = f.input[req] + f.generated[req] - 1;
        lane.pendingPrefill += f.target[req];
        f.state[req] = WAITING;
        lane.wq.push(-1e15 - f.seq++, req);
      }
    }
  }
  for (let i = 0; i < lane.batchIds.len; i++) {
    const req = lane.batchIds.at(i);
    f.prefilled[req] += lane.batchTok.at(i);
    if (f.prefilled[req] < f.target[req]) continue;
    removeValue(lane.pf, req);
    if (f.prefilled[req] >= f.input[req] && f.firstTok[req] < 0) {
      f.firstTok[req] = t;
      f.lastTok[req] = t;
      f.generated[req] = 1;
      f.ttft.add(t - f.arrival[req], 1);
    }
    if (f.hooks.onPrefillDone) f.hooks.onPrefillDone(f, req, lane, t);
    else completeLocally(f, lane, req, t);
  }
}

/** Default after prefill: the request decodes where its KV is (colocated, Cronus high-end). */
export function completeLocally(f: Fleet, lane: Lane, req: number, t: number): void {
  lane.inFlight--;
  if (f.prefilled[req] < f.input[req]) throw new Error('completeLocally before the prompt is prefilled');
  if (f.generated[req] >= f.output[req]) finishRequest(f, lane, req, t);
  else joinDecode(f, lane, req, f.prefilled[req]);
}

/** The prefill lane is done with a request it hands off (counts towards its in-flight cap until the KV lands). */
export function lanePrefillHandoff(f: Fleet, lane: Lane, req: number): void {
  f.srcLane[req] = lane.index;
}

function deliver(f: Fleet, req: number, kind: number): void {
  const src = f.lanes[f.srcLane[req]];
  src.inFlight--;
  releaseHeld(f, src, req);
  kick(f, src);
  const dest = f.laneOf[req];
  if (kind === EV_DELIVER_PREFILL && f.prefilled[req] < f.input[req]) enqueuePrefill(f, dest, req, f.input[req]);
  else enqueueDecode(f, dest, req);
}

/** Runs to completion (or until the deployment is seen to be saturated). */
export function runFleet(f: Fleet): void {
  const ev = f.events;
  let next = 0;
  let oldest = 0;
  const closed = f.closed !== null;
  const issues = f.issues;
  while (!f.saturated) {
    // Open loop: the next arrival in the sorted column. Closed loop: the earliest issued, unrouted request.
    const tArr = closed ? (issues.len > 0 ? issues.keys[0] : Infinity) : next < f.n ? f.arrival[next] : Infinity;
    const tEv = ev.len > 0 ? ev.keys[0] : Infinity;
    if (tArr === Infinity && tEv === Infinity) break;
    if (tArr <= tEv) {
      f.now = tArr;
      while (oldest < next && f.firstTok[oldest] >= 0) oldest++;
      if (oldest < next && tArr - f.arrival[oldest] > f.opts.abortWaitS) {
        f.saturated = true;
        break;
      }
      let req = next;
      if (closed) {
        req = issues.vals[0];
        issues.pop();
      }
      f.hooks.route(f, req, tArr);
      next++;
      continue;
    }
    const val = ev.vals[0];
    ev.pop();
    f.now = tEv;
    if (val < 0) {
      const lane = f.lanes[-val - 1];
      endIteration(f, lane, tEv);
      startIteration(f, lane);
    } else {
      deliver(f, val >> 2, val & 3);
    }
  }
  if (f.completed < f.n) f.saturated = true;
  f.opts.observer?.finished(f);
}

export const REQUEST_STATES = { WAITING, PREFILLING, DECODE_QUEUED, DECODING, MOVING, DONE } as const;
