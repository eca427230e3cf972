import { describe, expect, it } from 'vitest';
import { FIELD_LABELS, numericText, sloFromDraft } from '../../../renderer/src/features/compare/slo-input';

describe('number fields', () => {
  it('keep digits (and one decimal point where decimals make sense) of what is typed or pasted', () => {
    expect(numericText('abc', false)).toBe('');
    expect(numericText('12a3', false)).toBe('123');
    expect(numericText('-4', false)).toBe('4');
    expect(numericText('1.5 s', true)).toBe('1.5');
    expect(numericText('1.2.3', true)).toBe('1.23');
    expect(numericText('1e3', true)).toBe('13');
  });

  it('what they keep is what the form accepts', () => {
    const v = numericText('0.5s', true);
    expect(sloFromDraft({ ttftP99: { value: v, unit: 's' }, tbtP99: { value: '', unit: 'ms' } })).toEqual({ slo: { ttftP99S: 0.5 } });
  });

  it('messages name fields in planner words', () => {
    const bad = sloFromDraft({ ttftP99: { value: '0', unit: 's' }, tbtP99: { value: '', unit: 'ms' } });
    expect('field' in bad && FIELD_LABELS[bad.field]).toBe('TTFT P99 target');
    for (const f of ['seed', 'maxRequests', 'strategies', 'pins', 'tbtP99']) expect(FIELD_LABELS[f]).not.toMatch(/[a-z][A-Z]/);
  });
});
