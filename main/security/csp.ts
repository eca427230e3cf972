// The Content-Security-Policy for the renderer, the same on fleetplan://app (Electron) and the loopback host:
// sent as a header by both, and written into the built index.html's meta tag by withCspMeta at build time.
// Each source that is not 'none' or 'self' carries its reason.
const directives: [string, string[]][] = [
  ['default-src', ["'none'"]],
  // Vite emits external module scripts only; no inline script, no eval, nothing remote.
  ['script-src', ["'self'"]],
  // 'unsafe-inline' for styles only: recharts and React set inline style attributes on SVG and layout
  // elements, and Vite may inline small CSS. Style injection cannot run code, and with img/font/connect
  // limited to 'self' an injected stylesheet has no channel to leak data through.
  ['style-src', ["'self'", "'unsafe-inline'"]],
  // data:/blob: for icons inlined by Vite and for chart images the report exporter renders locally.
  ['img-src', ["'self'", 'data:', 'blob:']],
  ['font-src', ["'self'", 'data:']],
  // The browser build calls POST /api/<channel> on its own origin; Electron makes no requests.
  ['connect-src', ["'self'"]],
  // Simulator web workers are bundled files; blob: is not allowed.
  ['worker-src', ["'self'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['form-action', ["'none'"]],
  ['frame-src', ["'none'"]],
];

/** The policy as an HTTP header value (also includes frame-ancestors, which only headers honour). */
export function contentSecurityPolicy(): string {
  return [...directives, ['frame-ancestors', ["'none'"]] as [string, string[]]]
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The same policy for a <meta http-equiv> tag, where frame-ancestors is ignored (and warned about). */
export function contentSecurityPolicyMeta(): string {
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

const CSP_META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/gi;

/**
 * `html` with its one CSP meta tag's content set to contentSecurityPolicyMeta(). The renderer build runs it
 * (scripts/csp-meta.mjs, a Vite plugin scripts/build.mjs adds), so the tag cannot drift from this file. The source
 * index.html's tag says default-src 'none': a page served unbuilt loads nothing rather than something weaker.
 */
export function withCspMeta(html: string): string {
  const found = html.match(CSP_META)?.length ?? 0;
  if (found !== 1) throw new Error(`renderer/index.html must have exactly one <meta http-equiv="Content-Security-Policy" content="…"> tag; it has ${found}`);
  const policy = contentSecurityPolicyMeta();
  return html.replace(CSP_META, (_m, open: string, _old: string, close: string) => `${open}${policy}${close}`);
}
