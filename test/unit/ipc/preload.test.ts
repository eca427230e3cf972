// The preload bridge with Electron replaced by a recording fake: what exactly reaches the page.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../main/ipc/contract';
import { platformChannels, type PlatformApi } from '../../../main/ipc/platform';

const exposed = new Map<string, unknown>();
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
const invoke = vi.fn();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (channel: string, fn: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(fn);
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => void) => listeners.get(channel)?.delete(fn),
  },
}));

type Bridge = Record<string, (input: unknown) => Promise<unknown>>;
let api: Bridge;
let platform: PlatformApi;

beforeAll(async () => {
  await import('../../../main/preload');
  api = exposed.get('api') as Bridge;
  platform = exposed.get('platform') as PlatformApi;
});

describe('preload bridge', () => {
  it('exposes exactly window.api and window.platform', () => {
    expect([...exposed.keys()].sort()).toEqual(['api', 'platform']);
  });

  it('window.api has exactly the contract channels, each a function, and nothing generic', () => {
    expect(Object.keys(api).sort()).toEqual([...channelNames].sort());
    for (const name of channelNames) expect(typeof api[name]).toBe('function');
    for (const generic of ['invoke', 'send', 'on', 'ipcRenderer', 'call']) expect(api).not.toHaveProperty(generic);
    expect(Object.keys(platform).sort()).toEqual(['exportReportPdf', 'kind', 'onMenuCommand', 'openTextFile', 'saveTextFile']);
    expect(platform.kind).toBe('electron');
  });

  it('each channel invokes its own IPC channel with the input and resolves the value', async () => {
    invoke.mockReset();
    invoke.mockResolvedValue({ ok: true, value: [{ id: 1 }] });
    await expect(api['inventory.list']({})).resolves.toEqual([{ id: 1 }]);
    expect(invoke).toHaveBeenCalledWith('inventory.list', {});
    await api['inventory.rename']({ id: 2, name: 'x' });
    expect(invoke).toHaveBeenLastCalledWith('inventory.rename', { id: 2, name: 'x' });
  });

  it('rejects failures with a plain object carrying code, field, line and file (survives contextBridge)', async () => {
    invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'invalid_input', message: 'unknown GPU id "Z"', field: 'pools[0].gpuTypeId', line: 4, file: 'f.yaml' },
    });
    const err = await api['inventory.import']({ fileName: 'f.yaml', text: '' }).catch((e: unknown) => e);
    expect(err).toEqual({ name: 'ApiError', code: 'invalid_input', message: 'unknown GPU id "Z"', field: 'pools[0].gpuTypeId', line: 4, file: 'f.yaml' });
    expect(Object.getPrototypeOf(err)).toBe(Object.prototype);
    invoke.mockResolvedValueOnce(undefined);
    await expect(api['app.info']({})).rejects.toMatchObject({ code: 'internal' });
  });

  it('platform calls go to the platform channels', async () => {
    invoke.mockReset();
    invoke.mockResolvedValueOnce({ ok: true, value: null });
    await expect(platform.openTextFile({ title: 'Open', extensions: ['json'] })).resolves.toBeNull();
    expect(invoke).toHaveBeenCalledWith(platformChannels.openTextFile, { title: 'Open', extensions: ['json'] });
    invoke.mockResolvedValueOnce({ ok: true, value: true });
    await expect(platform.saveTextFile({ fileName: 'a.json', text: '{}' })).resolves.toBe(true);
    expect(invoke).toHaveBeenLastCalledWith(platformChannels.saveTextFile, { fileName: 'a.json', text: '{}' });
  });

  it('menu commands reach the page without the IPC event, unknown ones are dropped, unsubscribe works', () => {
    const got: unknown[][] = [];
    const off = platform.onMenuCommand((...args: unknown[]) => got.push(args));
    const emit = (cmd: unknown) => {
      for (const fn of listeners.get(platformChannels.menuCommand) ?? []) fn({ sender: 'ipcRenderer-secret' }, cmd);
    };
    emit('inventory.open');
    emit('rm -rf');
    emit({ toString: () => 'inventory.new' });
    emit('__proto__');
    expect(got).toEqual([['inventory.open']]);
    off();
    emit('inventory.save');
    expect(got).toHaveLength(1);
  });
});
