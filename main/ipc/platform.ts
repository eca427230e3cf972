// What the renderer needs from its host platform beyond the data channels: files chosen by the user and
// commands from the native menu. In Electron these are native dialogs and menu items (main/preload.ts);
// in a browser the renderer implements them with <input type=file>, downloads and keyboard shortcuts.
import type { TextFile } from '../domain';

export type MenuCommand =
  | 'inventory.new'
  | 'inventory.open'
  | 'inventory.save'
  | 'report.export'
  | 'app.about';

export interface OpenTextOptions {
  title: string;
  /** File extensions without the dot, e.g. ['json', 'yaml', 'yml']. */
  extensions: string[];
}

export interface ExportReportOptions {
  runId: number;
  paper: 'a4' | 'letter';
}

export interface PlatformApi {
  kind: 'electron' | 'browser';
  /** Resolves null when the user cancels. */
  openTextFile(options: OpenTextOptions): Promise<TextFile | null>;
  /** Resolves false when the user cancels. */
  saveTextFile(file: TextFile): Promise<boolean>;
  /**
   * A run's PDF report. Electron prints the report page in a hidden window and asks where to save it; a
   * browser opens the report page in a new tab, where the browser's own print dialog saves the PDF.
   * Resolves false when the user cancels.
   */
  exportReportPdf(options: ExportReportOptions): Promise<boolean>;
  /** Subscribes to native menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** The Electron IPC channels behind PlatformApi (not data channels: they never reach handlers). */
export const platformChannels = {
  openTextFile: 'platform:open-text-file',
  saveTextFile: 'platform:save-text-file',
  exportReportPdf: 'platform:export-report-pdf',
  menuCommand: 'platform:menu-command',
} as const;
