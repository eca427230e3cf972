import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppNavigation, isTrustedSender } from '../../../main/security/navigation';

const APP = pathToFileURL('/opt/fleetplan/resources/app.asar/dist/renderer/index.html').href;

describe('isAppNavigation / isTrustedSender', () => {
  it('accepts the app page itself, with or without a hash route', () => {
    for (const check of [isAppNavigation, isTrustedSender]) {
      expect(check(APP, APP)).toBe(true);
      expect(check(`${APP}#/inventories/3`, APP)).toBe(true);
      expect(check('file:///opt/fleetplan/resources/app.asar/dist/renderer/./index.html', APP)).toBe(true);
    }
  });

  it.each([
    ['http page', 'http://127.0.0.1:5173/index.html'],
    ['https page', 'https://evil.example/'],
    ['https page mentioning the app', `https://evil.example/?next=${APP}`],
    ['data url', 'data:text/html,<script>alert(1)</script>'],
    ['javascript url', 'javascript:alert(1)'],
    ['blob url', 'blob:file:///1234'],
    ['about:blank', 'about:blank'],
    ['devtools', 'devtools://devtools/bundled/inspector.html'],
    ['another local file', 'file:///etc/passwd'],
    ['another file next to the app', 'file:///opt/fleetplan/resources/app.asar/dist/renderer/evil.html'],
    ['a file in a subfolder of the app', 'file:///opt/fleetplan/resources/app.asar/dist/renderer/assets/index.html'],
    ['the app path as a prefix', `${APP}.evil.html`],
    ['a query string', `${APP}?x=1`],
    ['another file with the app url in its query', `file:///etc/passwd?${APP}`],
    ['another file with the app url in its fragment', `file:///tmp/evil.html#${APP}`],
    ['a UNC host', 'file://evil-host/opt/fleetplan/resources/app.asar/dist/renderer/index.html'],
    ['credentials', 'file://user:pw@/opt/fleetplan/resources/app.asar/dist/renderer/index.html'],
    ['dot-dot escaping to another file', `${APP}/../../evil.html`],
    ['percent-encoded path variant', APP.replace('index.html', '%69ndex.html')],
    ['uppercase path variant', APP.replace('index.html', 'INDEX.html')],
    ['empty', ''],
    ['not a url', 'index.html'],
  ])('refuses %s', (_what, url) => {
    expect(isAppNavigation(url, APP)).toBe(false);
    expect(isTrustedSender(url, APP)).toBe(false);
  });

  it('refuses non-strings (a destroyed frame has no url)', () => {
    expect(isTrustedSender(undefined, APP)).toBe(false);
    expect(isTrustedSender(null, APP)).toBe(false);
    expect(isTrustedSender(new URL(APP), APP)).toBe(false);
  });

  it('trusts nothing when the app url itself is not a file url', () => {
    expect(isAppNavigation('http://127.0.0.1/', 'http://127.0.0.1/')).toBe(false);
    expect(isAppNavigation('x', 'not a url')).toBe(false);
  });
});
