// Small response helpers shared by the host's routes; every response carries the same defensive headers.
import type { ServerResponse } from 'node:http';
import type { ApiErrorBody, ApiErrorCode } from '../domain/errors';
import { contentSecurityPolicy } from '../security/csp';

const CSP = contentSecurityPolicy();

export function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    // The page URL carries the token: never send it onwards as a referrer.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...baseHeaders(),
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: ApiErrorCode,
  message: string,
  extra: Record<string, string> = {},
): void {
  const body: ApiErrorBody = { error: { code, message } };
  sendJson(res, status, body, extra);
}

export function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...baseHeaders(),
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}
