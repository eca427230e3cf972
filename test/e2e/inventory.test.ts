// The inventory workflow end to end in Debian's Chromium against the real host and a fresh data folder:
// list, create, rename, edit pools, delete, save as YAML, open a broken and a good file, and find it all
// again after restarting the host on the same folder.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GpuType, Inventory, InventorySummary } from '../../main/domain';
import { callApi, launchBrowser, missingPrerequisite, RESULTS, startHost, tempDir, type Browser, type Host, trackPageProblems } from './helpers';

const missing = missingPrerequisite();
if (missing) throw new Error(`e2e prerequisites: ${missing}`);

const data = tempDir('fleetplan-e2e-data-');
let host: Host;
let browser: Browser;
let page: Page;
let gpus: GpuType[];
let savedYaml = '';
let savedName = '';
const pageProblems: string[] = [];

const row = (name: string) => page.locator(`[data-testid="inventory-row"][data-name="${name}"]`);
const dialog = () => page.locator('dialog[open]');

async function api<T>(channel: string, input: unknown = {}): Promise<T> {
  const res = await callApi(host, channel, input, host.token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as { result: T }).result;
}

async function answerPrompt(text: string) {
  await expect.poll(() => dialog().count()).toBe(1);
  await dialog().locator('input').fill(text);
  await page.keyboard.press('Enter');
  await expect.poll(() => dialog().count()).toBe(0);
}

async function openFile(fileName: string, text: string) {
  // Listening for the chooser stops headless Chromium from cancelling it before the files are set.
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('open-file').click();
  await chooser;
  await page.setInputFiles('[data-testid="open-file-input"]', { name: fileName, mimeType: 'application/yaml', buffer: Buffer.from(text) });
}

// A string, not a function: this file is type-checked for Node, without the DOM's types.
const bodyColour = () => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in the saved file`);
  return i + 1;
}

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  host = await startHost(data.dir);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  trackPageProblems(page, pageProblems);
  gpus = await api<GpuType[]>('catalog.gpus');
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

describe('inventory workflow in Chromium', () => {
  it('opens on the seeded sample inventory and drops the token from the address bar', async () => {
    await page.goto(host.url);
    await expect.poll(() => row('Sample mixed fleet').count()).toBe(1);
    expect(page.url()).not.toContain('token=');
    const sample = (await api<InventorySummary[]>('inventory.list')).find((i) => i.name === 'Sample mixed fleet')!;
    await expect.poll(() => page.getByTestId('inventory-title').textContent()).toBe('Sample mixed fleet');
    await expect.poll(() => page.getByTestId('pool-row').count()).toBe(sample.poolCount);
    expect(await page.getByTestId('summary-strip').textContent()).toContain(String(sample.gpuCount));
    // The tab has the app's icon: the page links one and the host serves it as an image.
    const icon = new URL((await page.locator('link[rel="icon"]').getAttribute('href'))!, page.url()).href;
    const served = await page.evaluate(async (u) => { const r = await fetch(u); return { ok: r.ok, type: r.headers.get('content-type') ?? '', body: await r.text() }; }, icon);
    expect(served.ok).toBe(true);
    expect(served.type).toContain('image/svg+xml');
    expect(served.body).toContain('<svg');
  });

  it('opened without its token, says what link to open instead of showing an empty app', async () => {
    const bare = await browser.context.newPage();
    await bare.goto(host.url.replace(/\?token=.*$/, ''));
    await expect.poll(() => bare.getByTestId('locked').count()).toBe(1);
    expect(await bare.getByTestId('locked').textContent()).toMatch(/untouched.*\?token=/s);
    expect(await bare.getByText('No inventories').count()).toBe(0);
    await bare.close();
  });

  it('? lists every key in a dialog that Escape closes', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const keys = page.getByTestId('keys-dialog');
    await expect.poll(() => keys.isVisible()).toBe(true);
    expect(await keys.textContent()).toContain('Alt+1…8');
    await page.keyboard.press('Escape');
    await expect.poll(() => keys.isVisible()).toBe(false);
    await page.getByTestId('show-keys').click();
    await expect.poll(() => keys.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('creates, renames and fills an inventory with two pools of different GPU types', async () => {
    await page.getByTestId('new-inventory').click();
    await answerPrompt('Test fleet');
    await expect.poll(() => page.getByTestId('inventory-title').textContent()).toBe('Test fleet');
    await expect.poll(() => page.getByTestId('pools-empty').count()).toBe(1);

    await page.getByTestId('rename-inventory').click();
    await answerPrompt('Lab fleet');
    await expect.poll(() => row('Lab fleet').count()).toBe(1);
    expect(await row('Test fleet').count()).toBe(0);

    const h100 = gpus.find((g) => g.id === 'nvidia-h100-sxm')!;
    const l4 = gpus.find((g) => g.id === 'nvidia-l4')!;
    await page.getByTestId('new-pool-gpu').selectOption(h100.id);
    await page.getByTestId('add-pool').click();
    await page.getByTestId('new-pool-gpu').selectOption(l4.id);
    await page.getByTestId('add-pool').click();
    await expect.poll(() => page.getByTestId('pool-row').count()).toBe(2);
    await expect.poll(() => page.getByTestId('dirty-indicator').count()).toBe(1);

    // Defaults come from the catalog: the L4 pool starts at the L4's price and intra-node bandwidth.
    const l4Row = page.getByTestId('pool-row').nth(1);
    expect(Number(await l4Row.getByTestId('pool-price').inputValue())).toBe(l4.defaultUsdPerGpuHour ?? 0);
    expect(Number(await l4Row.getByLabel('Pool 2 intra-node bandwidth in GB/s').inputValue())).toBe(l4.intraNodeBwGBps);

    // A count that is not whole nodes is marked before anything is sent.
    const h100Count = page.getByTestId('pool-row').nth(0).getByTestId('pool-count');
    await h100Count.fill('12');
    await expect.poll(() => page.getByTestId('pool-issues').textContent()).toContain('multiple of 8');
    await h100Count.fill('16');
    await expect.poll(() => page.getByTestId('pool-issues').count()).toBe(0);

    await page.getByTestId('save-pools').click();
    await expect.poll(() => page.getByTestId('dirty-indicator').count()).toBe(0);
    await expect.poll(() => page.getByTestId('toast').last().textContent()).toContain('Saved 2 pools');
    expect(await page.getByTestId('summary-strip').textContent()).toContain('24');

    const stored = (await api<InventorySummary[]>('inventory.list')).find((i) => i.name === 'Lab fleet')!;
    expect(stored).toMatchObject({ poolCount: 2, gpuCount: 24 });
    const inv = await api<Inventory>('inventory.get', { id: stored.id });
    expect(inv.pools.map((p) => p.gpuTypeId)).toEqual([h100.id, l4.id]);
    await page.screenshot({ path: join(RESULTS, 'inventory.png') });
  });

  it('asks before leaving unsaved edits and stays when the user cancels', async () => {
    await page.getByTestId('pool-row').nth(1).getByTestId('pool-count').fill('4');
    await expect.poll(() => page.getByTestId('dirty-indicator').count()).toBe(1);
    await row('Sample mixed fleet').click();
    await expect.poll(() => dialog().textContent()).toContain('Discard unsaved');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
    expect(await page.getByTestId('inventory-title').textContent()).toBe('Lab fleet');
    await page.getByRole('button', { name: 'Revert' }).click();
    await expect.poll(() => page.getByTestId('dirty-indicator').count()).toBe(0);
  });

  it('deletes another inventory from the keyboard after confirming', async () => {
    await page.getByTestId('new-inventory').click();
    await answerPrompt('Scratch');
    await expect.poll(() => row('Scratch').count()).toBe(1);
    await row('Scratch').focus();
    await page.keyboard.press('Delete');
    await expect.poll(() => dialog().textContent()).toContain('Delete “Scratch”?');
    await page.keyboard.press('Enter');
    await expect.poll(() => row('Scratch').count()).toBe(0);
    const names = (await api<InventorySummary[]>('inventory.list')).map((i) => i.name);
    expect(names).not.toContain('Scratch');
    expect(names).toContain('Lab fleet');
  });

  it('saves the inventory as a YAML download', async () => {
    await row('Lab fleet').click();
    await expect.poll(() => page.getByTestId('inventory-title').textContent()).toBe('Lab fleet');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-yaml').click()]);
    savedName = download.suggestedFilename();
    expect(savedName).toMatch(/\.ya?ml$/);
    savedYaml = readFileSync((await download.path())!, 'utf8');
    expect(savedYaml).toContain('fleetplan.inventory');
    expect(savedYaml).toContain('nvidia-h100-sxm');
    expect(savedYaml).toContain('nvidia-l4');
  });

  it('refuses a malformed file with a banner naming the field and the line', async () => {
    const broken = savedYaml.replace(/gpuCount: 16/, 'gpuCount: -16');
    expect(broken).not.toBe(savedYaml);
    const before = (await api<InventorySummary[]>('inventory.list')).length;
    await openFile('broken.yaml', broken);
    const banner = page.getByTestId('error-banner');
    await expect.poll(() => banner.count()).toBe(1);
    const where = await page.getByTestId('error-where').textContent();
    expect(where).toContain('broken.yaml');
    expect(where).toContain(`line ${lineOf(broken, 'gpuCount: -16')}`);
    expect(where).toContain('pools[0].gpuCount');
    await page.screenshot({ path: join(RESULTS, 'inventory-error.png') });

    const unknownGpu = savedYaml.replace('nvidia-l4', 'acme-x9000');
    await openFile('unknown-gpu.yaml', unknownGpu);
    await expect.poll(() => banner.textContent()).toContain('acme-x9000');
    expect(await page.getByTestId('error-where').textContent()).toContain(`line ${lineOf(unknownGpu, 'acme-x9000')}`);
    expect((await api<InventorySummary[]>('inventory.list')).length).toBe(before);
    // A file's errors are about the file, not about the pools on screen.
    expect(await page.getByTestId('pool-issues').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => banner.count()).toBe(0);
  });

  it('opens the saved file as a new copy with the same pools', async () => {
    await openFile(savedName, savedYaml);
    await expect.poll(() => row('Lab fleet').count()).toBe(2);
    await expect.poll(() => page.getByTestId('toast').last().textContent()).toContain(`from ${savedName}`);
    const copies = (await api<InventorySummary[]>('inventory.list')).filter((i) => i.name === 'Lab fleet');
    const [original, copy] = await Promise.all(copies.map((c) => api<Inventory>('inventory.get', { id: c.id })));
    expect(copy.pools).toEqual(original.pools);
    await expect.poll(() => page.getByTestId('pool-row').count()).toBe(2);
  });

  it('shows the GPU catalog, the Compare screen, About, and both themes', async () => {
    await page.keyboard.press('Alt+2');
    await expect.poll(() => page.getByTestId('catalog-row').count()).toBe(gpus.length);
    await page.getByTestId('sort-memoryGb').click();
    const firstName = await page.getByTestId('catalog-row').first().locator('td').nth(1).textContent();
    // Several GPU types can share the largest memory (the 288 GB parts): the first row is one of them.
    const most = Math.max(...gpus.map((g) => g.memoryGb));
    const biggest = gpus.filter((g) => g.memoryGb === most).map((g) => g.name);
    expect(biggest.some((n) => firstName?.includes(n)), `${firstName} among ${biggest.join(', ')}`).toBe(true);
    await page.screenshot({ path: join(RESULTS, 'catalog.png') });

    await page.getByTestId('nav-compare').click();
    await expect.poll(() => page.getByTestId('compare-view').count()).toBe(1);
    await page.getByTestId('nav-about').click();
    await expect.poll(() => page.getByTestId('about').textContent()).toContain(data.dir);
    await page.screenshot({ path: join(RESULTS, 'about.png') });

    await page.getByTestId('nav-inventories').click();
    await row('Sample mixed fleet').click();
    await expect.poll(() => page.getByTestId('inventory-title').textContent()).toBe('Sample mixed fleet');
    const before = await bodyColour();
    await page.getByTestId('theme-toggle').click();
    const after = await bodyColour();
    expect(after).not.toBe(before);
    // The choice outlives a reload.
    await page.reload();
    await expect.poll(() => page.getByTestId('pool-row').count()).toBeGreaterThan(0);
    expect(await bodyColour()).toBe(after);
    await page.screenshot({ path: join(RESULTS, 'inventory-other-theme.png') });
    await page.getByTestId('theme-toggle').click();
    expect(await bodyColour()).toBe(before);
  });

  it('finds the inventory and its pools after the host restarts on the same data folder', async () => {
    await host.stop();
    host = await startHost(data.dir);
    await page.goto(host.url);
    await expect.poll(() => row('Lab fleet').count()).toBe(2);
    await row('Lab fleet').first().click();
    await expect.poll(() => page.getByTestId('pool-row').count()).toBe(2);
    const selects = page.getByTestId('pool-gpu');
    const types = [await selects.nth(0).inputValue(), await selects.nth(1).inputValue()];
    expect(types).toEqual(['nvidia-h100-sxm', 'nvidia-l4']);
    expect(await page.getByTestId('pool-row').nth(0).getByTestId('pool-count').inputValue()).toBe('16');
    await page.screenshot({ path: join(RESULTS, 'app.png'), fullPage: true });
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    const none = await callApi(host, 'inventory.list', {});
    expect([401, 403]).toContain(none.status);
    const wrong = await callApi(host, 'inventory.list', {}, 'x'.repeat(43));
    expect([401, 403]).toContain(wrong.status);
    const right = await callApi(host, 'inventory.list', {}, host.token);
    expect(right.status).toBe(200);
  });

  it('logged no page errors or CSP violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
