// The browser transport: POST /api/<channel> on the page's own origin, with the per-launch token. Built
// from a fetch function so the decoding is unit-tested without a browser.
import type { Api, Channel } from '../../../main/ipc/contract';
import { errorFromBody, toApiError } from './errors';

export const TOKEN_HEADER = 'x-fleetplan-token';

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<{
  status: number;
  ok: boolean;
  text(): Promise<string>;
}>;

export async function callHttp(fetchFn: FetchLike, base: string, token: string | null, channel: Channel, input: unknown): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers[TOKEN_HEADER] = token;
  let res;
  try {
    res = await fetchFn(`${base}/api/${channel}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
  } catch (err) {
    throw toApiError(err);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw errorFromBody(undefined, res.status);
  }
  if (!res.ok) throw errorFromBody(body, res.status);
  return (body as { result?: unknown } | undefined)?.result;
}

/**
 * Every channel of the contract as a method. A Proxy rather than a channel list so the renderer bundles no
 * runtime code from the contract (which pulls in zod); the Api type keeps the calls identical to IPC.
 */
export function createHttpApi(fetchFn: FetchLike, base: string, token: () => string | null): Api {
  const cache = new Map<string, (input: unknown) => Promise<unknown>>();
  return new Proxy({} as Api, {
    get(_target, prop) {
      // Not a thenable: `await api` must not try to call a channel named "then".
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      let fn = cache.get(prop);
      if (!fn) {
        fn = (input: unknown) => callHttp(fetchFn, base, token(), prop as Channel, input);
        cache.set(prop, fn);
      }
      return fn;
    },
  });
}
