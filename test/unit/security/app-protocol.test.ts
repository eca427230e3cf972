// The fleetplan://app scheme the Electron app serves its renderer from (issue 14, finding 8): which URLs map
// to which files of the build folder, and what a request gets back, on real files (Electron itself cannot
// launch here; main/index.ts only hands its Request to serveAppRequest).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { APP_SCHEME_PRIVILEGES, APP_URL, appFileFor, appRequestTarget, serveAppRequest } from '../../../main/security/app-protocol';
import { contentSecurityPolicy } from '../../../main/security/csp';

const ROOT = resolve('/opt/fleetplan/resources/app.asar/dist/renderer');

describe('appFileFor', () => {
  it('maps the app document and its assets into the build folder', () => {
    expect(appFileFor(ROOT, APP_URL)).toBe(join(ROOT, 'index.html'));
    expect(appFileFor(ROOT, `${APP_URL}#/report/3`)).toBe(join(ROOT, 'index.html'));
    expect(appFileFor(ROOT, 'fleetplan://app/')).toBe(join(ROOT, 'index.html'));
    expect(appFileFor(ROOT, 'fleetplan://app')).toBe(join(ROOT, 'index.html'));
    expect(appFileFor(ROOT, 'fleetplan://app/assets/index-Ab_12.js')).toBe(join(ROOT, 'assets', 'index-Ab_12.js'));
    expect(appFileFor(ROOT, 'fleetplan://app/assets/index-Ab_12.js.map')).toBe(join(ROOT, 'assets', 'index-Ab_12.js.map'));
  });

  it('resolves dot segments as a URL does, so they never leave the build folder', () => {
    // The URL parser folds "..", "%2e%2e" included, before the path is looked at: at most the root is reached.
    expect(appFileFor(ROOT, 'fleetplan://app/../../../../etc/passwd')).toBe(join(ROOT, 'etc', 'passwd'));
    expect(appFileFor(ROOT, 'fleetplan://app/%2e%2e/%2e%2e/etc/passwd')).toBe(join(ROOT, 'etc', 'passwd'));
    expect(appFileFor(ROOT, 'fleetplan://app/assets/../index.html')).toBe(join(ROOT, 'index.html'));
  });

  it.each([
    ['encoded slashes', 'fleetplan://app/..%2f..%2fetc%2fpasswd'],
    ['an encoded backslash', 'fleetplan://app/..%5c..%5cwindows'],
    ['a NUL byte', 'fleetplan://app/index.html%00.png'],
    ['a double-encoded dot segment', 'fleetplan://app/%252e%252e/etc/passwd'],
    ['a drive letter', 'fleetplan://app/C:/Windows/win.ini'],
    ['another host on the scheme', 'fleetplan://evil/index.html'],
    ['the app host with a port', 'fleetplan://app:1/index.html'],
    ['credentials', 'fleetplan://u:p@app/index.html'],
    ['a file URL', 'file:///etc/passwd'],
    ['an http URL', 'http://app/index.html'],
    ['not a URL', '/index.html'],
    ['not a string', 42],
    ['an over-long URL', `fleetplan://app/${'a'.repeat(9000)}`],
  ])('refuses %s', (_what, url) => {
    expect(appFileFor(ROOT, url)).toBeNull();
  });

  it('keeps the query for the static rules (which ignore it) and reports the path only on the app origin', () => {
    expect(appRequestTarget('fleetplan://app/index.html?x=1#y')).toBe('/index.html?x=1');
    expect(appRequestTarget('https://app/index.html')).toBeNull();
  });

  it('asks for no privilege that lets other origins read the scheme or skip the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
  });
});

describe('serveAppRequest on a real build folder', () => {
  let base: string;
  let root: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'fleetplan-app-protocol-'));
    root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>fleetplan</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'export const x = 1;\n');
    writeFileSync(join(base, 'secret.txt'), 'outside the build folder');
    symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.js'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('serves the page and its scripts with their content types and the CSP header', async () => {
    const page = await serveAppRequest(root, new Request(APP_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe('<!doctype html><title>fleetplan</title>');
    const script = await serveAppRequest(root, new Request('fleetplan://app/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('export const x = 1;\n');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await serveAppRequest(root, new Request(APP_URL, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await serveAppRequest(root, new Request(APP_URL, { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('404 for a missing file, a folder, a symlink out of the folder and any refused URL', async () => {
    for (const url of ['fleetplan://app/missing.js', 'fleetplan://app/assets', 'fleetplan://app/assets/link.js', 'fleetplan://app/..%2fsecret.txt', 'fleetplan://evil/index.html']) {
      const r = await serveAppRequest(root, { url, method: 'GET' });
      expect({ url, status: r.status, body: await r.text() }).toEqual({ url, status: 404, body: 'not found' });
    }
  });
});

describe('packaging (electron-builder.yml)', () => {
  const config = parseYaml(readFileSync('electron-builder.yml', 'utf8')) as { electronFuses: Record<string, boolean>; files: string[] };

  it('turns the GrantFileProtocolExtraPrivileges fuse off, now that nothing is loaded from file://', () => {
    expect(config.electronFuses.grantFileProtocolExtraPrivileges).toBe(false);
  });

  it('ships no source maps, so the app scheme has none to serve (docs/security.md)', () => {
    expect(config.files).toContain('!dist/**/*.map');
  });
});
