// The app's own origin in Electron. The renderer is served from fleetplan://app/ (protocol.handle in
// main/index.ts) instead of file://: every file:// page shares one origin with every local file, so there
// 'self' in the CSP covered the whole file system, and ES modules over file:// need the
// GrantFileProtocolExtraPrivileges fuse on. Here 'self' is the build folder and nothing else, and the fuse is off
// (electron-builder.yml). No electron import: main/index.ts passes Electron's Request in, tests pass Node's.
import { readFile } from 'node:fs/promises';
import { baseHeaders } from '../host/responses';
import { contentTypeFor } from '../host/static';
import { realFileInside, resolveStaticPath } from './static-path';

export const APP_SCHEME = 'fleetplan';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The app document; the renderer routes on the hash (#/report/3), which never changes the file loaded. */
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * What protocol.registerSchemesAsPrivileged grants the scheme (before the app is ready). standard: URLs have
 * a host and relative URLs resolve, as for https (Vite's build links ./assets/…); secure: a secure context, as
 * file:// was; supportFetchAPI: the page's own module scripts and fetches of its own files load. corsEnabled
 * stays off, so no other origin can read the scheme's files (Electron refuses cross-origin reads of a scheme
 * without it), and bypassCSP stays off, so the page's CSP applies to it.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/**
 * The path and query of `url` when it is on the app's origin (fleetplan://app with no port and no
 * credentials), else null. The URL is parsed, never matched as text.
 */
export function appRequestTarget(url: unknown): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username !== '' || u.password !== '') return null;
  return `${u.pathname || '/'}${u.search}`;
}

/**
 * The file of the build folder `rootDir` that `url` names, or null: off the app's origin, or refused by the
 * loopback host's own rules (resolveStaticPath: traversal, encoded separators, control characters).
 */
export function appFileFor(rootDir: string, url: unknown): string | null {
  const target = appRequestTarget(url);
  return target === null ? null : resolveStaticPath(rootDir, target);
}

function text(status: number, body: string, extra: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extra } });
}

/**
 * The answer to one request on the app's scheme: GET/HEAD of a regular file whose real path (symlinks
 * followed) is inside `rootDir`, with the loopback host's headers (CSP, nosniff, …) and content types.
 */
export async function serveAppRequest(rootDir: string, request: Pick<Request, 'url' | 'method'>): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'method not allowed', { Allow: 'GET, HEAD' });
  const candidate = appFileFor(rootDir, request.url);
  const file = candidate ? await realFileInside(rootDir, candidate) : null;
  if (!file) return text(404, 'not found');
  const body = request.method === 'HEAD' ? null : await readFile(file);
  return new Response(body, { status: 200, headers: { ...baseHeaders(), 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-cache' } });
}
