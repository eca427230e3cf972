// `platform`: native dialogs and menu commands in Electron; in a browser, a hidden file input, a download,
// and the same shortcuts the native menu has (Ctrl/Cmd+N/O/S/E).
import type { MenuCommand, OpenTextOptions, PlatformApi } from '../../../main/ipc/platform';
import type { TextFile } from '../../../main/domain';
import { shortcutCommand } from '../lib/shortcuts';
import { TOKEN_KEY } from './token';

const MIME: Record<string, string> = {
  json: 'application/json',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  csv: 'text/csv',
};

function createBrowserPlatform(): PlatformApi {
  const listeners = new Set<(command: MenuCommand) => void>();
  let input: HTMLInputElement | null = null;
  let pending: ((file: TextFile | null) => void) | null = null;

  const settle = (file: TextFile | null) => {
    const resolve = pending;
    pending = null;
    resolve?.(file);
  };

  const fileInput = (): HTMLInputElement => {
    if (input) return input;
    const el = document.createElement('input');
    el.type = 'file';
    el.hidden = true;
    el.setAttribute('data-testid', 'open-file-input');
    el.setAttribute('aria-hidden', 'true');
    el.addEventListener('change', () => {
      const file = el.files?.[0];
      el.value = ''; // choosing the same file again must fire change again
      if (!file) return settle(null);
      file.text().then(
        (text) => settle({ fileName: file.name, text }),
        () => settle(null),
      );
    });
    el.addEventListener('cancel', () => settle(null));
    document.body.appendChild(el);
    input = el;
    return el;
  };

  window.addEventListener('keydown', (event) => {
    const command = shortcutCommand(event);
    if (!command || listeners.size === 0) return;
    event.preventDefault();
    for (const listener of listeners) listener(command);
  });

  return {
    kind: 'browser',
    openTextFile(options: OpenTextOptions) {
      settle(null); // a second open supersedes an unanswered first one
      const el = fileInput();
      el.accept = options.extensions.map((e) => `.${e}`).join(',');
      el.title = options.title;
      return new Promise<TextFile | null>((resolve) => {
        pending = resolve;
        el.click();
      });
    },
    async saveTextFile(file: TextFile) {
      const ext = file.fileName.split('.').pop()?.toLowerCase() ?? '';
      const blob = new Blob([file.text], { type: MIME[ext] ?? 'text/plain' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = file.fileName;
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      a.remove();
      // Revoking at once can cancel the download in some browsers; a minute is plenty.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return true;
    },
    async exportReportPdf({ runId, paper }) {
      // The report page in its own tab, where the browser's print dialog saves it as a PDF. The new tab gets
      // the host token in its URL (it takes it out of the address bar at once), since storage is per tab.
      const token = sessionStorage.getItem(TOKEN_KEY);
      const query = token ? `?token=${encodeURIComponent(token)}&paper=${paper}` : `?paper=${paper}`;
      return window.open(`${window.location.pathname}${query}#/report/${runId}`, '_blank') !== null;
    },
    onMenuCommand(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export const platform: PlatformApi = window.platform ?? createBrowserPlatform();
