import { describe, expect, it } from 'vitest';
import { loadGpuCatalog, loadModelCatalog } from '../../../main/services/seed';
import { lonePrefill } from '../../../main/sim/costmodel';
import { catalogEnv, instanceOf } from '../../../main/sim/scenarios/env';
import { simulateNexus } from '../../../main/sim/strategies/nexus';
import { NEXUS_ALPHA, NEXUS_BETA, PairTimes, greedySplit, nexusGpuOf, type SplitSearch } from '../../../main/sim/strategies/nexus-model';
import type { BatchAggregate } from '../../../main/sim/types';
import { emptyPhase, phaseOnPartition, prefillSmsFor } from '../../../main/sim/sm-partition';
import { NEXUS_SCENARIOS, runNexusModern } from '../../../main/sim/scenarios/nexus';
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

describe('the controller\'s cost model at a split (PairTimes: the paper\'s model, contention on decode attention only)', () => {
  const h100 = env.gpu('nvidia-h100-sxm');
  const cm = instanceOf(env, 'nvidia-h100-sxm', 'meta-llama/Llama-3.1-8B').cm;
  const gpu = nexusGpuOf('nvidia-h100-sxm', h100.hbmBwGBps * 1e9, h100.bf16Tflops * 1e12);
  const pair = (attnBytes: number) => {
    const p = new PairTimes(gpu);
    cm.iterationDemandInto!(lonePrefill(2048, 6000), p.prefill);
    cm.iterationDemandInto!(decode(64, 2048), p.decode);
    p.decodeAttnBytes = attnBytes;
    return p;
  };
  const kv = 64 * 2048 * cm.kvBytesPerToken;
  const at = (p: PairTimes, prefillPct: number) => {
    p.invalidate();
    p.timesAt(prefillPct);
    return [p.out[0], p.out[1]];
  };
  const alone = (demand: Float64Array, sms: number) => {
    const x = phaseOnPartition(demand, sms, gpu, emptyPhase());
    return x.fixedSeconds + x.soloSeconds;
  };

  it('a phase alone on all SMs takes the cost model\'s time; on a partition, longer', () => {
    const p = pair(kv);
    p.timesAt(0);
    expect(p.out[1] / cm.iterationSeconds(decode(64, 2048))).toBeCloseTo(1, 12);
    expect(at(p, 50)[1]).toBeGreaterThan(p.decode[0]);
  });

  it('prefill has no contention term; decode\'s is its attention\'s, and grows with the KV it reads', () => {
    const sp = prefillSmsFor(gpu.layout, 50);
    const none = pair(0);
    const [pT, dNone] = at(none, 50);
    expect(pT).toBeCloseTo(alone(none.prefill, sp), 12);
    expect(dNone).toBeCloseTo(alone(none.decode, gpu.layout.sms - sp), 12);
    const some = at(pair(kv), 50)[1];
    const more = at(pair(4 * kv), 50)[1];
    expect(some).toBeGreaterThan(dNone);
    expect(more - dNone).toBeGreaterThan(some - dNone);
  });

  it('the attention contention stays in the slack test: with it the prefill-priority split leaves decode more SMs', () => {
    const split = (p: PairTimes) => greedySplit({ target: 'prefill', slack: NEXUS_BETA, evaluations: 0, otherCostInto: (pct, out) => void (out[0] = at(p, 100 - pct)[1]) }, 50);
    const withKv = split(pair(4 * kv));
    expect(withKv).toBeLessThan(split(pair(0)));
    const p = pair(4 * kv);
    expect(at(p, withKv)[1]).toBeLessThanOrEqual(NEXUS_BETA * p.decode[0]);
  });
});

describe('Nexus against today\'s strongest colocated baseline (runNexusModern: vLLM V1 defaults with SPF and aging)', () => {
  const rows = runNexusModern(env);
  it('one row per metric and workload, against the SPF baseline', () => {
    expect(rows.map((r) => r.scenario)).toEqual([...Object.keys(NEXUS_SCENARIOS).flatMap((id) => [id, id, id])]);
    for (const r of rows) expect(r.metric).toContain('colocated SPF');
  });
  // The rows that hold: decode isolated from prefill keeps TBT below the mixed batches'. Throughput and mean
  // TTFT do not hold (docs/model.md §6 says why) and are not asserted either way.
  it('lower mean TBT than colocated SPF on both workloads', () => {
    for (const r of rows.filter((x) => x.metric.startsWith('mean TBT'))) {
      expect(r.fleetplan, r.scenario).toBeLessThan(r.baseline);
      expect(r.holds).toBe(true);
    }
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
