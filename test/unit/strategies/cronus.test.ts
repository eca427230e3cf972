import { describe, expect, it } from 'vitest';
import { chooseSplit, simulateCronus, type CronusDeployment } from '../../../main/sim/strategies/cronus';
import type { TransferPath } from '../../../main/sim/strategies/types';
import { A10, A100, poissonWorkload, stubInstance } from './fixtures';

const slo = { ttftP99S: 2, tbtP99S: 0.1 };
const pcie: TransferPath = { hops: [{ name: 'pcie', bytesPerS: 25e9, latencyS: 1e-5 }], storeAndForward: false, convertSPerByte: 0 };

function pair(): CronusDeployment {
  return { strategy: 'cronus', pairs: [{ high: stubInstance(A100), low: stubInstance(A10), path: pcie }], layers: 32 };
}

describe('Cronus partial prefill', () => {
  it('every request completes; KV moved = the L_p prefix KV of each split request', () => {
    const w = poissonWorkload(2000, 3, [200, 6000], [2, 300], 21); // ≥ 2 tokens: every split moves its KV
    const r = simulateCronus(pair(), w, { slo, seed: 1 });
    expect(r.metrics.completed).toBe(2000);
    expect(r.metrics.saturated).toBe(false);
    expect(r.extra.splitRequests).toBeGreaterThan(0);
    expect(r.extra.kvBytes).toBe(r.extra.splitTokens * 131072);
    const totalOut = w.outputTokens.reduce((a, b) => a + b, 0);
    expect(r.metrics.throughput.outputTokensPerS * r.metrics.durationS).toBeCloseTo(totalOut, 3);
  });

  it('the balancer offloads nothing to an idle high-end and more as its backlog grows', () => {
    const low = { a: 1e-4, b: 0.01 };
    const x = { perToken: 5e-6, latency: 1e-4 };
    expect(chooseSplit(4000, 0, 0, 0, low, x, 3e-5, 64).lp).toBe(0);
    const some = chooseSplit(4000, 0, 0, 0.1, low, x, 3e-5, 64).lp;
    const more = chooseSplit(4000, 0, 0, 0.3, low, x, 3e-5, 64).lp;
    expect(some).toBeGreaterThan(0);
    expect(more).toBeGreaterThan(some);
    expect(chooseSplit(4000, 0, 0, 100, low, x, 3e-5, 64).lp).toBe(4000);
    // A busy PPI pushes the split back to the high-end.
    expect(chooseSplit(4000, 0, 0.3, 0.3, low, x, 3e-5, 64).lp).toBe(0);
  });

  it('the split balances: at L_p*, the PPI finishes when the high-end is predicted free', () => {
    const low = { a: 1e-4, b: 0.01 };
    const x = { perToken: 5e-6, latency: 1e-4 };
    const s = chooseSplit(8000, 0, 0, 0.2, low, x, 3e-5, 64);
    const ppiDone = low.b + low.a * s.lp + x.latency + x.perToken * s.lp;
    expect(Math.abs(ppiDone - 0.2)).toBeLessThan(low.a + x.perToken + 1e-12);
    // Any other split predicts a later first token.
    for (const lp of [0, s.lp - 500, s.lp + 500, 8000]) {
      const other = Math.max(lp > 0 ? low.b + (low.a + x.perToken) * lp + x.latency : 0, 0.2) + 3e-5 * (8000 - lp);
      expect(other).toBeGreaterThanOrEqual(s.predictedTtft - 1e-9);
    }
  });
});
