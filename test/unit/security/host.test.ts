import { describe, expect, it } from 'vitest';
import { allowedHosts, isAllowedFetchSite, isAllowedHost, isAllowedOrigin } from '../../../main/security/host';

const PORT = 43117;

describe('isAllowedHost', () => {
  it.each(['127.0.0.1:43117', 'localhost:43117', '[::1]:43117'])('accepts the loopback name %s with our port', (h) => {
    expect(isAllowedHost(h, PORT)).toBe(true);
  });

  it.each([
    [undefined, 'missing header'],
    ['', 'empty header'],
    ['127.0.0.1', 'no port (browsers omit it only for port 80)'],
    ['localhost', 'no port'],
    ['127.0.0.1:43118', 'another port'],
    ['127.0.0.1:80', 'another port'],
    ['127.0.0.1:043117', 'zero-padded port'],
    ['127.0.0.1:43117 ', 'trailing space'],
    [' 127.0.0.1:43117', 'leading space'],
    ['localhost.:43117', 'trailing dot'],
    ['127.0.0.1.:43117', 'trailing dot on the address'],
    ['LOCALHOST:43117', 'uppercase (browsers always lowercase; exact match is the rule)'],
    ['LocalHost:43117', 'mixed case'],
    ['evil.example:43117', 'DNS rebinding name'],
    ['localhost.evil.example:43117', 'suffix trick'],
    ['127.0.0.1.nip.io:43117', 'wildcard DNS for 127.0.0.1'],
    ['user@127.0.0.1:43117', 'userinfo'],
    ['127.0.0.1:43117@evil.example', 'userinfo the other way'],
    ['evil.example#@127.0.0.1:43117', 'fragment trick'],
    ['127.1:43117', 'short IPv4 form'],
    ['2130706433:43117', 'integer IPv4 form'],
    ['0x7f000001:43117', 'hex IPv4 form'],
    ['0.0.0.0:43117', 'any-address'],
    ['[::ffff:127.0.0.1]:43117', 'IPv4-mapped IPv6'],
    ['::1:43117', 'IPv6 without brackets'],
    ['[::1]', 'IPv6 without port'],
    ['127.0.0.1:43117,evil.example', 'list'],
    ['127.0.0.1:43117\r\nX: y', 'header injection'],
  ])('refuses %j (%s)', (h, _why) => {
    expect(isAllowedHost(h, PORT)).toBe(false);
  });

  it('refuses non-string values', () => {
    expect(isAllowedHost(['127.0.0.1:43117'], PORT)).toBe(false);
    expect(isAllowedHost(null, PORT)).toBe(false);
    expect(isAllowedHost(43117, PORT)).toBe(false);
  });

  it('refuses everything when the port itself is not a real port (0 means "not listening yet")', () => {
    expect(isAllowedHost('127.0.0.1:0', 0)).toBe(false);
    expect(isAllowedHost('127.0.0.1:70000', 70000)).toBe(false);
    expect(isAllowedHost('127.0.0.1:NaN', Number.NaN)).toBe(false);
  });

  it('accepts the bare names on port 80 only, where browsers drop the default port', () => {
    expect(isAllowedHost('localhost', 80)).toBe(true);
    expect(isAllowedHost('127.0.0.1:80', 80)).toBe(true);
    expect(allowedHosts(8080)).not.toContain('localhost');
  });
});

describe('isAllowedOrigin', () => {
  it('lets requests without Origin through (non-browser clients; the token still applies)', () => {
    expect(isAllowedOrigin(undefined, PORT)).toBe(true);
  });

  it.each(['http://127.0.0.1:43117', 'http://localhost:43117', 'http://[::1]:43117'])('accepts own origin %s', (o) => {
    expect(isAllowedOrigin(o, PORT)).toBe(true);
  });

  it.each([
    'null',
    '',
    'https://127.0.0.1:43117',
    'http://127.0.0.1:43118',
    'http://evil.example',
    'http://evil.example:43117',
    'http://127.0.0.1:43117/',
    'http://127.0.0.1:43117.evil.example',
    'file://',
    'chrome-extension://abcdef',
  ])('refuses foreign origin %j', (o) => {
    expect(isAllowedOrigin(o, PORT)).toBe(false);
  });
});

describe('isAllowedFetchSite', () => {
  it('accepts same-origin, user-initiated and absent metadata; refuses cross-site and same-site', () => {
    expect(isAllowedFetchSite(undefined)).toBe(true);
    expect(isAllowedFetchSite('same-origin')).toBe(true);
    expect(isAllowedFetchSite('none')).toBe(true);
    expect(isAllowedFetchSite('cross-site')).toBe(false);
    expect(isAllowedFetchSite('same-site')).toBe(false);
    expect(isAllowedFetchSite('')).toBe(false);
  });
});
