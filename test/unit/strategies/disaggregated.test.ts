import { describe, expect, it } from 'vitest';
import { simulateDisaggregated, type DisaggregatedDeployment } from '../../../main/sim/strategies/disaggregated';
import { simulateColocated } from '../../../main/sim/strategies/colocated';
import { kvTransferSeconds } from '../../../main/sim/kvtransfer';
import { placeDecode, predictOutputs } from '../../../main/sim/strategies/tetri';
import { Rng } from '../../../main/sim/rng';
import type { TransferPath } from '../../../main/sim/strategies/types';
import { A100, H100, MI300X, poissonWorkload, stubInstance } from './fixtures';

const slo = { ttftP99S: 2, tbtP99S: 0.1 };
const nvlink: TransferPath = { hops: [{ name: 'nvlink', bytesPerS: 300e9, latencyS: 5e-6 }], storeAndForward: false, convertSPerByte: 0 };
const staged: TransferPath = {
  hops: [
    { name: 'd2h', bytesPerS: 25e9, latencyS: 1e-5 },
    { name: 'roce', bytesPerS: 12.5e9, latencyS: 2e-5 },
    { name: 'h2d', bytesPerS: 25e9, latencyS: 1e-5 },
  ],
  storeAndForward: true,
  convertSPerByte: 1 / 50e9,
};

function dep(tetri: DisaggregatedDeployment['tetri'], path = nvlink): DisaggregatedDeployment {
  const prefill = [stubInstance(H100), stubInstance(H100)];
  const decode = [stubInstance(A100), stubInstance(A100)];
  return { strategy: 'disaggregated', prefill, decode, kvPaths: prefill.map(() => decode.map(() => path)), tetri };
}

describe('full P/D disaggregation', () => {
  it('every request completes with its tokens; KV moved = prompt KV', () => {
    const w = poissonWorkload(2000, 10, [100, 3000], [1, 300], 11);
    for (const tetri of [null, {}, { prefillOrder: 'ljf' as const, admission: 'reserve-static' as const }]) {
      const r = simulateDisaggregated(dep(tetri), w, { slo, seed: 3 });
      expect(r.metrics.completed).toBe(2000);
      expect(r.metrics.saturated).toBe(false);
      let promptKv = 0;
      let decodes = 0;
      for (let i = 0; i < 2000; i++) {
        if (w.outputTokens[i] > 1) {
          promptKv += w.inputTokens[i] * 131072;
          decodes++;
        }
      }
      expect(r.extra.kvBytes).toBe(promptKv);
      expect(r.extra.kvTransfers).toBe(decodes);
      const totalOut = w.outputTokens.reduce((a, b) => a + b, 0);
      expect(r.metrics.throughput.outputTokensPerS * r.metrics.durationS).toBeCloseTo(totalOut, 3);
    }
  });

  it('the staged multi-vendor path pays each hop in full plus conversion; direct paths pipeline', () => {
    const bytes = 1e9;
    expect(kvTransferSeconds(bytes, staged)).toBeCloseTo(4e-5 + bytes / 25e9 + bytes / 12.5e9 + bytes / 25e9 + bytes / 50e9, 9);
    const direct = { ...staged, storeAndForward: false, convertSPerByte: 0 };
    expect(kvTransferSeconds(bytes, direct)).toBeCloseTo(4e-5 + bytes / 12.5e9, 9);
  });

  it('a slower KV path raises TTFT-to-second-token but not TTFT; layer-wise overlap hides most of it', () => {
    const w = poissonWorkload(500, 4, [2000, 4000], [20, 50], 2);
    const prefill = [stubInstance(H100)];
    const decode = [stubInstance(MI300X)];
    const base = { strategy: 'disaggregated' as const, prefill, decode, layers: 32 };
    const fast = simulateDisaggregated({ ...base, kvPaths: [[nvlink]] }, w, { slo, seed: 1 });
    const slow = simulateDisaggregated({ ...base, kvPaths: [[staged]] }, w, { slo, seed: 1 });
    const over = simulateDisaggregated({ ...base, kvPaths: [[staged]], layerwiseOverlap: true }, w, { slo, seed: 1 });
    expect(slow.metrics.ttft.mean).toBeCloseTo(fast.metrics.ttft.mean, 6);
    expect(slow.metrics.tbt.p99).toBeGreaterThan(fast.metrics.tbt.p99);
    expect(over.metrics.e2e.mean).toBeLessThan(slow.metrics.e2e.mean);
  });

  it('the predictor hits its accuracy and reports bucket lower bounds', () => {
    const out = new Int32Array(20000).map((_, i) => (i * 37) % 1000);
    const p = predictOutputs(out, { granularity: 200, accuracy: 0.75 }, new Rng(5));
    let hits = 0;
    for (let i = 0; i < out.length; i++) {
      if (p.bucket[i] === Math.floor(out[i] / 200)) hits++;
      expect(p.lower[i] % 200).toBe(0);
    }
    expect(hits / out.length).toBeGreaterThan(0.73);
    expect(hits / out.length).toBeLessThan(0.77);
  });

  it('power-of-two placement keeps heavy decodes apart and skips instances without room', () => {
    const rand = new Rng(9);
    const loads = [
      { heavy: 5, light: 1, freeTokens: 1e6 },
      { heavy: 0, light: 5, freeTokens: 1e6 },
      { heavy: 0, light: 0, freeTokens: 10 },
    ];
    for (let k = 0; k < 50; k++) expect(placeDecode(loads, 1000, true, rand)).toBe(1);
  });

  it('decode instances free of prefill give a lower TBT P99 than colocated mixed batches', () => {
    const w = poissonWorkload(1500, 9, [1500, 4000], [10, 60], 4);
    const prefill = [stubInstance(H100), stubInstance(H100)];
    const d = simulateDisaggregated({ strategy: 'disaggregated', prefill, decode: [stubInstance(A100), stubInstance(A100)], kvPaths: prefill.map(() => [nvlink, nvlink]), tetri: {} }, w, { slo, seed: 1 });
    const c = simulateColocated({ strategy: 'colocated', instances: [stubInstance(H100), stubInstance(H100), stubInstance(A100), stubInstance(A100)] }, w, { slo, seed: 1 });
    expect(d.metrics.completed).toBe(1500);
    expect(d.metrics.tbt.p99).toBeLessThan(c.metrics.tbt.p99);
  });
});
