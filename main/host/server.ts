// The loopback host: the same renderer and the same channels as the Electron app, served over HTTP on
// 127.0.0.1 only, for `npm run serve`, `npm start` without Electron, and the browser end-to-end tests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Handlers } from '../ipc/contract';
import type { ErrorLogger } from '../ipc/transport';
import { isAllowedHost } from '../security/host';
import { isWellFormedToken, newToken } from '../security/token';
import { DEFAULT_MAX_BODY_BYTES, serveApi } from './api';
import { sendError, sendText } from './responses';
import { serveStatic } from './static';

export interface HostOptions {
  handlers: Handlers;
  /** The built renderer (dist/renderer); nothing outside it is ever read. */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Fixed token for tests; a fresh random one per launch otherwise. */
  token?: string;
  maxBodyBytes?: number;
  log?: ErrorLogger;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const LOOPBACK = '127.0.0.1';

export function hostUrl(port: number, token: string): string {
  return `http://${LOOPBACK}:${port}/?token=${token}`;
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? newToken();
  if (!isWellFormedToken(token)) throw new Error('the host token must be 16-256 url-safe characters');
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    throw new Error(`invalid port ${opts.port}: use 0-65535`);
  }
  let port = 0;
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      opts.log?.('host', err);
      if (!res.headersSent) sendError(res, 500, 'internal', 'internal error');
      else res.destroy();
    });
  });
  // Slow-loris protection: a request must arrive in full within these bounds.
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Exactly one Host header, naming our loopback address and port (DNS rebinding defence).
    const hostCount = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i].toLowerCase() === 'host').length;
    if (hostCount !== 1 || !isAllowedHost(req.headers.host, port)) {
      sendText(res, 403, 'forbidden host');
      return;
    }
    const target = req.url ?? '';
    const pathname = target.split(/[?#]/, 1)[0];
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      await serveApi(
        { handlers: opts.handlers, token, port, maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, log: opts.log },
        req,
        res,
        pathname,
      );
      return;
    }
    await serveStatic(opts.staticDir, req, res);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: opts.port, exclusive: true }, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: hostUrl(port, token),
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
