// Models and GPU types end to end in Debian's Chromium: search the catalog, read a model's facts and memory
// fit, add a model from a config.json file (and see a broken one named by field), delete it; add a GPU type
// with validated numbers, see the host's field errors, and delete it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GpuType, ModelEntry } from '../../main/domain';
import { callApi, launchBrowser, missingPrerequisite, RESULTS, startHost, tempDir, type Browser, type Host, trackPageProblems } from './helpers';

const missing = missingPrerequisite();
if (missing) throw new Error(`e2e prerequisites: ${missing}`);

const data = tempDir('fleetplan-e2e-models-');
let host: Host;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];

// A small Llama-shaped model; the test works out its parameter count from these same numbers.
const CONFIG = {
  architectures: ['LlamaForCausalLM'], model_type: 'llama', hidden_size: 2048, intermediate_size: 8192, num_hidden_layers: 16,
  num_attention_heads: 32, num_key_value_heads: 8, vocab_size: 128256, max_position_embeddings: 131072, tie_word_embeddings: true,
  torch_dtype: 'bfloat16', rms_norm_eps: 1e-5, rope_theta: 500000,
};

async function api<T>(channel: string, input: unknown = {}): Promise<T> {
  const res = await callApi(host, channel, input, host.token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as { result: T }).result;
}

const dialog = () => page.locator('dialog[open]');
const modelRow = (id: string) => page.locator(`[data-testid="model-row"][data-id="${id}"]`);

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  host = await startHost(data.dir);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  trackPageProblems(page, pageProblems);
  await page.goto(`${host.url}#models`);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

describe('models in Chromium', () => {
  it('searches the catalog and shows a model’s KV bytes and memory fit', async () => {
    const models = await api<ModelEntry[]>('catalog.models');
    await expect.poll(() => page.getByTestId('model-row').count()).toBe(models.length);
    await page.getByTestId('model-search').fill('llama 3.1');
    const expected = models.filter((m) => `${m.id} ${m.name}`.toLowerCase().includes('llama') && `${m.id} ${m.name}`.toLowerCase().includes('3.1'));
    await expect.poll(() => page.getByTestId('model-row').count()).toBe(expected.length);
    await modelRow('meta-llama/Llama-3.1-70B').click();
    // 70B: 80 layers × 8 KV heads × 128 head dim × 2 (K, V) × 2 bytes = 327,680 B per token.
    await expect.poll(() => page.getByTestId('model-kv').textContent()).toContain('328 kB');
    await page.getByTestId('fit-gpu').selectOption('nvidia-h100-sxm');
    await page.getByTestId('fit-tp').selectOption('1');
    expect(await page.getByTestId('fit-verdict').textContent()).toContain('does not fit');
    await page.getByTestId('fit-tp').selectOption('4');
    expect(await page.getByTestId('fit-verdict').textContent()).toMatch(/^fits: [\d,]+ tokens of KV across TP4, about [\d,]+ requests of .+'s mean [\d,]+ tokens at once/);
  });

  it('names the missing field of a broken config.json, then adds a model from a file', async () => {
    await page.getByTestId('model-search').fill('');
    await page.getByTestId('add-model').click();
    await page.getByTestId('model-id').fill('acme/Tiny-1B');
    await page.getByTestId('model-config').fill(JSON.stringify({ num_hidden_layers: 2 }));
    await page.getByTestId('model-add-submit').click();
    await expect.poll(() => page.getByTestId('error-banner').count()).toBe(1);
    expect(await page.getByTestId('error-where').textContent()).toContain('hidden_size');

    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('model-open-config').click();
    await chooser;
    await page.setInputFiles('[data-testid="open-file-input"]', { name: 'config.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(CONFIG, null, 2)) });
    await expect.poll(() => page.getByTestId('model-config').inputValue()).toContain('"hidden_size": 2048');
    await page.getByTestId('model-add-submit').click();
    await expect.poll(() => modelRow('acme/Tiny-1B').count()).toBe(1);
    const stored = (await api<ModelEntry[]>('catalog.models')).find((m) => m.id === 'acme/Tiny-1B')!;
    expect(stored.builtin).toBe(false);
    expect(stored.config.hidden_size).toBe(2048);
    // Embeddings (tied) + 16 × (attention + gated MLP), from the config's numbers.
    const h = 2048, kv = 8 * 64;
    const params = 128256 * h + 16 * (2 * h * h + 2 * h * kv + 3 * h * 8192);
    await expect.poll(() => page.getByTestId('model-params').textContent()).toContain(`${+(params / 1e9).toFixed(2)} B`);
    await page.screenshot({ path: join(RESULTS, 'models.png') });

    await page.getByTestId('delete-model').click();
    await expect.poll(() => dialog().count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => modelRow('acme/Tiny-1B').count()).toBe(0);
  });

  it('adds a GPU type with checked numbers and units, edits it, and deletes it', async () => {
    await page.keyboard.press('Alt+2');
    await page.getByTestId('add-gpu').click();
    await page.getByTestId('gpu-add-submit').click();
    // Nothing filled: every required field says what it needs.
    await expect.poll(() => page.getByTestId('add-gpu-form').locator('.field-problem').count()).toBeGreaterThanOrEqual(8);
    await page.getByTestId('gpu-id').fill('acme-x1');
    await page.getByTestId('gpu-vendor').fill('Acme');
    await page.getByTestId('gpu-name').fill('Acme X1 96GB');
    const numbers: Record<string, string> = { memoryGb: '96', hbmBwGBps: '4000', bf16Tflops: '800', tdpW: '700', intraNodeBwGBps: '300', defaultUsdPerGpuHour: '2.5' };
    for (const [k, v] of Object.entries(numbers)) await page.getByTestId(`gpu-${k}`).fill(v);
    await page.getByTestId('gpu-hbmBwGBps').fill('5');
    await page.getByTestId('gpu-add-submit').click();
    expect(await page.getByTestId('add-gpu-form').locator('.field-problem').allTextContents()).toEqual(['from 10 to 100000 GB/s']);
    await page.getByTestId('gpu-hbmBwGBps').fill('4000');
    await page.getByTestId('gpu-add-submit').click();
    await expect.poll(() => page.getByTestId('custom-gpu').count()).toBe(1);
    const gpu = (await api<GpuType[]>('catalog.gpus')).find((g) => g.id === 'acme-x1')!;
    expect(gpu).toMatchObject({ memoryGb: 96, hbmBwGBps: 4000, bf16Tflops: 800, fp8Tflops: null, builtin: false });
    // Edit it in place: the form holds its numbers, the id stays, the change is stored.
    await page.getByTestId('edit-gpu').click();
    expect(await page.getByTestId('gpu-memoryGb').inputValue()).toBe('96');
    expect(await page.getByTestId('gpu-id').getAttribute('readonly')).not.toBeNull();
    await page.getByTestId('gpu-name').fill('Acme X1 rev B');
    await page.getByTestId('gpu-fp4Tflops').fill('3200');
    await page.getByTestId('gpu-save-submit').click();
    await expect.poll(() => page.getByTestId('edit-gpu-form').count()).toBe(0);
    await expect.poll(() => page.getByTestId('custom-gpu').textContent()).toContain('Acme X1 rev B');
    expect((await api<GpuType[]>('catalog.gpus')).find((g) => g.id === 'acme-x1')).toMatchObject({ name: 'Acme X1 rev B', fp4Tflops: 3200, memoryGb: 96 });
    await page.getByTestId('delete-gpu').click();
    await expect.poll(() => dialog().count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('custom-gpu').count()).toBe(0);
    expect(pageProblems).toEqual([]);
  });
});
