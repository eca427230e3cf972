// `api`: the Electron bridge when the preload exposed one, else the loopback host over fetch. Both reject
// with ApiError, so screens handle errors the same way on either transport.
import type { Api } from '../../../main/ipc/contract';
import { toApiError } from './errors';
import { createHttpApi } from './http';
import { takeTokenFromUrl } from './token';

export { ApiError, toApiError, describeWhere, adviceFor } from './errors';

function wrapBridge(bridge: Api): Api {
  // The bridge rejects with a plain object (Error subclasses do not survive contextBridge): rebuild ours.
  return new Proxy({} as Api, {
    get(_target, prop) {
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      const fn = (bridge as unknown as Record<string, (input: unknown) => Promise<unknown>>)[prop];
      if (typeof fn !== 'function') return undefined;
      return (input: unknown) => fn(input).catch((err: unknown) => Promise.reject(toApiError(err)));
    },
  });
}

function createApi(): Api {
  if (window.api) return wrapBridge(window.api);
  const token = takeTokenFromUrl();
  return createHttpApi((url, init) => window.fetch(url, { ...init, credentials: 'same-origin', cache: 'no-store' }), '', () => token);
}

export const api: Api = createApi();
export const transport: 'electron' | 'http' = window.api ? 'electron' : 'http';
