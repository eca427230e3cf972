// The Electron shell: one locked-down window on the built renderer, the native menu and dialogs, and the
// IPC registration. Everything the app does lives in plain modules; this file only wires Electron to them.
import { app, BrowserWindow, dialog, Menu, protocol, session, type MenuItemConstructorOptions } from 'electron';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Db } from '../db';
import { describeError, invalid } from './domain/errors';
import type { Handlers } from './ipc/contract';
import { lazyWorkerRunner } from './services/compare-runners';
import { createHandlers } from './ipc/handlers';
import { platformChannels, type ExportReportOptions, type MenuCommand, type OpenTextOptions } from './ipc/platform';
import { registerIpc } from './ipc/register';
import type { AppInfo, TextFile } from './domain';
import { assetsDir } from './paths';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, APP_URL, serveAppRequest } from './security/app-protocol';
import { contentSecurityPolicy } from './security/csp';
import { MAX_TEXT_FILE_BYTES, safeFileName } from './security/dialog-input';
import { printWithWindow } from './reports/pdf';
import { isAppNavigation } from './security/navigation';
import { openAppDatabase } from './services/seed';
import { getSetting, setSetting } from '../db/queries/settings';
import { addRecent, matchesExtensions, RECENT_FILES_KEY, recentLabel } from './services/recent-files';

// Bundled to dist/main/index.cjs; the renderer build and the preload sit beside it. The renderer is served
// from fleetplan://app/ (app-protocol.ts), never from file://.
const rendererDir = join(__dirname, '..', 'renderer');
const appUrl = APP_URL;
const preloadFile = join(__dirname, 'preload.cjs');
const isDev = !app.isPackaged;

let mainWindow: BrowserWindow | null = null;
let db: Db | null = null;

// Sandbox every renderer, including any created by accident, before anything else starts.
app.enableSandbox();
// The app's scheme must be privileged before the app is ready; its handler is registered in start().
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

if (!app.requestSingleInstanceLock()) {
  // A second launch hands over to the first (see 'second-instance') instead of opening the same database twice.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void simulator.close();
    db?.close();
    db = null;
  });
  app.whenReady().then(start, (err: unknown) => fatal(err));
}

// Comparisons run in worker threads, started on the first comparison.
const simulator = lazyWorkerRunner();

function start(): void {
  try {
    const dataDir = app.getPath('userData');
    db = openAppDatabase(dataDir, assetsDir());
    const handlers = createHandlers({ db, clock: () => new Date(), dataDir, appVersion: app.getVersion(), compareRunner: simulator.runner, traceRunner: simulator.trace, parsers: simulator.parsers });
    lockDownSession();
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
    registerIpc({
      handlers,
      appUrl,
      platform: {
        openTextFile: (o) => openTextFile(o, handlers),
        saveTextFile: (f) => saveTextFile(f, handlers),
        exportReportPdf: (o) => exportReportPdf(handlers, o),
      },
    });
    // macOS: a file chosen from the Dock's or Finder's recent documents.
    app.on('open-file', (event, path) => {
      event.preventDefault();
      openRecent(path);
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(handlers)));
    mainWindow = createWindow();
  } catch (err) {
    fatal(err);
  }
}

function fatal(err: unknown): void {
  dialog.showErrorBox('fleetplan cannot start', describeError(err));
  app.exit(1);
}

// The same locked-down preferences for every window: the app's and the hidden one that prints reports.
const securePreferences = (): Electron.WebPreferences => ({
  preload: preloadFile,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
});

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'fleetplan',
    show: false,
    webPreferences: securePreferences(),
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(appUrl);
  return win;
}

/** Applies to every webContents: no new windows, no navigation off the app page in any frame, no webviews. */
function hardenContents(contents: Electron.WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayOnApp = (event: Electron.Event, url: string) => {
    if (!isAppNavigation(url, appUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  // will-navigate sees the main frame only; this one sees subframes too (the CSP's frame-src 'none' already
  // refuses frames: this holds if that ever changes).
  contents.on('will-frame-navigate', (event) => {
    if (!isAppNavigation(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // The renderer's index.html carries the same policy as a meta tag; this header covers any response
  // that passes through the network stack (and adds frame-ancestors, which meta tags cannot set).
  const csp = contentSecurityPolicy();
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}

// "Open Recent": a chosen recent file answers the screen's next open request instead of a dialog, so every
// screen's own open (inventory, trace, scenario) works with recents unchanged and the renderer never sees a path.
let pendingRecent: string | null = null;

function recentFiles(): string[] {
  return db ? getSetting<string[]>(db, RECENT_FILES_KEY, []) : [];
}

function rememberFile(handlers: Handlers, path: string): void {
  if (!db) return;
  setSetting(db, RECENT_FILES_KEY, addRecent(recentFiles(), path));
  app.addRecentDocument(path);
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(handlers)));
}

function openRecent(path: string): void {
  pendingRecent = path;
  sendMenuCommand('inventory.open');
}

function recentSubmenu(handlers: Handlers): MenuItemConstructorOptions[] {
  const files = recentFiles();
  if (files.length === 0) return [{ label: 'No recent files', enabled: false }];
  return [
    ...files.map((path): MenuItemConstructorOptions => ({ label: recentLabel(path), click: () => openRecent(path) })),
    { type: 'separator' },
    {
      label: 'Clear Recently Opened',
      click: () => {
        if (db) setSetting(db, RECENT_FILES_KEY, []);
        app.clearRecentDocuments();
        Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(handlers)));
      },
    },
  ];
}

function sendMenuCommand(command: MenuCommand): void {
  mainWindow?.webContents.send(platformChannels.menuCommand, command);
}

function menuTemplate(handlers: Handlers): MenuItemConstructorOptions[] {
  const isMac = process.platform === 'darwin';
  const command = (label: string, accelerator: string, cmd: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => sendMenuCommand(cmd),
  });
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        command('New inventory', 'CmdOrCtrl+N', 'inventory.new'),
        command('Open inventory…', 'CmdOrCtrl+O', 'inventory.open'),
        { label: 'Open Recent', submenu: recentSubmenu(handlers) },
        command('Save inventory…', 'CmdOrCtrl+S', 'inventory.save'),
        { type: 'separator' },
        command('Export report…', 'CmdOrCtrl+E', 'report.export'),
        { type: 'separator' },
        { role: isMac ? 'close' : 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(isDev
          ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      role: 'help',
      submenu: [{ label: 'About fleetplan', click: () => void showAbout(handlers) }],
    },
  ];
}

async function showAbout(handlers: Handlers): Promise<void> {
  const info = await handlers['app.info']({});
  const options = { type: 'info' as const, title: 'About fleetplan', message: `fleetplan ${info.version}`, detail: aboutDetail(info), buttons: ['OK'] };
  if (mainWindow) await dialog.showMessageBox(mainWindow, options);
  else await dialog.showMessageBox(options);
}

function aboutDetail(info: AppInfo): string {
  const licences = info.licences.map((l) => `• ${l.title} (${l.licence})\n  ${l.attribution}\n  ${l.url}`);
  return [`Data folder: ${info.dataDir}`, `Schema version: ${info.schemaVersion}`, '', 'Shipped data and licences:', ...licences].join('\n');
}

async function openTextFile(options: OpenTextOptions, handlers: Handlers): Promise<TextFile | null> {
  const recent = pendingRecent;
  pendingRecent = null;
  if (recent && matchesExtensions(recent, options.extensions)) return readChosenFile(recent, handlers);
  const dialogOptions: Electron.OpenDialogOptions = {
    title: options.title,
    properties: ['openFile'],
    filters: [
      { name: options.extensions.join(', ').toUpperCase(), extensions: options.extensions },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const picked = mainWindow ? await dialog.showOpenDialog(mainWindow, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
  if (picked.canceled || picked.filePaths.length === 0) return null;
  return readChosenFile(picked.filePaths[0], handlers);
}

async function readChosenFile(file: string, handlers: Handlers): Promise<TextFile> {
  const info = await stat(file);
  if (!info.isFile()) throw invalid('not a regular file', { file: basename(file) });
  if (info.size > MAX_TEXT_FILE_BYTES) {
    throw invalid(`the file is ${(info.size / 1e6).toFixed(1)} MB; fleetplan opens files up to ${MAX_TEXT_FILE_BYTES / 1e6} MB`, { file: basename(file) });
  }
  const text = await readFile(file, 'utf8');
  rememberFile(handlers, file);
  return { fileName: basename(file), text };
}

/** Prints a run's report page in a hidden window (the same page the CLI prints with Chromium) and saves it. */
async function exportReportPdf(handlers: Handlers, o: ExportReportOptions): Promise<boolean> {
  const run = await handlers['run.get']({ id: o.runId });
  const win = new BrowserWindow({ show: false, width: 1200, height: 1600, webPreferences: securePreferences() });
  try {
    await win.loadURL(`${appUrl}#/report/${o.runId}`);
    const pdf = await printWithWindow(win.webContents, { paper: o.paper, title: run.name, version: run.modelVersion });
    const dialogOptions: Electron.SaveDialogOptions = {
      defaultPath: join(app.getPath('documents'), `${safeFileName(run.name).replace(/\.[^.]*$/, '')}.pdf`),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    };
    const picked = mainWindow ? await dialog.showSaveDialog(mainWindow, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
    if (picked.canceled || !picked.filePath) return false;
    await writeFile(picked.filePath, pdf);
    return true;
  } finally {
    win.destroy();
  }
}

async function saveTextFile(file: TextFile, handlers: Handlers): Promise<boolean> {
  const ext = extname(file.fileName).slice(1);
  const dialogOptions: Electron.SaveDialogOptions = {
    defaultPath: join(app.getPath('documents'), file.fileName),
    filters: ext ? [{ name: ext.toUpperCase(), extensions: [ext] }] : [],
  };
  const picked = mainWindow ? await dialog.showSaveDialog(mainWindow, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
  if (picked.canceled || !picked.filePath) return false;
  await writeFile(picked.filePath, file.text, 'utf8');
  rememberFile(handlers, picked.filePath);
  return true;
}
