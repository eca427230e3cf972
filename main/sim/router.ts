// Routers pick the instance for each arriving request among the run's entry instances (those that take new
// prompts: not decode instances). They see the fleet through typed arrays the engine keeps current (no
// per-request objects), so a router call is O(entry instances) at worst and allocates nothing.
import type { PrefixCache } from './prefix';
import { Rng } from './rng';

export interface RouterView {
  /** Instance indices that take new prompts, in order. */
  readonly entry: Int32Array;
  /** Tokens each instance still has to process: remaining prefill tokens + remaining decode steps. */
  readonly outstandingTokens: Float64Array;
  /** Prompt tokens queued or half-done on each instance. */
  readonly pendingPrefill: Float64Array;
  /** Requests waiting in each instance's queue (not yet admitted). */
  readonly waiting: Int32Array;
  /** Requests running (prefilling or decoding) on each instance. */
  readonly running: Int32Array;
  /** Running decodes on each instance. */
  readonly decodes: Int32Array;
  /**
   * Relative speed of each instance (1 / the cost model's time for a reference batch, normalised so the
   * fastest is 1). Speed-aware routers divide load by it.
   */
  readonly speed: Float64Array;
  /** Per instance: seconds of a full prefill chunk, seconds one more decode adds, prompt tokens per iteration. */
  readonly chunkS: Float64Array;
  readonly perDecodeS: Float64Array;
  readonly budget: Float64Array;
  /**
   * A router may set [0] to the prefill target of the request it routes (Cronus: the first L_p tokens on the
   * partial-prefill instance); the engine resets it to -1 before each pick, -1 meaning the whole prompt.
   */
  readonly prefillTarget: Int32Array;
  /** Each instance's prefix cache (null where caching is off), for the prefix-aware router; absent: none. */
  readonly prefix?: readonly (PrefixCache | null)[];
}

export interface Router {
  /** Returns the instance index for request `req` with the given lengths. Must not allocate. */
  pick(view: RouterView, req: number, inputTokens: number, outputTokens: number, now: number): number;
}

export type RouterSpec =
  | { kind: 'round-robin' }
  | { kind: 'least-outstanding' }
  /** Least outstanding tokens divided by the instance's relative speed (for unlike instances). */
  | { kind: 'least-work' }
  /** Least expected wait before the prompt is prefilled (expectedPrefillWait). */
  | { kind: 'least-finish' }
  /** Least expected wait for the prompt's uncached tokens: the longest cached prefix, balanced against load. */
  | { kind: 'prefix-aware' }
  | { kind: 'random' }
  | { kind: 'custom'; router: Router; name: string };

export type RouterKind = Exclude<RouterSpec['kind'], 'custom'>;
export const ROUTER_KINDS: readonly RouterKind[] = ['least-finish', 'least-outstanding', 'least-work', 'round-robin', 'random', 'prefix-aware'];

/** The router every strategy and `simulate` start from (docs/engine.md "Routers"). */
export const DEFAULT_ROUTER: RouterKind = 'least-finish';

/**
 * Expected wait before a new prompt of `tokens` is prefilled on instance i: its backlog of prompt tokens over
 * the prompt tokens an iteration can take (the budget less the running decodes), times the iteration's
 * length. Fleetplan's estimate of "least expected finish time"; it ignores that decodes leave over time.
 */
export function expectedPrefillWait(view: RouterView, i: number, tokens: number): number {
  const d = view.decodes[i];
  const room = view.budget[i] - d > 1 ? view.budget[i] - d : 1;
  return Math.ceil((view.pendingPrefill[i] + tokens) / room) * (view.chunkS[i] + d * view.perDecodeS[i]);
}

class RoundRobin implements Router {
  private k = 0;
  pick(view: RouterView): number {
    const e = view.entry;
    const i = e[this.k];
    this.k = this.k + 1 === e.length ? 0 : this.k + 1;
    return i;
  }
}

/** Ties go to the earliest entry, so with equal load the choice is deterministic. */
class LeastOutstanding implements Router {
  pick(view: RouterView): number {
    const load = view.outstandingTokens;
    const e = view.entry;
    let best = e[0];
    let bestLoad = load[best];
    for (let k = 1; k < e.length; k++) {
      const i = e[k];
      const l = load[i];
      if (l < bestLoad) {
        bestLoad = l;
        best = i;
      }
    }
    return best;
  }
}

/** Least outstanding tokens per unit of speed: the instance that would clear its backlog first. */
class LeastWork implements Router {
  pick(view: RouterView): number {
    const load = view.outstandingTokens;
    const speed = view.speed;
    const e = view.entry;
    let best = e[0];
    let bestLoad = load[best] / speed[best];
    for (let k = 1; k < e.length; k++) {
      const i = e[k];
      const l = load[i] / speed[i];
      if (l < bestLoad) {
        bestLoad = l;
        best = i;
      }
    }
    return best;
  }
}

class LeastFinish implements Router {
  pick(view: RouterView, _req: number, input: number): number {
    const e = view.entry;
    let best = e[0];
    let bestWait = expectedPrefillWait(view, best, input);
    for (let k = 1; k < e.length; k++) {
      const w = expectedPrefillWait(view, e[k], input);
      if (w < bestWait) {
        bestWait = w;
        best = e[k];
      }
    }
    return best;
  }
}

/**
 * least-finish on the tokens each instance would really prefill: the prompt less what its cache holds. A
 * cached prefix pulls a request to its instance only as far as that instance's backlog allows (SGLang's
 * cache-aware router and llm-d's prefix scorer weigh the same two things). O(instances × segments).
 */
class PrefixAware implements Router {
  pick(view: RouterView, req: number, input: number): number {
    const e = view.entry;
    const caches = view.prefix;
    let best = e[0];
    let bestWait = Infinity;
    for (let k = 0; k < e.length; k++) {
      const i = e[k];
      const c = caches ? caches[i] : null;
      const hit = c !== null ? c.cachedTokens(req) : 0;
      // expectedPrefillWait without its rounding to whole iterations, which would hide a hit shorter than a budget.
      const d = view.decodes[i];
      const room = view.budget[i] - d > 1 ? view.budget[i] - d : 1;
      const w = ((view.pendingPrefill[i] + (hit < input ? input - hit : 1)) / room) * (view.chunkS[i] + d * view.perDecodeS[i]);
      if (w < bestWait) {
        bestWait = w;
        best = i;
      }
    }
    return best;
  }
}

class SeededRandom implements Router {
  private readonly rng: Rng;
  constructor(seed: number) {
    this.rng = new Rng(seed);
  }
  pick(view: RouterView): number {
    return view.entry[this.rng.int(view.entry.length)];
  }
}

export function createRouter(spec: RouterSpec, seed: number): Router {
  switch (spec.kind) {
    case 'round-robin':
      return new RoundRobin();
    case 'least-outstanding':
      return new LeastOutstanding();
    case 'least-work':
      return new LeastWork();
    case 'least-finish':
      return new LeastFinish();
    case 'prefix-aware':
      return new PrefixAware();
    case 'random':
      return new SeededRandom(seed ^ 0x5bd1e995);
    case 'custom':
      return spec.router;
  }
}

/** The router's name as outputs print it. */
export function routerName(spec: RouterSpec): string {
  return spec.kind === 'custom' ? spec.name : spec.kind;
}
