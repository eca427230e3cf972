// Serves the built renderer read-only. Only GET/HEAD, only regular files whose real path is inside the
// build folder, with a content type from a fixed table (nosniff keeps browsers from guessing another).
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { realFileInside, resolveStaticPath } from '../security/static-path';
import { baseHeaders, sendText } from './responses';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export async function serveStatic(staticDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const candidate = resolveStaticPath(staticDir, req.url);
  const file = candidate ? await realFileInside(staticDir, candidate) : null;
  if (!file) {
    sendText(res, 404, 'not found');
    return;
  }
  const stream = createReadStream(file);
  stream.once('open', () => {
    res.writeHead(200, {
      ...baseHeaders(),
      'Content-Type': contentTypeFor(file),
      // Revalidate everything: it is a loopback read, and a rebuild must never leave a stale page or asset.
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') {
      stream.destroy();
      res.end();
      return;
    }
    stream.pipe(res);
  });
  stream.once('error', () => {
    if (!res.headersSent) sendText(res, 404, 'not found');
    else res.destroy();
  });
}
