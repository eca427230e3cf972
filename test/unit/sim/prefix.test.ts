// Prefix caching (main/sim/prefix.ts) through the one engine: cached prompt tokens are not prefilled again,
// Mooncake's block hash ids give hits, and a tiny KV cache evicts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEngine } from '../../../main/sim/engine';
import { summarize } from '../../../main/sim/metrics';
import { strategyMetrics } from '../../../main/sim/strategies/plan';
import { prefixFromHashIds, type PrefixSpec } from '../../../main/sim/prefix';
import { openLoopWorkload, type Workload } from '../../../main/sim/workload';
import { roofline } from './fixtures';

const cm = roofline();

/** Every request: the same 1,600-token system prompt + its own 100 tokens, arriving far apart. */
function sharedPrompt(n: number): Workload {
  return openLoopWorkload(
    { requests: n, rate: 2, arrival: { kind: 'poisson' }, lengths: { kind: 'independent', input: { kind: 'fixed', tokens: 100 }, output: { kind: 'fixed', tokens: 20 } }, prefix: { systemPromptTokens: 1600 } },
    7,
  );
}

describe('prefix caching', () => {
  for (const kvAllocation of ['prompt', 'chunk'] as const) {
    it(`a repeated prefix is prefilled once; later prompts prefill only their own tokens (${kvAllocation})`, () => {
      const n = 50;
      const w = sharedPrompt(n);
      expect(w.inputTokens[0]).toBe(1700);
      const on = runEngine(w, [{ cm }], { scheduler: { prefixCaching: true, kvAllocation } }).instances[0];
      const off = runEngine(w, [{ cm }], { scheduler: { prefixCaching: false, kvAllocation } }).instances[0];
      expect(off.prefillTokens).toBe(n * 1700);
      // The first request computes the system prompt; every later one only its own 100 tokens.
      expect(on.prefillTokens).toBe(1700 + (n - 1) * 100);
      expect(on.prefix!.savedTokens).toBe((n - 1) * 1600);
      expect(on.prefix!.queriedTokens).toBe(n * 1700);
      expect(on.completed).toBe(n);
      expect(on.blocksUsed()).toBe(0);
    });
  }

  it('a prompt that is all cached still computes its last token', () => {
    const n = 10;
    const w: Workload = { n, arrivalS: new Float64Array(n).map((_, i) => i), inputTokens: new Int32Array(n).fill(512), outputTokens: new Int32Array(n).fill(4) };
    w.prefix = prefixFromHashIds(Array.from({ length: n }, () => [5]), 512);
    const s = runEngine(w, [{ cm }], { scheduler: { prefixCaching: true } }).instances[0];
    expect(s.prefillTokens).toBe(512 + (n - 1));
  });

  it('multi-turn sessions resend their history, and the cache serves it', () => {
    const spec = { requests: 400, rate: 4, arrival: { kind: 'poisson' as const }, lengths: { kind: 'independent' as const, input: { kind: 'fixed' as const, tokens: 200 }, output: { kind: 'fixed' as const, tokens: 50 } } };
    const w = openLoopWorkload({ ...spec, prefix: { sessions: { turns: 5, concurrent: 8 } } }, 3);
    // Some prompts carry earlier turns (a turn is 250 tokens longer than the one before it).
    expect(Math.max(...w.inputTokens)).toBeGreaterThan(200);
    const on = runEngine(w, [{ cm }], { scheduler: { prefixCaching: true } }).instances[0];
    const off = runEngine(w, [{ cm }], { scheduler: { prefixCaching: false } }).instances[0];
    const total = w.inputTokens.reduce((a, b) => a + b, 0);
    expect(off.prefillTokens).toBe(total);
    expect(on.prefillTokens).toBe(total - on.prefix!.savedTokens);
    // Every later turn hits its history (whole 16-token blocks of it): more than half the prompt tokens.
    expect(on.prefix!.savedTokens / total).toBeGreaterThan(0.5);
  });

  it('Mooncake trace hash ids give hits', () => {
    const lines = readFileSync(join(__dirname, '../../../assets/traces/mooncake_conversation_trace.jsonl'), 'utf8').trim().split('\n').slice(0, 2000);
    const rows = lines.map((l) => JSON.parse(l) as { timestamp: number; input_length: number; output_length: number; hash_ids: number[] });
    const n = rows.length;
    const t0 = rows[0].timestamp;
    const w: Workload = {
      n,
      arrivalS: Float64Array.from(rows, (r) => (r.timestamp - t0) / 1000),
      inputTokens: Int32Array.from(rows, (r) => r.input_length),
      outputTokens: Int32Array.from(rows, (r) => r.output_length),
      prefix: prefixFromHashIds(rows.map((r) => r.hash_ids), 512),
    };
    const fleet = [{ cm }, { cm }, { cm }, { cm }];
    const run = runEngine(w, fleet, { scheduler: { prefixCaching: true } });
    let saved = 0;
    let queried = 0;
    for (const s of run.instances) {
      saved += s.prefix!.savedTokens;
      queried += s.prefix!.queriedTokens;
    }
    expect(saved).toBeGreaterThan(0);
    expect(saved).toBeLessThan(queried);
    const prefilled = run.instances.reduce((a, s) => a + s.prefillTokens, 0);
    const off = runEngine(w, fleet, { scheduler: { prefixCaching: false } });
    expect(prefilled).toBe(off.instances.reduce((a, s) => a + s.prefillTokens, 0) - saved);
  });

  it('a tiny KV cache evicts cached blocks and still finishes everything', () => {
    // Each request owns a distinct 800-token prefix, repeated once much later; 4,000 tokens of KV hold ~4 of them.
    const n = 40;
    const ids: number[][] = [];
    for (let i = 0; i < n; i++) ids.push([i % 20]);
    const spec: PrefixSpec = prefixFromHashIds(ids, 800);
    const w: Workload = { n, arrivalS: new Float64Array(n).map((_, i) => i), inputTokens: new Int32Array(n).fill(900), outputTokens: new Int32Array(n).fill(10), prefix: spec };
    const big = runEngine(w, [{ cm }], { scheduler: { prefixCaching: true } }).instances[0];
    const tiny = runEngine(w, [{ cm: roofline(undefined, { kvCapacityTokens: 4000 }) }], { scheduler: { prefixCaching: true } }).instances[0];
    expect(big.prefix!.savedTokens).toBe(20 * 800); // the second half all hit
    expect(big.prefix!.evictedBlocks).toBe(0);
    expect(tiny.completed).toBe(n);
    expect(tiny.prefix!.evictedBlocks).toBeGreaterThan(0);
    expect(tiny.prefix!.savedTokens).toBe(0); // 20 prefixes later, each one was long evicted
    expect(tiny.blocksUsed()).toBe(0);
  });

  it('the prefix-aware router sends a chat turn where its history is cached', () => {
    const spec = { requests: 600, rate: 8, arrival: { kind: 'poisson' as const }, lengths: { kind: 'independent' as const, input: { kind: 'fixed' as const, tokens: 300 }, output: { kind: 'fixed' as const, tokens: 40 } } };
    const w = openLoopWorkload({ ...spec, prefix: { sessions: { turns: 6, concurrent: 16 } } }, 5);
    const fleet = [{ cm }, { cm }, { cm }, { cm }];
    const saved = (kind: 'least-finish' | 'prefix-aware') => {
      const run = runEngine(w, fleet, { scheduler: { prefixCaching: true }, router: { kind } });
      expect(run.completed).toBe(w.n);
      return run.instances.reduce((a, s) => a + s.prefix!.savedTokens, 0);
    };
    const plain = saved('least-finish');
    const aware = saved('prefix-aware');
    // Spread over four instances, a turn finds its history only where the previous turn ran.
    expect(aware).toBeGreaterThan(1.5 * plain);
  });

  it('results carry the hit rate and tokens saved, per instance, and none when caching is off', () => {
    const w = sharedPrompt(40);
    const run = runEngine(w, [{ cm }, { cm }], { scheduler: { prefixCaching: true }, router: { kind: 'round-robin' } });
    const m = strategyMetrics(summarize(run, null));
    const pc = m.prefixCache!;
    expect(pc.perInstance).toHaveLength(2);
    // Round robin: each instance computes the system prompt once, then hits it 19 times.
    for (const x of pc.perInstance) {
      expect(x.savedTokens).toBe(19 * 1600);
      expect(x.hitRate).toBeCloseTo((19 * 1600) / (20 * 1700), 12);
    }
    expect(pc.savedTokens).toBe(2 * 19 * 1600);
    const off = strategyMetrics(summarize(runEngine(w, [{ cm }, { cm }], { router: { kind: 'round-robin' } }), null));
    expect(off.prefixCache).toBeUndefined();
  });
});
