// The Calibrate screen end to end in Debian's Chromium: import a measurement file (test/fixtures/calibration)
// for the H200 through the file input and see the record and its before/after table with the held-out error
// falling; a bad file is named by line and keeps nothing; a dropped file is a second record; "Use" selects
// the older one; "Revert to shipped" puts the H200 back to datasheet only in one click.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalibrationView } from '../../main/domain';
import { callApi, launchBrowser, missingPrerequisite, RESULTS, ROOT, startHost, tempDir, type Browser, type Host, trackPageProblems } from './helpers';

const missing = missingPrerequisite();
if (missing) throw new Error(`e2e prerequisites: ${missing}`);

const data = tempDir('fleetplan-e2e-calibrate-');
let host: Host;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];
const FIXTURE = readFileSync(join(ROOT, 'test/fixtures/calibration/measure-iteration.csv'));
const GPU = 'nvidia-h200-sxm';

async function api<T>(channel: string, input: unknown = {}): Promise<T> {
  const res = await callApi(host, channel, input, host.token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as { result: T }).result;
}

async function chooseFile(fileName: string, buffer: Buffer) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('calib-import').click();
  await chooser;
  await page.setInputFiles('[data-testid="open-file-input"]', { name: fileName, mimeType: 'text/csv', buffer });
}

const records = () => page.getByTestId('calib-record');
const record = (id: number) => page.locator(`[data-testid="calib-record"][data-id="${id}"]`);
const pctOf = (text: string | null) => text!.match(/(\d+\.\d)%/g)!.map((s) => Number(s.slice(0, -1)));

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

describe('Calibrate screen in Chromium', () => {
  it('imports a measurement file and shows the before/after table, the held-out error falling', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('inventory-title').count()).toBe(1);
    await page.keyboard.press('Alt+8');
    await expect.poll(() => page.getByTestId('calibrate-view').count()).toBe(1);
    await page.getByTestId('calib-gpu').selectOption(GPU);
    await expect.poll(() => page.getByTestId('calib-none').count()).toBe(1);
    expect(await page.getByTestId('calib-applied').textContent()).toContain('datasheet only');

    await chooseFile('measure-iteration.csv', FIXTURE);
    await expect.poll(() => records().count(), { timeout: 30_000 }).toBe(1);
    const [stored] = await api<CalibrationView[]>('calibration.list', { gpuTypeId: GPU });
    expect(stored).toMatchObject({ origin: 'import', usedByRuns: true, sourceFiles: [{ name: 'measure-iteration.csv', points: 4 }] });
    expect(await record(stored.id).getAttribute('data-used')).toBe('true');
    // The record's row and the before/after table show the stored figures, and the held-out error fell.
    const [before, after] = pctOf(await record(stored.id).getByTestId('calib-heldout').textContent());
    expect(before).toBeCloseTo(stored.before!.heldOut.median * 100, 1);
    expect(after).toBeCloseTo(stored.after!.heldOut.median * 100, 1);
    expect(after).toBeLessThan(before);
    const held = page.locator('[data-testid="calib-summary-row"][data-set="held out"]');
    await expect.poll(() => held.count()).toBe(1);
    const cells = await held.locator('td').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['held out', String(stored.after!.heldOut.n), `${before.toFixed(1)}%`, `${after.toFixed(1)}%`]);
    expect(await page.getByTestId('calib-applied').textContent()).toContain(`calibration #${stored.id}`);
    // The chart: one dot per compared figure before and one after the fit.
    await expect.poll(() => page.getByTestId('calib-chart').locator('.recharts-scatter-symbol').count()).toBe(2 * stored.rows.length);
    await page.screenshot({ path: join(RESULTS, 'calibrate.png') });
  });

  it('refuses a bad file naming its line, keeping nothing', async () => {
    const lines = FIXTURE.toString('utf8').split('\n');
    lines[3] = lines[3].replace(/,(\d+\.\d+),(\d+),/, ',-3,$2,');
    await chooseFile('broken.csv', Buffer.from(lines.join('\n')));
    await expect.poll(() => page.getByTestId('error-banner').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('error-where').textContent()).toMatch(/broken\.csv.*line 4/);
    expect(await api<CalibrationView[]>('calibration.list', { gpuTypeId: GPU })).toHaveLength(1);
    await page.keyboard.press('Escape');
  });

  it('imports a dropped file as a new record, selects the older one, and reverts to datasheet only in one click', async () => {
    const transfer = await page.evaluateHandle(`(() => { const dt = new DataTransfer(); dt.items.add(new File([${JSON.stringify(FIXTURE.toString('utf8'))}], 'dropped.csv', { type: 'text/csv' })); return dt; })()`);
    await page.dispatchEvent('[data-testid="calibrate-view"]', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('[data-testid="calibrate-view"]', 'drop', { dataTransfer: transfer });
    await expect.poll(() => records().count(), { timeout: 30_000 }).toBe(2);
    const [newer, older] = await api<CalibrationView[]>('calibration.list', { gpuTypeId: GPU });
    expect(newer.sourceFiles[0].name).toBe('dropped.csv');
    expect(newer.usedByRuns).toBe(true);

    await record(older.id).getByTestId('calib-select').click();
    await expect.poll(() => record(older.id).getAttribute('data-used')).toBe('true');
    expect((await api<CalibrationView[]>('calibration.list', { gpuTypeId: GPU })).find((c) => c.usedByRuns)!.id).toBe(older.id);

    await page.getByTestId('calib-revert').click();
    await expect.poll(() => page.getByTestId('calib-applied').textContent()).toContain('datasheet only');
    const after = await api<CalibrationView[]>('calibration.list', { gpuTypeId: GPU });
    expect(after.filter((c) => c.usedByRuns || c.active)).toEqual([]);
    expect(after).toHaveLength(2);
    expect(await page.getByTestId('calib-used').count()).toBe(0);
    expect(pageProblems).toEqual([]);
  });
});
