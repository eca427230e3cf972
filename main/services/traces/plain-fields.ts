// Readers for CSV fields in their plain form, straight from the line's character codes: no substring, no
// regex, no Number() per field, which is most of the cost of a million-row import. Each accepts only a strict
// subset of what the general path (parser.ts, csv-formats.ts) accepts and returns exactly the value the
// general path would; anything else (spaces, signs, exponents, quotes, errors) returns -1 or NaN, and the
// caller then gives the line to the general path, which reads it or names what is wrong.

import { isCalendarDay } from './csv-formats';

/** Powers of ten that are exact doubles, so `digits / POW10[k]` is the correctly rounded decimal (as Number() gives). */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** 1 to 9 ASCII digits (so the value fits the Int32 columns as Number() would give it), or -1. */
export function plainCount(text: string, start: number, end: number): number {
  if (end <= start || end - start > 9) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * `-?digits(.digits)?` with at most 15 digits in all, or NaN. The digits form an integer below 2^53 and the
 * division by an exact power of ten rounds once, so the result equals Number() of the same text.
 */
export function plainDecimal(text: string, start: number, end: number): number {
  const neg = start < end && text.charCodeAt(start) === 45;
  let i = neg ? start + 1 : start;
  let v = 0;
  let digits = 0;
  let scale = -1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && scale < 0 && digits > 0) scale = digits;
    else if (c >= 48 && c <= 57) (v = v * 10 + (c - 48)), digits++;
    else return NaN;
  }
  if (digits === 0 || digits > 15 || scale === digits) return NaN;
  const x = scale < 0 ? v : v / POW10[digits - scale];
  return neg ? -x : x;
}

function two(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Remembers the last calendar day read: trace rows come in time order, so most rows share it. */
export interface DayCache {
  key: number;
  ms: number;
}

/**
 * `YYYY-MM-DD[ T]HH:MM:SS(.fraction)?(Z|±HH:MM|±HHMM)?` with nothing around it, or NaN; the same milliseconds as
 * parseTraceDatetimeMs. Date.UTC(y, m, d, h, mi, s) is day + h·3600000 + mi·60000 + s·1000 in exact integers,
 * so the day part can come from the cache.
 */
export function plainDatetimeMs(text: string, start: number, end: number, day: DayCache): number {
  if (end - start < 19) return NaN;
  const y1 = two(text, start);
  const y2 = two(text, start + 2);
  const mo = two(text, start + 5);
  const d = two(text, start + 8);
  const h = two(text, start + 11);
  const mi = two(text, start + 14);
  const s = two(text, start + 17);
  const sep = text.charCodeAt(start + 10);
  if ((y1 | y2 | mo | d | h | mi | s) < 0 || (sep !== 32 && sep !== 84) || h > 23 || mi > 59 || s > 59) return NaN;
  if (text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45) return NaN;
  if (text.charCodeAt(start + 13) !== 58 || text.charCodeAt(start + 16) !== 58) return NaN;
  let i = start + 19;
  let frac = 0;
  if (i < end && text.charCodeAt(i) === 46) {
    let v = 0;
    let k = 0;
    for (i++; i < end; i++, k++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    if (k === 0 || k > 15) return NaN;
    frac = (v / POW10[k]) * 1000;
  }
  let offsetMin = 0;
  if (i < end) {
    const c = text.charCodeAt(i);
    if (c === 90 && i + 1 === end) i++;
    else if (c === 43 || c === 45) {
      const oh = two(text, i + 1);
      const colon = text.charCodeAt(i + 3) === 58 ? 1 : 0;
      const om = two(text, i + 3 + colon);
      if (oh < 0 || om < 0 || oh > 23 || om > 59 || i + 5 + colon !== end) return NaN;
      offsetMin = (c === 45 ? -1 : 1) * (oh * 60 + om);
      i = end;
    }
    if (i !== end) return NaN;
  }
  const year = y1 * 100 + y2;
  const key = year * 10000 + mo * 100 + d;
  if (key !== day.key) {
    if (!isCalendarDay(year, mo, d)) return NaN;
    day.key = key;
    day.ms = Date.UTC(year, mo - 1, d);
  }
  const base = day.ms + h * 3_600_000 + mi * 60_000 + s * 1000;
  return base + frac - offsetMin * 60_000;
}
