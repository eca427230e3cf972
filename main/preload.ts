// The renderer's only doors into the main process: `window.api` with exactly the contract's channels and
// `window.platform` for native dialogs and menu commands. Nothing generic is exposed (no ipcRenderer, no
// invoke-any-channel), so a compromised page can do no more than the UI itself can.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelNames, type Api } from './ipc/contract';
import type { ApiErrorBody } from './domain/errors';
import { platformChannels, type MenuCommand, type PlatformApi } from './ipc/platform';

type Result = { ok: true; value: unknown } | { ok: false; error: ApiErrorBody['error'] };

/**
 * What a failed call rejects with. A plain object on purpose: contextBridge rebuilds Error objects in the
 * page with their message only, dropping code/field/line, while plain objects cross intact. The renderer's
 * api client turns this into its own error class, the same one it builds from the HTTP host's error bodies.
 */
export type BridgeError = ApiErrorBody['error'] & { name: 'ApiError' };

async function call(channel: string, input: unknown): Promise<unknown> {
  const result = (await ipcRenderer.invoke(channel, input)) as Result | undefined;
  if (result && result.ok === true) return result.value;
  const error = result?.error ?? { code: 'internal', message: 'no answer from the main process' };
  const rejection: BridgeError = { name: 'ApiError', ...error };
  throw rejection;
}

const api = Object.fromEntries(channelNames.map((channel) => [channel, (input: unknown) => call(channel, input)])) as Api;

// An object keyed by every MenuCommand: adding a command to the type without listing it here fails to compile.
const MENU_COMMANDS: Record<MenuCommand, true> = {
  'inventory.new': true,
  'inventory.open': true,
  'inventory.save': true,
  'report.export': true,
  'app.about': true,
};

function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(MENU_COMMANDS, value);
}

const platform: PlatformApi = {
  kind: 'electron',
  openTextFile: (options) => call(platformChannels.openTextFile, options) as ReturnType<PlatformApi['openTextFile']>,
  saveTextFile: (file) => call(platformChannels.saveTextFile, file) as ReturnType<PlatformApi['saveTextFile']>,
  exportReportPdf: (options) => call(platformChannels.exportReportPdf, options) as ReturnType<PlatformApi['exportReportPdf']>,
  onMenuCommand(listener) {
    // The IPC event (which carries the sender) never reaches the page: only a known command string does.
    const relay = (_event: IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(platformChannels.menuCommand, relay);
    return () => {
      ipcRenderer.removeListener(platformChannels.menuCommand, relay);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
contextBridge.exposeInMainWorld('platform', platform);
