import { describe, expect, it } from 'vitest';
import { isWellFormedToken, newToken, tokenMatches } from '../../../main/security/token';

describe('newToken', () => {
  it('makes url-safe tokens of 256 random bits that differ per call', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => newToken()));
    expect(tokens.size).toBe(50);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(encodeURIComponent(t)).toBe(t);
      expect(isWellFormedToken(t)).toBe(true);
    }
  });
});

describe('tokenMatches', () => {
  // Fixed, so every hostile variant below is guaranteed to differ from it.
  const expected = 'k3J_9xQ-abcdefGHIJKL0123456789mnopQRSTuvZ';

  it('matches the exact token', () => {
    expect(tokenMatches(expected, expected)).toBe(true);
    expect(tokenMatches(`${expected}`.slice(0), expected)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['prefix', expected.slice(0, -1)],
    ['longer', `${expected}x`],
    ['one character changed', expected.slice(0, -1) + 'Y'],
    ['case changed', expected.toUpperCase()],
    ['surrounding spaces', ` ${expected} `],
    ['huge', 'a'.repeat(100_000)],
  ])('refuses a %s token', (_what, given) => {
    expect(tokenMatches(given, expected)).toBe(false);
  });

  it('refuses non-strings, including arrays from repeated headers', () => {
    expect(tokenMatches(undefined, expected)).toBe(false);
    expect(tokenMatches(null, expected)).toBe(false);
    expect(tokenMatches([expected], expected)).toBe(false);
    expect(tokenMatches({ toString: () => expected }, expected)).toBe(false);
  });

  it('never matches when the expected token is empty (a misconfigured host must not be open)', () => {
    expect(tokenMatches('', '')).toBe(false);
    expect(tokenMatches('x', '')).toBe(false);
  });

  it('isWellFormedToken refuses short or unsafe tokens', () => {
    expect(isWellFormedToken('short')).toBe(false);
    expect(isWellFormedToken('a'.repeat(16))).toBe(true);
    expect(isWellFormedToken('a'.repeat(15) + '/')).toBe(false);
    expect(isWellFormedToken('a'.repeat(15) + '&')).toBe(false);
  });
});
