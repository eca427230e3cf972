// Every request's state as columns indexed by request id, shared by all instances of a run. Nothing here is
// an object per request, so a million requests cost ~100 MB and no garbage collection during the run.

// Request states (numbers rather than an enum so every module and bundler inlines them alike).
export const PENDING = 0;
export const WAITING = 1;
export const PREFILLING = 2;
export const DECODING = 3;
export const DONE = 4;
/** Refused at arrival: prompt + output can never fit in the instance's KV cache. */
export const REJECTED = 5;
/** Prefilled on a prefill instance, its KV on its way to a decode instance. */
export const TRANSFER = 6;

export class RequestTable {
  readonly n: number;
  readonly arrivalS: Float64Array;
  readonly inputTokens: Int32Array;
  readonly outputTokens: Int32Array;
  readonly state: Uint8Array;
  readonly instance: Int32Array;
  /** Tokens the current prefill must compute: the prompt, or prompt + generated tokens after a preemption. */
  readonly target: Int32Array;
  /** Tokens of the current prefill already in KV. */
  readonly prefilled: Int32Array;
  /** Output tokens emitted so far (kept exact for waiting/prefilling requests; derived for decodes). */
  readonly generated: Int32Array;
  /** Prefill tokens scheduled in the instance's current iteration. */
  readonly chunk: Int32Array;
  /**
   * For a decode: its context minus the instance's iteration index. Both grow by one per iteration, so this
   * is fixed while it decodes, and context(it) = ctxBase + it without touching the request every iteration.
   */
  readonly ctxBase: Int32Array;
  /** Iteration (on its instance) of the decode's last step, its key in the finish calendar (-1 after a preemption). */
  readonly finishIt: Int32Array;
  /** Links the decodes due at the same slot of their instance's finish calendar. */
  readonly finishNext: Int32Array;
  /** A decode's KV-block phase: (ctxBase - 1) mod blockTokens, i.e. its bucket (fixed while it decodes). */
  readonly phase: Int32Array;
  /** First iteration of the current decode run (for the max token gap). */
  readonly decodeStartIt: Int32Array;
  /** Running list, in admission order (preemption takes the newest). */
  readonly prev: Int32Array;
  readonly next: Int32Array;
  /** First time the request was scheduled (end of queueing), first token, last token. */
  readonly scheduledS: Float64Array;
  readonly firstTokenS: Float64Array;
  readonly finishS: Float64Array;
  /** Time of the last token before a preemption (to measure the gap the recompute causes). */
  readonly lastTokenS: Float64Array;
  /** Largest gap between two consecutive output tokens of the request (0 with one output token). */
  readonly maxGapS: Float64Array;
  readonly preemptions: Int32Array;
  /**
   * Columns only some runs need, empty until the engine sizes them: the instance a handed-off request left
   * (`src`), KV blocks a request holds in a pool it has not been admitted to yet (`kvHeld`: a Nexus hand-off,
   * where the KV stays in the GPU's memory), and blocks reserved for its predicted context (`resv`, TetriInfer).
   */
  src: Int32Array = new Int32Array(0);
  kvHeld: Int32Array = new Int32Array(0);
  resv: Int32Array = new Int32Array(0);

  constructor(arrivalS: Float64Array, inputTokens: Int32Array, outputTokens: Int32Array) {
    const n = arrivalS.length;
    this.n = n;
    this.arrivalS = arrivalS;
    this.inputTokens = inputTokens;
    this.outputTokens = outputTokens;
    this.state = new Uint8Array(n);
    this.instance = new Int32Array(n).fill(-1);
    this.target = new Int32Array(n);
    this.prefilled = new Int32Array(n);
    this.generated = new Int32Array(n);
    this.chunk = new Int32Array(n);
    this.ctxBase = new Int32Array(n);
    this.finishIt = new Int32Array(n).fill(-1);
    this.finishNext = new Int32Array(n).fill(-1);
    this.phase = new Int32Array(n);
    this.decodeStartIt = new Int32Array(n);
    this.prev = new Int32Array(n).fill(-1);
    this.next = new Int32Array(n).fill(-1);
    this.scheduledS = new Float64Array(n).fill(NaN);
    this.firstTokenS = new Float64Array(n).fill(NaN);
    this.finishS = new Float64Array(n).fill(NaN);
    this.lastTokenS = new Float64Array(n).fill(NaN);
    this.maxGapS = new Float64Array(n);
    this.preemptions = new Int32Array(n);
  }
}

/** Sizes the optional columns a run with hand-offs or reservations uses. */
export function enableHandoffColumns(t: RequestTable): void {
  if (t.src.length !== t.n) t.src = new Int32Array(t.n).fill(-1);
  if (t.kvHeld.length !== t.n) t.kvHeld = new Int32Array(t.n);
  if (t.resv.length !== t.n) t.resv = new Int32Array(t.n);
}

/**
 * KV blocks one or more instances draw from: each instance has its own, except the two halves of a Nexus
 * GPU, which share the GPU's memory.
 */
export class KvPool {
  free: number;
  constructor(readonly total: number) {
    this.free = total;
  }
}

/**
 * Waiting requests in priority order (lowest key first; FIFO among equal keys), with the part of IdDeque's
 * interface the scheduler uses. pushFront puts a request ahead of every key (a preempted request resumes first).
 */
export class PriorityIds {
  private readonly heap = new MinHeap(64);
  private seq = 0;
  private front = 0;

  /** Priority of request r when queued; lower runs first. */
  constructor(private readonly keyOf: (r: number) => number) {}

  get len(): number {
    return this.heap.len;
  }

  /** Only the head (k = 0) is defined. */
  at(_k: number): number {
    return this.heap.vals[0];
  }

  popFront(): number {
    const v = this.heap.vals[0];
    this.heap.pop();
    return v;
  }

  pushBack(r: number): void {
    // Keys are token counts or times; 1e-9 per push keeps equal keys first-in, first-out for 10^8 pushes.
    this.heap.push(this.keyOf(r) + 1e-9 * this.seq++, r);
  }

  pushFront(r: number): void {
    this.heap.push(-1e15 - this.front++, r);
  }
}

/** A FIFO of request ids with push at either end, in a power-of-two ring that doubles when full. */
export class IdDeque {
  buf: Int32Array;
  head = 0;
  len = 0;
  mask: number;

  constructor(capacity = 64) {
    let c = 16;
    while (c < capacity) c <<= 1;
    this.buf = new Int32Array(c);
    this.mask = c - 1;
  }

  at(k: number): number {
    return this.buf[(this.head + k) & this.mask];
  }

  set(k: number, v: number): void {
    this.buf[(this.head + k) & this.mask] = v;
  }

  pushBack(v: number): void {
    if (this.len === this.buf.length) this.grow();
    this.buf[(this.head + this.len) & this.mask] = v;
    this.len++;
  }

  pushFront(v: number): void {
    if (this.len === this.buf.length) this.grow();
    this.head = (this.head - 1) & this.mask;
    this.buf[this.head] = v;
    this.len++;
  }

  popFront(): number {
    const v = this.buf[this.head];
    this.head = (this.head + 1) & this.mask;
    this.len--;
    return v;
  }

  popBack(): number {
    this.len--;
    return this.buf[(this.head + this.len) & this.mask];
  }

  /** Empties the queue, keeping its buffer (`array.length = 0` would drop a JS array's and allocate anew). */
  clear(): void {
    this.head = 0;
    this.len = 0;
  }

  /** Drops the first k entries. */
  dropFront(k: number): void {
    this.head = (this.head + k) & this.mask;
    this.len -= k;
  }

  private grow(): void {
    const old = this.buf;
    const next = new Int32Array(old.length * 2);
    for (let k = 0; k < this.len; k++) next[k] = old[(this.head + k) & this.mask];
    this.buf = next;
    this.head = 0;
    this.mask = next.length - 1;
  }
}

/**
 * Min-heap of (number key, int id) pairs in two parallel typed arrays that double when full: the only heap of
 * the simulator (the engine's instance events and closed-loop arrivals, the strategies' lane queues and fleet events). Float64 keys hold times and iteration counts
 * alike (integers are exact below 2^53). Equal keys come out in an order fixed by the sequence of operations,
 * so runs stay deterministic.
 */
export class MinHeap {
  keys: Float64Array;
  vals: Int32Array;
  len = 0;

  constructor(capacity = 64) {
    this.keys = new Float64Array(Math.max(1, capacity));
    this.vals = new Int32Array(Math.max(1, capacity));
  }

  push(key: number, val: number): void {
    if (this.len === this.keys.length) {
      const k = new Float64Array(this.len * 2);
      const v = new Int32Array(this.len * 2);
      k.set(this.keys);
      v.set(this.vals);
      this.keys = k;
      this.vals = v;
    }
    const keys = this.keys;
    const vals = this.vals;
    let i = this.len++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] <= key) break;
      keys[i] = keys[p];
      vals[i] = vals[p];
      i = p;
    }
    keys[i] = key;
    vals[i] = val;
  }

  /** Removes the minimum; read keys[0]/vals[0] before calling. */
  pop(): void {
    const n = --this.len;
    if (n > 0) this.siftDown(this.keys[n], this.vals[n]);
  }

  /** Replaces the minimum with (key, val): one sift instead of a pop and a push. */
  replaceTop(key: number, val: number): void {
    this.siftDown(key, val);
  }

  private siftDown(key: number, val: number): void {
    const keys = this.keys;
    const vals = this.vals;
    const n = this.len;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && keys[c + 1] < keys[c]) c++;
      if (keys[c] >= key) break;
      keys[i] = keys[c];
      vals[i] = vals[c];
      i = c;
    }
    keys[i] = key;
    vals[i] = val;
  }
}
