// The per-launch API token: random, url-safe, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,256}$/;

/** 32 random bytes as base64url (43 characters): unguessable, and safe in a URL query without escaping. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isWellFormedToken(token: unknown): token is string {
  return typeof token === 'string' && TOKEN_PATTERN.test(token);
}

/**
 * Constant-time comparison that also hides the expected length: both sides are hashed to 32 bytes first,
 * so timingSafeEqual never sees unequal lengths and the time taken does not depend on where they differ.
 * Empty, non-string or oversized values never match.
 */
export function tokenMatches(given: unknown, expected: unknown): boolean {
  if (typeof given !== 'string' || typeof expected !== 'string') return false;
  if (given.length === 0 || expected.length === 0 || given.length > 1024) return false;
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
