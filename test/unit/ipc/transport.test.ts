import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../../main/ipc/contract';
import { httpStatusFor, invokeHandler } from '../../../main/ipc/transport';
import { AppError, invalid, notFound } from '../../../main/domain/errors';

// Only the channels a test touches are implemented; the rest would fail loudly if reached.
function fakeHandlers(partial: Partial<Handlers>): Handlers {
  return new Proxy(partial as Handlers, {
    get(target, key) {
      if (key in target) return target[key as keyof Handlers];
      return () => {
        throw new Error(`unexpected call to ${String(key)}`);
      };
    },
  });
}

describe('invokeHandler', () => {
  it('parses the input with the contract before the handler sees it', async () => {
    const rename = vi.fn((input: { id: number; name: string }) => ({ id: input.id, name: input.name }));
    const handlers = fakeHandlers({ 'inventory.rename': rename as unknown as Handlers['inventory.rename'] });
    const result = await invokeHandler(handlers, 'inventory.rename', { id: 3, name: '  Lab fleet  ' });
    expect(result).toEqual({ ok: true, value: { id: 3, name: 'Lab fleet' } });
    expect(rename).toHaveBeenCalledWith({ id: 3, name: 'Lab fleet' });
  });

  it('treats a missing body as {} for channels without input', async () => {
    const info = vi.fn(() => ({ name: 'fleetplan' }));
    const handlers = fakeHandlers({ 'app.info': info as unknown as Handlers['app.info'] });
    expect(await invokeHandler(handlers, 'app.info', undefined)).toEqual({ ok: true, value: { name: 'fleetplan' } });
  });

  it('refuses bad input with the field named, and the handler never runs', async () => {
    const rename = vi.fn();
    const handlers = fakeHandlers({ 'inventory.rename': rename });
    const result = await invokeHandler(handlers, 'inventory.rename', { id: -1, name: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } });
    const extra = await invokeHandler(handlers, 'inventory.rename', { id: 1, name: 'x', sql: 'DROP TABLE' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(rename).not.toHaveBeenCalled();
  });

  it.each(['nope', '', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 42, null])(
    'answers not_found for the non-channel %j',
    async (channel) => {
      const result = await invokeHandler(fakeHandlers({}), channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    },
  );

  it('passes AppError codes and locations through', async () => {
    const handlers = fakeHandlers({
      'inventory.get': () => {
        throw notFound('Inventory 9 does not exist');
      },
      'inventory.import': () => {
        throw invalid('unknown GPU id "Z9"', { file: 'fleet.yaml', line: 7, field: 'pools[1].gpuTypeId' });
      },
      'inventory.create': () => {
        throw new AppError('conflict', 'name taken');
      },
    });
    expect(await invokeHandler(handlers, 'inventory.get', { id: 9 })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'Inventory 9 does not exist' },
    });
    expect(await invokeHandler(handlers, 'inventory.import', { fileName: 'fleet.yaml', text: 'x' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'unknown GPU id "Z9"', file: 'fleet.yaml', line: 7, field: 'pools[1].gpuTypeId' },
    });
    expect(await invokeHandler(handlers, 'inventory.create', { name: 'a' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('maps SQLite constraint failures to conflict and other errors to a generic internal error', async () => {
    const log = vi.fn();
    const sqlite = Object.assign(new Error('UNIQUE constraint failed: inventories.name'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    const secret = new Error('ENOENT: /home/alice/.secret at Object.<anonymous> (handlers.ts:12)');
    const handlers = fakeHandlers({
      'inventory.create': () => {
        throw sqlite;
      },
      'catalog.gpus': async () => {
        throw secret;
      },
    });
    const conflict = await invokeHandler(handlers, 'inventory.create', { name: 'a' }, log);
    expect(conflict).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const internal = await invokeHandler(handlers, 'catalog.gpus', {}, log);
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('alice');
    expect(JSON.stringify(internal)).not.toContain('handlers.ts');
    expect(log).toHaveBeenCalledWith('catalog.gpus', secret);
  });
});

describe('httpStatusFor', () => {
  it('maps each error code to its HTTP status', () => {
    expect(httpStatusFor('invalid_input')).toBe(400);
    expect(httpStatusFor('unauthorized')).toBe(401);
    expect(httpStatusFor('not_found')).toBe(404);
    expect(httpStatusFor('conflict')).toBe(409);
    expect(httpStatusFor('internal')).toBe(500);
  });
});
