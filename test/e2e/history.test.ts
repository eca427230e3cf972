// History end to end in Debian's Chromium: list runs with their status, rename, reopen one in Compare, put two
// side by side, export a run as a PDF report (a new tab in the browser), export a run's scenario and import it
// back as a new run, delete a run.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventorySummary, JobInfo, RunDetail, RunSummary, WorkloadSummary } from '../../main/domain';
import { STRATEGY_NAMES } from '../../main/reports/summary';
import { callApi, launchBrowser, missingPrerequisite, RESULTS, startHost, tempDir, type Browser, type Host, trackPageProblems } from './helpers';

const missing = missingPrerequisite();
if (missing) throw new Error(`e2e prerequisites: ${missing}`);

const data = tempDir('fleetplan-e2e-history-');
let host: Host;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];
const runIds: number[] = [];

async function api<T>(channel: string, input: unknown = {}): Promise<T> {
  const res = await callApi(host, channel, input, host.token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as { result: T }).result;
}

async function finish(job: JobInfo): Promise<JobInfo> {
  let j = job;
  for (let i = 0; i < 600 && j.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 200));
    j = await api<JobInfo>('job.status', { id: j.id });
  }
  return j;
}

const runRow = (id: number) => page.locator(`[data-testid="run-row"][data-id="${id}"]`);
const dialog = () => page.locator('dialog[open]');

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  host = await startHost(data.dir);
  // Two small runs that differ in workload, SLO and strategies.
  const [inv] = await api<InventorySummary[]>('inventory.list');
  const workloads = await api<WorkloadSummary[]>('workload.list');
  const requests = [
    { workloadId: workloads.find((w) => w.name.startsWith('Azure conversation'))!.id, slo: { ttftP99S: 2, tbtP99S: 0.1 }, strategies: ['colocated', 'disaggregated'] },
    { workloadId: workloads.find((w) => w.name.startsWith('Azure code'))!.id, slo: { ttftP99S: 0.5, tbtP99S: 0.05 }, strategies: ['colocated', 'cronus'] },
  ];
  for (const r of requests) {
    const job = await finish(await api<JobInfo>('compare.start', { inventoryId: inv.id, modelId: 'meta-llama/Llama-3.1-8B', seed: 1, maxRequests: 300, ...r }));
    expect(job.status, JSON.stringify(job.error)).toBe('done');
    runIds.push((job.result as { runId: number }).runId);
  }
  browser = await launchBrowser();
  page = await browser.context.newPage();
  trackPageProblems(page, pageProblems);
  await page.goto(`${host.url}#history`);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

describe('history in Chromium', () => {
  it('lists every run with its status and renames one', async () => {
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(2);
    for (const id of runIds) expect(await runRow(id).getAttribute('data-status')).toBe('done');
    await runRow(runIds[1]).getByTestId('run-rename').click();
    await expect.poll(() => dialog().count()).toBe(1);
    await dialog().locator('input').fill('Code trace, tight SLO');
    await page.keyboard.press('Enter');
    await expect.poll(() => runRow(runIds[1]).getAttribute('data-name')).toBe('Code trace, tight SLO');
    expect((await api<RunDetail>('run.get', { id: runIds[1] })).name).toBe('Code trace, tight SLO');
  });

  it('exports the selected run as a PDF report: a new tab on #/report/<id>, on the remembered paper', async () => {
    // Nothing selected (a fresh screen; the rename above selected its row): Ctrl+E says what to do instead.
    await page.reload();
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(2);
    await page.keyboard.press('Control+e');
    await expect.poll(() => page.getByTestId('toast').last().textContent()).toMatch(/open a finished run in Compare/);
    expect(await page.getByTestId('export-pdf').isDisabled()).toBe(true);

    const id = runIds[0];
    await runRow(id).locator('td.name-cell').click();
    await page.getByTestId('export-paper').selectOption('letter');
    const opened = browser.context.waitForEvent('page');
    await page.getByTestId('export-pdf').click();
    const report = await opened;
    await report.waitForLoadState('domcontentloaded');
    expect(new URL(report.url()).hash).toBe(`#/report/${id}`);
    expect(new URL(report.url()).searchParams.get('paper')).toBe('letter');
    await expect.poll(() => report.locator('.report').getAttribute('data-report-ready'), { timeout: 60_000 }).toBe('true');
    const run = await api<RunDetail>('run.get', { id });
    const text = (await report.locator('.report').textContent())!;
    for (const o of run.result!.strategies) expect(text).toContain(STRATEGY_NAMES[o.strategy]);
    expect(await report.getByTestId('report-print').isVisible()).toBe(true);
    await report.emulateMedia({ media: 'print' });
    expect(await report.getByTestId('report-toolbar').isVisible()).toBe(false);
    await report.close();

    // The paper is remembered, and Ctrl+E exports the selected run too.
    await page.reload();
    await expect.poll(() => page.getByTestId('export-paper').inputValue()).toBe('letter');
    await runRow(id).locator('td.name-cell').click();
    const again = browser.context.waitForEvent('page');
    await page.keyboard.press('Control+e');
    const second = await again;
    expect(new URL(second.url()).hash).toBe(`#/report/${id}`);
    await second.close();
  });

  it('reopens a run in the Compare results view', async () => {
    await runRow(runIds[0]).getByTestId('run-open').click();
    await expect.poll(() => page.getByTestId('run-results').getAttribute('data-run-id')).toBe(String(runIds[0]));
    expect(await page.getByTestId('nav-compare').getAttribute('aria-current')).toBe('page');
    const run = await api<RunDetail>('run.get', { id: runIds[0] });
    await expect.poll(() => page.getByTestId('strategy-row').count()).toBe(run.result!.strategies.length);
    expect(await page.getByTestId('run-title').textContent()).toBe(run.name);
  });

  it('puts two runs side by side', async () => {
    await page.keyboard.press('Alt+6');
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(2);
    for (const id of runIds) await runRow(id).getByTestId('run-pick').check();
    await page.getByTestId('compare-two').click();
    await expect.poll(() => page.getByTestId('side-by-side').count()).toBe(1);
    // The union of both runs' strategies, each cell from its own run.
    const [a, b] = await Promise.all(runIds.map((id) => api<RunDetail>('run.get', { id })));
    const ids = [...new Set([...a.result!.strategies, ...b.result!.strategies].map((o) => o.strategy))];
    expect(await page.getByTestId('sbs-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-strategy')))).toEqual(ids);
    const coloA = a.result!.strategies.find((o) => o.strategy === 'colocated')!.bestByCost;
    const coloRow = page.locator('[data-testid="sbs-row"][data-strategy="colocated"]');
    if (coloA) expect(await coloRow.textContent()).toContain(coloA.label);
    expect(await page.locator('[data-testid="sbs-row"][data-strategy="cronus"]').textContent()).toContain('not in this run');
    await page.screenshot({ path: join(RESULTS, 'history.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('side-by-side').count()).toBe(0);
  });

  it('exports a scenario and imports it back as a new run with the same answer', async () => {
    await page.getByTestId('export-format').selectOption('yaml');
    const download = page.waitForEvent('download');
    await runRow(runIds[0]).getByTestId('run-export').click();
    const file = await download;
    const text = readFileSync((await file.path())!, 'utf8');
    expect(file.suggestedFilename()).toMatch(/\.ya?ml$/);
    expect(text).toContain('fleetplan.scenario');

    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-scenario').click();
    await chooser;
    await page.setInputFiles('[data-testid="open-file-input"]', { name: file.suggestedFilename(), mimeType: 'application/yaml', buffer: Buffer.from(text) });
    // The new run opens in Compare once it has run.
    await expect.poll(async () => Number(await page.getByTestId('run-results').getAttribute('data-run-id').catch(() => '0')), { timeout: 120_000 })
      .toBeGreaterThan(Math.max(...runIds));
    const runs = await api<RunSummary[]>('run.list');
    expect(runs).toHaveLength(3);
    const fresh = runs.find((r) => !runIds.includes(r.id))!;
    const [orig, copy] = await Promise.all([runIds[0], fresh.id].map((id) => api<RunDetail>('run.get', { id })));
    expect(copy.result!.strategies.map((o) => o.bestByCost?.label)).toEqual(orig.result!.strategies.map((o) => o.bestByCost?.label));
  });

  it('deletes a run', async () => {
    await page.getByTestId('nav-history').click();
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(3);
    await runRow(runIds[1]).getByTestId('run-delete').click();
    await expect.poll(() => dialog().count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(2);
    expect((await api<RunSummary[]>('run.list')).map((r) => r.id)).not.toContain(runIds[1]);
    expect(pageProblems).toEqual([]);
  });
});
