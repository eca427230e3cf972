// The cost model against the device run (test/calibration/measure.py on one H100 and one H200, 2026-11-23;
// tables in assets/calibration/measured/). The curves are fitted to the H100 Llama-3-8B rows only; the
// Qwen2.5-3B shape and the whole H200 run are held out and predicted from datasheet numbers. Iterations are
// predicted with the harness's own (unfused) elementwise time in place of norm_act: see measured-points.ts.
import { describe, expect, it } from 'vitest';
import { attentionErrors, gemmErrors, iterationErrors, medianAndWorst } from './measured-points';

const h100Iter = iterationErrors('iteration.csv', 'nvidia-h100-sxm');

describe('cost model vs measured iterations (GPU time, CUDA graphs)', () => {
  it('H100, Llama-3-8B shape (the fit target, 72 cases): median |error| ≤ 10%, worst ≤ 15%', () => {
    const s = medianAndWorst(h100Iter.filter((e) => e.model === 'llama3-8b'));
    expect(s.n).toBeGreaterThanOrEqual(70);
    expect(s.median).toBeLessThanOrEqual(0.1);
    expect(s.worst).toBeLessThanOrEqual(0.15);
  });

  it('H100, Qwen2.5-3B shape (held out): median ≤ 10%, every case within 20%', () => {
    const q = h100Iter.filter((e) => e.model === 'qwen2.5-3b');
    expect(q.length).toBeGreaterThanOrEqual(12);
    expect(medianAndWorst(q).median).toBeLessThanOrEqual(0.1);
    for (const e of q) expect(Math.abs(e.err), e.id).toBeLessThanOrEqual(0.2);
  });

  it('H200 from its datasheet with the H100-fitted curves (held out): median ≤ 10%, every case within 20%', () => {
    const h = iterationErrors('h200_iteration.csv', 'nvidia-h200-sxm');
    expect(h.length).toBeGreaterThanOrEqual(70);
    expect(medianAndWorst(h).median).toBeLessThanOrEqual(0.1);
    for (const e of h) expect(Math.abs(e.err), e.id).toBeLessThanOrEqual(0.2);
  });

  it('GEMMs alone: H100 median ≤ 5%; H200 from its datasheet median ≤ 10%', () => {
    expect(medianAndWorst(gemmErrors('gemm.csv', 'nvidia-h100-sxm').filter((e) => e.model === 'llama3-8b')).median).toBeLessThanOrEqual(0.05);
    expect(medianAndWorst(gemmErrors('h200_gemm.csv', 'nvidia-h200-sxm')).median).toBeLessThanOrEqual(0.1);
  });

  it('attention alone (per layer, 35 kernels): H100 median ≤ 10%; H200 from its datasheet median ≤ 20%', () => {
    expect(medianAndWorst(attentionErrors('attention.csv', 'nvidia-h100-sxm')).median).toBeLessThanOrEqual(0.1);
    expect(medianAndWorst(attentionErrors('h200_attention.csv', 'nvidia-h200-sxm')).median).toBeLessThanOrEqual(0.2);
  });

  it('a mis-set curve is caught: the same check fails with the bandwidth halved', () => {
    // guards against a vacuous comparison (e.g. rows parsed as zeros)
    const wrong = h100Iter.map((e) => ({ ...e, err: (1 + e.err) * 1.5 - 1 }));
    expect(medianAndWorst(wrong).median).toBeGreaterThan(0.1);
  });
});
