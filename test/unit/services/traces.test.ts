import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readTrace } from '../../../main/services/traces';
import { previewTrace } from '../../../main/services/traces/preview';
import { parseTraceDatetimeMs } from '../../../main/services/traces/csv-formats';
import { AppError } from '../../../main/domain/errors';

function expectError(fn: () => unknown, loc: { line?: number; field?: string }, message: RegExp) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).location).toMatchObject(loc);
    expect((e as AppError).message).toMatch(message);
    return;
  }
  throw new Error('expected an error');
}

describe('trace readers', () => {
  it('reads the shipped Azure conversation trace whole, times relative to the first request', () => {
    const text = readFileSync('assets/traces/AzureLLMInferenceTrace_conv.csv', 'utf8');
    const t = readTrace(text, 'conv.csv');
    expect(t.format).toBe('azure-2023');
    expect(t.inputTokens.length).toBe(text.trim().split('\n').length - 1);
    expect(t.arrivalS[0]).toBe(0);
    // SOURCES.md: conv input mean 1155, output mean 211; about one hour.
    const mean = (a: Int32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(Math.round(mean(t.inputTokens))).toBeCloseTo(1155, -1);
    expect(Math.round(mean(t.outputTokens))).toBeCloseTo(211, -1);
    expect(t.arrivalS[t.arrivalS.length - 1]).toBeGreaterThan(3000);
    expect(t.arrivalS[t.arrivalS.length - 1]).toBeLessThan(3700);
    for (let i = 1; i < t.arrivalS.length; i++) expect(t.arrivalS[i]).toBeGreaterThanOrEqual(t.arrivalS[i - 1]);
  });

  it('reads Mooncake JSONL with prefix hashes and millisecond timestamps', () => {
    const t = readTrace('{"timestamp": 1000, "input_length": 10, "output_length": 2, "hash_ids": [0, 1]}\n{"timestamp": 3500, "input_length": 7, "output_length": 1, "hash_ids": [0]}\n', 'm.jsonl');
    expect(t.format).toBe('mooncake');
    expect([...t.arrivalS]).toEqual([0, 2.5]);
    expect(t.prefixHashes).toEqual([[0, 1], [0]]);
  });

  it('parses the 2024 Azure timestamp forms the same way', () => {
    expect(parseTraceDatetimeMs('2024-05-10 00:00:00+00:00')).toBe(Date.UTC(2024, 4, 10));
    expect(parseTraceDatetimeMs('2024-05-10 00:00:01.5+00:00') - parseTraceDatetimeMs('2024-05-10 00:00:00')).toBe(1500);
    expect(parseTraceDatetimeMs('2023-11-16 18:17:03.9799600')).toBeCloseTo(Date.UTC(2023, 10, 16, 18, 17, 3) + 979.96, 3);
    expect(parseTraceDatetimeMs('yesterday')).toBeNaN();
  });

  it('reads BurstGPT, leaving out failed requests, and sorts out-of-order rows', () => {
    const csv = 'Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n5,ChatGPT,100,20,120,Conversation log\n2,GPT-4,50,0,50,Conversation log\n1,GPT-4,30,3,33,Conversation log\n';
    const t = readTrace(csv, 'b.csv');
    expect(t.format).toBe('burstgpt');
    expect(t.skipped).toBe(1);
    expect([...t.arrivalS]).toEqual([0, 4]);
    expect([...t.inputTokens]).toEqual([30, 100]);
  });

  it('reads length-only tables and flags that arrivals must be generated', () => {
    const t = readTrace('num_prefill_tokens,num_decode_tokens\n10,5\n20,6\n', 'l.csv');
    expect(t.lengthsOnly).toBe(true);
    expect([...t.outputTokens]).toEqual([5, 6]);
  });

  it('names the line and column of a bad row', () => {
    expectError(() => readTrace('TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9,10,5\n2023-11-16 18:17:04.0,ten,5\n', 'x.csv'),
      { line: 3, field: 'ContextTokens', file: 'x.csv' } as never, /"ten" is not a positive whole number/);
    expectError(() => readTrace('TIMESTAMP,ContextTokens,GeneratedTokens\nnot-a-date,10,5\n', 'x.csv'), { line: 2, field: 'TIMESTAMP' }, /date and time/);
    expectError(() => readTrace('{"timestamp": 0, "input_length": 5, "output_length": 1}\n{"timestamp": 1, "input_length": -5, "output_length": 1}\n', 'm.jsonl'),
      { line: 2, field: 'input_length' }, /positive whole number/);
    expectError(() => readTrace('{"timestamp": 0, "input_length": 5, "output_length": 1}\n{oops\n', 'm.jsonl'), { line: 2 }, /not valid JSON/);
    expectError(() => readTrace('a,b,c\n1,2,3\n', 'u.csv'), { line: 1 }, /unrecognised CSV header/);
  });
});

describe('column mapping and preview', () => {
  it('reads an unknown CSV with a mapping, in milliseconds', () => {
    const t = readTrace('ts_ms,prompt,completion,user\n1000,10,3,a\n1500,"20",4,b\n', 'x.csv', {
      arrival: { column: 'ts_ms', unit: 'ms' }, input: 'prompt', output: 'completion',
    });
    expect(t.format).toBe('custom');
    expect([...t.arrivalS]).toEqual([0, 0.5]);
    expect([...t.inputTokens]).toEqual([10, 20]);
  });

  it('reads an unknown JSONL with a mapping, without arrival times', () => {
    const t = readTrace('{"p": 5, "c": 2}\n{"p": 6, "c": 1}\n', 'x.jsonl', { arrival: null, input: 'p', output: 'c' });
    expect(t.lengthsOnly).toBe(true);
    expect([...t.outputTokens]).toEqual([2, 1]);
  });

  it('names a mapped column the header lacks', () => {
    expectError(() => readTrace('a,b\n1,2\n', 'x.csv', { arrival: null, input: 'a', output: 'zzz' }), { line: 1, field: 'zzz' }, /no column "zzz"/);
  });

  it('previews known and unknown files', () => {
    expect(previewTrace('TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9,10,5\n')).toMatchObject({ kind: 'csv', format: 'azure-2023' });
    const p = previewTrace('{"t": 1, "in": 5}\n{"t": 2, "in": 6}\n{"t": 3, "in"');
    expect(p).toMatchObject({ kind: 'jsonl', format: null, columns: ['t', 'in'] });
    expect(p.sampleRows.length).toBe(2);
  });
});
