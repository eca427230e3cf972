// Workloads end to end in Debian's Chromium: import each shipped trace through the file input, map the
// columns of an unknown CSV, drop a file on the screen, see a bad row named by line, rescale, rename, delete,
// synthesize Poisson and bursty gamma workloads, and a closed loop of users that a comparison runs to the end.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail, WorkloadStats, WorkloadSummary } from '../../main/domain';
import { callApi, launchBrowser, missingPrerequisite, RESULTS, ROOT, startHost, tempDir, type Browser, type Host, trackPageProblems } from './helpers';

const missing = missingPrerequisite();
if (missing) throw new Error(`e2e prerequisites: ${missing}`);

const data = tempDir('fleetplan-e2e-workloads-');
let host: Host;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];

/** Each shipped trace and the sample workload seeded from the same file. */
const TRACES: [string, string][] = [
  ['AzureLLMInferenceTrace_code.csv', 'Azure code'],
  ['AzureLLMInferenceTrace_conv.csv', 'Azure conversation'],
  ['mooncake_conversation_trace.jsonl', 'Mooncake conversation'],
  ['mooncake_synthetic_trace.jsonl', 'Mooncake synthetic'],
];

async function api<T>(channel: string, input: unknown = {}): Promise<T> {
  const res = await callApi(host, channel, input, host.token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as { result: T }).result;
}

const row = (name: string) => page.locator(`[data-testid="workload-row"][data-name="${name}"]`);
const dialog = () => page.locator('dialog[open]');

async function chooseFile(fileName: string, buffer: Buffer) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-trace').click();
  await chooser;
  await page.setInputFiles('[data-testid="open-file-input"]', { name: fileName, mimeType: 'text/plain', buffer });
}

/** Coefficient of variation of the per-bin arrival counts: how bursty the arrival chart is. */
function countsCv(counts: number[]): number {
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  const variance = counts.reduce((a, c) => a + (c - mean) ** 2, 0) / counts.length;
  return Math.sqrt(variance) / mean;
}

async function answerPrompt(text: string) {
  await expect.poll(() => dialog().count()).toBe(1);
  await dialog().locator('input').fill(text);
  await page.keyboard.press('Enter');
  await expect.poll(() => dialog().count()).toBe(0);
}

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

describe('workloads in Chromium', () => {
  it('lists the seeded sample workloads with their totals and charts', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('inventory-title').count()).toBe(1);
    await page.keyboard.press('Alt+3');
    await expect.poll(() => page.getByTestId('workload-row').count()).toBe(4);
    await expect.poll(() => page.getByTestId('chart-arrivals').count()).toBe(1);
    for (const id of ['chart-hist-input', 'chart-hist-output', 'chart-cdf']) expect(await page.getByTestId(id).count()).toBe(1);
    expect(await page.getByTestId('chart-arrivals').locator('.recharts-area-area').count()).toBe(1);
  });

  it('imports each shipped trace from the file dialog, as many requests as the seeded copy', async () => {
    const seeded = await api<WorkloadSummary[]>('workload.list');
    for (const [file, seedName] of TRACES) {
      await chooseFile(file, readFileSync(join(ROOT, 'assets', 'traces', file)));
      const name = file.replace(/\.[^.]+$/, '');
      await expect.poll(() => row(name).count(), { timeout: 60_000 }).toBe(1);
      const mine = (await api<WorkloadSummary[]>('workload.list')).find((w) => w.name === name)!;
      const twin = seeded.find((w) => w.name.startsWith(seedName))!;
      expect(mine.requestCount, file).toBe(twin.requestCount);
      expect(mine.sourceFormat).toBe(twin.sourceFormat);
      // The imported workload is selected and its totals shown.
      await expect.poll(() => page.getByTestId('workload-detail').locator('h2').textContent()).toBe(name);
      const stats = await api<WorkloadStats>('workload.stats', { id: mine.id });
      await expect.poll(() => page.getByTestId('workload-totals').textContent()).toContain(stats.requests.toLocaleString('en-US'));
    }
    // The confirmations fade after a few seconds; the picture is of the screen, not of them.
    await expect.poll(() => page.getByTestId('toast').count(), { timeout: 15_000 }).toBe(0);
    const h = await page.evaluate<number>('document.getElementById("content").scrollHeight + 60');
    await page.setViewportSize({ width: 1440, height: Math.max(900, Math.min(h, 5000)) });
    await page.screenshot({ path: join(RESULTS, 'workloads.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('asks which column is what for an unknown CSV, then imports it', async () => {
    const csv = ['when_ms,prompt,completion,user', ...Array.from({ length: 50 }, (_, i) => `${i * 250},${100 + i},${10 + (i % 7)},u${i % 3}`)].join('\n');
    await chooseFile('custom.csv', Buffer.from(csv));
    await expect.poll(() => page.getByTestId('mapping-step').count()).toBe(1);
    await page.getByTestId('map-arrival').selectOption('when_ms');
    await page.getByTestId('map-unit').selectOption('ms');
    await page.getByTestId('map-input').selectOption('prompt');
    await page.getByTestId('map-output').selectOption('completion');
    await page.getByTestId('map-import').click();
    await expect.poll(() => row('custom').count(), { timeout: 30_000 }).toBe(1);
    const w = (await api<WorkloadSummary[]>('workload.list')).find((x) => x.name === 'custom')!;
    expect(w.requestCount).toBe(50);
    expect(w.durationS).toBeCloseTo(49 * 0.25, 3);
  });

  it('names the line of a bad row and keeps nothing', async () => {
    const before = (await api<WorkloadSummary[]>('workload.list')).length;
    const csv = 'TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,4808,10\n2023-11-16 18:17:04.0319600,lots,8\n';
    await chooseFile('broken.csv', Buffer.from(csv));
    await expect.poll(() => page.getByTestId('error-banner').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('error-where').textContent()).toMatch(/broken\.csv.*line 3/);
    expect((await api<WorkloadSummary[]>('workload.list')).length).toBe(before);
    await page.keyboard.press('Escape');
  });

  it('imports a file dropped on the screen', async () => {
    const text = 'TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,4808,10\n2023-11-16 18:17:05.0319600,3180,8\n';
    const transfer = await page.evaluateHandle(`(() => { const dt = new DataTransfer(); dt.items.add(new File([${JSON.stringify(text)}], 'dropped.csv', { type: 'text/csv' })); return dt; })()`);
    await page.dispatchEvent('[data-testid="workloads-view"]', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('[data-testid="workloads-view"]', 'drop', { dataTransfer: transfer });
    await expect.poll(() => row('dropped').count(), { timeout: 30_000 }).toBe(1);
  });

  it('says where the user imported that rows out of time order were sorted (issue 14, finding 4)', async () => {
    const problemsBefore = pageProblems.length;
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('inventory-title').count()).toBe(1);
    await page.keyboard.press('Alt+3');
    await chooseFile('backwards.csv', Buffer.from('arrived_at,num_prefill_tokens,num_decode_tokens\n5,10,5\n2,20,5\n1,30,5\n'));
    await expect.poll(() => row('backwards').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('import-warning').count()).toBe(1);
    expect(await page.getByTestId('import-warning').textContent()).toContain('backwards.csv: 2 requests arrived before an earlier row and were sorted into time order');
    await page.mouse.move(700, 700); // off the Import button, whose tooltip would cover the warning
    await page.screenshot({ path: join(RESULTS, 'workloads-import-warning.png') });
    // A trace in order imports without one, and the last warning does not linger.
    await chooseFile('forwards.csv', Buffer.from('arrived_at,num_prefill_tokens,num_decode_tokens\n1,10,5\n2,20,5\n'));
    await expect.poll(() => row('forwards').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('import-warning').count()).toBe(0);
    // Nothing on the page failed meanwhile (a CSP refusal or a script error would be listed here).
    expect(pageProblems.slice(problemsBefore)).toEqual([]);
  });

  it('rescales, renames and deletes a workload', async () => {
    await row('custom').click();
    await page.getByTestId('rescale-workload').click();
    await answerPrompt('2');
    const list = await api<WorkloadSummary[]>('workload.list');
    const copy = list.find((w) => w.name === 'custom ×2 rate')!;
    expect(copy.durationS).toBeCloseTo(49 * 0.25 / 2, 3);
    await expect.poll(() => row('custom ×2 rate').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('rename-workload').click();
    await answerPrompt('custom fast');
    await expect.poll(() => row('custom fast').count()).toBe(1);
    await page.getByTestId('delete-workload').click();
    await expect.poll(() => dialog().count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => row('custom fast').count()).toBe(0);
  });

  it('synthesizes Poisson and gamma workloads, naming a bad field next to it', async () => {
    const azure = (await api<WorkloadSummary[]>('workload.list')).find((w) => w.name.startsWith('Azure conversation'))!;
    const synthesize = async (name: string, arrival: 'poisson' | 'gamma', screenshot = false) => {
      await page.getByTestId('synthesize-workload').click();
      await expect.poll(() => page.getByTestId('synthesize-dialog').count()).toBe(1);
      const box = page.getByTestId('synthesize-dialog');
      await box.getByTestId('synth-name').fill(name);
      await box.getByTestId('synth-requests').fill('5000');
      // A rate of 0 is refused by the backend, which names ratePerS: the message sits next to the rate field.
      await box.getByTestId('synth-ratePerS').fill('0');
      await box.getByTestId('synth-make').click();
      await expect.poll(() => box.getByTestId('synth-ratePerS').getAttribute('aria-invalid')).toBe('true');
      expect(await box.locator('.field-problem').count()).toBe(1);
      await box.getByTestId('synth-ratePerS').fill('20');
      await box.getByTestId('synth-arrival').selectOption(arrival);
      if (arrival === 'gamma') await box.getByTestId('synth-cv').fill('3');
      await box.getByTestId('synth-lengths').selectOption('workload');
      await box.getByTestId('synth-source').selectOption(String(azure.id));
      await box.getByTestId('synth-seed').fill('7');
      if (screenshot) await page.screenshot({ path: join(RESULTS, 'synthesize.png') });
      await box.getByTestId('synth-make').click();
      await expect.poll(() => page.getByTestId('synthesize-dialog').count(), { timeout: 30_000 }).toBe(0);
      await expect.poll(() => row(name).getAttribute('aria-selected')).toBe('true');
      const w = (await api<WorkloadSummary[]>('workload.list')).find((x) => x.name === name)!;
      expect(w.requestCount).toBe(5000);
      expect(w.sourceFormat).toBe('synthetic');
      // 5,000 requests at 20 req/s: about 250 s, in the list as in the API.
      expect(Math.abs(w.durationS - 250) / 250).toBeLessThan(0.1);
      const shown = Number((await row(name).locator('td').nth(2).textContent())!.replace(/[^\d.]/g, ''));
      expect(Math.abs(shown - 250) / 250).toBeLessThan(0.1);
      // Lengths come from the Azure conversation workload: same mean prompt length, within sampling noise.
      expect(Math.abs(w.meanInputTokens - azure.meanInputTokens) / azure.meanInputTokens).toBeLessThan(0.1);
      await expect.poll(() => page.getByTestId('workload-detail').locator('h2').textContent()).toBe(name);
      await expect.poll(() => page.getByTestId('chart-arrivals').locator('.recharts-area-area').count()).toBe(1);
      for (const id of ['chart-hist-input', 'chart-hist-output', 'chart-cdf']) expect(await page.getByTestId(id).count()).toBe(1);
      return w;
    };
    const poisson = await synthesize('Synthetic Poisson 20 req/s', 'poisson');
    const gamma = await synthesize('Synthetic gamma CV 3', 'gamma', true);
    const [ps, gs] = await Promise.all([poisson, gamma].map((w) => api<WorkloadStats>('workload.stats', { id: w.id })));
    expect(countsCv(gs.arrivals.counts)).toBeGreaterThan(2 * countsCv(ps.arrivals.counts));
    expect(pageProblems).toEqual([]);
  });

  it('synthesizes a closed-loop workload, lists it as closed-loop, and compares strategies on it to the end', async () => {
    const azure = (await api<WorkloadSummary[]>('workload.list')).find((w) => w.name.startsWith('Azure conversation'))!;
    const name = 'Closed loop 24 chat users';
    // From the start, so this test also runs on its own (-t).
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('inventory-title').count()).toBe(1);
    await page.keyboard.press('Alt+3');
    await expect.poll(() => page.getByTestId('workload-row').count()).toBeGreaterThan(0);
    await page.getByTestId('synthesize-workload').click();
    await expect.poll(() => page.getByTestId('synthesize-dialog').count()).toBe(1);
    const box = page.getByTestId('synthesize-dialog');
    await box.getByTestId('synth-arrival').selectOption('closed-loop');
    // The rate gives way to users and think time.
    await expect.poll(() => box.getByTestId('synth-ratePerS').count()).toBe(0);
    await box.getByTestId('synth-name').fill(name);
    await box.getByTestId('synth-requests').fill('400');
    await box.getByTestId('synth-users').fill('0');
    await box.getByTestId('synth-make').click();
    // Zero users is refused by the backend, next to the users field.
    await expect.poll(() => box.getByTestId('synth-users').getAttribute('aria-invalid')).toBe('true');
    await box.getByTestId('synth-users').fill('24');
    await box.getByTestId('synth-thinkTimeS').fill('2');
    await box.getByTestId('synth-lengths').selectOption('workload');
    await box.getByTestId('synth-source').selectOption(String(azure.id));
    await page.screenshot({ path: join(RESULTS, 'synthesize-closed-loop.png') });
    await box.getByTestId('synth-make').click();
    await expect.poll(() => page.getByTestId('synthesize-dialog').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => row(name).getAttribute('aria-selected')).toBe('true');
    const w = (await api<WorkloadSummary[]>('workload.list')).find((x) => x.name === name)!;
    expect(w.closedLoop).toMatchObject({ users: 24, thinkTimeS: 2, requests: 400, lengths: { kind: 'workload', workloadId: azure.id } });
    expect(await row(name).getByTestId('workload-closed-loop-cell').textContent()).toBe('closed loop, 24 users');
    await expect.poll(() => page.getByTestId('workload-closed-loop').textContent()).toMatch(/24 users, think 2 s, lengths drawn from “Azure conversation/);
    // No arrival chart for a closed loop (there is no rate); the length pictures stay. Rescaling a rate is off.
    expect(await page.getByTestId('chart-arrivals').count()).toBe(0);
    for (const id of ['chart-hist-input', 'chart-hist-output', 'chart-cdf']) expect(await page.getByTestId(id).count()).toBe(1);
    expect(await page.getByTestId('rescale-workload').isDisabled()).toBe(true);

    await page.goto(`${host.url}#compare`);
    await expect.poll(() => page.getByTestId('compare-form').count()).toBe(1);
    await page.getByTestId('compare-workload').selectOption(String(w.id));
    expect(await page.getByTestId('compare-workload').locator(`option[value="${w.id}"]`).textContent()).toMatch(/closed loop of 24 users/);
    await page.getByTestId('compare-model').selectOption('meta-llama/Llama-3.1-8B');
    await page.getByTestId('compare-max').fill('300');
    for (const id of ['colocated', 'pipeline', 'disaggregated', 'cronus', 'nexus']) await page.getByTestId(`strategy-${id}`).setChecked(['colocated', 'disaggregated'].includes(id));
    await page.getByTestId('compare-run').click();
    await expect.poll(() => page.getByTestId('run-results').count(), { timeout: 120_000, interval: 250 }).toBe(1);
    const runId = Number(await page.getByTestId('run-results').getAttribute('data-run-id'));
    const run = await api<RunDetail>('run.get', { id: runId });
    expect(run.status).toBe('done');
    expect(run.result!.closedLoop).toEqual({ users: 24, thinkTimeS: 2, think: 'fixed' });
    await expect.poll(() => page.getByTestId('closed-loop-note').textContent()).toMatch(/Closed-loop workload \(24 users, think 2 s\).*no rate sweep/);
    await expect.poll(() => page.getByTestId('strategy-row').count()).toBe(2);
    // Charts without a rate sweep: the all-deployments scatter stands in, and every chart has drawn something.
    await expect.poll(() => page.getByTestId('chart-throughput').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('chart-rate-ttft').count()).toBe(0);
    await expect.poll(() => page.getByTestId('chart-pareto').locator('.recharts-symbols').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    if (run.result!.strategies.some((o) => o.bestByCost)) {
      await expect.poll(() => page.getByTestId('deployment-diagram').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await page.getByTestId('trace-charts').scrollIntoViewIfNeeded();
      await expect.poll(() => page.getByTestId('trace-charts').getAttribute('aria-busy'), { timeout: 60_000 }).toBe('false');
      expect(await page.getByTestId('chart-cdf-ttft').locator('.recharts-line-curve').count()).toBeGreaterThan(0);
    }
    const text = (await page.getByTestId('run-results').textContent()) ?? '';
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    // Its printable report names the closed loop instead of a duration and an arrival rate.
    const opened = browser.context.waitForEvent('page');
    await page.keyboard.press('Control+e');
    const report = await opened;
    await expect.poll(() => report.locator('.report').getAttribute('data-report-ready'), { timeout: 60_000 }).toBe('true');
    const reportText = (await report.locator('.report').textContent()) ?? '';
    expect(reportText).toContain('24 users, think 2.00 s; no arrival rate');
    expect(reportText).not.toMatch(/Mean arrival rate|NaN/);
    await report.close();
    await page.getByTestId('run-results').scrollIntoViewIfNeeded();
    await page.getByTestId('run-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'compare-closed-loop.png') });
    expect(pageProblems).toEqual([]);
  });
});
