// The only place ipcMain is touched. Every call is checked in this order: the sender frame must be the
// app's own page, then the input must parse with the contract's schema, then the handler runs. Results
// travel as {ok, value|error} because errors thrown across IPC lose their fields.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelNames, type Handlers } from './contract';
import { platformChannels, type ExportReportOptions, type OpenTextOptions } from './platform';
import { invokeHandler, toTransportError, type InvokeResult } from './transport';
import type { TextFile } from '../domain';
import { isTrustedSender } from '../security/navigation';
import { parseExportReportOptions, parseOpenTextOptions, parseSaveTextFile } from '../security/dialog-input';

export interface PlatformImpl {
  openTextFile(options: OpenTextOptions): Promise<TextFile | null>;
  saveTextFile(file: TextFile): Promise<boolean>;
  exportReportPdf(options: ExportReportOptions): Promise<boolean>;
}

export interface RegisterOptions {
  handlers: Handlers;
  /** The app document's URL (fleetplan://app/index.html, app-protocol.ts): the only page allowed to call. */
  appUrl: string;
  platform: PlatformImpl;
}

const refused: InvokeResult = {
  ok: false,
  error: { code: 'unauthorized', message: 'IPC calls are only accepted from the fleetplan window' },
};

function fromApp(event: IpcMainInvokeEvent, appUrl: string): boolean {
  // senderFrame is null once the frame navigated away or was destroyed; that is not the app either.
  return isTrustedSender(event.senderFrame?.url, appUrl);
}

export function registerIpc({ handlers, appUrl, platform }: RegisterOptions): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, raw: unknown) => {
      if (!fromApp(event, appUrl)) return refused;
      return invokeHandler(handlers, channel, raw);
    });
  }

  const platformCall = (channel: string, run: (raw: unknown) => Promise<unknown>) => {
    ipcMain.handle(channel, async (event, raw: unknown): Promise<InvokeResult> => {
      if (!fromApp(event, appUrl)) return refused;
      try {
        return { ok: true, value: await run(raw) };
      } catch (err) {
        return { ok: false, error: toTransportError(channel, err) };
      }
    });
  };
  platformCall(platformChannels.openTextFile, (raw) => platform.openTextFile(parseOpenTextOptions(raw)));
  platformCall(platformChannels.saveTextFile, (raw) => platform.saveTextFile(parseSaveTextFile(raw)));
  platformCall(platformChannels.exportReportPdf, (raw) => platform.exportReportPdf(parseExportReportOptions(raw)));

  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(channel);
    ipcMain.removeHandler(platformChannels.openTextFile);
    ipcMain.removeHandler(platformChannels.saveTextFile);
    ipcMain.removeHandler(platformChannels.exportReportPdf);
  };
}
