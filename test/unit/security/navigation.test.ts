import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APP_URL } from '../../../main/security/app-protocol';
import { isAppNavigation, isTrustedSender } from '../../../main/security/navigation';

const APP = APP_URL;
/** Where the renderer's index.html lies in an installed app: loaded from there as file:// before issue 14. */
const FILE_APP = pathToFileURL('/opt/fleetplan/resources/app.asar/dist/renderer/index.html').href;

describe('isAppNavigation / isTrustedSender', () => {
  it('accepts the app page itself, with or without a hash route', () => {
    for (const check of [isAppNavigation, isTrustedSender]) {
      expect(check(APP, APP)).toBe(true);
      expect(check(`${APP}#/inventories/3`, APP)).toBe(true);
      expect(check('fleetplan://app/./index.html', APP)).toBe(true);
      expect(check('fleetplan://app/assets/../index.html', APP)).toBe(true);
    }
  });

  it.each([
    ['http page', 'http://127.0.0.1:5173/index.html'],
    ['https page', 'https://evil.example/'],
    ['https page mentioning the app', `https://evil.example/?next=${APP}`],
    ['data url', 'data:text/html,<script>alert(1)</script>'],
    ['javascript url', 'javascript:alert(1)'],
    ['blob url', 'blob:file:///1234'],
    ['blob url of the app origin', 'blob:fleetplan://app/1234'],
    ['about:blank', 'about:blank'],
    ['devtools', 'devtools://devtools/bundled/inspector.html'],
    ['the app document as a local file (how it loaded before)', FILE_APP],
    ['another local file', 'file:///etc/passwd'],
    ['another file of the app origin', 'fleetplan://app/evil.html'],
    ['a file in a subfolder of the app origin', 'fleetplan://app/assets/index.html'],
    ['the app origin root', 'fleetplan://app/'],
    ['another host on the app scheme', 'fleetplan://evil/index.html'],
    ['the app host with a port', 'fleetplan://app:8080/index.html'],
    ['the app host in capitals (never how Chromium reports it)', 'fleetplan://APP/index.html'],
    ['the app path as a prefix', `${APP}.evil.html`],
    ['a query string', `${APP}?x=1`],
    ['another file with the app url in its query', `file:///etc/passwd?${APP}`],
    ['another file with the app url in its fragment', `file:///tmp/evil.html#${APP}`],
    ['credentials', 'fleetplan://user:pw@app/index.html'],
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

  it('trusts nothing when the app url itself is not on the app scheme', () => {
    expect(isAppNavigation('http://127.0.0.1/', 'http://127.0.0.1/')).toBe(false);
    expect(isAppNavigation(FILE_APP, FILE_APP)).toBe(false);
    expect(isAppNavigation('x', 'not a url')).toBe(false);
  });
});
