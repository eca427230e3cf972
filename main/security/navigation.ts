// Which URLs count as "the app's own page" in Electron. The app is one document on its own scheme
// (fleetplan://app/index.html, app-protocol.ts); anything else (a local file, a web page, data:/javascript:
// URLs, another file of the app's origin, the same path with a query) is not the app.
import { APP_SCHEME } from './app-protocol';

/**
 * True when `url` is the app document itself: the app's scheme and host, no port, no credentials, exactly
 * the same path and no query. A fragment is allowed because the renderer routes with the hash, which never
 * changes which file is loaded. Both sides are parsed, never substring-matched; an `appUrl` off the app's
 * scheme trusts nothing.
 */
export function isAppNavigation(url: unknown, appUrl: string): boolean {
  const target = parse(url);
  const app = parse(appUrl);
  if (!target || !app || app.protocol !== `${APP_SCHEME}:`) return false;
  return (
    target.protocol === app.protocol &&
    target.host === app.host &&
    target.username === '' &&
    target.password === '' &&
    target.search === '' &&
    target.pathname === app.pathname
  );
}

/**
 * IPC sender check: the frame that invoked a channel must be showing the app document. Subframes and
 * navigated-away frames fail; a missing frame (already destroyed) fails.
 */
export function isTrustedSender(frameUrl: unknown, appUrl: string): boolean {
  return isAppNavigation(frameUrl, appUrl);
}

function parse(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 8192) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
