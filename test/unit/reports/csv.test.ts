import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ITERATION_COLUMNS, parseCsv, REQUEST_COLUMNS, toCsv, UTILIZATION_COLUMNS, utilizationTable, requestsTable, type IterationRecord } from '../../../main/reports/csv';
import { adaptive, fixed } from '../../../main/reports/format';
import { SUMMARY_COLUMNS } from '../../../main/reports/summary';

describe('report number format', () => {
  it('fixed decimals, a plain dot, no separators, empty for no value, no negative zero', () => {
    expect(fixed(1234567.891, 2)).toBe('1234567.89');
    expect(fixed(0.0005, 3)).toBe('0.001');
    expect(fixed(-0.0004, 3)).toBe('0.000');
    expect(fixed(-1.5, 1)).toBe('-1.5');
    expect(fixed(NaN, 2)).toBe('');
    expect(fixed(undefined, 2)).toBe('');
    expect(fixed(Infinity, 2)).toBe('');
    expect(adaptive(123.456)).toBe('123.5');
    expect(adaptive(0.000123456)).toBe('0.000123');
  });
});

describe('CSV', () => {
  it('round-trips cells with commas, quotes, newlines and non-ASCII exactly', () => {
    const t = {
      header: ['a', 'b,c', 'd"e'],
      rows: [
        ['1×MI300X node TP1', 'prefill 2×H100 | decode 1×A100', 'say "hi", then\nleave'],
        ['', ' leading space', 'x\r\ny'],
      ],
    };
    const text = toCsv(t);
    expect(text.split('\n')[0]).toBe('a,"b,c","d""e"');
    expect(parseCsv(text)).toEqual(t);
  });

  it('names the line of a malformed quote', () => {
    expect(() => parseCsv('a,b\n1,"2\n')).toThrow(/line 3.*never closed/);
    expect(() => parseCsv('a,b\n"1"x,2\n')).toThrow(/line 2/);
  });

  it('requests: empty cells for times a saturated run never reached', () => {
    const t = requestsTable('colocated', ['H100 TP1'], [{ id: 0, arrivalS: 0.5, instance: 0, ttftS: NaN, e2eS: NaN, inputTokens: 10, outputTokens: 3 }]);
    expect(t.rows[0]).toEqual(['colocated', '0', '0.500000', '0', 'H100 TP1', '', '', '10', '3']);
  });

  it('utilization: busy time is split across bins and capped at 1 per instance', () => {
    const it: IterationRecord[] = [
      { startS: 0.5, endS: 1.5, instance: 0, lane: 0, prefillTokens: 100, decodeSeqs: 0 },
      { startS: 1.5, endS: 1.75, instance: 0, lane: 0, prefillTokens: 0, decodeSeqs: 4 },
      // two lanes of one instance overlapping (Nexus): capped
      { startS: 2, endS: 3, instance: 1, lane: 1, prefillTokens: 8, decodeSeqs: 0 },
      { startS: 2, endS: 3, instance: 1, lane: 2, prefillTokens: 0, decodeSeqs: 8 },
    ];
    const t = utilizationTable('nexus', ['a', 'b'], it, 1, 3);
    const busy = (bin: number, inst: number) => Number(t.rows[bin * 2 + inst][4]);
    expect(t.rows).toHaveLength(6);
    expect(busy(0, 0)).toBeCloseTo(0.5, 9);
    expect(busy(1, 0)).toBeCloseTo(0.75, 9);
    expect(busy(2, 1)).toBe(1);
    expect(busy(0, 1)).toBe(0);
    // mean tokens per iteration, counted in the bin of the iteration's midpoint
    expect(t.rows[2 * 2 + 1][5]).toBe('8.0');
  });
});

describe('docs/reports.md', () => {
  it('documents every column of every CSV file', () => {
    const doc = readFileSync('docs/reports.md', 'utf8');
    for (const key of [...SUMMARY_COLUMNS.map((c) => c.key), ...REQUEST_COLUMNS, ...ITERATION_COLUMNS, ...UTILIZATION_COLUMNS]) {
      expect(doc, key).toContain(`\`${key}\``);
    }
    for (const c of SUMMARY_COLUMNS) expect(doc, c.key).toContain(`| \`${c.key}\` | ${c.unit} | ${c.description} |`);
  });
});
