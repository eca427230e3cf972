// IPC registration with ipcMain replaced by a recording fake: the sender check runs first, then the
// contract's parsing, then the handler; platform channels get the same sender check and their own parsing.
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames, type Handlers } from '../../../main/ipc/contract';
import { platformChannels } from '../../../main/ipc/platform';
import { APP_URL } from '../../../main/security/app-protocol';

type Handle = (event: unknown, raw: unknown) => Promise<unknown> | unknown;
const handles = new Map<string, Handle>();

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: Handle) => handles.set(channel, fn),
    removeHandler: (channel: string) => handles.delete(channel),
  },
}));

const APP = APP_URL;
const rename = vi.fn((input: { id: number; name: string }) => ({ ...input, pools: [] }));
const openTextFile = vi.fn(async () => ({ fileName: 'a.json', text: '{}' }));
const saveTextFile = vi.fn(async () => true);
const exportReportPdf = vi.fn(async () => true);
const handlers = new Proxy({ 'inventory.rename': rename } as unknown as Handlers, {
  get: (t, k) => (k in t ? t[k as keyof Handlers] : () => ({ channel: String(k) })),
});
const from = (url: string | null) => ({ senderFrame: url === null ? null : { url } });
let unregister: () => void;

beforeAll(async () => {
  const { registerIpc } = await import('../../../main/ipc/register');
  unregister = registerIpc({ handlers, appUrl: APP, platform: { openTextFile, saveTextFile, exportReportPdf } });
});

describe('registerIpc', () => {
  it('registers every contract channel and the three platform request channels, nothing else', () => {
    expect([...handles.keys()].sort()).toEqual(
      [...channelNames, platformChannels.openTextFile, platformChannels.saveTextFile, platformChannels.exportReportPdf].sort(),
    );
  });

  it.each([
    ['another local page', 'file:///tmp/evil.html'],
    ['the renderer loaded as a local file', pathToFileURL('/opt/fleetplan/dist/renderer/index.html').href],
    ['another page of the app origin', 'fleetplan://app/evil.html'],
    ['a web page', 'https://evil.example/'],
    ['the app url with a query', `${APP}?x=1`],
    ['a data url', 'data:text/html,hi'],
    ['a destroyed frame', null],
  ])('refuses a call from %s before parsing or running anything', async (_what, url) => {
    rename.mockClear();
    const result = await handles.get('inventory.rename')!(from(url), { id: 1, name: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(rename).not.toHaveBeenCalled();
    const open = await handles.get(platformChannels.openTextFile)!(from(url), { title: 't', extensions: ['json'] });
    expect(open).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(openTextFile).not.toHaveBeenCalled();
  });

  it('refuses a missing event frame object altogether', async () => {
    expect(await handles.get('app.info')!({}, {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('parses input from the app page and names the bad field', async () => {
    rename.mockClear();
    expect(await handles.get('inventory.rename')!(from(APP), { id: 1, name: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'name' },
    });
    expect(rename).not.toHaveBeenCalled();
    expect(await handles.get('inventory.rename')!(from(`${APP}#/inv/1`), { id: 1, name: ' B ' })).toEqual({
      ok: true,
      value: { id: 1, name: 'B', pools: [] },
    });
  });

  it('validates a report export before printing, and checks its sender', async () => {
    const bad = await handles.get(platformChannels.exportReportPdf)!(from(APP), { runId: 1, paper: 'a4', path: '/tmp/x.pdf' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(exportReportPdf).not.toHaveBeenCalled();
    const foreign = await handles.get(platformChannels.exportReportPdf)!(from('https://evil.example/'), { runId: 1, paper: 'a4' });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await handles.get(platformChannels.exportReportPdf)!(from(APP), { runId: 1, paper: 'a4' })).toEqual({ ok: true, value: true });
    expect(exportReportPdf).toHaveBeenCalledWith({ runId: 1, paper: 'a4' });
  });

  it('validates platform inputs before the native dialog opens', async () => {
    const bad = await handles.get(platformChannels.openTextFile)!(from(APP), { title: 't', extensions: ['../x'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'extensions[0]' } });
    expect(openTextFile).not.toHaveBeenCalled();
    expect(await handles.get(platformChannels.openTextFile)!(from(APP), { title: 't', extensions: ['json'] })).toEqual({
      ok: true,
      value: { fileName: 'a.json', text: '{}' },
    });
    expect(await handles.get(platformChannels.saveTextFile)!(from(APP), { fileName: '../../.profile', text: 'x' })).toEqual({ ok: true, value: true });
    expect(saveTextFile).toHaveBeenCalledWith({ fileName: 'profile', text: 'x' });
  });

  it('unregisters everything it registered', () => {
    unregister();
    expect(handles.size).toBe(0);
  });
});
