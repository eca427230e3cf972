// Which URLs count as "the app's own page" in Electron. The app is one file:// document; anything else
// (another local file, a web page, data:/javascript: URLs, the same path with a query) is not the app.

/**
 * True when `url` is the app document itself: same file: scheme, no host (a host means a UNC/network
 * share), no credentials, exactly the same path and no query. A fragment is allowed because the renderer may
 * route with the hash, which never changes which file is loaded. Both sides are parsed, never substring-matched.
 */
export function isAppNavigation(url: unknown, appUrl: string): boolean {
  const target = parse(url);
  const app = parse(appUrl);
  if (!target || !app || app.protocol !== 'file:') return false;
  return (
    target.protocol === 'file:' &&
    target.host === '' &&
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
