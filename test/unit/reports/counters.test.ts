import { describe, expect, it } from 'vitest';
import { counterRows } from '../../../main/reports/counters';

describe('deployment counters on paper', () => {
  it('read in planner words and units, never raw names or byte counts', () => {
    const rows = counterRows({ kvBytes: 7_327_537_561_600, iterations: 16269, meanKvTransferS: 0.0158, prefillChunk: 256, preemptions: 0, ppiUtilization: 0.423 });
    expect(rows).toEqual([
      ['Iterations simulated', '16,269'],
      ['Preemptions (KV memory ran out)', '0'],
      ['KV cache moved between instances', '7.3 TB'],
      ['Mean KV transfer time', '15.8 ms'],
      ['Prefill chunk (TetriInfer)', '256 tokens'],
      ['Low-end GPU busy', '42.3%'],
    ]);
  });

  it('a counter it does not know yet still reads as words', () => {
    expect(counterRows({ someNewCounter: 3.14159 })).toEqual([['Some new counter', '3.142']]);
  });
});
