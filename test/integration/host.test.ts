// The loopback host end to end over real sockets: real handlers on a real SQLite file in a temp folder,
// a fixture renderer folder with a secret file beside it, and raw requests where a client would normalise.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db';
import { startHost, type RunningHost } from '../../main/host/server';
import { createHandlers } from '../../main/ipc/handlers';
import { assetsDir } from '../../main/paths';
import { openAppDatabase } from '../../main/services/seed';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let base: string;
let staticDir: string;
let db: Db;
let host: RunningHost;
const SECRET = 'top-secret-outside-the-build';

function send(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { Host: `127.0.0.1:${host.port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

function api(channel: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send({
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'Content-Type': 'application/json', 'x-fleetplan-token': host.token, ...headers },
    body: JSON.stringify(input),
  });
}

/** Writes bytes exactly as given (no path normalisation, duplicate headers allowed); returns status and body. */
function raw(text: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    // write, not end: a half-closed socket makes Node's server drop the request before it can answer.
    const socket = connect(host.port, '127.0.0.1', () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(all)?.[1] ?? 0);
      resolve({ status, body: all.slice(all.indexOf('\r\n\r\n') + 4) });
    });
  });
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'fleetplan-host-'));
  staticDir = join(base, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>fleetplan</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(staticDir, 'assets', 'style.css'), 'body{}');
  writeFileSync(join(staticDir, 'assets', 'app.js.map'), '{"version":3,"sources":["../../renderer/src/main.tsx"],"mappings":""}');
  writeFileSync(join(base, 'secret.txt'), SECRET);
  symlinkSync(join(base, 'secret.txt'), join(staticDir, 'assets', 'leak.txt'));
  const dataDir = join(base, 'data');
  db = openAppDatabase(dataDir, assetsDir());
  const handlers = createHandlers({ db, clock: () => new Date('2025-01-02T03:04:05Z'), dataDir, appVersion: '9.9.9-test' });
  host = await startHost({ handlers, staticDir, port: 0, log: () => undefined });
});

afterAll(async () => {
  await host?.close();
  db?.close();
  rmSync(base, { recursive: true, force: true });
});

describe('startHost', () => {
  it('listens on 127.0.0.1 with a fresh url-safe token and prints the page url with it', () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
  });

  it('is not reachable on any non-loopback address of this machine', async () => {
    const addresses = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    for (const address of addresses) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port: host.port, timeout: 2000 });
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
        socket.once('timeout', () => (socket.destroy(), resolve(false)));
      });
      expect(reached, address).toBe(false);
    }
  });

  it('refuses to start with a guessable token or an impossible port', async () => {
    const handlers = createHandlers({ db, clock: () => new Date(), dataDir: base, appVersion: 'x' });
    await expect(startHost({ handlers, staticDir, port: 0, token: '' })).rejects.toThrow(/token/);
    await expect(startHost({ handlers, staticDir, port: 0, token: 'short' })).rejects.toThrow(/token/);
    await expect(startHost({ handlers, staticDir, port: 0, token: 'a'.repeat(20) + '&x=1' })).rejects.toThrow(/token/);
    await expect(startHost({ handlers, staticDir, port: 70000 })).rejects.toThrow(/port/);
    const fixed = await startHost({ handlers, staticDir, port: 0, token: 'fixed-token-for-tests-0123' });
    expect(fixed.url).toBe(`http://127.0.0.1:${fixed.port}/?token=fixed-token-for-tests-0123`);
    expect(fixed.port).not.toBe(host.port);
    await fixed.close();
  });

  it('answers app.info and catalog.gpus from the real database with the token', async () => {
    const info = await api('app.info', {});
    expect(info.status).toBe(200);
    expect(info.headers['content-type']).toBe('application/json; charset=utf-8');
    const { result } = JSON.parse(info.body);
    expect(result.version).toBe('9.9.9-test');
    expect(result.licences.length).toBeGreaterThan(0);
    const gpus = await api('catalog.gpus', {});
    expect(gpus.status).toBe(200);
    const list = JSON.parse(gpus.body).result as { id: string }[];
    expect(list.length).toBeGreaterThan(5);
    expect(new Set(list.map((g) => g.id)).size).toBe(list.length);
  });

  it('persists through the API: create, then list finds it', async () => {
    const created = await api('inventory.create', { name: 'Host test fleet' });
    expect(created.status).toBe(200);
    const id = JSON.parse(created.body).result.id as number;
    const listed = JSON.parse((await api('inventory.list', {})).body).result as { id: number; name: string }[];
    expect(listed.find((i) => i.id === id)?.name).toBe('Host test fleet');
  });

  it('401 without the token, 403 with a wrong one, on every channel', async () => {
    for (const channel of ['app.info', 'inventory.list', 'no.such.channel']) {
      const missing = await send({ method: 'POST', path: `/api/${channel}`, headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(missing.status).toBe(401);
      expect(JSON.parse(missing.body).error.code).toBe('unauthorized');
      const wrong = await api(channel, {}, { 'x-fleetplan-token': `${host.token.slice(0, -1)}x` });
      expect(wrong.status).toBe(403);
      const empty = await api(channel, {}, { 'x-fleetplan-token': '' });
      expect(empty.status).toBe(401);
    }
  });

  it('the token in the page query does not authorise API calls (only the header does)', async () => {
    const r = await send({ method: 'POST', path: `/api/app.info?token=${host.token}`, headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(401);
  });

  it('403 for a foreign or missing Host header, on pages and API alike', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, `localhost:${host.port + 1}`, `LOCALHOST:${host.port}`]) {
      expect((await send({ path: '/', headers: { Host: hostHeader } })).status).toBe(403);
      expect((await api('app.info', {}, { Host: hostHeader })).status).toBe(403);
    }
    expect((await send({ path: '/', headers: { Host: `localhost:${host.port}` } })).status).toBe(200);
    expect((await raw('GET / HTTP/1.0\r\nConnection: close\r\n\r\n')).status).toBe(403);
    const twice = await raw(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`);
    expect([400, 403]).toContain(twice.status);
  });

  it('refuses cross-origin API calls even with the token', async () => {
    expect((await api('app.info', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('app.info', {}, { Origin: 'null' })).status).toBe(403);
    expect((await api('app.info', {}, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await api('app.info', {}, { Origin: `http://127.0.0.1:${host.port}`, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
  });

  it('404 for an unknown channel, 405 for GET on the API, 415 for a non-JSON body', async () => {
    const unknown = await api('inventory.drop', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('not_found');
    expect((await api('__proto__', {})).status).toBe(404);
    const get = await send({ path: '/api/app.info', headers: { 'x-fleetplan-token': host.token } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect((await send({ path: '/api' })).status).toBe(405);
    const form = await api('app.info', {}, { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
  });

  it('400 naming the field for bad input, and for a body that is not JSON', async () => {
    const bad = await api('inventory.rename', { id: 'one', name: 'x' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatchObject({ code: 'invalid_input', field: 'id' });
    const pool = await api('inventory.create', { name: 'x', pools: [{ name: 'p' }] });
    expect(pool.status).toBe(400);
    expect(JSON.parse(pool.body).error.field).toMatch(/^pools\[0\]\./);
    const notJson = await send({ method: 'POST', path: '/api/app.info', headers: { 'Content-Type': 'application/json', 'x-fleetplan-token': host.token }, body: '{nope' });
    expect(notJson.status).toBe(400);
  });

  it('404 for a missing inventory and never a stack trace', async () => {
    const r = await api('inventory.get', { id: 987654 });
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body).error.code).toBe('not_found');
    expect(r.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('413 for a body over the limit', async () => {
    const small = await startHost({ handlers: createHandlers({ db, clock: () => new Date(), dataDir: base, appVersion: 'x' }), staticDir, port: 0, maxBodyBytes: 1024 });
    try {
      const big = JSON.stringify({ fileName: 'a.json', text: 'x'.repeat(4096) });
      const r = await new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: small.port, method: 'POST', path: '/api/inventory.import', headers: { Host: `127.0.0.1:${small.port}`, 'Content-Type': 'application/json', 'x-fleetplan-token': small.token } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(big);
      });
      expect(r).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('serves the renderer with content types and the CSP header', async () => {
    const page = await send({ path: `/?token=${host.token}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>fleetplan</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await send({ path: '/assets/app.js' })).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await send({ path: '/assets/style.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    // Source maps are served like any other built file (docs/security.md says why).
    const map = await send({ path: '/assets/app.js.map' });
    expect({ status: map.status, type: map.headers['content-type'] }).toEqual({ status: 200, type: 'application/json; charset=utf-8' });
    const head = await send({ method: 'HEAD', path: '/index.html' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await send({ method: 'PUT', path: '/index.html' })).status).toBe(405);
    expect((await send({ path: '/missing.js' })).status).toBe(404);
  });

  it('never serves a file outside the build folder, however the path is spelled', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '/%252e%252e/secret.txt',
      '/assets/leak.txt',
      '//secret.txt',
      `/${join(base, 'secret.txt')}`,
      '/index.html%00/../../secret.txt',
    ];
    for (const path of attempts) {
      const r = await raw(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`);
      expect([400, 403, 404], path).toContain(r.status);
      expect(r.body, path).not.toContain(SECRET);
    }
  });
});
