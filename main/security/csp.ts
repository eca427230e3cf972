// The Content-Security-Policy for the renderer, the same over file:// (Electron) and the loopback host.
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
