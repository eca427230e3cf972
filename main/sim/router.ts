// Routers pick the instance for each arriving request. They see the fleet through a few typed arrays the
// engine keeps current (no per-request objects), so a router call is O(instances) at worst.
import { Rng } from './rng';

export interface RouterView {
  readonly instances: number;
  /** Tokens each instance still has to process: remaining prefill tokens + remaining decode steps. */
  readonly outstandingTokens: Float64Array;
  /** Requests waiting in each instance's queue (not yet admitted). */
  readonly waiting: Int32Array;
  /** Requests running (prefilling or decoding) on each instance. */
  readonly running: Int32Array;
  /**
   * Relative speed of each instance (1 / the cost model's time for a reference batch, normalised so the
   * fastest is 1). Speed-aware routers divide load by it; the built-in unweighted ones ignore it.
   */
  readonly speed: Float64Array;
}

export interface Router {
  /** Returns the instance index for request `req` with the given lengths. Must not allocate. */
  pick(view: RouterView, req: number, inputTokens: number, outputTokens: number): number;
}

export type RouterSpec =
  | { kind: 'round-robin' }
  | { kind: 'least-outstanding' }
  /** Least outstanding tokens divided by the instance's relative speed (for unlike instances). */
  | { kind: 'least-work' }
  | { kind: 'random' }
  | { kind: 'custom'; router: Router };

export type RouterKind = Exclude<RouterSpec['kind'], 'custom'>;
export const ROUTER_KINDS: readonly RouterKind[] = ['round-robin', 'least-outstanding', 'least-work', 'random'];

class RoundRobin implements Router {
  private nextIndex = 0;
  pick(view: RouterView): number {
    const i = this.nextIndex;
    this.nextIndex = i + 1 === view.instances ? 0 : i + 1;
    return i;
  }
}

/** Ties go to the lowest index, so with equal load the choice is deterministic. */
class LeastOutstanding implements Router {
  pick(view: RouterView): number {
    const load = view.outstandingTokens;
    const n = view.instances;
    let best = 0;
    let bestLoad = load[0];
    for (let i = 1; i < n; i++) {
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
    let best = 0;
    let bestLoad = load[0] / speed[0];
    for (let i = 1; i < view.instances; i++) {
      const l = load[i] / speed[i];
      if (l < bestLoad) {
        bestLoad = l;
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
    return this.rng.int(view.instances);
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
    case 'random':
      return new SeededRandom(seed ^ 0x5bd1e995);
    case 'custom':
      return spec.router;
  }
}
