import { describe, expect, it } from 'vitest';
import { loadGpuCatalog, loadModelCatalog } from '../../../main/services/seed';
import { lonePrefill } from '../../../main/sim/costmodel';
import { catalogEnv, instanceOf } from '../../../main/sim/scenarios/env';
import { simulateNexus } from '../../../main/sim/strategies/nexus';
import { NEXUS_ALPHA, NEXUS_BETA, PairTimes, greedySplit, nexusGpuOf, type SplitSearch } from '../../../main/sim/strategies/nexus-model';
import type { BatchAggregate } from '../../../main/sim/types';
import { H100, poissonWorkload, stubInstance } from './fixtures';

const slo = { ttftP99S: 2, tbtP99S: 0.1 };
const env = catalogEnv(loadGpuCatalog('assets'), loadModelCatalog('assets'));
const decode = (b: number, ctx: number): BatchAggregate => ({ prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: b, decodeKvTokens: b * ctx });

/** A search over a made-up cost curve: the other phase's seconds at pct percent of the SMs. */
function search(target: 'prefill' | 'decode', slack: number, cost: (pct: number) => number): SplitSearch {
  return { target, slack, evaluations: 0, otherCostInto: (pct, out) => void (out[0] = cost(pct)) };
}
const decodeCost = (pct: number) => 0.02 * (1 + 3 * Math.exp(-pct / 15));
const prefillCost = (pct: number) => 0.2 * (100 / Math.max(1, pct));

describe('Algorithm 1', () => {
  it('prefill priority: the largest prefill share keeping decode within β of its best', () => {
    for (const start of [0, 10, 50, 90, 100]) {
      const share = greedySplit(search('prefill', NEXUS_BETA, decodeCost), start);
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(100);
      expect(decodeCost(100 - share)).toBeLessThanOrEqual(NEXUS_BETA * decodeCost(100) + 1e-12);
      if (share < 100) expect(decodeCost(100 - share - 1)).toBeGreaterThan(NEXUS_BETA * decodeCost(100));
    }
  });
  it('decode priority: the largest decode share keeping prefill within α', () => {
    const share = greedySplit(search('decode', NEXUS_ALPHA, prefillCost), 50);
    expect(prefillCost(100 - share)).toBeLessThanOrEqual(NEXUS_ALPHA * prefillCost(100) + 1e-12);
    expect(prefillCost(100 - share - 1)).toBeGreaterThan(NEXUS_ALPHA * prefillCost(100));
  });
  it('from a near split it converges in a few evaluations', () => {
    const first = greedySplit(search('prefill', NEXUS_BETA, decodeCost), 50);
    const again = search('prefill', NEXUS_BETA, decodeCost);
    expect(greedySplit(again, first)).toBe(first);
    expect(again.evaluations).toBeLessThanOrEqual(4);
  });
});

describe('the controller\'s cost model at a split (PairTimes: the real batches, contention inside)', () => {
  const h100 = env.gpu('nvidia-h100-sxm');
  const cm = instanceOf(env, 'nvidia-h100-sxm', 'meta-llama/Llama-3.1-8B').cm;
  const pair = (contention?: { computeByNeighbourCompute: number; computeByNeighbourBandwidth: number; memoryByNeighbourCompute: number }) => {
    const p = new PairTimes(nexusGpuOf('nvidia-h100-sxm', h100.hbmBwGBps * 1e9, h100.bf16Tflops * 1e12, contention));
    cm.iterationDemandInto!(lonePrefill(2048, 6000), p.prefill);
    cm.iterationDemandInto!(decode(64, 2048), p.decode);
    return p;
  };
  const decodeAt = (p: PairTimes, prefillPct: number) => {
    p.invalidate();
    p.timesAt(prefillPct);
    return p.out[1];
  };

  it('a phase alone on all SMs takes the cost model\'s time; on a partition next to the other, longer', () => {
    const p = pair();
    p.timesAt(0);
    expect(p.out[1] / cm.iterationSeconds(decode(64, 2048))).toBeCloseTo(1, 12);
    expect(decodeAt(p, 50)).toBeGreaterThan(p.decode[0]);
  });

  it('contention stays in the slack test: with it the prefill-priority split leaves decode more SMs', () => {
    const split = (p: PairTimes) => greedySplit({ target: 'prefill', slack: NEXUS_BETA, evaluations: 0, otherCostInto: (pct, out) => void (out[0] = decodeAt(p, 100 - pct)) }, 50);
    const none = { computeByNeighbourCompute: 0, computeByNeighbourBandwidth: 0, memoryByNeighbourCompute: 0 };
    const withContention = split(pair());
    // Zero coupling still shares HBM by SM count; the clock and L2 terms are what the constants add.
    const without = split(pair(none));
    expect(withContention).toBeLessThan(without);
    const p = pair();
    expect(decodeAt(p, withContention)).toBeLessThanOrEqual(NEXUS_BETA * p.decode[0]);
  });

  it('the prefill batch is the real one: decode next to a 2k chunk after 6k of context, as next to a fresh 2k chunk, within 5%', () => {
    // Measured on the H200 (h200_contention.csv): decode 64 x 2048 slows 1.21-1.23x next to prefills of 512 to
    // 8192 tokens at 40/92 SMs, flat in the prefill's KV; the paper's Fig. 6 (+36% from 2k to 10k KV, L20) is
    // not what the H200 shows. The longer chunk moves more bytes, over a longer, compute-bound time.
    const withPrior = pair();
    const fresh = pair();
    cm.iterationDemandInto!(lonePrefill(2048), fresh.prefill);
    const a = decodeAt(withPrior, 50);
    const b = decodeAt(fresh, 50);
    expect(a).not.toBe(b);
    expect(Math.abs(a / b - 1)).toBeLessThan(0.05);
  });
});

describe('Nexus strategy', () => {
  it('every request completes with its tokens and the split stays in [0, 100]', () => {
    const w = poissonWorkload(1500, 4, [100, 4000], [1, 300], 13);
    const inst = stubInstance(H100);
    const r = simulateNexus({ strategy: 'nexus', instances: [inst, stubInstance(H100)], hbmBytesPerS: [3.35e12, 3.35e12], flopsPerS: [989e12, 989e12] }, w, { slo, seed: 1 });
    expect(r.metrics.completed).toBe(1500);
    expect(r.metrics.saturated).toBe(false);
    const totalOut = w.outputTokens.reduce((a, b) => a + b, 0);
    expect(r.metrics.throughput.outputTokensPerS * r.metrics.durationS).toBeCloseTo(totalOut, 3);
    expect(r.extra.minPrefillShare).toBeGreaterThanOrEqual(0);
    expect(r.extra.maxPrefillShare).toBeLessThanOrEqual(100);
    expect(r.extra.repartitions).toBeGreaterThan(0);
    expect(r.extra.meanPrefillShare).toBeGreaterThan(0);
    expect(r.extra.meanPrefillShare).toBeLessThan(100);
  });
});
