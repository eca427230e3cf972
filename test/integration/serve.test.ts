// `npm run serve` as a process: the one stdout line the e2e tests parse, the token on the live API, clean
// shutdown on SIGTERM, and one-line errors for a bad flag and a busy port. The entry is bundled with
// esbuild into a temp folder next to a fixture renderer, so the test needs no full build.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleEntries, bundleEnv as env, repo } from '../helpers/bundle';

let base: string;
let bundle: string;
const LINE = /^fleetplan: serving on (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'fleetplan-serve-'));
  bundle = (await bundleEntries(base, { serve: 'main/serve.ts' })).serve;
}, 60_000);

afterAll(() => rmSync(base, { recursive: true, force: true }));

function startServe(args: string[]): Promise<{ child: ChildProcess; line: string; stderr: () => string }> {
  const child = spawn(process.execPath, [bundle, ...args], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c) => (err += c));
  return new Promise((resolvePromise, reject) => {
    child.stdout!.on('data', (c) => {
      out += c;
      if (out.includes('\n')) resolvePromise({ child, line: out.split('\n')[0], stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code} before printing its URL: ${err}`)));
  });
}

describe('serve entry', () => {
  it('prints exactly one URL line, serves with the token, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = join(base, 'data');
    const { child, line } = await startServe(['--port', '0', '--data-dir', dataDir]);
    const m = LINE.exec(line);
    expect(m, line).not.toBeNull();
    const [, , port, token] = m!;
    const call = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/api/app.info`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
    expect((await call({})).status).toBe(401);
    const ok = await call({ 'x-fleetplan-token': token });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { result: { dataDir: string } }).result.dataDir).toBe(dataDir);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);

    const stdoutRest: string[] = [];
    child.stdout!.on('data', (c) => stdoutRest.push(String(c)));
    const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stdoutRest.join('')).toBe('');
    // A clean close checkpoints the WAL and removes it; a killed process would leave it behind.
    expect(existsSync(join(dataDir, 'fleetplan.sqlite'))).toBe(true);
    expect(existsSync(join(dataDir, 'fleetplan.sqlite-wal'))).toBe(false);
  });

  it.each([
    [['--prot', '80'], /unknown option "--prot"/],
    [['--port', 'abc'], /--port must be a whole number/],
    [['--data-dir'], /--data-dir needs a value/],
  ])('refuses %j with a clear error and exit 1', (args, message) => {
    const r = spawnSync(process.execPath, [bundle, ...args], { cwd: repo, env, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toMatch(/^fleetplan: /);
    expect(r.stderr).toMatch(message);
  });

  it('says the port is in use, in one line, when it is', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = spawnSync(process.execPath, [bundle, '--port', String(port), '--data-dir', join(base, 'data2')], {
        cwd: repo,
        env,
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });
});
