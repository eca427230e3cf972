import { describe, expect, it } from 'vitest';
import { parseTraceDatetimeMs } from '../../../main/services/traces/csv-formats';
import { plainCount, plainDatetimeMs, plainDecimal } from '../../../main/services/traces/plain-fields';

// The plain-field readers are a shortcut: each value they accept must equal the general path's, and what
// they refuse (NaN, -1) the general path judges instead.
describe('plain CSV field readers', () => {
  const at = (f: (t: string, s: number, e: number) => number, text: string) => f(`,${text},`, 1, text.length + 1);

  it('read datetimes exactly as parseTraceDatetimeMs, or refuse them', () => {
    const day = { key: -1, ms: 0 };
    const accepted = ['2023-11-16 18:17:03.9799600', '2024-05-10 00:00:00+00:00', '2024-05-10T00:00:01.5-05:30', '2024-05-10 23:59:59.123456789012345Z', '0050-13-00 24:61:61', '2024-02-29 12:00:00+0130'];
    for (const text of accepted) expect(at((t, s, e) => plainDatetimeMs(t, s, e, day), text)).toBe(parseTraceDatetimeMs(text));
    const refused = [' 2024-05-10 00:00:00', '2024-05-10 00:00:00 Z', '2024-05-10 00:00:00.', '2024-05-10 00:00:00.1234567890123456', '2024-05-10 00:00:00+1', '2024-05-10t00:00:00', '2024-05-10 00:00:00Zx', 'yesterday'];
    for (const text of refused) expect(at((t, s, e) => plainDatetimeMs(t, s, e, day), text)).toBeNaN();
  });

  it('read decimals exactly as Number(), or refuse them', () => {
    for (const text of ['0', '-0', '12.5', '0.1', '007.25', '-3.0000001', '123456789012345', '1.00000000000001']) expect(Object.is(at(plainDecimal, text), Number(text))).toBe(true);
    for (const text of ['', '-', '1.', '.5', '1e3', '+1', ' 1', '1.2.3', '1234567890123456']) expect(at(plainDecimal, text)).toBeNaN();
  });

  it('read token counts of up to 9 digits, or refuse them', () => {
    expect(at(plainCount, '0')).toBe(0);
    expect(at(plainCount, '000123')).toBe(123);
    expect(at(plainCount, '999999999')).toBe(999999999);
    for (const text of ['', '1234567890', '-1', '+1', '1.0', '1e3', ' 1', '"1"']) expect(at(plainCount, text)).toBe(-1);
  });
});
