// Printing a run's report page (renderer route #/report/<runId>) to PDF. Two printers, one page: Debian's
// Chromium through playwright-core for the CLI, and Electron's webContents.printToPDF for the app (the
// shell passes its window in; this file imports no electron). Both wait for the page to say it is ready.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Paper = 'a4' | 'letter';
export const PAPERS: readonly Paper[] = ['a4', 'letter'];

/** Margins leave room for the header and footer templates Chromium draws in them. */
export const MARGINS_MM = { top: 14, bottom: 16, left: 12, right: 12 };
const MM_PER_INCH = 25.4;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Chromium's templates default to a 0 px font: sizes are set explicitly. pageNumber/totalPages are filled in per page. */
export function headerTemplate(title: string): string {
  return `<div style="font: 8px system-ui, sans-serif; color: #6b7280; width: 100%; padding: 0 12mm; display: flex; justify-content: space-between;"><span>${escapeHtml(title)}</span><span>fleetplan</span></div>`;
}

export function footerTemplate(version: string): string {
  return `<div style="font: 8px system-ui, sans-serif; color: #6b7280; width: 100%; padding: 0 12mm; display: flex; justify-content: space-between;"><span>${escapeHtml(version)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}

export function reportUrl(hostUrl: string, runId: number): string {
  // The host's URL carries ?token=…; the renderer keeps it and routes on the hash.
  return `${hostUrl.split('#')[0]}#/report/${runId}`;
}

/**
 * How long a printer waits for the page to say it is ready. A run's latency CDFs and utilization charts
 * (run.trace) are stored with it, but a run stored before they were is replayed strategy by strategy first:
 * seconds for a thousand requests, over a minute for a long trace with five strategies.
 */
export const READY_TIMEOUT_MS = 300_000;

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

export interface ChromiumPrintOptions {
  /** The loopback host's URL with its token query. */
  hostUrl: string;
  runId: number;
  paper: Paper;
  title: string;
  version: string;
  executablePath?: string;
  timeoutMs?: number;
  onProgress?: (message: string) => void;
}

/** Prints the report page with headless Chromium (fresh profile, nothing that phones home); returns the PDF. */
export async function printWithChromium(o: ChromiumPrintOptions): Promise<Buffer> {
  // A computed specifier keeps esbuild from bundling playwright-core into dist/main/cli.cjs (it is loaded
  // from node_modules at run time; the packaged app prints with Electron instead).
  const specifier = 'playwright-core';
  const { chromium } = (await import(specifier)) as typeof import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'fleetplan-report-profile-'));
  const timeout = o.timeoutMs ?? READY_TIMEOUT_MS;
  o.onProgress?.('starting Chromium');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: o.executablePath ?? CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1200, height: 1600 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    o.onProgress?.('rendering the report page');
    await page.goto(reportUrl(o.hostUrl, o.runId), { waitUntil: 'load', timeout });
    const root = await page
      .waitForSelector('[data-report-ready="true"], [data-report-ready="error"]', { timeout })
      .catch(() => {
        throw new Error(`the report page was not ready within ${timeout} ms${pageErrors.length ? `: ${pageErrors.join('; ')}` : ''}`);
      });
    if ((await root.getAttribute('data-report-ready')) === 'error') {
      throw new Error(`the report page failed: ${await root.getAttribute('data-report-error')}`);
    }
    // Chromium shrinks a page wider than the paper to fit, which makes every font smaller: say so.
    const paperPx = Math.floor(((o.paper === 'a4' ? 210 : 215.9) - MARGINS_MM.left - MARGINS_MM.right) * (96 / MM_PER_INCH));
    await page.setViewportSize({ width: paperPx, height: 1200 });
    await page.emulateMedia({ media: 'print' });
    const wide = Number(await page.evaluate('document.documentElement.scrollWidth'));
    if (wide > paperPx + 1) o.onProgress?.(`warning: the report is ${wide} px wide, wider than the paper's ${paperPx} px; it is shrunk to fit`);
    o.onProgress?.('printing');
    const mm = (v: number) => `${v}mm`;
    return await page.pdf({
      format: o.paper === 'a4' ? 'A4' : 'Letter',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(o.title),
      footerTemplate: footerTemplate(o.version),
      margin: { top: mm(MARGINS_MM.top), bottom: mm(MARGINS_MM.bottom), left: mm(MARGINS_MM.left), right: mm(MARGINS_MM.right) },
    });
  } finally {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The options Electron's webContents.printToPDF takes (margins in inches), as far as reports use them. */
export interface ElectronPdfOptions {
  pageSize: 'A4' | 'Letter';
  printBackground: boolean;
  displayHeaderFooter: boolean;
  headerTemplate: string;
  footerTemplate: string;
  margins: { top: number; bottom: number; left: number; right: number };
}

/** What the app's shell hands in: a window whose page already shows #/report/<runId>. */
export interface ReportWindow {
  executeJavaScript(code: string): Promise<unknown>;
  printToPDF(options: ElectronPdfOptions): Promise<Buffer | Uint8Array>;
}

export function electronPdfOptions(paper: Paper, title: string, version: string): ElectronPdfOptions {
  const inch = (v: number) => v / MM_PER_INCH;
  return {
    pageSize: paper === 'a4' ? 'A4' : 'Letter',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: headerTemplate(title),
    footerTemplate: footerTemplate(version),
    margins: { top: inch(MARGINS_MM.top), bottom: inch(MARGINS_MM.bottom), left: inch(MARGINS_MM.left), right: inch(MARGINS_MM.right) },
  };
}

const READY_PROBE = `(() => { const el = document.querySelector('[data-report-ready]'); return el ? [el.getAttribute('data-report-ready'), el.getAttribute('data-report-error')] : ['false', null]; })()`;

/** Waits for the report page in `win` to be ready, then prints it with the window's own printToPDF. */
export async function printWithWindow(win: ReportWindow, o: { paper: Paper; title: string; version: string; timeoutMs?: number; pollMs?: number }): Promise<Buffer> {
  const deadline = Date.now() + (o.timeoutMs ?? READY_TIMEOUT_MS);
  for (;;) {
    const [state, error] = (await win.executeJavaScript(READY_PROBE)) as [string, string | null];
    if (state === 'true') break;
    if (state === 'error') throw new Error(`the report page failed: ${error}`);
    if (Date.now() > deadline) throw new Error('the report page was not ready in time');
    await new Promise((r) => setTimeout(r, o.pollMs ?? 100));
  }
  return Buffer.from(await win.printToPDF(electronPdfOptions(o.paper, o.title, o.version)));
}
