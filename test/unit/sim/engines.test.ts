// Engine profiles (assets/engines) and the scheduling rules they switch on, run through the one engine.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEngine } from '../../../main/sim/engine';
import { ENGINE_IDS, engineProfile, engineScheduler, parseEngineProfile } from '../../../main/sim/engines';
import type { IterationObserver } from '../../../main/sim/scheduler';
import type { IterationTimeHook } from '../../../main/sim/scheduler-core';
import type { BatchAggregate, InstanceCostModel } from '../../../main/sim/types';
import type { Workload } from '../../../main/sim/workload';
import { roofline } from './fixtures';

const dir = join(__dirname, '../../../assets/engines');

describe('engine profiles', () => {
  it('the shipped files parse, one per engine, and match what the simulator bundles', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    const ids = files.map((f) => parseEngineProfile(readFileSync(join(dir, f), 'utf8'), f).id).sort();
    expect(ids).toEqual([...ENGINE_IDS].sort());
    for (const f of files) {
      const p = parseEngineProfile(readFileSync(join(dir, f), 'utf8'), f);
      expect(engineProfile(p.id)).toEqual(p);
    }
  });

  it('a parameter without its source is refused, naming the file and field', () => {
    const text = readFileSync(join(dir, 'vllm-v1-0.10-0.12.json'), 'utf8');
    const data = JSON.parse(text) as { watermark: { source?: string } };
    delete data.watermark.source;
    let caught: unknown = null;
    try {
      parseEngineProfile(JSON.stringify(data), 'edited.json');
    } catch (e) {
      caught = e;
    }
    expect((caught as { location?: { file?: string; field?: string } }).location).toMatchObject({ file: 'edited.json', field: 'watermark.source' });
  });

  it("vLLM V1's defaults follow the GPU: larger on an 80 GB H100, not on an 80 GB A100", () => {
    const v1 = engineProfile('vllm-v1');
    const h100 = engineScheduler(v1, { name: 'nvidia-h100-sxm', memoryGb: 80 });
    const a100 = engineScheduler(v1, { name: 'nvidia-a100-80gb-sxm', memoryGb: 80 });
    const l4 = engineScheduler(v1, { name: 'nvidia-l4', memoryGb: 24 });
    expect([h100.tokenBudget, h100.maxRunning]).toEqual([8192, 1024]);
    expect([a100.tokenBudget, a100.maxRunning]).toEqual([2048, 256]);
    expect([l4.tokenBudget, l4.maxRunning]).toEqual([2048, 256]);
    expect(engineScheduler(engineProfile('sglang'), { name: 'nvidia-l4', memoryGb: 24 }).tokenBudget).toBe(2048);
  });
});

/** An instance whose iterations are timed by its cost model, recording the batch each iteration is costed as. */
function recording(): { cm: InstanceCostModel; timeHook: IterationTimeHook; seen: BatchAggregate[] } {
  const cm = roofline();
  const seen: BatchAggregate[] = [];
  const timeHook: IterationTimeHook = (_s, b, out) => {
    seen.push({ ...b });
    out[0] = cm.iterationSeconds(b);
  };
  return { cm, timeHook, seen };
}

function workload(arrivalS: number[], input: number[], output: number[]): Workload {
  return { n: arrivalS.length, arrivalS: Float64Array.from(arrivalS), inputTokens: Int32Array.from(input), outputTokens: Int32Array.from(output) };
}

describe('engine scheduling rules', () => {
  it('decodesWaitForPrefill: a prompt arriving mid-decode runs alone, and the waiting decodes see one longer gap', () => {
    const w = workload([0, 0.05], [256, 512], [40, 5]);
    const iters: { pre: number; dec: number; dur: number }[] = [];
    const obs: IterationObserver = { iteration: (_i, s, e, _u, _t, a) => iters.push({ pre: a.prefillSeqs, dec: a.decodeSeqs, dur: e - s }) };
    const paused = runEngine(w, [{ cm: roofline(), scheduler: { decodesWaitForPrefill: true } }], { observer: obs });
    const alone = iters.find((x, k) => k > 0 && x.pre > 0);
    expect(alone).toBeDefined();
    expect(alone!.dec).toBe(0);
    const mixed: typeof iters = [];
    const obs2: IterationObserver = { iteration: (_i, s, e, _u, _t, a) => mixed.push({ pre: a.prefillSeqs, dec: a.decodeSeqs, dur: e - s }) };
    runEngine(w, [{ cm: roofline() }], { observer: obs2 });
    expect(mixed.find((x, k) => k > 0 && x.pre > 0)!.dec).toBe(1);
    // Both requests finish with every output token; the first one's worst gap holds the prompt-only iteration.
    expect(paused.completed).toBe(2);
    expect(paused.requests.generated[0]).toBe(40);
    expect(paused.requests.maxGapS[0]).toBeGreaterThanOrEqual(alone!.dur);
  });

  it("graph padding: a decode-only batch of 3 costs as the captured 4; 'tokens' pads a mixed batch's tokens", () => {
    const w = workload([0, 0, 0], [64, 64, 64], [6, 6, 6]);
    const dec = recording();
    runEngine(w, [{ cm: dec.cm, timeHook: dec.timeHook, scheduler: { graphPadding: 'decode', graphSizes: [1, 2, 4, 8] } }]);
    const decodeOnly = dec.seen.filter((b) => b.prefillSeqs === 0);
    expect(decodeOnly.length).toBeGreaterThan(0);
    expect(decodeOnly.every((b) => b.decodeSeqs === 4)).toBe(true);
    const tok = recording();
    runEngine(w, [{ cm: tok.cm, timeHook: tok.timeHook, scheduler: { graphPadding: 'tokens', graphSizes: [1, 2, 4, 8, 256] } }]);
    // The first iteration prefills 3 × 64 = 192 tokens: padded to 256 with 64 empty rows.
    expect(tok.seen[0].prefillTokens + tok.seen[0].decodeSeqs).toBe(256);
    const none = recording();
    runEngine(w, [{ cm: none.cm, timeHook: none.timeHook }]);
    expect(none.seen.filter((b) => b.prefillSeqs === 0).every((b) => b.decodeSeqs === 3)).toBe(true);
  });

  it('padPrompts: a prompt-only batch costs as its longest prompt times the prompts', () => {
    const w = workload([0, 0], [100, 300], [3, 3]);
    const rec = recording();
    runEngine(w, [{ cm: rec.cm, timeHook: rec.timeHook, scheduler: { decodesWaitForPrefill: true, padPrompts: true, tokenBudget: 2048 } }]);
    expect(rec.seen[0].prefillSeqs).toBe(2);
    expect(rec.seen[0].prefillTokens).toBe(600);
  });

  it('host cost: an engine with more host work per iteration runs every iteration that much longer', () => {
    const w = workload([0], [128], [20]);
    const a: number[] = [];
    const b: number[] = [];
    runEngine(w, [{ cm: roofline() }], { observer: { iteration: (_i, s, e) => a.push(e - s) } });
    runEngine(w, [{ cm: roofline(), scheduler: { hostExtraS: 2e-3 } }], { observer: { iteration: (_i, s, e) => b.push(e - s) } });
    expect(b.length).toBe(a.length);
    b.forEach((d, k) => expect(d - a[k]).toBeCloseTo(2e-3, 9));
  });
});
