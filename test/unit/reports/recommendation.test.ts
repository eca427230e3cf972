// The recommendation on real comparisons of the shipped catalogs: what it states must agree with the run's
// own figures, its tie rule with the cost model's stated error, and the remedies it gives a missed SLO must
// actually make the deployment pass when the comparison is run again with them.
import { describe, expect, it } from 'vitest';
import type { Pool } from '../../../main/domain';
import { assetsDir } from '../../../main/paths';
import { COST_MODEL_ERROR } from '../../../main/reports/assumptions';
import { closestMisses, deploymentWords, gpuMix, HOURS_PER_MONTH, recommendation, TIE_PCT } from '../../../main/reports/recommendation';
import { loadGpuCatalog, loadModelCatalog } from '../../../main/services/seed';
import { compareStrategies, type CompareInput } from '../../../main/sim/search';
import type { ComparisonResult } from '../../../main/sim/search/types';
import { poissonWorkload } from '../strategies/fixtures';

const gpus = loadGpuCatalog(assetsDir());
const llama8b = loadModelCatalog(assetsDir()).find((m) => m.id === 'meta-llama/Llama-3.1-8B')!;

const pools: Pool[] = [
  { name: 'H100 node', gpuTypeId: 'nvidia-h100-sxm', gpuCount: 4, gpusPerNode: 8,
    intraNode: { link: 'nvlink', bandwidthGBps: 450 }, interNode: { link: 'infiniband', bandwidthGBps: 50 },
    pricing: { kind: 'hourly', usdPerGpuHour: 3.78 } },
  { name: 'owned L40S', gpuTypeId: 'nvidia-l40s', gpuCount: 4, gpusPerNode: 4,
    intraNode: { link: 'pcie', bandwidthGBps: 32 }, interNode: { link: 'roce', bandwidthGBps: 12.5 },
    pricing: { kind: 'owned', purchaseUsd: 9000, lifetimeYears: 4, powerUsdPerKwh: 0.12 } },
];

function input(over: Partial<CompareInput> = {}): CompareInput {
  return {
    pools, gpus: gpus.filter((g) => pools.some((p) => p.gpuTypeId === g.id)), model: { id: llama8b.id, config: llama8b.config },
    workload: poissonWorkload(400, 5, [200, 1500], [20, 200], 11), slo: { ttftP99S: 2, tbtP99S: 0.1 },
    strategies: ['colocated', 'disaggregated', 'nexus'], seed: 5, budget: { searchRequests: 200, simulationsPerStrategy: 4, rateSteps: 2 }, ...over,
  };
}

const fact = (r: NonNullable<ReturnType<typeof recommendation>>, label: string) => r.facts.find((f) => f.label === label)?.text ?? '';

describe('recommendation on a real comparison', () => {
  const result = compareStrategies(input());
  const rec = recommendation(result)!;

  it('names the cheapest SLO-meeting deployment with its GPUs by type, summing to the GPUs it uses', () => {
    expect(rec).not.toBeNull();
    const cheapest = result.strategies.filter((o) => o.bestByCost).map((o) => o.bestByCost!.metrics.usdPer1MTokens);
    expect(rec.deployment.metrics.usdPer1MTokens).toBe(Math.min(...cheapest));
    const names = new Map(result.pools!.map((p) => [p.gpuTypeId, p.gpuName]));
    const mix = gpuMix(rec.deployment, names);
    const counted = mix.split(' + ').reduce((n, part) => n + Number(part.split(' ')[0]), 0);
    expect(counted).toBe(rec.deployment.gpus);
    expect(fact(rec, 'Deploy')).toContain(deploymentWords(rec.deployment, names));
    // Instances are counted as instances, GPUs as GPUs: "N instances of TPk" never reads as N nodes.
    expect(deploymentWords(rec.deployment, names)).toMatch(/\d+ instances? of TP\d/);
  });

  it('states the cost by hour and month at the run\'s own load and per 1M tokens as the table prints it', () => {
    const m = rec.deployment.metrics;
    const dollars = (s: string) => Number(s.replace(/[$,]/g, ''));
    const [hour, month] = [...fact(rec, 'Cost').matchAll(/\$[\d,.]+/g)].map((x) => dollars(x[0]));
    expect(hour).toBeCloseTo(m.usdPerHour, 2);
    expect(Math.abs(month - m.usdPerHour * HOURS_PER_MONTH)).toBeLessThan(m.usdPerHour * HOURS_PER_MONTH < 100 ? 0.01 : 1);
    expect(fact(rec, 'Per token')).toContain(m.usdPer1MInputTokens.toFixed(4));
    expect(fact(rec, 'Per token')).toContain(m.usdPer1MOutputTokens.toFixed(4));
  });

  it('gives a margin per SLO target and the headroom the rate probe measured', () => {
    expect(fact(rec, 'Margins')).toMatch(/TTFT P99 .* against 2 s \(\d+% under\); TBT P99 .* against 100 ms \(\d+% under\)/);
    const d = rec.deployment;
    expect(d.maxRateMultiple).toBeDefined();
    expect(fact(rec, 'Headroom')).toContain(`${+d.maxRateMultiple!.toFixed(2)}×`);
  });

  it('states the owned-price assumption when the winner uses an owned pool, and the rental prices otherwise', () => {
    const usesOwned = (rec.deployment.instances ?? []).some((g) => g.pool === 'owned L40S');
    const owned = result.pools!.find((p) => p.pool === 'owned L40S')!;
    expect(owned.kind).toBe('owned');
    if (usesOwned) expect(fact(rec, 'Assumes')).toMatch(/owned L40S .* is owned, priced at \$\d+\.\d\d\/GPU-hour/);
    else expect(fact(rec, 'Assumes')).toContain('$3.78/GPU-hour');
  });
});

describe('ties within the cost model\'s error', () => {
  it('uses the held-out H200 median error as the tie width', () => {
    expect(TIE_PCT).toBe(COST_MODEL_ERROR.find((e) => e.key === 'h200-heldout')!.medianPct);
  });

  it('calls a runner-up within that error a tie and cautions against deciding on cost; a wider gap is a win', () => {
    const base = compareStrategies(input({ strategies: ['colocated', 'nexus'] }));
    const feasible = base.strategies.filter((o) => o.bestByCost);
    expect(feasible.length).toBe(2);
    // Move the runner-up's cost per token to a set distance from the winner's and read the verdict.
    const at = (pct: number): ComparisonResult => {
      const [a, b] = [...feasible].sort((x, y) => x.bestByCost!.metrics.usdPer1MTokens - y.bestByCost!.metrics.usdPer1MTokens);
      const cost = a.bestByCost!.metrics.usdPer1MTokens / (1 - pct / 100);
      const moved = { ...b, bestByCost: { ...b.bestByCost!, metrics: { ...b.bestByCost!.metrics, usdPer1MTokens: cost } } };
      return { ...base, strategies: [a, moved] };
    };
    const close = recommendation(at(TIE_PCT / 2))!;
    expect(close.tie).toBe(true);
    expect(close.reason).toMatch(/a tie with/);
    expect(close.facts.find((f) => f.label === 'Caution')?.text).toMatch(/within the cost model's/);
    const far = recommendation(at(TIE_PCT * 3))!;
    expect(far.tie).toBe(false);
    expect(far.reason).toMatch(new RegExp(`${Math.round(TIE_PCT * 3)}% less than the next cheapest`));
  });
});

describe('closest misses when nothing meets the SLOs', () => {
  it('a latency floor: the looser target it names makes the same comparison pass', () => {
    const tight = compareStrategies(input({ strategies: ['colocated'], slo: { ttftP99S: 0.001, tbtP99S: 0.1 } }));
    expect(recommendation(tight)).toBeNull();
    const [miss] = closestMisses(tight);
    expect(miss.missed.join()).toMatch(/TTFT P99 .* against 1 ms/);
    const looser = miss.remedies.find((r) => r.startsWith('a looser SLO'))!;
    expect(looser).toBeDefined();
    // Read the target back as the planner would type it, and run again: it must pass.
    const m = looser.match(/TTFT P99 ≤ ([\d.]+) (ms|s)/)!;
    const ttft = Number(m[1]) * (m[2] === 'ms' ? 1e-3 : 1) * 1.0005; // printed to 0.1 ms / 0.01 s: round the figure up
    const relaxed = compareStrategies(input({ strategies: ['colocated'], slo: { ttftP99S: ttft, tbtP99S: 0.1 } }));
    expect(relaxed.strategies[0].bestByCost).not.toBeNull();
  });

  it('too much traffic: names a GPU count above the fleet\'s and the rate it did carry', () => {
    const heavy = input({ strategies: ['colocated'], workload: poissonWorkload(600, 400, [1500, 3000], [200, 400], 3), pools: [pools[1]],
      gpus: gpus.filter((g) => g.id === 'nvidia-l40s') });
    const r = compareStrategies(heavy);
    expect(recommendation(r)).toBeNull();
    const [miss] = closestMisses(r);
    const more = miss.remedies.find((x) => x.startsWith('more GPUs'))!;
    const need = Number(more.match(/needs at least (\d+) GPUs/)![1]);
    expect(need).toBeGreaterThan(miss.deployment!.gpus);
    expect(miss.remedies.some((x) => /it carried [\d.]+ of the [\d.]+ req\/s offered/.test(x))).toBe(true);
    expect(r.windowRps).toBeGreaterThan(miss.deployment!.metrics.throughput.requestsPerS);
  });
});
