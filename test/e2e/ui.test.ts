// Tooltips and the small window in Debian's Chromium against the real host: a tip shows on hover, goes when
// the pointer leaves or clicks, and stays inside the window; at 1024×700 no screen scrolls sideways.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { InventorySummary, JobInfo, WorkloadSummary } from '../../main/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, launchBrowser, missingPrerequisite, RESULTS, startHost, tempDir, type Browser, type Host, trackPageProblems } from './helpers';

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

async function api<T>(channel: string, input: unknown = {}): Promise<T> {
  const res = await callApi(host, channel, input, host.token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as { result: T }).result;
}

/** How far a box's content runs past its visible width (0: it fits). */
const overflow = (selector: string) => page.locator(selector).first().evaluate((el) => el.scrollWidth - el.clientWidth);

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

describe('the 1024×700 window', () => {
  it('scrolls no screen sideways, fits the results table and overlaps no workload figure', async () => {
    // First run: the empty folder says what to do first, and its Compare step leads there.
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(`${host.url}#inventories`);
    await expect.poll(() => page.getByTestId('first-run').count()).toBe(1);
    expect(await page.getByTestId('first-run').textContent()).toMatch(/A fleet.*A workload.*Compare/s);
    await page.screenshot({ path: join(RESULTS, 'ui-first-run-1024.png') });
    await page.getByTestId('first-run-compare').click();
    await expect.poll(() => page.getByTestId('compare-form').count()).toBe(1);
    expect(page.url()).toContain('#compare');

    const [inv] = await api<InventorySummary[]>('inventory.list');
    const conv = (await api<WorkloadSummary[]>('workload.list')).find((w) => w.name.startsWith('Azure conversation'))!;
    let job = await api<JobInfo>('compare.start', { inventoryId: inv.id, workloadId: conv.id, modelId: 'meta-llama/Llama-3.1-8B', seed: 1, maxRequests: 300,
      slo: { ttftP99S: 2, tbtP99S: 0.1 }, strategies: ['colocated', 'pipeline', 'disaggregated'] });
    for (let i = 0; i < 600 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      job = await api<JobInfo>('job.status', { id: job.id });
    }
    expect(job.status, JSON.stringify(job.error)).toBe('done');

    for (const view of ['inventories', 'catalog', 'calibrate', 'workloads', 'models', 'compare', 'history', 'about']) {
      await page.goto(`${host.url}#${view}`);
      await expect.poll(() => page.locator('#content').evaluate((el) => el.textContent!.length)).toBeGreaterThan(40);
      await page.waitForTimeout(300);
      expect(await overflow('#content'), view).toBeLessThanOrEqual(0);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth'), view).toBeLessThanOrEqual(0);
      if (view === 'inventories') {
        expect(await overflow('.pool-table'), 'pool table').toBeLessThanOrEqual(0);
        expect(await page.getByTestId('first-run').count(), 'the guide goes once a run exists').toBe(0);
      }
      if (view === 'workloads') {
        const boxes = await page.getByTestId('workload-totals').locator('.stat').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as { left: number; right: number; top: number; bottom: number }));
        for (let i = 1; i < boxes.length; i++) {
          const [a, b] = [boxes[i - 1], boxes[i]];
          const apart = a.right <= b.left + 0.5 || b.top >= a.bottom - 0.5;
          expect(apart, `workload figures ${i - 1} and ${i} overlap`).toBe(true);
        }
        // Each figure is as wide as its own content: nothing is cut or drawn over its neighbour.
        expect(await page.getByTestId('workload-totals').locator('.stat').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).length)).toBe(0);
      }
      if (view === 'inventories') {
        // The summary's first figure (GPUs and their kinds) is not squeezed into a one-word column.
        expect((await page.locator('.summary-strip .stat').first().boundingBox())!.width).toBeGreaterThan(300);
      }
    }
    await page.goto(`${host.url}#history`);
    await page.getByTestId('run-open').first().click();
    await expect.poll(() => page.getByTestId('strategy-table').count()).toBe(1);
    expect(await overflow('.run-results .table-scroll'), 'results table').toBeLessThanOrEqual(0);
    expect(await page.getByTestId('strategy-pin').first().isVisible()).toBe(true);
    expect(await page.getByTestId('next-steps').textContent()).toMatch(/Export PDF.*Pin.*Side by side/s);
    await page.screenshot({ path: join(RESULTS, 'ui-compare-1024.png') });
    // The README's pictures: a finished comparison as a planner first sees it, at both window sizes.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.evaluate('document.getElementById("content").scrollTo(0, 0)');
    expect(await overflow('.run-results .table-scroll'), 'results table at 1440').toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(RESULTS, 'ui-compare-1440.png') });
    // Every chart panel has one width, so they line up two a row; the rate charts' x labels stand apart.
    await expect.poll(() => page.getByTestId('compare-charts').getAttribute('aria-busy')).toBe('false');
    const widths = await page.locator('[data-testid="compare-charts"] figure.fp-chart').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().width)));
    expect(widths.length).toBeGreaterThan(3);
    expect(new Set(widths).size, widths.join(' ')).toBe(1);
    for (const id of ['chart-rate-ttft', 'chart-rate-tbt']) {
      const ticks = await page.getByTestId(id).locator('.recharts-xAxis .recharts-cartesian-axis-tick-value').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as { left: number; right: number }));
      for (let i = 1; i < ticks.length; i++) expect(ticks[i].left, `${id} tick ${i} overprints ${i - 1}`).toBeGreaterThan(ticks[i - 1].right);
    }
    expect(pageProblems).toEqual([]);
  }, 120_000);
});
