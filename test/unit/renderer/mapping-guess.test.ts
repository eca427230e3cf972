import { describe, expect, it } from 'vitest';
import { ARRIVAL_PATTERNS, guessColumn, unitOfColumn } from '../../../renderer/src/features/workloads/mapping-guess';

describe('column mapping guesses', () => {
  it('finds ts_ms as the arrival column and reads its unit as milliseconds', () => {
    const cols = ['request_id', 'ts_ms', 'prompt_len', 'output_len'];
    const arrival = guessColumn(cols, ARRIVAL_PATTERNS);
    expect(arrival).toBe('ts_ms');
    expect(unitOfColumn(arrival)).toBe('ms');
  });

  it('seconds unless the name says otherwise; dates as date-time', () => {
    expect(unitOfColumn('arrival_time')).toBe('s');
    expect(unitOfColumn('timestamp')).toBe('s');
    expect(unitOfColumn('arrival_ms')).toBe('ms');
    expect(unitOfColumn('TimeMillis')).toBe('ms');
    expect(unitOfColumn('created_date')).toBe('datetime');
    // "ms" inside a word is not a unit.
    expect(unitOfColumn('items')).toBe('s');
  });

  it('a column merely containing "ts" is not taken for the arrival time', () => {
    expect(guessColumn(['prompts', 'outputs', 'when'], ARRIVAL_PATTERNS)).toBe('prompts');
    expect(guessColumn(['id', 'ts'], ARRIVAL_PATTERNS)).toBe('ts');
  });
});
