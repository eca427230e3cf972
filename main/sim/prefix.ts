// Prefix caching: which prompt tokens an instance already holds in KV from earlier requests, so a request
// admitted there prefills only the rest (vLLM V1's automatic prefix caching, SGLang's radix cache).
//
// A workload's shared prefixes are described once (PrefixSpec): each request's KV content is a path of
// segments, each a run of hashed blocks owned by one "owner" (the request that first produced them, or a
// shared system prompt), at a fixed position in the path. That is a radix tree whose edges are owners'
// segments, so the per-request work is O(segments), not O(blocks): a Mooncake request shares a few
// segments; a chat turn shares its session's earlier turns, one segment each.
//
// Per instance (PrefixCache): an open-addressed table from owner to a node holding how many of that owner's
// blocks are cached, a reference count (running requests that use it: pinned, never evicted) and an LRU list
// of unpinned nodes. Cached-but-unused blocks sit in the instance's free KV blocks, as in vLLM (its free queue
// holds evictable cached blocks): whenever free memory falls below what the unpinned nodes hold, blocks are
// evicted from the least recently used node's tail. Nothing here allocates after construction.
//
// Simplification (stated in docs/engine.md): a request that hits blocks another running request also holds is
// charged its own copy of their memory (vLLM shares them); the compute saved is modelled exactly.

/** Shared prefixes of a workload's requests, as segments of hashed blocks. */
export interface PrefixSpec {
  /** Tokens per hashed block (Mooncake's traces: 512; synthesized prefixes: 16, vLLM's block_size). */
  blockTokens: number;
  /** Request r's segments are segStart[r] .. segStart[r + 1] - 1, in path order. */
  segStart: Int32Array;
  /** Owner of each segment's blocks (a request index, or n + k for shared prompts). */
  segOwner: Int32Array;
  /** First block of the segment (the same for every request that shares the owner). */
  segFrom: Int32Array;
  /** End block (exclusive) as this request uses it. */
  segTo: Int32Array;
}

/** Per-request state shared by a run's caches (a request is on one instance at a time). */
export class PrefixRun {
  /** Segments of the request pinned in its instance's cache. */
  readonly pinned: Int32Array;
  constructor(readonly spec: PrefixSpec, n: number) {
    this.pinned = new Int32Array(n);
  }
}

const EMPTY = -1;

export class PrefixCache {
  private readonly spec: PrefixSpec;
  private readonly pinned: Int32Array;
  private readonly bt: number;
  private readonly mask: number;
  /** Open-addressed table: owner key and node slot. */
  private readonly tKey: Int32Array;
  private readonly tSlot: Int32Array;
  private readonly owner: Int32Array;
  private readonly from: Int32Array;
  private readonly cachedTo: Int32Array;
  private readonly refs: Int32Array;
  private readonly lruPrev: Int32Array;
  private readonly lruNext: Int32Array;
  private readonly freeSlots: Int32Array;
  private freeTop: number;
  private lruHead = -1;
  private lruTail = -1;
  /** Tokens held by unpinned nodes (evictable; they occupy free KV blocks). */
  evictableTokens = 0;
  /** Prompt tokens of admitted requests looked up, and of those found cached (prefill tokens saved). */
  queriedTokens = 0;
  savedTokens = 0;
  hitRequests = 0;
  lookups = 0;
  evictedBlocks = 0;

  constructor(run: PrefixRun, kvTokens: number) {
    this.spec = run.spec;
    this.pinned = run.pinned;
    this.bt = run.spec.blockTokens;
    // Every node holds at least one block, of pinned (used) or free memory: the KV cache bounds their number.
    const nodes = Math.max(1024, 2 * Math.ceil(kvTokens / this.bt));
    let size = 1;
    while (size < 2 * nodes) size <<= 1;
    this.mask = size - 1;
    this.tKey = new Int32Array(size).fill(EMPTY);
    this.tSlot = new Int32Array(size);
    this.owner = new Int32Array(nodes);
    this.from = new Int32Array(nodes);
    this.cachedTo = new Int32Array(nodes);
    this.refs = new Int32Array(nodes);
    this.lruPrev = new Int32Array(nodes);
    this.lruNext = new Int32Array(nodes);
    this.freeSlots = new Int32Array(nodes);
    for (let i = 0; i < nodes; i++) this.freeSlots[i] = nodes - 1 - i;
    this.freeTop = nodes;
  }

  private find(o: number): number {
    let h = Math.imul(o, 0x9e3779b1) & this.mask;
    for (;;) {
      const k = this.tKey[h];
      if (k === o) return this.tSlot[h];
      if (k === EMPTY) return -1;
      h = (h + 1) & this.mask;
    }
  }

  private insertKey(o: number, slot: number): void {
    let h = Math.imul(o, 0x9e3779b1) & this.mask;
    while (this.tKey[h] !== EMPTY) h = (h + 1) & this.mask;
    this.tKey[h] = o;
    this.tSlot[h] = slot;
  }

  /** Linear probing's backward-shift deletion (no tombstones, so lookups stay short). */
  private deleteKey(o: number): void {
    const m = this.mask;
    let h = Math.imul(o, 0x9e3779b1) & m;
    while (this.tKey[h] !== o) h = (h + 1) & m;
    let j = h;
    for (;;) {
      j = (j + 1) & m;
      const k = this.tKey[j];
      if (k === EMPTY) break;
      const home = Math.imul(k, 0x9e3779b1) & m;
      // Move k back into the hole unless its home lies cyclically in (h, j].
      if (h <= j ? home <= h || home > j : home <= h && home > j) {
        this.tKey[h] = k;
        this.tSlot[h] = this.tSlot[j];
        h = j;
      }
    }
    this.tKey[h] = EMPTY;
  }

  private lruRemove(s: number): void {
    const p = this.lruPrev[s];
    const n = this.lruNext[s];
    if (p >= 0) this.lruNext[p] = n;
    else this.lruHead = n;
    if (n >= 0) this.lruPrev[n] = p;
    else this.lruTail = p;
  }

  private lruAppend(s: number): void {
    this.lruPrev[s] = this.lruTail;
    this.lruNext[s] = -1;
    if (this.lruTail >= 0) this.lruNext[this.lruTail] = s;
    else this.lruHead = s;
    this.lruTail = s;
  }

  /** Cached tokens of request r's prefix here (whole blocks, in path order up to the first miss). */
  cachedTokens(r: number): number {
    const sp = this.spec;
    let blocks = 0;
    for (let k = sp.segStart[r], end = sp.segStart[r + 1]; k < end; k++) {
      const s = this.find(sp.segOwner[k]);
      if (s < 0) break;
      const to = sp.segTo[k];
      const c = this.cachedTo[s];
      blocks = c < to ? c : to;
      if (c < to) break;
    }
    return blocks * this.bt;
  }

  /** Pins the nodes of r's first `tokens` cached tokens (r was admitted with them computed). */
  pinHit(r: number, tokens: number, promptTokens: number): void {
    this.lookups++;
    this.queriedTokens += promptTokens;
    if (tokens > 0) {
      this.savedTokens += tokens;
      this.hitRequests++;
    }
    const sp = this.spec;
    let k = sp.segStart[r];
    for (const end = sp.segStart[r + 1]; k < end && sp.segFrom[k] * this.bt < tokens; k++) this.pin(this.find(sp.segOwner[k]));
    this.pinned[r] = k - sp.segStart[r];
  }

  /** A request admitted without looking up (no hit possible) still counts its prompt as queried. */
  countMiss(promptTokens: number): void {
    this.lookups++;
    this.queriedTokens += promptTokens;
  }

  private pin(s: number): void {
    if (this.refs[s]++ === 0) {
      this.lruRemove(s);
      this.evictableTokens -= (this.cachedTo[s] - this.from[s]) * this.bt;
    }
  }

  private unpin(s: number): void {
    if (--this.refs[s] === 0) {
      this.lruAppend(s);
      this.evictableTokens += (this.cachedTo[s] - this.from[s]) * this.bt;
    }
  }

  /** r's KV now holds its first `tokens` tokens: their whole blocks are cached here, pinned by r. */
  computed(r: number, tokens: number): void {
    const sp = this.spec;
    const limit = Math.floor(tokens / this.bt);
    const start = sp.segStart[r];
    let k = start;
    for (const end = sp.segStart[r + 1]; k < end; k++) {
      const a = sp.segFrom[k];
      if (a >= limit) break;
      const o = sp.segOwner[k];
      let s = this.find(o);
      if (s < 0) {
        if (this.freeTop === 0 && !this.evictNode()) break;
        s = this.freeSlots[--this.freeTop];
        this.owner[s] = o;
        this.from[s] = a;
        this.cachedTo[s] = a;
        this.refs[s] = 0;
        this.insertKey(o, s);
        this.lruAppend(s); // unpinned and empty until r pins it below (r pins every node it computes)
      }
      if (k - start >= this.pinned[r]) {
        this.pin(s);
        this.pinned[r] = k - start + 1;
      }
      const to = sp.segTo[k] < limit ? sp.segTo[k] : limit;
      if (to > this.cachedTo[s]) this.cachedTo[s] = to;
    }
  }

  /** r leaves this instance (finished, preempted, handed on): its nodes become evictable, leaves first. */
  release(r: number): void {
    const sp = this.spec;
    const start = sp.segStart[r];
    for (let k = start + this.pinned[r] - 1; k >= start; k--) {
      const s = this.find(sp.segOwner[k]);
      if (s >= 0) this.unpin(s);
    }
    this.pinned[r] = 0;
  }

  /** Evicts least recently used blocks until the unpinned nodes fit in `freeTokens` of free KV. */
  trim(freeTokens: number): void {
    while (this.evictableTokens > freeTokens && this.lruHead >= 0) {
      const s = this.lruHead;
      const have = this.cachedTo[s] - this.from[s];
      const want = Math.ceil((this.evictableTokens - freeTokens) / this.bt);
      if (want < have) {
        this.cachedTo[s] -= want;
        this.evictableTokens -= want * this.bt;
        this.evictedBlocks += want;
        return;
      }
      this.dropNode(s);
    }
  }

  private evictNode(): boolean {
    if (this.lruHead < 0) return false;
    this.dropNode(this.lruHead);
    return true;
  }

  private dropNode(s: number): void {
    const have = this.cachedTo[s] - this.from[s];
    this.evictableTokens -= have * this.bt;
    this.evictedBlocks += have;
    this.lruRemove(s);
    this.deleteKey(this.owner[s]);
    this.freeSlots[this.freeTop++] = s;
  }
}

// ---- Building a workload's PrefixSpec ----

class SegmentBuilder {
  private owner: number[] = [];
  private from: number[] = [];
  private to: number[] = [];
  readonly start: Int32Array;
  constructor(n: number) {
    this.start = new Int32Array(n + 1);
  }
  push(o: number, a: number, b: number): void {
    if (b <= a) return;
    this.owner.push(o);
    this.from.push(a);
    this.to.push(b);
  }
  /** Segments pushed since `k0`: request r's. */
  end(r: number): void {
    this.start[r + 1] = this.owner.length;
  }
  get length(): number {
    return this.owner.length;
  }
  segment(k: number): [number, number, number] {
    return [this.owner[k], this.from[k], this.to[k]];
  }
  build(blockTokens: number): PrefixSpec {
    return { blockTokens, segStart: this.start, segOwner: Int32Array.from(this.owner), segFrom: Int32Array.from(this.from), segTo: Int32Array.from(this.to) };
  }
}

/**
 * From per-request block hash ids (Mooncake's `hash_ids`, one per `blockTokens` tokens of the prompt, chained:
 * an id at position j stands for the whole prefix up to block j). A request owns the blocks from where it
 * first differs from every earlier request; ids that reappear at another position are not shared.
 */
export function prefixFromHashIds(hashes: readonly (readonly number[] | null)[], blockTokens = MOONCAKE_BLOCK_TOKENS): PrefixSpec {
  const n = hashes.length;
  const b = new SegmentBuilder(n);
  const seen = new Map<number, { owner: number; pos: number }>();
  const ownerFrom = new Map<number, number>();
  for (let r = 0; r < n; r++) {
    const ids = hashes[r] ?? [];
    let cur = -1;
    let curFrom = 0;
    let diverged = false;
    for (let j = 0; j < ids.length; j++) {
      let o = r;
      if (!diverged) {
        const e = seen.get(ids[j]);
        if (e && e.pos === j && (e.owner === cur || ownerFrom.get(e.owner) === j)) o = e.owner;
        else diverged = true;
      }
      if (o === r && !seen.has(ids[j])) seen.set(ids[j], { owner: r, pos: j });
      if (o !== cur) {
        if (cur >= 0) b.push(cur, curFrom, j);
        cur = o;
        curFrom = j;
        if (o === r) ownerFrom.set(r, j);
      }
    }
    if (cur >= 0) b.push(cur, curFrom, ids.length);
    b.end(r);
  }
  return b.build(blockTokens);
}

/** Tokens per hash id in Mooncake's traces (assets/traces/SOURCES.md: "512 tokens a block"). */
export const MOONCAKE_BLOCK_TOKENS = 512;

/** What a synthesized workload shares: a system prompt, and chat sessions whose turns resend their history. */
export interface PrefixModel {
  /** Tokens of one system prompt every request starts with (added to each drawn prompt length). */
  systemPromptTokens?: number;
  /** Multi-turn chat: each turn's prompt is the previous turn's prompt + its answer + a new message. */
  sessions?: {
    /** Turns per session. */
    turns: number;
    /** Sessions in progress at once; each request continues one of them, chosen at random. */
    concurrent: number;
    /** A session whose next prompt would pass this many tokens starts over (default 32,768). */
    maxPromptTokens?: number;
  };
}

/** The synthesized block size: vLLM's default block_size (vllm/config/cache.py), so hits fall where vLLM's do. */
export const SYNTH_PREFIX_BLOCK_TOKENS = 16;

/**
 * Applies a prefix model to drawn lengths (in place: prompts grow by the system prompt and the session's
 * history) and returns the prefixes; `pick(k)` is a seeded uniform draw in [0, k).
 */
export function applyPrefixModel(model: PrefixModel, inputTokens: Int32Array, outputTokens: Int32Array, pick: (k: number) => number): PrefixSpec {
  const n = inputTokens.length;
  const bt = SYNTH_PREFIX_BLOCK_TOKENS;
  const sys = Math.max(0, Math.floor(model.systemPromptTokens ?? 0));
  const sysBlocks = Math.floor(sys / bt);
  const b = new SegmentBuilder(n);
  const ses = model.sessions;
  const K = ses ? Math.max(1, Math.floor(ses.concurrent)) : 0;
  const turns = ses ? Math.max(1, Math.floor(ses.turns)) : 0;
  const maxPrompt = ses?.maxPromptTokens ?? 32768;
  const last = new Int32Array(K).fill(-1);
  const turn = new Int32Array(K);
  for (let r = 0; r < n; r++) {
    let parent = -1;
    if (ses) {
      const k = pick(K);
      const p = last[k];
      if (p >= 0 && turn[k] < turns && inputTokens[p] + outputTokens[p] + inputTokens[r] <= maxPrompt) {
        parent = p;
        turn[k]++;
      } else turn[k] = 1;
      last[k] = r;
    }
    if (parent >= 0) {
      // The history the new prompt resends: the parent's prompt and whole answer (its KV held all but the last token).
      const shared = inputTokens[parent] + outputTokens[parent];
      inputTokens[r] += shared;
      const limit = Math.floor((shared - 1) / bt);
      for (let k = b.start[parent]; k < b.start[parent + 1]; k++) {
        const [o, a, e] = b.segment(k);
        if (a >= limit) break;
        b.push(o, a, Math.min(e, limit));
      }
      b.push(r, limit, Math.floor((inputTokens[r] + outputTokens[r] - 1) / bt));
    } else {
      inputTokens[r] += sys;
      b.push(n, 0, sysBlocks);
      b.push(r, sysBlocks, Math.floor((inputTokens[r] + outputTokens[r] - 1) / bt));
    }
    b.end(r);
  }
  return b.build(bt);
}
