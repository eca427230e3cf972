// Each reader on a file shaped as its tool writes it (test/fixtures/calibration/, produced with Python's json
// module the way each tool calls it), then the same files broken in one field: refused whole, naming where.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../../main/domain/errors';
import { detectFormat, readMeasurements } from '../../../../main/services/calibration/read';
import type { IterationPoint, ServingPoint } from '../../../../main/services/calibration/points';

const dir = join(__dirname, '../../../fixtures/calibration');
const fixture = (name: string) => readFileSync(join(dir, name), 'utf8');
const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return describeError(e);
  }
  return 'accepted';
};

describe('vllm bench serve result JSON', () => {
  it('reads a --save-result file: means per request, ms to seconds, TP from --metadata', () => {
    const text = fixture('vllm-result.json');
    expect(detectFormat(text, 'r.json')).toBe('vllm');
    const [p] = readMeasurements(text, 'r.json') as ServingPoint[];
    const raw = JSON.parse(text);
    expect(p.model).toBe(raw.model_id);
    expect(p.tp).toBe(2);
    expect(p.engine).toBe('vllm');
    expect(p.concurrency).toBe(16);
    expect(p.requestRate).toBeNull(); // "inf"
    expect(p.inputTokens).toBeCloseTo(raw.total_input_tokens / raw.completed, 9);
    expect(p.outputTokens).toBeCloseTo(raw.total_output_tokens / raw.completed, 9);
    expect(p.ttftS).toBeCloseTo(raw.mean_ttft_ms / 1000, 12);
    expect(p.tpotS).toBeCloseTo(raw.mean_tpot_ms / 1000, 12);
    expect(p.requestsPerS).toBeCloseTo(raw.request_throughput, 12);
  });

  it('reads an --append-result file as one point a line', () => {
    const pts = readMeasurements(fixture('vllm-append.json'), 'a.json') as ServingPoint[];
    expect(pts.map((p) => [p.line, p.concurrency])).toEqual([[1, 1], [2, 8], [3, 32]]);
    expect(pts.map((p) => p.tpotS! * 1000)).toEqual([6.4, 7.9, 12.5].map((x) => expect.closeTo(x, 9)));
  });

  it('refuses a run with a negative TTFT, naming the line of that field', () => {
    const text = fixture('vllm-result.json').replace('"mean_ttft_ms": 95.5', '"mean_ttft_ms": -1');
    expect(refusal(() => readMeasurements(text, 'r.json'))).toBe('r.json, line 1: mean_ttft_ms: must be a positive number, got -1');
    const pretty = JSON.stringify(JSON.parse(fixture('vllm-result.json')), null, 2).replace('"completed": 200', '"completed": 0');
    const line = pretty.split('\n').findIndex((l) => l.includes('"completed"')) + 1;
    expect(refusal(() => readMeasurements(pretty, 'p.json'))).toBe(`p.json, line ${line}: completed: must be a positive number, got 0`);
  });
});

describe('SGLang bench_serving JSONL', () => {
  it('reads one record a line, Python\'s bare Infinity rate as unlimited', () => {
    const text = fixture('sglang-bench.jsonl');
    expect(text).toContain('"request_rate": Infinity');
    expect(detectFormat(text, 's.jsonl')).toBe('sglang');
    const [a, b] = readMeasurements(text, 's.jsonl') as ServingPoint[];
    expect([a.requestRate, a.concurrency, a.line]).toEqual([null, 4, 1]);
    expect([b.requestRate, b.concurrency, b.line]).toEqual([2.5, null, 2]);
    expect(a.engine).toBe('sglang');
    expect(a.model).toBeNull(); // the file does not say; the import supplies it
    expect(b.inputTokens).toBe(2048);
    expect(b.tpotS).toBeCloseTo(0.014, 12);
  });

  it('refuses the whole file when its second line lacks output tokens', () => {
    const lines = fixture('sglang-bench.jsonl').split('\n');
    lines[1] = lines[1].replace(/"total_output_tokens": \d+, /, '');
    expect(refusal(() => readMeasurements(lines.join('\n'), 's.jsonl'))).toBe('s.jsonl, line 2: total_output_tokens: must be a positive number, got null');
  });
});

describe('aiperf and genai-perf profile exports', () => {
  it('reads aiperf\'s nested configuration', () => {
    const text = fixture('profile_export_aiperf.json');
    expect(detectFormat(text, 'x.json')).toBe('aiperf');
    const [p] = readMeasurements(text, 'x.json') as ServingPoint[];
    expect([p.tool, p.model, p.concurrency, p.requestRate]).toEqual(['aiperf', 'Qwen/Qwen2.5-7B-Instruct', 32, null]);
    expect([p.inputTokens, p.outputTokens]).toEqual([3000, 512]);
    expect(p.ttftS).toBeCloseTo(0.18, 12);
    expect(p.tpotS).toBeCloseTo(0.0185, 12);
    expect(p.requestsPerS).toBe(3.2);
  });

  it('reads genai-perf\'s flat argparse configuration', () => {
    const [p] = readMeasurements(fixture('profile_export_genai_perf.json'), 'g.json') as ServingPoint[];
    expect([p.tool, p.model, p.concurrency, p.engine]).toEqual(['genai-perf', 'meta-llama/Llama-3.1-8B-Instruct', 4, 'vllm']);
  });

  it('refuses a TTFT in seconds, naming the unit field and its line', () => {
    const text = fixture('profile_export_aiperf.json').replace('"unit": "ms",\n    "avg": 180.0', '"unit": "s",\n    "avg": 180.0');
    const line = text.split('\n').findIndex((l) => l.includes('"time_to_first_token"')) + 1;
    expect(refusal(() => readMeasurements(text, 'x.json'))).toBe(`x.json, line ${line}: time_to_first_token.unit: unit "s" is not ms`);
  });
});

describe('fleetplan measure.py iteration table', () => {
  it('reads the batch sums and ms past the device comment line', () => {
    const text = fixture('measure-iteration.csv');
    expect(detectFormat(text, 'iteration.csv')).toBe('measure');
    const pts = readMeasurements(text, 'iteration.csv') as IterationPoint[];
    expect(pts).toHaveLength(4);
    expect(pts[0]).toMatchObject({ line: 3, model: 'llama3-8b', case: 'prefill-128', seconds: expect.closeTo(0.007107, 12) });
    expect(pts[3].batch).toEqual({ prefillSeqs: 1, prefillTokens: 1024, prefillAttnPairs: 524800, prefillKvTokens: 1024, decodeSeqs: 0, decodeKvTokens: 0 });
  });

  it('refuses a row whose time is not a number', () => {
    const text = fixture('measure-iteration.csv').replace('9.4908', 'n/a');
    expect(refusal(() => readMeasurements(text, 'iteration.csv'))).toBe('iteration.csv, line 4: ms: must be a positive number, got "n/a"');
  });
});

describe('plain CSV', () => {
  it('reads closed- and open-loop rows', () => {
    const text = fixture('plain.csv');
    expect(detectFormat(text, 'p.csv')).toBe('csv');
    const [a, b] = readMeasurements(text, 'p.csv') as ServingPoint[];
    expect([a.concurrency, a.requestRate, b.concurrency, b.requestRate]).toEqual([1, null, null, 4]);
    expect([a.tp, a.engine, a.outputTokensPerS]).toEqual([1, 'vllm', 140]);
    expect(b.ttftS).toBeCloseTo(0.031, 12);
  });

  it('refuses a row with neither concurrency nor rate, and an unknown column', () => {
    const noLoad = fixture('plain.csv').replace(',1,,22.5', ',,,22.5');
    expect(refusal(() => readMeasurements(noLoad, 'p.csv'))).toBe('p.csv, line 2: concurrency: needs a concurrency or a request_rate');
    const extra = fixture('plain.csv').replace('source', 'notes');
    expect(refusal(() => readMeasurements(extra, 'p.csv'))).toBe('p.csv, line 1: notes: unknown column "notes"');
  });
});

it('refuses a file that is none of the formats', () => {
  expect(refusal(() => readMeasurements('{"hello": 1}', 'h.json'))).toMatch(/^h\.json, line 1: is JSON but not/);
  expect(refusal(() => readMeasurements('a,b\n1,2\n', 'h.csv'))).toMatch(/^h\.csv, line 1: is not a measurement file/);
});
