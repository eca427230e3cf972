// Starts the loopback host (the built dist/main/serve.cjs) on a free port and Debian's Chromium through
// Playwright, each with its own fresh folders, and stops them again.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SERVE = join(ROOT, 'dist', 'main', 'serve.cjs');
export const CHROMIUM = '/usr/bin/chromium';
export const RESULTS = join(ROOT, 'test-results');

const READY = /^fleetplan: serving on (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))\s*$/m;

export interface Host {
  url: string;
  origin: string;
  port: number;
  token: string;
  stop(): Promise<void>;
}

/** Why the e2e suite cannot run here, or null when it can. */
export function missingPrerequisite(): string | null {
  if (!existsSync(SERVE)) return `${SERVE} is missing: run \`node scripts/build.mjs\` first`;
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) return 'dist/renderer is missing: run `node scripts/build.mjs` first';
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)`;
  return null;
}

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function waitForExit(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolveExit();
    }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit();
    });
  });
}

/** Runs `node dist/main/serve.cjs --port 0 --data-dir <dataDir>` and resolves once it prints its URL. */
export function startHost(dataDir: string, timeoutMs = 30_000): Promise<Host> {
  const child = spawn(process.execPath, [SERVE, '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined },
  });
  let out = '';
  let err = '';
  return new Promise((resolveHost, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the host printed no URL within ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`));
    }, timeoutMs);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = READY.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const port = Number(m[2]);
      resolveHost({
        url: m[1],
        origin: `http://127.0.0.1:${port}`,
        port,
        token: m[3],
        stop: async () => {
          child.kill('SIGTERM');
          await waitForExit(child, 5000);
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the host exited with code ${code} before serving\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile and nothing that phones home. */
export async function launchBrowser(): Promise<Browser> {
  const profile = tempDir('fleetplan-e2e-profile-');
  const context = await chromium.launchPersistentContext(profile.dir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      profile.cleanup();
    },
  };
}

/** POST /api/<channel> from Node, as an outside caller would. */
export async function callApi(host: Pick<Host, 'origin'>, channel: string, input: unknown, token?: string): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers['x-fleetplan-token'] = token;
  const res = await fetch(`${host.origin}/api/${channel}`, { method: 'POST', headers, body: JSON.stringify(input) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the assertion message
  }
  return { status: res.status, body };
}

/**
 * Collects what a page reports as broken: uncaught errors and console errors. 4xx answers to deliberately bad
 * input are logged by Chromium as resource errors and are not counted; anything else is.
 */
export function trackPageProblems(page: { on(event: 'pageerror', fn: (e: Error) => void): unknown; on(event: 'console', fn: (m: { type(): string; text(): string }) => void): unknown }, problems: string[]): void {
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
}
