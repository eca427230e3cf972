import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentSecurityPolicyMeta } from '../../../main/security/csp';

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
