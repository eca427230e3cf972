// The state of one instance's scheduler and the operations on single requests (admission, preemption,
// retirement, hand-over of KV between instances). The iteration loop itself is in scheduler.ts.
import { BusyTime } from './attribution';
import { FinishCalendar } from './finish-calendar';
import { GapStack } from './gaps';
import type { LogHistogram } from './histogram';
import { DECODING, DONE, IdDeque, PREFILLING, RequestTable, WAITING } from './requests';
import { checkSchedulerConfig, type IterationObserver, type SchedulerConfig } from './scheduler-config';
import { secondsIntoOf, type BatchAggregate, type InstanceCostModel, type SecondsInto } from './types';

export class SchedulerCore {
  readonly index: number;
  readonly cm: InstanceCostModel;
  /** The cost model's time for a batch, written to its second argument's [0] (see InstanceCostModel). */
  protected readonly secondsInto: SecondsInto;
  protected readonly iterationOut = new Float64Array(1);
  readonly cfg: SchedulerConfig;
  readonly blockTokens: number;
  readonly totalBlocks: number;
  /** Longest context (prompt + output - 1) the whole KV cache can hold. */
  protected readonly maxContext: number;
  freeBlocks: number;
  protected readonly watermarkBlocks: number;
  protected readonly req: RequestTable;
  protected readonly tbt: LogHistogram;
  protected readonly outstanding: Float64Array;
  observer: IterationObserver | null = null;

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
  readonly waiting = new IdDeque();
  /** Running requests still prefilling, in admission order; the first `scheduled` have a chunk this iteration. */
  protected readonly prefilling = new IdDeque();
  protected scheduled = 0;
  running = 0;
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
  /** Completed request ids, kept only when `trackDone` (closed loops need them; the engine drains them). */
  readonly done: IdDeque = new IdDeque();
  trackDone = false;
  completed = 0;
  /** Prefill role: requests whose first token is out and whose KV must move (the engine drains them). */
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
  /** kvAllocation 'prompt': a prompt takes the blocks of its whole prefill target when admitted. */
  protected readonly wholePrompt: boolean;
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
    outstanding: Float64Array,
    nextEventS: Float64Array = new Float64Array(index + 1).fill(Infinity),
  ) {
    checkSchedulerConfig(cfg);
    this.index = index;
    this.cm = cm;
    this.secondsInto = secondsIntoOf(cm);
    this.cfg = { ...cfg, chunkSize: Math.min(cfg.chunkSize, cfg.tokenBudget), attributionStride: Math.floor(cfg.attributionStride) };
    this.blockTokens = Math.max(1, Math.floor(cm.kvBlockTokens)) | 0;
    this.totalBlocks = Math.max(0, Math.floor(cm.kvCapacityTokens / this.blockTokens));
    this.freeBlocks = this.totalBlocks;
    this.maxContext = this.totalBlocks * this.blockTokens;
    this.watermarkBlocks = Math.floor(cfg.watermark * this.totalBlocks);
    this.buckets = new Int32Array(this.blockTokens);
    this.req = req;
    this.finishes = new FinishCalendar(req.finishIt, req.finishNext);
    this.tbt = tbt;
    this.outstanding = outstanding;
    this.nextEventS = nextEventS;
    this.busy = new BusyTime(this.cfg.attributionStride);
    this.handsOff = cfg.role === 'prefill';
    this.wholePrompt = cfg.kvAllocation === 'prompt';
  }

  /** Whether a request with this prompt and output can ever complete here (its full context fits in KV). */
  fits(input: number, output: number): boolean {
    return input + output - 1 <= this.maxContext;
  }

  /** Queues an arrival at `now`; an idle instance will start its next iteration at `now`. */
  arrive(r: number, now: number): void {
    const req = this.req;
    req.state[r] = WAITING;
    req.instance[r] = this.index;
    req.target[r] = req.inputTokens[r];
    this.waiting.pushBack(r);
    if (!this.inIteration && this.wakeS === Infinity) this.wakeS = this.nextEventS[this.index] = now;
  }

  /**
   * Queues a request whose prompt (and first tokens) were prefilled elsewhere and whose KV is now here: it
   * needs blocks for its context but no prefill, and joins the decodes in the iteration that admits it.
   */
  deliver(r: number, now: number): void {
    const req = this.req;
    req.state[r] = WAITING;
    req.instance[r] = this.index;
    const kv = req.inputTokens[r] + req.generated[r] - 1;
    req.target[r] = kv;
    req.prefilled[r] = kv;
    this.outstanding[this.index] += req.outputTokens[r] - req.generated[r];
    this.waiting.pushBack(r);
    if (!this.inIteration && this.wakeS === Infinity) this.wakeS = this.nextEventS[this.index] = now;
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

  /** Admits a delivered request straight into the decodes of iteration `it`; false when its blocks do not fit. */
  protected admitReady(r: number, spare: number): boolean {
    const req = this.req;
    const B = this.blockTokens;
    const kv = req.target[r];
    const need = Math.ceil((kv + 1) / B);
    if (need > spare) return false;
    this.freeBlocks -= need;
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

  /** Preemption by recompute of the newest running request, at the start of iteration `it` (at `clockS`). */
  protected preemptNewest(): void {
    const req = this.req;
    const r = this.runTail;
    const B = this.blockTokens;
    if (req.state[r] === DECODING) {
      const base = req.ctxBase[r];
      const ctx = base + this.it; // context its next step would attend to; KV holds ctx - 1 tokens
      this.freeBlocks += Math.ceil((ctx - 1) / B);
      this.removeDecode(r, base);
      req.generated[r] = ctx - req.inputTokens[r];
      req.target[r] = ctx;
      req.lastTokenS[r] = this.clockS;
      this.gaps.raiseToMaxSince(req.decodeStartIt[r], req.maxGapS, r);
      this.finishes.remove(r);
      req.finishIt[r] = -1;
      // Recompute redoes ctx tokens of prefill, which also emit the token the next decode step would have.
      this.outstanding[this.index] += ctx - 1;
    } else {
      // A prefilling request is the newest of the prefilling queue, so it sits at its back. It holds the
      // blocks of its chunks so far, or of its whole target when blocks are taken per prompt.
      this.freeBlocks += Math.ceil((this.wholePrompt ? req.target[r] : req.prefilled[r]) / B);
      this.outstanding[this.index] += req.prefilled[r];
      this.prefilling.popBack();
    }
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

  /** KV blocks in use (for tests and observers). */
  blocksUsed(): number {
    return this.totalBlocks - this.freeBlocks;
  }
}
