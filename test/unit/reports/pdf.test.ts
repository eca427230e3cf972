import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { electronPdfOptions, footerTemplate, headerTemplate, printWithWindow, reportUrl, type ElectronPdfOptions, type ReportWindow } from '../../../main/reports/pdf';
import { reportHash, reportRunIdFromHash } from '../../../renderer/src/features/report/route';

describe('report route', () => {
  it('reads the run id from #/report/<id> and nothing else', () => {
    expect(reportRunIdFromHash(reportHash(42))).toBe(42);
    expect(reportRunIdFromHash('#report/7')).toBe(7);
    for (const h of ['', '#inventories', '#/report/', '#/report/0', '#/report/-1', '#/report/1x', '#/report/99999999999999999999']) {
      expect(reportRunIdFromHash(h), h).toBeNull();
    }
  });

  it('the printer keeps the host token and replaces any hash', () => {
    expect(reportUrl('http://127.0.0.1:5000/?token=abcdefghijklmnop#inventories', 3)).toBe('http://127.0.0.1:5000/?token=abcdefghijklmnop#/report/3');
  });
});

describe('page templates', () => {
  it('footer numbers pages; header and footer escape the run name', () => {
    expect(footerTemplate('v1')).toMatch(/class="pageNumber".*class="totalPages"/);
    expect(headerTemplate('<b>R&D</b>')).toContain('&lt;b&gt;R&amp;D&lt;/b&gt;');
    // Chromium's template default font size is 0: every template sets one
    expect(headerTemplate('x')).toMatch(/font: 8px/);
  });
});

function fakeWindow(states: [string, string | null][]) {
  const printed: ElectronPdfOptions[] = [];
  let i = 0;
  const win: ReportWindow = {
    executeJavaScript: async () => states[Math.min(i++, states.length - 1)],
    printToPDF: async (o) => {
      printed.push(o);
      return new Uint8Array([37, 80, 68, 70]);
    },
  };
  return { win, printed, polls: () => i };
}

// The app's shell passes a real webContents: it must fit ReportWindow (checked by the type checker).
export const webContentsFits = (w: WebContents): ReportWindow => w;

describe('printing through a window (Electron printToPDF)', () => {
  it('waits for the page to be ready, then prints with paper size, background and page numbers', async () => {
    const f = fakeWindow([['false', null], ['false', null], ['true', null]]);
    const pdf = await printWithWindow(f.win, { paper: 'letter', title: 'Run', version: 'v', pollMs: 1 });
    expect(pdf.toString('latin1')).toBe('%PDF');
    expect(f.polls()).toBe(3);
    expect(f.printed).toHaveLength(1);
    expect(f.printed[0]).toMatchObject({ pageSize: 'Letter', printBackground: true, displayHeaderFooter: true });
    expect(f.printed[0].margins.top).toBeCloseTo(14 / 25.4, 9);
    expect(electronPdfOptions('a4', 't', 'v').pageSize).toBe('A4');
  });

  it('reports the page\'s own error, and gives up after the timeout', async () => {
    await expect(printWithWindow(fakeWindow([['error', 'Run 9 does not exist']]).win, { paper: 'a4', title: '', version: '' })).rejects.toThrow(/Run 9 does not exist/);
    const never = fakeWindow([['false', null]]);
    await expect(printWithWindow(never.win, { paper: 'a4', title: '', version: '', timeoutMs: 20, pollMs: 5 })).rejects.toThrow(/not ready/);
    expect(never.printed).toHaveLength(0);
  });
});
