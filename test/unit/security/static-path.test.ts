import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInside, realFileInside, resolveStaticPath } from '../../../main/security/static-path';

const ROOT = resolve('/srv/app/dist/renderer');

describe('resolveStaticPath', () => {
  it('maps ordinary asset paths inside the root', () => {
    expect(resolveStaticPath(ROOT, '/index.html')).toBe(join(ROOT, 'index.html'));
    expect(resolveStaticPath(ROOT, '/assets/index-Ab_12.js')).toBe(join(ROOT, 'assets', 'index-Ab_12.js'));
    expect(resolveStaticPath(ROOT, '/')).toBe(join(ROOT, 'index.html'));
    expect(resolveStaticPath(ROOT, '/assets/')).toBe(join(ROOT, 'assets', 'index.html'));
  });

  it('ignores the query and fragment (the token rides in the page query)', () => {
    expect(resolveStaticPath(ROOT, '/?token=abc')).toBe(join(ROOT, 'index.html'));
    expect(resolveStaticPath(ROOT, '/index.html?x=../../etc/passwd#/../..')).toBe(join(ROOT, 'index.html'));
  });

  it('decodes exactly once', () => {
    expect(resolveStaticPath(ROOT, '/my%20file.txt')).toBe(join(ROOT, 'my file.txt'));
    // %2525 decodes to %25: a literal percent left over is refused rather than decoded a second time.
    expect(resolveStaticPath(ROOT, '/%252e%252e/secret')).toBeNull();
    expect(resolveStaticPath(ROOT, '/a%2525b')).toBeNull();
  });

  it.each([
    '/../secret',
    '/assets/../../secret',
    '/assets/../index.html',
    '/./index.html',
    '/%2e%2e/secret',
    '/%2E%2E/secret',
    '/%2e%2e%2fsecret',
    '/assets%2f..%2f..%2fsecret',
    '/assets%2F..%2F..%2Fsecret',
    '/..%5csecret',
    '/..\\secret',
    '/assets\\..\\..\\secret',
    '/%5c..%5csecret',
    '/index.html%00.png',
    '/index.html\0.png',
    '//etc/passwd',
    '/assets//x.js',
    '/C:/Windows/win.ini',
    '/c:%5cwindows',
    '/index.html::$DATA',
    '/%',
    '/%zz',
    '/%e0%a4%a',
    '/a%0ab',
    'index.html',
    '',
    'http://evil.example/index.html',
    '*',
  ])('refuses %j', (p) => {
    expect(resolveStaticPath(ROOT, p)).toBeNull();
  });

  it('refuses non-string input', () => {
    expect(resolveStaticPath(ROOT, undefined)).toBeNull();
    expect(resolveStaticPath(ROOT, ['/index.html'])).toBeNull();
  });

  it('isInside does not confuse a sibling folder sharing the prefix', () => {
    expect(isInside(ROOT, `${ROOT}-evil/x`)).toBe(false);
    expect(isInside(ROOT, join(ROOT, 'x'))).toBe(true);
  });
});

describe('realFileInside (symlink escape)', () => {
  let base: string;
  let root: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'fleetplan-static-'));
    root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(base, 'secret.txt'), 'secret');
    symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
    symlinkSync(base, join(root, 'up'));
    symlinkSync(join(root, 'index.html'), join(root, 'inner-link.html'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('accepts a real file inside the root, including through an inner symlink', async () => {
    expect(await realFileInside(root, join(root, 'index.html'))).toMatch(/index\.html$/);
    expect(await realFileInside(root, join(root, 'inner-link.html'))).toMatch(/index\.html$/);
  });

  it('refuses symlinks that lead outside, directories and missing files', async () => {
    expect(await realFileInside(root, join(root, 'assets', 'link.txt'))).toBeNull();
    expect(await realFileInside(root, join(root, 'up', 'secret.txt'))).toBeNull();
    expect(await realFileInside(root, join(root, 'assets'))).toBeNull();
    expect(await realFileInside(root, join(root, 'missing.js'))).toBeNull();
    expect(await realFileInside(root, root)).toBeNull();
  });

  it('chains with resolveStaticPath: a lexically fine path through an escaping link is still refused', async () => {
    const candidate = resolveStaticPath(root, '/up/secret.txt');
    expect(candidate).not.toBeNull();
    expect(await realFileInside(root, candidate as string)).toBeNull();
  });
});
