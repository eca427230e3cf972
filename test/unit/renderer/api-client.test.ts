import { describe, expect, it } from 'vitest';
import { ApiError, adviceFor, describeWhere, errorFromBody, toApiError } from '../../../renderer/src/api/errors';
import { callHttp, createHttpApi, TOKEN_HEADER, type FetchLike } from '../../../renderer/src/api/http';

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}

function fakeFetch(status: number, text: string, sent: Sent[] = []): FetchLike {
  return async (url, init) => {
    sent.push({ url, headers: init.headers, body: init.body });
    return { status, ok: status >= 200 && status < 300, text: async () => text };
  };
}

describe('errorFromBody', () => {
  it('keeps code, message, field, line and file from the host body', () => {
    const e = errorFromBody({ error: { code: 'invalid_input', message: 'bad', field: 'pools[0].gpuCount', line: 9, file: 'a.yaml' } }, 400);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: 'invalid_input', message: 'bad', field: 'pools[0].gpuCount', line: 9, file: 'a.yaml', status: 400 });
    expect(describeWhere(e)).toBe('a.yaml, line 9: pools[0].gpuCount');
  });

  it('reads the bare object the Electron bridge rejects with', () => {
    const e = toApiError({ name: 'ApiError', code: 'not_found', message: 'gone' });
    expect(e).toMatchObject({ code: 'not_found', message: 'gone' });
  });

  it('turns a body without a message into an error that says the status', () => {
    const e = errorFromBody('<html>', 403);
    expect(e.code).toBe('unauthorized');
    expect(e.message).toContain('403');
    expect(adviceFor(e)).toContain('URL');
  });

  it('maps unknown codes to internal rather than trusting them', () => {
    expect(errorFromBody({ error: { code: 'weird', message: 'x' } }).code).toBe('internal');
  });
});

describe('callHttp', () => {
  it('posts JSON to /api/<channel> with the token header and returns the result', async () => {
    const sent: Sent[] = [];
    const out = await callHttp(fakeFetch(200, JSON.stringify({ result: [{ id: 1 }] }), sent), 'http://h', 'tok', 'inventory.list', {});
    expect(out).toEqual([{ id: 1 }]);
    expect(sent[0].url).toBe('http://h/api/inventory.list');
    expect(sent[0].headers[TOKEN_HEADER]).toBe('tok');
    expect(sent[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent[0].body)).toEqual({});
  });

  it('sends no token header when there is no token', async () => {
    const sent: Sent[] = [];
    await callHttp(fakeFetch(200, '{"result":null}', sent), '', null, 'app.info', {});
    expect(TOKEN_HEADER in sent[0].headers).toBe(false);
  });

  it('rejects with the decoded ApiError on an error status', async () => {
    const body = JSON.stringify({ error: { code: 'invalid_input', message: 'must be whole nodes', field: 'pools[1].gpuCount' } });
    await expect(callHttp(fakeFetch(400, body), '', 't', 'inventory.setPools', {})).rejects.toMatchObject({
      name: 'ApiError', code: 'invalid_input', field: 'pools[1].gpuCount', status: 400,
    });
  });

  it('rejects with a clear message when the host is unreachable or answers garbage', async () => {
    const down: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(callHttp(down, '', 't', 'app.info', {})).rejects.toThrow(/cannot reach fleetplan/);
    await expect(callHttp(fakeFetch(502, 'Bad Gateway'), '', 't', 'app.info', {})).rejects.toThrow(/HTTP 502/);
  });
});

describe('createHttpApi', () => {
  it('exposes every channel as a method and is not a thenable', async () => {
    const sent: Sent[] = [];
    const api = createHttpApi(fakeFetch(200, '{"result":{"deleted":true}}', sent), '', () => 'tok');
    expect(await api['inventory.delete']({ id: 3 })).toEqual({ deleted: true });
    expect(sent[0].url).toBe('/api/inventory.delete');
    expect(JSON.parse(sent[0].body)).toEqual({ id: 3 });
    expect((api as unknown as { then?: unknown }).then).toBeUndefined();
  });
});
