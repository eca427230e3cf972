import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentSecurityPolicyMeta, withCspMeta } from '../../../main/security/csp';
// @ts-expect-error: a plain-JS build script without type declarations
import { cspMetaPlugin } from '../../../scripts/csp-meta.mjs';

function parse(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name, sources] as [string, string[]];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  const csp = parse(contentSecurityPolicy());

  it('never allows eval or inline/remote script', () => {
    expect(contentSecurityPolicy()).not.toContain('unsafe-eval');
    expect(csp.get('script-src')).toEqual(["'self'"]);
  });

  it('denies by default and allows no remote origin anywhere', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    for (const sources of csp.values()) {
      for (const s of sources) expect(s).toMatch(/^('self'|'none'|'unsafe-inline'|data:|blob:)$/);
    }
  });

  it('allows inline style only for styles, and blocks plugins, base rewriting, forms and framing', () => {
    const withInline = [...csp].filter(([, s]) => s.includes("'unsafe-inline'")).map(([n]) => n);
    expect(withInline).toEqual(['style-src']);
    for (const d of ['object-src', 'base-uri', 'form-action', 'frame-ancestors', 'frame-src']) {
      expect(csp.get(d)).toEqual(["'none'"]);
    }
  });

  it('the meta variant is the same policy minus frame-ancestors (ignored in meta tags)', () => {
    const meta = parse(contentSecurityPolicyMeta());
    expect(meta.has('frame-ancestors')).toBe(false);
    expect(meta.size).toBe(csp.size - 1);
    for (const [name, sources] of meta) expect(csp.get(name)).toEqual(sources);
  });
});

/** The content of every CSP meta tag in `html`. */
function metaPolicies(html: string): string[] {
  return [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)].map((m) => m[1]);
}

describe("index.html's CSP meta tag (issue 14, finding 8: it was weaker than csp.ts)", () => {
  const source = readFileSync('renderer/index.html', 'utf8');

  it('is written at build time from csp.ts, through the plugin scripts/build.mjs gives Vite', async () => {
    const plugin = (await cspMetaPlugin()) as { transformIndexHtml: { order: string; handler: (html: string) => string } };
    expect(plugin.transformIndexHtml.order).toBe('pre');
    const built = plugin.transformIndexHtml.handler(source);
    expect(metaPolicies(built)).toEqual([contentSecurityPolicyMeta()]);
    expect([...parse(metaPolicies(built)[0])]).toEqual([...parse(contentSecurityPolicyMeta())]);
    // Everything but the tag's content is left as it was.
    expect(built.replace(contentSecurityPolicyMeta(), '')).toBe(source.replace(metaPolicies(source)[0], ''));
  });

  it("in the source says default-src 'none' alone: served unbuilt, the page loads nothing rather than something weaker", () => {
    expect(metaPolicies(source)).toEqual(["default-src 'none'"]);
  });

  it('refuses a page with no CSP meta tag or with two, rather than build one without', () => {
    expect(() => withCspMeta('<head><title>x</title></head>')).toThrow(/exactly one .*; it has 0/);
    const two = '<meta http-equiv="Content-Security-Policy" content="a"><meta http-equiv="Content-Security-Policy" content="b">';
    expect(() => withCspMeta(two)).toThrow(/it has 2/);
  });
});
