// One instance's continuous-batching scheduler (vLLM/Sarathi style). Each iteration:
//   1. every running decode gets one token; decodes whose context crosses into a new KV block take a block,
//      and when blocks run out the newest running request is preempted (recompute: its KV is dropped and it
//      goes back to the head of the waiting queue with prompt + generated tokens as its new prefill);
//   2. the rest of the token budget goes to prefill chunks: first the running requests still prefilling,
//      in admission order, then new requests admitted FCFS while budget, max-running and KV blocks allow.
// Work per iteration is O(1) in the number of decodes: decode contexts are a running sum (ctxBase + it),
// block crossings are a bucket count (decodes bucketed by context mod block size, which is fixed while a
// request decodes), and finishes come off a calendar keyed by the iteration of each decode's last step.
import { DECODING, TRANSFER } from './requests';
import { SchedulerCore } from './scheduler-core';
import type { BatchAggregate } from './types';

export { DEFAULT_SCHEDULER, type IterationObserver, type SchedulerConfig } from './scheduler-config';

export class InstanceScheduler extends SchedulerCore {
  /**
   * Runs every iteration that ends before `t` (an instance is independent of the others between two
   * arrivals, so the engine advances each one on its own up to the next arrival). A pending wake-up at
   * exactly `t` waits, so requests arriving together share the first iteration. Returns iterations run.
   */
  runUntil(t: number): number {
    if (!this.inIteration) {
      if (!(this.wakeS < t)) return 0;
      this.clockS = this.wakeS;
      this.wakeS = Infinity;
      if (!this.beginIteration()) {
        this.nextEventS[this.index] = Infinity;
        return 0;
      }
    }
    let n = 0;
    while (this.iterEndS < t) {
      this.finishIteration();
      n++;
      this.clockS = this.iterEndS;
      if (!this.beginIteration()) break;
    }
    this.nextEventS[this.index] = this.inIteration ? this.iterEndS : Infinity;
    return n;
  }

  /** Schedules iteration `it` starting at `now`; returns false when there is nothing to run (instance idles). */
  startIteration(now: number): boolean {
    this.clockS = now;
    return this.beginIteration();
  }

  /** startIteration at `clockS` (see there for why the time is a field). */
  private beginIteration(): boolean {
    if (this.running === 0 && this.waiting.len === 0) return false;
    this.decodesPaused = false;
    this.maxChunk = 0;
    if (this.cfg.decodesWaitForPrefill && this.schedulePromptsAlone()) return this.launch();
    const it = this.it;
    let preempted = false;
    // 1. Decodes whose next token starts a new block: (ctxBase + it - 1) mod B == 0.
    const kv = this.kv;
    if (this.decodeSeqs > 0) {
      const idx = this.crossPhase;
      while (this.buckets[idx] > kv.free) {
        this.preemptNewest();
        preempted = true;
      }
      kv.free -= this.buckets[idx];
    }
    const agg = this.agg;
    for (;;) {
      agg.prefillSeqs = 0;
      agg.prefillTokens = 0;
      agg.prefillAttnPairs = 0;
      agg.prefillKvTokens = 0;
      let budget = this.cfg.tokenBudget - this.decodeSeqs;
      let sched = 0;
      let blocked = false;
      // 2a. Running requests still prefilling, in admission order.
      const pf = this.prefilling;
      for (let k = 0; k < pf.len && budget > 0; k++) {
        const r = pf.at(k);
        const c = this.chunkFor(r, budget, kv.free);
        if (c === 0) {
          blocked = true;
          break;
        }
        budget -= c;
        sched++;
      }
      // 2b. New admissions, strictly FCFS; none in an iteration that had to preempt (vLLM does the same).
      if (!blocked && (!preempted || this.running === 0)) {
        const wq = this.waiting;
        while (budget > 0 && wq.len > 0 && this.running + this.leaving < this.admitCap) {
          const r = wq.at(0);
          const spare = this.running > 0 ? kv.free - this.watermarkBlocks : kv.free;
          if (spare <= 0) break;
          const fresh = this.prefix !== null && this.req.prefilled[r] === 0;
          const took = fresh ? this.takeCachedPrefix(r, spare) : -1;
          if (this.wholePrompt && this.req.prefilled[r] !== this.req.target[r]) {
            // vLLM v0: the prompt's whole target must fit, and it takes all those blocks now.
            const need = Math.ceil(this.req.target[r] / this.blockTokens);
            if (need > spare) {
              if (took >= 0) this.untakeCachedPrefix(r, took);
              break;
            }
            kv.free -= need;
          }
          const c = this.chunkFor(r, budget, took > 0 ? spare - took : spare);
          if (c === 0) {
            if (took >= 0) this.untakeCachedPrefix(r, took);
            // Nothing to prefill means its KV was computed elsewhere: it decodes this iteration if it fits.
            if (this.req.prefilled[r] !== this.req.target[r] || !this.admitReady(r, spare)) break;
            wq.popFront();
            budget--;
            continue;
          }
          wq.popFront();
          this.admit(r);
          if (fresh) this.commitCachedPrefix(r);
          budget -= c;
          sched++;
        }
      }
      this.scheduled = sched;
      if (sched > 0 || this.decodeSeqs > 0) break;
      // Everything running is a prefill that cannot get a block: only a preemption frees memory.
      if (this.running === 0) return false;
      this.preemptNewest();
      preempted = true;
    }
    agg.decodeSeqs = this.decodeSeqs;
    agg.decodeKvTokens = this.sumCtxBase + this.decodeSeqs * it;
    return this.launch();
  }

  /**
   * decodesWaitForPrefill: schedules the prefilling chunks and new prompts with the whole budget and no
   * decodes (vLLM V0 _schedule_prefills first; SGLang's next prefill batch before a decode batch). Delivered KV
   * waits for a decode iteration. False when no prompt can run, and nothing was taken.
   */
  private schedulePromptsAlone(): boolean {
    const agg = this.agg;
    const kv = this.kv;
    const req = this.req;
    agg.prefillSeqs = 0;
    agg.prefillTokens = 0;
    agg.prefillAttnPairs = 0;
    agg.prefillKvTokens = 0;
    const cap = this.cfg.tokenBudget;
    let budget = cap;
    let sched = 0;
    const pf = this.prefilling;
    for (let k = 0; k < pf.len && budget > 0; k++) {
      const c = this.chunkFor(pf.at(k), budget, kv.free);
      if (c === 0) break;
      budget -= c;
      sched++;
    }
    const wq = this.waiting;
    while (budget > 0 && wq.len > 0 && this.running + this.leaving < this.admitCap) {
      const r = wq.at(0);
      if (req.prefilled[r] === req.target[r]) break;
      const spare = this.running > 0 ? kv.free - this.watermarkBlocks : kv.free;
      if (spare <= 0) break;
      if (this.cfg.padPrompts && sched > 0) {
        // A padded batch counts its longest prompt once per prompt against the budget (vLLM V0).
        const c0 = Math.min(req.target[r] - req.prefilled[r], this.cfg.chunkSize);
        if ((sched + 1) * Math.max(this.maxChunk, c0) > cap) break;
      }
      const fresh = this.prefix !== null && req.prefilled[r] === 0;
      const took = fresh ? this.takeCachedPrefix(r, spare) : -1;
      let need = 0;
      if (this.wholePrompt) {
        need = Math.ceil(req.target[r] / this.blockTokens);
        if (need > spare) {
          if (took >= 0) this.untakeCachedPrefix(r, took);
          break;
        }
        kv.free -= need;
      }
      const c = this.chunkFor(r, budget, took > 0 ? spare - took : spare);
      if (c === 0) {
        kv.free += need;
        if (took >= 0) this.untakeCachedPrefix(r, took);
        break;
      }
      wq.popFront();
      this.admit(r);
      if (fresh) this.commitCachedPrefix(r);
      budget -= c;
      sched++;
    }
    this.scheduled = sched;
    if (sched === 0) return false;
    agg.decodeSeqs = 0;
    agg.decodeKvTokens = 0;
    this.decodesPaused = true;
    return true;
  }

  /** The batch the cost model is asked about: `agg`, or a padded copy of it (CUDA graphs, padded prompts). */
  private costBatch(): BatchAggregate {
    const agg = this.agg;
    const pad = this.padTo;
    const padPrompts = this.cfg.padPrompts && agg.prefillSeqs > 1 && agg.decodeSeqs === 0;
    const tokens = agg.prefillTokens + agg.decodeSeqs;
    const graph = this.cfg.graphPadding === 'tokens' ? tokens < pad.length : agg.prefillSeqs === 0 && agg.decodeSeqs < pad.length;
    if (!padPrompts && !graph) return agg;
    const c = this.costAgg;
    c.prefillSeqs = agg.prefillSeqs;
    c.prefillTokens = agg.prefillTokens;
    c.prefillAttnPairs = agg.prefillAttnPairs;
    c.prefillKvTokens = agg.prefillKvTokens;
    c.decodeSeqs = agg.decodeSeqs;
    c.decodeKvTokens = agg.decodeKvTokens;
    if (padPrompts) {
      // Fresh prompts padded to the longest: attention over each as if it were that long.
      const m = this.maxChunk;
      c.prefillTokens = agg.prefillSeqs * m;
      c.prefillAttnPairs = agg.prefillSeqs * m * ((m + 1) / 2);
      c.prefillKvTokens = agg.prefillSeqs * m;
    }
    // Padded rows run the GEMMs but attend to no context.
    if (graph) c.decodeSeqs += this.cfg.graphPadding === 'tokens' ? pad[tokens] - tokens : pad[agg.decodeSeqs] - agg.decodeSeqs;
    return c;
  }

  /** Times the scheduled batch at `clockS` and starts it. */
  private launch(): boolean {
    const now = this.clockS;
    const kv = this.kv;
    const agg = this.agg;
    const cost = this.costBatch();
    if (this.timeHook !== null) this.timeHook(this, cost, this.iterationOut);
    else this.secondsInto(cost, this.iterationOut);
    const extra = this.cfg.hostExtraS + this.cfg.hostExtraPerSeqS * (agg.prefillSeqs + agg.decodeSeqs);
    if (extra !== 0) {
      const d = this.iterationOut[0] + extra;
      // An engine that hides host work cannot hide more than there is: keep a tenth of the batch's time.
      this.iterationOut[0] = d > 0.1 * this.iterationOut[0] ? d : 0.1 * this.iterationOut[0];
    }
    const dur = this.iterationOut[0];
    // Prefix caching: blocks this iteration took from free memory evict cached ones (LRU).
    if (this.prefix !== null) this.prefix.trim(kv.free * this.blockTokens);
    const g = this.groupClock;
    if (g !== null) {
      // The union of the group's iterations, which start in time order (the engine's event queue).
      const from = g.until > now ? g.until : now;
      if (now + dur > from) g.busyS += now + dur - from;
      if (now + dur > g.until) g.until = now + dur;
    }
    this.prefillTokens += agg.prefillTokens;
    this.decodeTokens += agg.decodeSeqs;
    this.busy.add(this.secondsInto, cost, dur);
    this.inIteration = true;
    this.iterStartS = now;
    this.iterEndS = now + dur;
    if (this.observer !== null) {
      this.observer.iteration(this.index, now, now + dur, kv.total - kv.free, kv.total, agg);
    }
    return true;
  }

  /**
   * Gives request r a chunk of at most `budget` tokens that fits in `blocks` free blocks (plus the room left
   * in its last block), allocates the blocks and adds the chunk to the batch aggregate. Returns the chunk.
   */
  private chunkFor(r: number, budget: number, blocks: number): number {
    const req = this.req;
    const B = this.blockTokens;
    const done = req.prefilled[r];
    let c = req.target[r] - done;
    if (c > this.cfg.chunkSize) c = this.cfg.chunkSize;
    if (c > budget) c = budget;
    if (this.wholePrompt) {
      // Its blocks were all taken at admission.
      if (c <= 0) return 0;
    } else {
      const held = Math.ceil(done / B);
      const room = (held + (blocks > 0 ? blocks : 0)) * B - done;
      if (c > room) c = room;
      if (c <= 0) return 0;
      this.kv.free -= Math.ceil((done + c) / B) - held;
    }
    req.chunk[r] = c;
    if (c > this.maxChunk) this.maxChunk = c;
    const agg = this.agg;
    agg.prefillSeqs++;
    agg.prefillTokens += c;
    agg.prefillAttnPairs += c * (done + (c + 1) / 2);
    agg.prefillKvTokens += done + c;
    return c;
  }

  /** Retires the decodes whose last step was iteration `it` (the one ending at `iterEndS`). */
  private retireFinished(): void {
    const req = this.req;
    const B = this.blockTokens;
    const it = this.it;
    const link = req.finishNext;
    for (let r = this.finishes.takeDue(it); r >= 0; ) {
      const after = link[r];
      const base = req.ctxBase[r];
      this.kv.free += Math.ceil((base + it) / B);
      this.removeDecode(r, base);
      req.generated[r] = req.outputTokens[r];
      this.gaps.raiseToMaxSince(req.decodeStartIt[r], req.maxGapS, r);
      this.retire(r);
      r = after;
    }
  }

  /**
   * Prefill role: request r's KV (p tokens) leaves for another instance, which the engine picks and times.
   * Its blocks are free once sent, or stay held in the pool when the next instance shares it (Nexus).
   */
  private handOff(r: number, p: number): void {
    const req = this.req;
    const blocks = Math.ceil(p / this.blockTokens);
    if (this.residentHandoff) req.kvHeld[r] = blocks;
    else this.kv.free += blocks;
    if (this.prefix !== null) this.releasePrefix(r);
    req.state[r] = TRANSFER;
    this.unlink(r);
    this.leaving++;
    this.handoffs.pushBack(r);
  }

  /** Ends the current iteration at its end, `iterEndS`: emits tokens, retires finished requests, turns prefills into decodes. */
  finishIteration(): void {
    const now = this.iterEndS;
    const req = this.req;
    const B = this.blockTokens;
    const it = this.it;
    const dur = now - this.iterStartS;
    const nd = this.agg.decodeSeqs;
    this.inIteration = false;
    this.iterations++;
    this.outstanding[this.index] -= this.agg.prefillTokens + nd;
    this.pendingPrefill[this.index] -= this.agg.prefillTokens;
    this.emittedTokens += nd;
    // A prompt-only iteration (decodesWaitForPrefill) does not advance `it`: the decodes wait for the next one.
    const paused = this.decodesPaused;
    const adv = paused ? 0 : 1;
    if (paused) this.stallS += dur;
    else {
      if (this.joinedNow > 0) this.firstGaps();
      if (nd > 0) {
        // The decodes that waited through prompt-only iterations waited for those too.
        const gap = dur + this.stallS;
        this.tbt.add(gap, nd - this.joinedNow);
        if (!this.gaps.push(it, gap)) {
          this.gaps.compact(this.oldestDecodeStart());
          this.gaps.push(it, gap);
        }
      }
      this.stallS = 0;
      // Decodes whose last step was this iteration.
      if (this.finishes.anyDue(it)) this.retireFinished();
    }
    // Prefill chunks; the scheduled ones are the first `scheduled` of the queue. Finished prefills leave it,
    // the others keep their order (compacted towards the back of the scheduled prefix).
    const pf = this.prefilling;
    const sched = this.scheduled;
    const nextPhase = paused ? this.crossPhase : this.crossPhase === 0 ? B - 1 : this.crossPhase - 1;
    let w = sched - 1;
    for (let k = sched - 1; k >= 0; k--) {
      const r = pf.at(k);
      const p = req.prefilled[r] + req.chunk[r];
      req.prefilled[r] = p;
      if (p < req.target[r]) {
        pf.set(w--, r);
        continue;
      }
      if (this.prefix !== null) this.prefix.computed(r, p);
      if (p < req.inputTokens[r]) {
        // A partial prefill is done (Cronus' low-end instance): its KV leaves before the prompt's first token.
        this.handOff(r, p);
        this.outstanding[this.index] -= req.outputTokens[r] - 1;
        continue;
      }
      const g = req.generated[r] + 1;
      req.generated[r] = g;
      this.emittedTokens++;
      if (req.firstTokenS[r] !== req.firstTokenS[r]) req.firstTokenS[r] = now;
      else {
        const gap = now - req.lastTokenS[r];
        this.tbt.add(gap, 1);
        if (gap > req.maxGapS[r]) req.maxGapS[r] = gap;
      }
      const out = req.outputTokens[r];
      if (g >= out) {
        this.kv.free += Math.ceil(p / B);
        this.retire(r);
        continue;
      }
      if (this.handsOff) {
        req.lastTokenS[r] = now;
        this.handOff(r, p);
        this.outstanding[this.index] -= out - g;
        continue;
      }
      // Its next step attends to context input + g at iteration it + 1. Its bucket is (ctxBase - 1) mod B,
      // taken as (input + g - 1) mod B plus (-(it + 1)) mod B so no modulo sees a negative number.
      const kv = req.inputTokens[r] + g - 1;
      const base = kv + 1 - (it + adv);
      req.ctxBase[r] = base;
      req.decodeStartIt[r] = it + 1;
      req.finishIt[r] = it + adv + out - g - 1;
      req.state[r] = DECODING;
      if (paused) {
        // Its first decode comes after later prompt-only iterations, perhaps: its gap is its own (firstGaps).
        req.lastTokenS[r] = now;
        this.joined.pushBack(r);
        this.joinedNow++;
      }
      let ph = (kv % B) + nextPhase;
      if (ph >= B) ph -= B;
      req.phase[r] = ph;
      this.buckets[ph]++;
      this.sumCtxBase += base;
      this.decodeSeqs++;
      this.finishes.add(r);
    }
    pf.dropFront(w + 1);
    this.scheduled = 0;
    if (!paused) this.joinedNow = 0;
    this.it = it + adv;
    this.crossPhase = nextPhase;
  }

}
