// POST /api/<channel>: the browser build's equivalent of an IPC invoke. Checks run cheapest and most
// general first (method, origin, token, content type, size) so an unauthorised caller learns nothing about
// channels or inputs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Handlers } from '../ipc/contract';
import { httpStatusFor, invokeHandler, type ErrorLogger } from '../ipc/transport';
import { isAllowedFetchSite, isAllowedOrigin } from '../security/host';
import { tokenMatches } from '../security/token';
import { sendError, sendJson } from './responses';

export const TOKEN_HEADER = 'x-fleetplan-token';
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface ApiOptions {
  handlers: Handlers;
  token: string;
  port: number;
  maxBodyBytes: number;
  log?: ErrorLogger;
}

export async function serveApi(opts: ApiOptions, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  if (req.method !== 'POST') {
    sendError(res, 405, 'invalid_input', 'API calls must use POST', { Allow: 'POST' });
    return;
  }
  if (!isAllowedOrigin(req.headers.origin, opts.port) || !isAllowedFetchSite(req.headers['sec-fetch-site'])) {
    sendError(res, 403, 'unauthorized', 'cross-origin API calls are refused');
    return;
  }
  const given = req.headers[TOKEN_HEADER];
  if (given === undefined || given === '') {
    sendError(res, 401, 'unauthorized', `missing ${TOKEN_HEADER} header (the token is in the URL fleetplan printed)`);
    return;
  }
  if (!tokenMatches(given, opts.token)) {
    sendError(res, 403, 'unauthorized', `wrong ${TOKEN_HEADER} (restarting fleetplan makes a new token)`);
    return;
  }
  // A JSON content type cannot be sent by a plain HTML form, which closes the classic CSRF route even if
  // a token ever leaked into another page.
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    sendError(res, 415, 'invalid_input', 'send the input as JSON with Content-Type: application/json');
    return;
  }
  const channel = pathname.startsWith('/api/') ? pathname.slice('/api/'.length) : '';
  const body = await readBody(req, opts.maxBodyBytes);
  if (body === 'too_large') {
    sendError(res, 413, 'invalid_input', `request body is larger than ${opts.maxBodyBytes} bytes`, { Connection: 'close' });
    return;
  }
  if (body === 'aborted') {
    res.destroy();
    return;
  }
  let raw: unknown;
  try {
    raw = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
  } catch {
    sendError(res, 400, 'invalid_input', 'request body is not valid JSON');
    return;
  }
  const result = await invokeHandler(opts.handlers, channel, raw, opts.log);
  if (result.ok) sendJson(res, 200, { result: result.value ?? null });
  else sendJson(res, httpStatusFor(result.error.code), { error: result.error });
}

/** Collects the body up to `limit` bytes; refuses early on a declared Content-Length above it. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large' | 'aborted'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve('too_large');
  }
  return new Promise((resolvePromise) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (value: Buffer | 'too_large' | 'aborted') => {
      if (done) return;
      done = true;
      resolvePromise(value);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        // Stop buffering but keep draining so the 413 can still be written on this connection.
        chunks.length = 0;
        finish('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish(Buffer.concat(chunks)));
    req.on('error', () => finish('aborted'));
    req.on('aborted', () => finish('aborted'));
  });
}
