// Tooltips and the small window in Debian's Chromium against the real host: a tip shows on hover, goes when
// the pointer leaves or clicks, and stays inside the window; at 1024×700 no screen scrolls sideways.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, missingPrerequisite, RESULTS, startHost, tempDir, type Browser, type Host, trackPageProblems } from './helpers';

const missing = missingPrerequisite();
if (missing) throw new Error(`e2e prerequisites: ${missing}`);

const data = tempDir('fleetplan-e2e-ui-');
let host: Host;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  host = await startHost(data.dir);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  trackPageProblems(page, pageProblems);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

const tip = () => page.getByTestId('tip');

describe('tooltips', () => {
  it('show on hover, go when the pointer leaves or clicks, and stay inside the window', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(`${host.url}#workloads`);
    const importBtn = page.getByTestId('import-trace');
    await importBtn.hover();
    await expect.poll(() => tip().count()).toBe(1);
    expect(await tip().textContent()).toContain('Import a trace');
    await page.mouse.move(600, 650);
    await expect.poll(() => tip().count()).toBe(0);

    // A click hides it and it does not come back while focus stays on the button (it did, until focus moved).
    const theme = page.getByTestId('theme-toggle');
    await theme.hover();
    await expect.poll(() => tip().count()).toBe(1);
    await theme.click();
    await theme.click();
    await page.mouse.move(600, 650);
    await expect.poll(() => tip().count()).toBe(0);
    // ... also across screens.
    await page.goto(`${host.url}#about`);
    expect(await tip().count()).toBe(0);

    // The theme toggle sits at the window's right edge: its tip is moved left to end inside the window.
    await theme.hover();
    await expect.poll(() => tip().count()).toBe(1);
    const box = (await tip().boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
    await page.mouse.move(600, 650);

    // A column header's tip inside the scrolling catalog table is not clipped by the table.
    await page.goto(`${host.url}#catalog`);
    const price = page.getByTestId('sort-defaultUsdPerGpuHour');
    await price.hover();
    await expect.poll(() => tip().count()).toBe(1);
    const tipBox = (await tip().boundingBox())!;
    expect(await tip().evaluate((el) => el.closest('.table-scroll') === null && el.ownerDocument.defaultView!.getComputedStyle(el).position === 'fixed')).toBe(true);
    expect(tipBox.x + tipBox.width).toBeLessThanOrEqual(1024);
    await page.screenshot({ path: join(RESULTS, 'ui-tip-1024.png') });
    await page.mouse.move(300, 650);
    await expect.poll(() => tip().count()).toBe(0);
    expect(pageProblems).toEqual([]);
  });
});
