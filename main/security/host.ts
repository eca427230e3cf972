// Which Host and Origin headers the loopback host answers. A page on any website can make the browser
// send requests to 127.0.0.1, and a DNS-rebinding name (evil.example resolving to 127.0.0.1) even makes
// them same-origin; checking the Host header against the exact loopback names we serve defeats both.

/** The loopback names the host serves under, in the form browsers put them in the Host header. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

/**
 * True only for `127.0.0.1:PORT`, `localhost:PORT` or `[::1]:PORT` (bare names only when PORT is 80, where
 * browsers omit it). Matching is exact and case-sensitive: browsers and Node's clients lowercase the host
 * before sending, so `LOCALHOST` only comes from hand-made requests, and an exact allow-list is easier to
 * audit than a normaliser (no trailing dots, userinfo, zero-padded ports or alternative IPv4 spellings).
 */
export function isAllowedHost(hostHeader: unknown, port: number): boolean {
  if (typeof hostHeader !== 'string' || !isPort(port)) return false;
  return allowedHosts(port).includes(hostHeader);
}

export function allowedHosts(port: number): string[] {
  const withPort = LOOPBACK_NAMES.map((n) => `${n}:${port}`);
  return port === 80 ? [...withPort, ...LOOPBACK_NAMES] : withPort;
}

/**
 * Origin check for state-changing requests. Browsers send Origin on every cross-origin request and on
 * same-origin POSTs; non-browser clients (curl, Node) usually send none, and the token still guards them.
 * `null` (sandboxed iframes, file: pages, redirects) is refused.
 */
export function isAllowedOrigin(originHeader: unknown, port: number): boolean {
  if (originHeader === undefined) return true;
  if (typeof originHeader !== 'string' || !isPort(port)) return false;
  return allowedHosts(port).some((h) => originHeader === `http://${h}`);
}

/**
 * Fetch metadata: when a browser says the request is cross-site (or from a same-site but different origin),
 * refuse it even before looking at the token. Absent header (older browsers, non-browser clients) passes.
 */
export function isAllowedFetchSite(secFetchSite: unknown): boolean {
  if (secFetchSite === undefined) return true;
  return secFetchSite === 'same-origin' || secFetchSite === 'none';
}

function isPort(port: number): boolean {
  return Number.isInteger(port) && port > 0 && port <= 65535;
}
