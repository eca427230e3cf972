// The state of one instance's scheduler and the operations on single requests (admission, preemption,
// retirement, hand-over of KV between instances). The iteration loop itself is in scheduler.ts.
import { BusyTime } from './attribution';
import { FinishCalendar } from './finish-calendar';
import { GapStack } from './gaps';
import type { PrefixCache } from './prefix';
import type { LogHistogram } from './histogram';
import { DECODING, DONE, IdDeque, KvPool, PREFILLING, PriorityIds, RequestTable, WAITING } from './requests';
import { checkSchedulerConfig, type IterationObserver, type SchedulerConfig } from './scheduler-config';
import { secondsIntoOf, type BatchAggregate, type InstanceCostModel, type SecondsInto } from './types';

/**
 * Sets an iteration's duration in out[0] instead of the cost model (Nexus: the SM share and the other phase's
 * contention). Called once per iteration with the instance whose batch `agg` is about to run at `s.now`.
 */
export type IterationTimeHook = (s: SchedulerCore, agg: BatchAggregate, out: Float64Array) => void;

/** Per-instance arrays the routers read, shared by a run's instances; each instance writes its own slot. */
export interface SharedCounters {
  /** Remaining prefill tokens + remaining decode steps of every request routed to the instance. */
  outstanding: Float64Array;
  /** Prompt tokens queued or half-done (the prefill backlog). */
  pendingPrefill: Float64Array;
  /** When the instance next needs attention (iteration end or wake-up; Infinity when idle). */
  nextEventS: Float64Array;
}

/** Busy time of a group of instances that share GPUs (a Nexus pair): the union of their iterations. */
export class GroupClock {
  busyS = 0;
  until = -Infinity;
}

export function sharedCounters(n: number): SharedCounters {
  return { outstanding: new Float64Array(n), pendingPrefill: new Float64Array(n), nextEventS: new Float64Array(n).fill(Infinity) };
}

export interface SchedulerParts {
  kv?: KvPool;
  timeHook?: IterationTimeHook | null;
  group?: GroupClock | null;
  /** Hand-offs keep their blocks in the (shared) pool: the next instance takes them over (Nexus). */
  residentHandoff?: boolean;
  /** Predicted output tokens per request, for reserve admission. */
  predictedOutput?: Int32Array | null;
  /** Prefix caching: this instance's cache of computed blocks (main/sim/prefix.ts), or none. */
  prefix?: PrefixCache | null;
}

export class SchedulerCore {
  readonly index: number;
  readonly cm: InstanceCostModel;
  /** The cost model's time for a batch, written to its second argument's [0] (see InstanceCostModel). */
  protected readonly secondsInto: SecondsInto;
  protected readonly iterationOut = new Float64Array(1);
  readonly cfg: SchedulerConfig;
  readonly blockTokens: number;
  readonly kv: KvPool;
  /** Longest context (prompt + output - 1) the whole KV cache can hold. */
  protected readonly maxContext: number;
  protected readonly watermarkBlocks: number;
  protected readonly req: RequestTable;
  protected readonly tbt: LogHistogram;
  protected readonly outstanding: Float64Array;
  protected readonly pendingPrefill: Float64Array;
  observer: IterationObserver | null = null;
  protected readonly timeHook: IterationTimeHook | null;
  /** The busy clock of the group of instances sharing this one's GPUs, or null. */
  readonly groupClock: GroupClock | null;

  /** Index of the iteration being scheduled / run. */
  it = 0;
  inIteration = false;
  iterStartS = 0;
  iterEndS = 0;
  /**
   * The time the iteration being scheduled starts. Scheduling reads it from here rather than taking it as an
   * argument: V8 boxes a double passed to (or returned from) a call it does not inline, which would be a heap
   * allocation per iteration and per request. Finishing reads `iterEndS` the same way.
   */
  protected clockS = 0;
  readonly waiting: IdDeque | PriorityIds;
  /** Running requests still prefilling, in admission order; the first `scheduled` have a chunk this iteration. */
  protected readonly prefilling = new IdDeque();
  protected scheduled = 0;
  running = 0;
  /** Prefill role: requests handed off whose KV has not reached its destination yet (maxInFlight counts them). */
  leaving = 0;
  /** Most requests running + leaving before admission stops. */
  protected readonly admitCap: number;
  protected runHead = -1;
  protected runTail = -1;
  decodeSeqs = 0;
  protected sumCtxBase = 0;
  /** (-it) mod blockTokens: the bucket of decodes whose context crosses into a new block this iteration. */
  protected crossPhase = 0;
  protected readonly buckets: Int32Array;
  protected readonly finishes: FinishCalendar;
  readonly agg: BatchAggregate = { prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: 0, decodeKvTokens: 0 };
  protected readonly gaps = new GapStack();
  /** Completed request ids, kept only when `trackDone` (closed loops and finish hooks need them; the engine drains them). */
  readonly done: IdDeque = new IdDeque();
  trackDone = false;
  completed = 0;
  /** Prefill role: requests whose target is reached and whose KV must move (the engine drains them). */
  readonly handoffs = new IdDeque();
  /** Requests with KV from elsewhere that joined the decodes this iteration (their first gap is their own). */
  protected readonly joined = new IdDeque();
  protected joinedNow = 0;
  /** An idle instance that was given work wakes at this time (after every arrival at that instant). */
  protected wakeS = Infinity;
  /**
   * When each instance next needs attention (its iteration's end, or its wake-up; Infinity when idle), in
   * one array the engine scans per arrival. Shared by the run's instances; this one writes its own slot.
   */
  readonly nextEventS: Float64Array;

  protected readonly busy: BusyTime;
  protected readonly handsOff: boolean;
  protected readonly residentHandoff: boolean;
  /** kvAllocation 'prompt': a prompt takes the blocks of its whole prefill target when admitted. */
  protected readonly wholePrompt: boolean;
  /** Reserve admission (TetriInfer): blocks promised to admitted requests' predicted contexts. */
  protected readonly reserve: boolean;
  protected reservedBlocks = 0;
  protected readonly predictedOutput: Int32Array | null;
  /** Prefix caching: blocks computed here by earlier requests (null: off). */
  readonly prefix: PrefixCache | null;
  /** padTo[n]: the captured size a batch of n (sequences or tokens, per graphPadding) is padded to; empty: none. */
  protected readonly padTo: Int32Array;
  /** The batch the cost model sees when padding applies (a copy of `agg`, so the counters stay true). */
  protected readonly costAgg: BatchAggregate = { prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: 0, decodeKvTokens: 0 };
  /** Longest prefill chunk of the iteration being scheduled (padPrompts). */
  protected maxChunk = 0;
  /** decodesWaitForPrefill: the current iteration runs prompts only; `it` does not advance with it. */
  protected decodesPaused = false;
  /** Seconds of prompt-only iterations since the last decode iteration: the paused decodes' gap grows by it. */
  protected stallS = 0;
  iterations = 0;
  preemptions = 0;
  prefillTokens = 0;
  decodeTokens = 0;
  /** Output tokens emitted (decode steps + tokens sampled at the end of a prefill). */
  emittedTokens = 0;

  constructor(
    index: number,
    cm: InstanceCostModel,
    cfg: SchedulerConfig,
    req: RequestTable,
    tbt: LogHistogram,
    shared: SharedCounters,
    parts: SchedulerParts = {},
  ) {
    checkSchedulerConfig(cfg);
    this.index = index;
    this.cm = cm;
    this.secondsInto = secondsIntoOf(cm);
    this.cfg = { ...cfg, chunkSize: Math.min(cfg.chunkSize, cfg.tokenBudget), attributionStride: Math.floor(cfg.attributionStride) };
    this.blockTokens = Math.max(1, Math.floor(cm.kvBlockTokens)) | 0;
    this.kv = parts.kv ?? new KvPool(Math.max(0, Math.floor(cm.kvCapacityTokens / this.blockTokens)));
    this.maxContext = this.kv.total * this.blockTokens;
    this.watermarkBlocks = Math.floor(cfg.watermark * this.kv.total);
    this.buckets = new Int32Array(this.blockTokens);
    this.req = req;
    this.finishes = new FinishCalendar(req.finishIt, req.finishNext);
    this.tbt = tbt;
    this.outstanding = shared.outstanding;
    this.pendingPrefill = shared.pendingPrefill;
    this.nextEventS = shared.nextEventS;
    this.busy = new BusyTime(this.cfg.attributionStride);
    this.handsOff = cfg.role === 'prefill';
    this.residentHandoff = parts.residentHandoff === true;
    this.wholePrompt = cfg.kvAllocation === 'prompt';
    this.reserve = cfg.decodeAdmission !== 'greedy';
    this.predictedOutput = parts.predictedOutput ?? null;
    this.prefix = parts.prefix ?? null;
    this.timeHook = parts.timeHook ?? null;
    this.groupClock = parts.group ?? null;
    this.admitCap = this.handsOff && cfg.maxInFlight > 0 ? Math.min(cfg.maxInFlight, cfg.maxRunning) : cfg.maxRunning;
    this.waiting = waitQueue(cfg, req);
    this.padTo = padTable(this.cfg);
  }

  /** The time the iteration being scheduled starts (for time hooks). */
  get now(): number {
    return this.clockS;
  }

  /** Σ context over the running decodes at the current iteration. */
  decodeKvTokens(): number {
    return this.sumCtxBase + this.decodeSeqs * this.it;
  }

  get totalBlocks(): number {
    return this.kv.total;
  }

  get freeBlocks(): number {
    return this.kv.free;
  }

  /** Whether a request with this prompt and output can ever complete here (its full context fits in KV). */
  fits(input: number, output: number): boolean {
    return input + output - 1 <= this.maxContext;
  }

  /**
   * Queues an arrival at `now` whose prefill runs to `target` tokens (the prompt, or the first part of it on a
   * partial-prefill instance); an idle instance will start its next iteration at `now`.
   */
  arrive(r: number, now: number, target: number): void {
    const req = this.req;
    req.state[r] = WAITING;
    req.instance[r] = this.index;
    req.target[r] = target;
    this.pendingPrefill[this.index] += target;
    this.waiting.pushBack(r);
    if (!this.inIteration && this.wakeS === Infinity) this.wakeS = this.nextEventS[this.index] = now;
  }

  /**
   * Queues a request whose KV (part of the prompt, or the whole prompt and its first tokens) was computed
   * elsewhere and is now here: it needs blocks for its context, then either finishes its prompt here or, if
   * the prompt is done, joins the decodes in the iteration that admits it.
   */
  deliver(r: number, now: number): void {
    const req = this.req;
    req.state[r] = WAITING;
    req.instance[r] = this.index;
    const g = req.generated[r];
    if (g === 0) {
      // A partial prefill (Cronus): the rest of the prompt is prefilled here, then its output decoded.
      const input = req.inputTokens[r];
      req.target[r] = input;
      this.pendingPrefill[this.index] += input - req.prefilled[r];
      this.outstanding[this.index] += input - req.prefilled[r] + req.outputTokens[r] - 1;
    } else {
      const kv = req.inputTokens[r] + g - 1;
      req.target[r] = kv;
      req.prefilled[r] = kv;
      this.outstanding[this.index] += req.outputTokens[r] - g;
    }
    this.waiting.pushBack(r);
    if (!this.inIteration && this.wakeS === Infinity) this.wakeS = this.nextEventS[this.index] = now;
  }

  /**
   * Prefix caching, before admitting r (nothing computed yet): its cached prefix counts as computed, capped
   * one token short of its target (the last token is always computed, as in vLLM's get_computed_blocks).
   * Under 'chunk' allocation the prefix's blocks come out of `spare` now. Returns the blocks taken, or -1 when
   * nothing is cached; untakeCachedPrefix undoes it if r is not admitted after all.
   */
  protected takeCachedPrefix(r: number, spare: number): number {
    const req = this.req;
    const c = this.prefix!;
    c.trim(this.kv.free * this.blockTokens);
    let h = c.cachedTokens(r);
    if (h >= req.target[r]) h = req.target[r] - 1;
    if (h <= 0) return -1;
    const blocks = this.wholePrompt ? 0 : Math.ceil(h / this.blockTokens);
    if (blocks >= spare) return -1;
    req.prefilled[r] = h;
    this.kv.free -= blocks;
    return blocks;
  }

  protected untakeCachedPrefix(r: number, blocks: number): void {
    this.req.prefilled[r] = 0;
    this.kv.free += blocks;
  }

  /** r was admitted with `req.prefilled[r]` tokens from the cache (0: none): pin them, count what was saved. */
  protected commitCachedPrefix(r: number): void {
    const h = this.req.prefilled[r];
    this.prefix!.pinHit(r, h, this.req.target[r]);
    this.outstanding[this.index] -= h;
    this.pendingPrefill[this.index] -= h;
  }

  /** r's blocks leave this instance's use: its cached ones become evictable. */
  protected releasePrefix(r: number): void {
    this.prefix!.release(r);
    this.prefix!.trim(this.kv.free * this.blockTokens);
  }

  /** Admits r at `clockS`. */
  protected admit(r: number): void {
    const req = this.req;
    req.state[r] = PREFILLING;
    if (req.scheduledS[r] !== req.scheduledS[r]) req.scheduledS[r] = this.clockS;
    req.prev[r] = this.runTail;
    req.next[r] = -1;
    if (this.runTail >= 0) req.next[this.runTail] = r;
    else this.runHead = r;
    this.runTail = r;
    this.running++;
    this.prefilling.pushBack(r);
  }

  /**
   * Blocks a delivered request still needs (its held ones count: a Nexus hand-off keeps them) and, under
   * reserve admission, whether its predicted context fits what is neither used nor reserved. -1 when it
   * cannot be admitted now.
   */
  protected blocksToAdmit(r: number, kvTokens: number, spare: number): number {
    const req = this.req;
    const B = this.blockTokens;
    const held = req.kvHeld.length > 0 ? req.kvHeld[r] : 0;
    const need = Math.ceil(kvTokens / B) - held;
    if (need > spare) return -1;
    if (this.reserve) {
      const p = this.predictedOutput;
      const g = req.generated[r];
      const want = Math.ceil((req.inputTokens[r] + Math.max(p !== null ? p[r] : req.outputTokens[r], g)) / B);
      const used = this.kv.total - this.kv.free;
      let free = this.kv.total - (this.reservedBlocks > used ? this.reservedBlocks : used);
      if (this.cfg.decodeAdmission === 'reserve-dynamic' && this.decodeSeqs > 0) {
        const soonest = this.finishes.earliest(this.it);
        if (soonest >= 0) free += req.resv[soonest];
      }
      if (want > free && this.decodeSeqs > 0) return -1;
      req.resv[r] = want;
      this.reservedBlocks += want;
    }
    if (held > 0) req.kvHeld[r] = 0;
    return need;
  }

  /** Admits a delivered request straight into the decodes of iteration `it`; false when its blocks do not fit. */
  protected admitReady(r: number, spare: number): boolean {
    const req = this.req;
    const B = this.blockTokens;
    const kv = req.target[r];
    const need = this.blocksToAdmit(r, kv + 1, spare);
    if (need < 0) return false;
    this.kv.free -= need;
    this.admit(r);
    this.prefilling.popBack();
    const it = this.it;
    const g = req.generated[r];
    const out = req.outputTokens[r];
    const base = kv + 1 - it;
    req.ctxBase[r] = base;
    req.decodeStartIt[r] = it + 1;
    req.finishIt[r] = it + out - g - 1;
    req.state[r] = DECODING;
    let ph = (kv % B) + this.crossPhase;
    if (ph >= B) ph -= B;
    req.phase[r] = ph;
    this.buckets[ph]++;
    this.sumCtxBase += base;
    this.decodeSeqs++;
    this.finishes.add(r);
    this.joined.pushBack(r);
    this.joinedNow++;
    return true;
  }

  protected unlink(r: number): void {
    const req = this.req;
    const p = req.prev[r];
    const n = req.next[r];
    if (p >= 0) req.next[p] = n;
    else this.runHead = n;
    if (n >= 0) req.prev[n] = p;
    else this.runTail = p;
    this.running--;
  }

  protected releaseReservation(r: number): void {
    this.reservedBlocks -= this.req.resv[r];
    this.req.resv[r] = 0;
  }

  /** Preemption by recompute of the newest running request, at the start of iteration `it` (at `clockS`). */
  protected preemptNewest(): void {
    const req = this.req;
    const r = this.runTail;
    const B = this.blockTokens;
    if (req.state[r] === DECODING) {
      const base = req.ctxBase[r];
      const ctx = base + this.it; // context its next step would attend to; KV holds ctx - 1 tokens
      this.kv.free += Math.ceil((ctx - 1) / B);
      this.removeDecode(r, base);
      req.generated[r] = ctx - req.inputTokens[r];
      req.target[r] = ctx;
      req.lastTokenS[r] = this.clockS;
      this.gaps.raiseToMaxSince(req.decodeStartIt[r], req.maxGapS, r);
      this.finishes.remove(r);
      req.finishIt[r] = -1;
      // Recompute redoes ctx tokens of prefill, which also emit the token the next decode step would have.
      this.outstanding[this.index] += ctx - 1;
      this.pendingPrefill[this.index] += ctx;
    } else {
      // A prefilling request is the newest of the prefilling queue, so it sits at its back. It holds the
      // blocks of its chunks so far, or of its whole target when blocks are taken per prompt.
      this.kv.free += Math.ceil((this.wholePrompt ? req.target[r] : req.prefilled[r]) / B);
      this.outstanding[this.index] += req.prefilled[r];
      this.pendingPrefill[this.index] += req.prefilled[r];
      this.prefilling.popBack();
    }
    if (this.reserve) this.releaseReservation(r);
    if (this.prefix !== null) this.releasePrefix(r);
    req.prefilled[r] = 0;
    this.unlink(r);
    req.state[r] = WAITING;
    req.preemptions[r]++;
    this.preemptions++;
    this.waiting.pushFront(r);
  }

  protected removeDecode(r: number, base: number): void {
    this.buckets[this.req.phase[r]]--;
    this.sumCtxBase -= base;
    this.decodeSeqs--;
  }

  /** Busy seconds attributed to prefill work (input tokens). */
  get prefillBusyS(): number {
    return this.busy.prefillS();
  }

  /** Busy seconds attributed to decode work (output tokens). */
  get decodeBusyS(): number {
    return this.busy.totalS - this.busy.prefillS();
  }

  get busyS(): number {
    return this.busy.totalS;
  }

  /** The first token a delivered request decodes here comes a transfer after its last one (at `iterEndS`). */
  protected firstGaps(): void {
    const req = this.req;
    const now = this.iterEndS;
    const j = this.joined;
    for (let k = 0; k < j.len; k++) {
      const r = j.at(k);
      const gap = now - req.lastTokenS[r];
      this.tbt.add(gap, 1);
      if (gap > req.maxGapS[r]) req.maxGapS[r] = gap;
    }
    j.head = 0;
    j.len = 0;
  }

  /** Retires r at the end of the current iteration (`iterEndS`). */
  protected retire(r: number): void {
    const req = this.req;
    req.finishS[r] = this.iterEndS;
    req.state[r] = DONE;
    this.unlink(r);
    this.completed++;
    if (this.reserve) this.releaseReservation(r);
    if (this.prefix !== null) {
      // Its answer's blocks are cached too (the next turn of a chat resends them).
      this.prefix.computed(r, req.inputTokens[r] + req.outputTokens[r] - 1);
      this.releasePrefix(r);
    }
    if (this.trackDone) this.done.pushBack(r);
  }

  /** Earliest decode start among running requests: older gap-stack entries can no longer matter. */
  protected oldestDecodeStart(): number {
    const req = this.req;
    let oldest = this.it;
    for (let r = this.runHead; r >= 0; r = req.next[r]) {
      if (req.state[r] === DECODING && req.decodeStartIt[r] < oldest) oldest = req.decodeStartIt[r];
    }
    return oldest;
  }

  /** KV blocks in use in this instance's pool (for tests and observers). */
  blocksUsed(): number {
    return this.kv.total - this.kv.free;
  }
}

/** padTo[n] = the smallest captured size ≥ n, for n up to the largest one. */
function padTable(cfg: SchedulerConfig): Int32Array {
  const sizes = cfg.graphPadding === 'none' ? [] : cfg.graphSizes;
  const t = new Int32Array(sizes.length > 0 ? sizes[sizes.length - 1] + 1 : 0);
  let k = 0;
  for (let n = 1; n < t.length; n++) {
    while (sizes[k] < n) k++;
    t[n] = sizes[k];
  }
  return t;
}

/** FIFO for first-come-first-served (the fast path), a priority queue for the other orders. */
function waitQueue(cfg: SchedulerConfig, req: RequestTable): IdDeque | PriorityIds {
  const remaining = (r: number) => req.target[r] - req.prefilled[r];
  switch (cfg.prefillOrder) {
    case 'fcfs': return new IdDeque();
    case 'sjf': return new PriorityIds(remaining);
    case 'ljf': return new PriorityIds((r) => -remaining(r));
    // score = remaining − γ·(t − a): γ·t is common to everyone waiting, so remaining + γ·a orders the same.
    case 'spf-aging': return new PriorityIds((r) => remaining(r) + cfg.agingPerS * req.arrivalS[r]);
  }
}
