// kvAllocation 'prompt' (vLLM v0: a prompt takes its whole target's KV blocks at admission) against the
// default 'chunk' (blocks per scheduled chunk), on the workload that runs the KV cache out.
import { describe, expect, it } from 'vitest';
import { runEngine } from '../../../main/sim/engine';
import type { BatchAggregate } from '../../../main/sim/types';
import type { Workload } from '../../../main/sim/workload';
import { roofline } from './fixtures';

const cm = roofline(undefined, { kvCapacityTokens: 2400, kvBlockTokens: 16 });
const n = 32;
const w: Workload = {
  n,
  arrivalS: new Float64Array(n).map((_, i) => i * 0.002),
  inputTokens: new Int32Array(n).map((_, i) => 200 + 25 * (i % 5)),
  outputTokens: new Int32Array(n).map((_, i) => 300 + 40 * (i % 4)),
};

function run(kvAllocation: 'chunk' | 'prompt') {
  let overfull = 0;
  let maxUsed = 0;
  let total = 0;
  const observer = {
    iteration(_i: number, _s: number, _e: number, used: number, all: number, _a: BatchAggregate) {
      if (used > all || used < 0) overfull++;
      maxUsed = Math.max(maxUsed, used);
      total = all;
    },
  };
  const r = runEngine(w, [{ cm }], { observer, scheduler: { watermark: 0, kvAllocation } });
  return { r, s: r.instances[0], overfull, maxUsed, total };
}

describe('KV allocation per prompt (vLLM v0) vs per chunk', () => {
  it('both finish everything within the KV cache and give every block back', () => {
    for (const mode of ['chunk', 'prompt'] as const) {
      const { r, s, overfull, maxUsed, total } = run(mode);
      expect(r.completed, mode).toBe(n);
      expect(overfull, mode).toBe(0);
      expect(maxUsed, mode).toBe(total); // it really ran out
      expect(s.blocksUsed(), mode).toBe(0);
      for (let q = 0; q < n; q++) expect(r.requests.generated[q]).toBe(w.outputTokens[q]);
    }
  });

  it('reserving the whole prompt admits only prompts that can finish, so it preempts far less', () => {
    const chunk = run('chunk').s.preemptions;
    const prompt = run('prompt').s.preemptions;
    expect(prompt).toBeGreaterThan(0); // decodes still outgrow memory
    expect(prompt * 4).toBeLessThan(chunk);
  });

  it('rejects an unknown mode', () => {
    expect(() => runEngine(w, [{ cm }], { scheduler: { kvAllocation: 'lazy' as never } })).toThrow(/kvAllocation/);
  });
});
