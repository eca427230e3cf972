// Maps a request path to a file inside the static root, or null. The rules are deliberately stricter than
// what a browser ever sends for the built renderer (hashed names under assets/), so anything unusual is
// refused instead of normalised: normalising is where traversal bugs hide.
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve, sep } from 'node:path';

// Characters no built asset name contains; each is a known way to smuggle a path (NUL truncation, Windows
// separators and drive letters / alternate data streams, leftover escapes that a second decode would expand).
const FORBIDDEN = /[\0-\x1f\x7f\\:%]/;

/**
 * `urlPath` is the request target as received (it may carry a query or fragment). It is percent-decoded
 * exactly once; encoded slashes and backslashes are refused before decoding, `.`/`..`/empty segments and
 * absolute forms after. A path ending in `/` means its index.html. Returns the absolute file path or null.
 */
export function resolveStaticPath(rootDir: string, urlPath: unknown): string | null {
  if (typeof urlPath !== 'string' || !urlPath.startsWith('/') || urlPath.startsWith('//')) return null;
  let raw = urlPath;
  const cut = raw.search(/[?#]/);
  if (cut >= 0) raw = raw.slice(0, cut);
  if (/%(2f|5c|00)/i.test(raw)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (FORBIDDEN.test(decoded)) return null;
  const segments = decoded.slice(1).split('/');
  if (segments[segments.length - 1] === '') segments[segments.length - 1] = 'index.html';
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..' || isAbsolute(s)) return null;
  }
  const root = resolve(rootDir);
  const full = resolve(root, ...segments);
  return isInside(root, full) ? full : null;
}

export function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * The symlink check the lexical one cannot do: resolves both real paths and requires a regular file whose
 * real location is still under the real root. Null when missing, not a file, or outside.
 */
export async function realFileInside(rootDir: string, candidate: string): Promise<string | null> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(candidate)]);
    if (!isInside(realRoot, realFile) || realFile === realRoot) return null;
    return (await stat(realFile)).isFile() ? realFile : null;
  } catch {
    return null;
  }
}
