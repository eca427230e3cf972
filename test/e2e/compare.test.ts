// Compare end to end in Debian's Chromium against the real host: run a small comparison to the end and read
// its results (table, recommendation, charts, deployment diagrams), measuring the page's long tasks while it
// runs; then start a full-size one and cancel it midway.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail, RunSummary, WorkloadSummary } from '../../main/domain';
import { recommendation } from '../../main/reports/recommendation';
import { calibrationCell } from '../../main/reports/summary';
import { callApi, launchBrowser, missingPrerequisite, RESULTS, startHost, tempDir, type Browser, type Host, trackPageProblems } from './helpers';

const missing = missingPrerequisite();
if (missing) throw new Error(`e2e prerequisites: ${missing}`);

const data = tempDir('fleetplan-e2e-compare-');
let host: Host;
let browser: Browser;
let page: Page;
let workloads: WorkloadSummary[];
const pageProblems: string[] = [];

async function api<T>(channel: string, input: unknown = {}): Promise<T> {
  const res = await callApi(host, channel, input, host.token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as { result: T }).result;
}

// Runs in the page before the app: every long task (> 50 ms on the main thread) with its start, and the
// moment the job's progress bar goes away (the comparison finished or stopped).
const OBSERVE = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.__progressSeen = false;
  window.__progressGoneAt = null;
  new MutationObserver(() => {
    const el = document.querySelector('[data-testid="job-progress"]');
    if (el && el.getAttribute('data-status') === 'running') { window.__progressSeen = true; window.__progressGoneAt = null; }
    else if (window.__progressSeen && window.__progressGoneAt === null) window.__progressGoneAt = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
`;

interface LongTask { start: number; duration: number }

/** The whole screen, not just the window: the content pane scrolls, so grow the viewport to fit it first. */
async function screenshotAll(p: Page, file: string) {
  const h = await p.evaluate<number>('document.getElementById("content").scrollHeight + 60');
  await p.setViewportSize({ width: 1440, height: Math.max(900, Math.min(h, 5000)) });
  await p.screenshot({ path: join(RESULTS, file) });
  await p.setViewportSize({ width: 1440, height: 900 });
}

/** The Compare form set for a small run: Azure conversation, Llama 3.1 8B, 300 requests, two strategies. */
async function openSmallComparison() {
  await page.goto(`${host.url}#compare`);
  await expect.poll(() => page.getByTestId('compare-form').count()).toBe(1);
  const conv = workloads.find((w) => w.name.startsWith('Azure conversation'))!;
  await page.getByTestId('compare-workload').selectOption(String(conv.id));
  await page.getByTestId('compare-model').selectOption('meta-llama/Llama-3.1-8B');
  await page.getByTestId('compare-max').fill('300');
  await setStrategies(['colocated', 'disaggregated']);
}

async function setStrategies(wanted: string[]) {
  for (const id of ['colocated', 'pipeline', 'disaggregated', 'cronus', 'nexus']) {
    await page.getByTestId(`strategy-${id}`).setChecked(wanted.includes(id));
  }
}

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  host = await startHost(data.dir);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.addInitScript(OBSERVE);
  trackPageProblems(page, pageProblems);
  workloads = await api<WorkloadSummary[]>('workload.list');
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

describe('compare in Chromium', () => {
  it('a default comparison shows its table and every chart, and says how long that took', async () => {
    // The form as a planner first sees it (first run in this data folder, so nothing is preset): Run.
    await page.goto(`${host.url}#compare`);
    await expect.poll(() => page.getByTestId('compare-form').count()).toBe(1);
    const t0 = Date.now();
    await page.getByTestId('compare-run').click();
    await expect.poll(() => page.getByTestId('run-results').count(), { timeout: 180_000, interval: 100 }).toBe(1);
    const tableS = (Date.now() - t0) / 1000;
    const runId = Number(await page.getByTestId('run-results').getAttribute('data-run-id'));
    const run = await api<RunDetail>('run.get', { id: runId });
    const outcomes = run.result!.strategies;
    const feasible = outcomes.filter((o) => o.bestByCost).length;
    const sweeps = outcomes.filter((o) => [o.bestByCost, o.bestByGoodput].some((d) => d?.rateSweep?.length)).length;
    // Every chart on the screen: the Pareto front, the rate sweeps, the latency CDFs and utilization over time.
    await page.getByTestId('trace-charts').scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByTestId('trace-charts').getAttribute('aria-busy'), { timeout: 180_000, interval: 100 }).toBe('false');
    await expect.poll(() => page.getByTestId('chart-pareto').locator('.recharts-scatter .recharts-symbols').count(), { timeout: 30_000, interval: 100 }).toBeGreaterThan(0);
    if (sweeps > 0) await expect.poll(() => page.getByTestId('chart-rate-ttft').locator('.recharts-line-curve').count(), { interval: 100 }).toBe(sweeps);
    if (feasible > 0) {
      await expect.poll(() => page.getByTestId('chart-cdf-ttft').locator('.recharts-line-curve').count(), { interval: 100 }).toBe(feasible);
      await expect.poll(() => page.getByTestId('chart-cdf-gap').locator('.recharts-line-curve').count(), { interval: 100 }).toBe(feasible);
      await expect.poll(() => page.getByTestId('chart-utilization-time').locator('.recharts-line-curve').count(), { interval: 100 }).toBeGreaterThan(0);
    }
    const chartsS = (Date.now() - t0) / 1000;
    // Reported, not asserted (the machine is shared): the issue's target is every chart within 15 s of Run.
    console.log(JSON.stringify({ metric: 'compare_default_run_to_charts_s', tableS: +tableS.toFixed(2), chartsS: +chartsS.toFixed(2), requests: run.result!.requests, strategies: outcomes.length, feasible }));
    expect(feasible, 'the default comparison finds a deployment for some strategy').toBeGreaterThan(0);
  });

  it('runs a comparison to the end, stays responsive, and shows the answer', async () => {
    await openSmallComparison();

    const startedAt = await page.evaluate<number>('performance.now()');
    const t0 = Date.now();
    await page.getByTestId('compare-run').click();
    await expect.poll(() => page.getByTestId('run-results').count(), { timeout: 120_000, interval: 250 }).toBe(1);
    const wallS = (Date.now() - t0) / 1000;
    // Charts and diagrams land one per task after the table; wait for the last before reading the record.
    await expect.poll(() => page.getByTestId('deployment-diagram').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(300);

    const tasks = await page.evaluate<LongTask[]>('window.__longTasks');
    const goneAt = await page.evaluate<number | null>('window.__progressGoneAt');
    expect(goneAt, 'the progress bar was shown while running').not.toBeNull();
    const during = tasks.filter((t) => t.start >= startedAt && t.start < goneAt!);
    const after = tasks.filter((t) => t.start >= goneAt!);
    const worst = Math.max(0, ...during.map((t) => t.duration));
    const worstRender = Math.max(0, ...after.map((t) => t.duration));
    console.log(
      `[compare e2e] comparison took ${wallS.toFixed(1)} s in the page; long tasks while running: ${during.length}, worst ${worst.toFixed(0)} ms` +
        ` (limit 100 ms); rendering the results afterwards: worst ${worstRender.toFixed(0)} ms`,
    );
    expect(worst).toBeLessThanOrEqual(100);

    // The table and the sentence agree with the stored run.
    const runId = Number(await page.getByTestId('run-results').getAttribute('data-run-id'));
    const run = await api<RunDetail>('run.get', { id: runId });
    expect(run.status).toBe('done');
    const outcomes = run.result!.strategies;
    expect(outcomes.map((o) => o.strategy)).toEqual(['colocated', 'disaggregated']);
    // The sample fleet: the MI300X runs with its shipped public calibration, the NVIDIA parts on their datasheets.
    const labels = new Map(run.result!.calibrations!.map((c) => [c.gpuTypeId, c.label]));
    expect(labels.get('amd-mi300x')).toMatch(/^calibration #\d+ \(shipped, held-out error \d+\.\d%\)$/);
    expect(labels.get('nvidia-h100-sxm')).toBe('datasheet only');
    await expect.poll(() => page.getByTestId('strategy-row').count()).toBe(2);
    for (const o of outcomes) {
      const row = page.locator(`[data-testid="strategy-row"][data-strategy="${o.strategy}"]`);
      expect(await row.getAttribute('data-feasible')).toBe(String(o.bestByCost !== null));
      if (o.bestByCost) expect(await row.getByTestId('strategy-deployment').textContent()).toBe(o.bestByCost.label);
      // Each row names the calibration of its GPU types, as the CSV's calibration column does.
      if (o.bestByCost) expect(await row.getByTestId('strategy-calibration').getAttribute('title')).toBe(calibrationCell(o.bestByCost, run.result!).split('; ').join('\n'));
      else expect(await row.textContent()).toContain('No deployment met the SLOs');
    }
    const feasible = outcomes.filter((o) => o.bestByCost).sort((a, b) => a.bestByCost!.metrics.usdPer1MTokens - b.bestByCost!.metrics.usdPer1MTokens);
    const sentence = (await page.getByTestId('recommendation').textContent()) ?? '';
    // The screen states the PDF report's recommendation, word for word.
    const rec = recommendation(run.result!);
    if (feasible.length > 0) expect(sentence).toContain(rec!.reason);
    else expect(sentence).toContain('No strategy met');

    // Ctrl+E exports the run on screen: its report opens in a new tab.
    const opened = browser.context.waitForEvent('page');
    await page.keyboard.press('Control+e');
    const report = await opened;
    expect(new URL(report.url()).hash).toBe(`#/report/${runId}`);
    await expect.poll(() => report.locator('.report').getAttribute('data-report-ready'), { timeout: 60_000 }).toBe('true');
    await report.close();

    // One point per simulated deployment in the Pareto chart, a diagram per feasible strategy.
    const simulated = outcomes.reduce((s, o) => s + o.simulatedDeployments.length, 0);
    const dots = await page.getByTestId('chart-pareto').locator('.recharts-scatter .recharts-symbols').count(); // the front's own points draw no symbol
    expect(dots).toBe(simulated);
    await expect.poll(() => page.getByTestId('deployment-diagram').count()).toBe(feasible.length);
    const disagg = outcomes.find((o) => o.strategy === 'disaggregated')!;
    if (disagg.bestByCost) {
      const roles = await page.locator('[data-testid="diagram-pool"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-role')));
      expect(roles).toContain('prefill');
      expect(roles).toContain('decode');
    }
    await expect.poll(() => page.getByTestId('deployment-diagram').count()).toBe(feasible.length);

    // Throughput against latency as the rate rises: one line per probed strategy, a dot per probe step.
    const sweeps = outcomes.map((o) => [o.bestByCost, o.bestByGoodput].find((d) => d?.rateSweep?.length)?.rateSweep).filter((s) => s !== undefined);
    if (sweeps.length > 0) {
      for (const m of ['ttft', 'tbt']) {
        expect(await page.getByTestId(`chart-rate-${m}`).locator('.recharts-line-curve').count()).toBe(sweeps.length);
        expect(await page.getByTestId(`chart-rate-${m}`).locator('.recharts-line-dots circle').count()).toBe(sweeps.reduce((n, s) => n + s.length, 0));
      }
    }

    // The replayed charts load lazily once scrolled to: a CDF line per feasible strategy, utilization over time.
    const traceStart = await page.evaluate<number>('performance.now()');
    await page.getByTestId('trace-charts').scrollIntoViewIfNeeded();
    if (feasible.length > 0) {
      await expect.poll(() => page.getByTestId('trace-charts').getAttribute('aria-busy'), { timeout: 60_000 }).toBe('false');
      for (const m of ['ttft', 'gap']) expect(await page.getByTestId(`chart-cdf-${m}`).locator('.recharts-line-curve').count()).toBe(feasible.length);
      expect(await page.getByTestId('chart-utilization-time').locator('.recharts-line-curve').count()).toBeGreaterThan(0);
      const traced = await api<{ instanceLabels: string[]; ttftCdf: { x: number }[] } | null>('run.trace', { id: runId, strategy: feasible[0].strategy });
      expect(traced!.ttftCdf).toHaveLength(101);
      if (feasible.length > 1) {
        await page.getByTestId('utilization-strategy').selectOption(feasible[1].strategy);
        await expect.poll(() => page.getByTestId('chart-utilization-time').textContent()).toContain(feasible[1].strategy === 'disaggregated' ? 'Disaggregated' : 'Colocated');
      }
    }
    const traceTasks = (await page.evaluate<LongTask[]>('window.__longTasks')).filter((t) => t.start >= traceStart);
    console.log(`[compare e2e] loading and drawing the replayed charts: ${traceTasks.length} long tasks, worst ${Math.max(0, ...traceTasks.map((t) => t.duration)).toFixed(0)} ms`);
    await screenshotAll(page, 'compare.png');
    // The README's picture: the window as a planner first sees a finished comparison.
    await page.evaluate('document.getElementById("content").scrollTo(0, 0)');
    await page.screenshot({ path: join(RESULTS, 'compare-window.png') });
    await page.setViewportSize({ width: 1440, height: await page.evaluate<number>('document.getElementById("content").scrollHeight + 60') });
    // Every bar series has a swatch of its own colour in the legend (P50 and P99 were the same blue).
    for (const id of ['chart-latency-ttft', 'chart-latency-tbt', 'chart-utilization']) {
      const fills = await page.getByTestId(id).locator('.recharts-legend-item path, .recharts-legend-item rect').evaluateAll((els) => els.map((e) => e.getAttribute('fill')));
      expect(fills.length, id).toBeGreaterThanOrEqual(2);
      expect(new Set(fills).size, id).toBe(fills.length);
    }
    // Charts are figures named by their titles, and none of them is a tab stop.
    expect(await page.locator('[data-testid="compare-charts"] [tabindex]:not([tabindex="-1"]), [data-testid="trace-charts"] [tabindex]:not([tabindex="-1"])').count()).toBe(0);
    expect(await page.getByRole('figure', { name: /Time to first token, P50 and P99/ }).count()).toBe(1);
    const boxes = await Promise.all(['compare-charts', 'trace-charts'].map((id) => page.getByTestId(id).boundingBox()));
    const top = Math.min(...boxes.map((b) => b!.y));
    const bottom = Math.max(...boxes.map((b) => b!.y + b!.height));
    await page.screenshot({ path: join(RESULTS, 'compare-charts.png'), clip: { x: boxes[0]!.x, y: top, width: boxes[0]!.width, height: bottom - top } });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('cancels a full-size comparison midway and keeps it as cancelled', async () => {
    // Ten times the Azure conversation trace, so the comparison is surely still running when it is cancelled
    // (the trace alone now finishes in about 4 s here, before the cancel below).
    const conv = workloads.find((w) => w.name.startsWith('Azure conversation'))!;
    const big = await api<WorkloadSummary>('workload.synthesize', {
      name: 'Azure conversation lengths, 200k', requests: 200_000, ratePerS: 5.4, arrival: { kind: 'poisson' },
      lengths: { kind: 'workload', workloadId: conv.id }, seed: 3,
    });
    await page.goto(`${host.url}#compare`);
    await expect.poll(() => page.locator(`[data-testid="compare-workload"] option[value="${big.id}"]`).count()).toBe(1);
    await page.getByTestId('compare-workload').selectOption(String(big.id));
    await page.getByTestId('compare-model').selectOption('meta-llama/Llama-3.1-8B');
    await page.getByTestId('compare-max').fill('');
    await setStrategies(['colocated', 'pipeline', 'disaggregated', 'cronus', 'nexus']);
    const startedAt = await page.evaluate<number>('performance.now()');
    await page.getByTestId('compare-run').click();
    // Midway: the search has reported progress; let it work a few seconds, the user moving about meanwhile.
    await expect.poll(async () => (await page.getByTestId('job-progress').textContent()) ?? '', { timeout: 60_000, interval: 100 }).toMatch(/\d+ of \d+/);
    await page.getByTestId('compare-seed').click();
    await page.keyboard.type('2');
    const typedAt = await page.evaluate<number>('performance.now()');
    await page.waitForTimeout(3000);
    const cancelAt = await page.evaluate<number>('performance.now()');
    // After the measured window: a screenshot forces a repaint that would count as the page's own task.
    await page.screenshot({ path: join(RESULTS, 'compare-running.png') });
    await page.getByTestId('job-cancel').click();
    const tasks = (await page.evaluate<LongTask[]>('window.__longTasks')).filter((t) => t.start >= startedAt && t.start < cancelAt);
    const worst = Math.max(0, ...tasks.map((t) => t.duration));
    console.log(`[compare e2e] full-size comparison, ${((cancelAt - startedAt) / 1000).toFixed(1)} s before cancel: ${tasks.length} long tasks, worst ${worst.toFixed(0)} ms (limit 100 ms); ` +
      `tasks (ms after Run, duration): ${tasks.map((t) => `${(t.start - startedAt).toFixed(0)}:${t.duration.toFixed(0)}`).join(' ')}; typing ended ${(typedAt - startedAt).toFixed(0)} ms after Run`);
    expect(worst).toBeLessThanOrEqual(100);
    await expect.poll(() => page.getByTestId('toast').allTextContents(), { timeout: 30_000 }).toEqual(expect.arrayContaining([expect.stringContaining('cancelled')]));
    const runs = await api<RunSummary[]>('run.list');
    expect(runs.map((r) => r.status)).toContain('cancelled');
    expect(runs.filter((r) => r.status === 'done')).toHaveLength(2); // the default comparison and the small one
    // The screen shows the cancelled run, not the previous run's results under it.
    await expect.poll(() => page.getByTestId('run-cancelled').count()).toBe(1);
    expect(await page.getByTestId('recommendation').count()).toBe(0);
    expect(await page.getByTestId('run-results').getAttribute('data-run-id')).toBe(String(runs.find((r) => r.status === 'cancelled')!.id));
    // The form is usable again.
    expect(await page.getByTestId('compare-run').isEnabled()).toBe(true);
    expect(pageProblems).toEqual([]);
  });

  it('runs under a chosen serving engine (one strategy on another), says which ran, and keeps the choice when reopened', async () => {
    await openSmallComparison();
    await page.getByTestId('compare-max').fill('150');
    // The four profiles with their version ranges, and the default, which stays selected until changed.
    const options = await page.getByTestId('compare-engine').locator('option').evaluateAll((els) => els.map((e) => [e.getAttribute('value'), e.textContent]));
    expect(options.map(([v]) => v)).toEqual(['default', 'vllm-v1', 'vllm-v0', 'sglang', 'trtllm']);
    expect(options.find(([v]) => v === 'vllm-v1')![1]).toBe('vLLM V1 engine (vllm serve), versions 0.10 – 0.12');
    expect(options.find(([v]) => v === 'sglang')![1]).toContain('versions 0.4 – 0.5');
    expect(await page.getByTestId('compare-engine').inputValue()).toBe('default');
    await page.getByTestId('compare-engine').selectOption('vllm-v1');
    await page.getByTestId('compare-engine-per-strategy').locator('summary').click();
    await page.getByTestId('strategy-engine-disaggregated').selectOption('sglang');
    const before = Number((await page.getByTestId('run-results').getAttribute('data-run-id').catch(() => null)) ?? NaN);
    await page.getByTestId('compare-run').click();
    await expect.poll(async () => Number((await page.getByTestId('run-results').getAttribute('data-run-id').catch(() => null)) ?? NaN), { timeout: 120_000, interval: 250 })
      .not.toBe(before);
    const run = await api<RunDetail>('run.get', { id: Number(await page.getByTestId('run-results').getAttribute('data-run-id')) });
    expect(run.scenario).toMatchObject({ engine: 'vllm-v1', strategyEngines: { disaggregated: 'sglang' } });
    const want: Record<string, string> = { colocated: 'vllm-v1', disaggregated: 'sglang' };
    for (const o of run.result!.strategies) {
      expect(o.engine).toBe(want[o.strategy]);
      for (const d of o.simulatedDeployments) expect(d.settings!.engine).toBe(want[o.strategy]);
      const row = page.locator(`[data-testid="strategy-row"][data-strategy="${o.strategy}"]`);
      await expect.poll(() => row.getByTestId('strategy-engine').getAttribute('data-engine')).toBe(want[o.strategy]);
    }
    expect(await page.getByTestId('run-results').locator('.editor-head').textContent()).toContain('engines per strategy');
    // The form above the results is the reopened run's: the same engines are chosen for the next run.
    expect(await page.getByTestId('compare-engine').inputValue()).toBe('vllm-v1');
    expect(await page.getByTestId('strategy-engine-disaggregated').inputValue()).toBe('sglang');
    expect(await page.getByTestId('strategy-engine-colocated').inputValue()).toBe('');
    await page.getByTestId('compare-form').scrollIntoViewIfNeeded();
    await screenshotAll(page, 'compare-engine.png');
    expect(pageProblems).toEqual([]);
  });

  it('pins a strategy\'s deployment, keeps it through a change of SLO, and labels the pinned row', async () => {
    await openSmallComparison();
    const shownRun = async (notId: number | null) => {
      await expect.poll(async () => Number((await page.getByTestId('run-results').getAttribute('data-run-id').catch(() => null)) ?? NaN), { timeout: 120_000, interval: 250 })
        .not.toBe(notId ?? NaN);
      const id = Number(await page.getByTestId('run-results').getAttribute('data-run-id'));
      return api<RunDetail>('run.get', { id });
    };
    await page.getByTestId('compare-run').click();
    const first = await shownRun(null);
    const chosen = first.result!.strategies.find((o) => o.strategy === 'colocated')!.bestByCost!;
    expect(chosen, 'the colocated search found a deployment to pin').toBeTruthy();
    const row = (strategy: string) => page.locator(`[data-testid="strategy-row"][data-strategy="${strategy}"]`);
    expect(await row('colocated').getAttribute('data-pinned')).toBeNull();

    // Pin it from the keyboard: focus the row's Pin button and press Enter.
    await row('colocated').getByTestId('strategy-pin').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('compare-pin').count()).toBe(1);
    const words = await page.getByTestId('compare-pin-text').textContent();
    expect(words).toContain(`${chosen.instances![0].count} × TP${chosen.instances![0].tp} on ${chosen.instances![0].pool}`);
    expect(await row('colocated').getByTestId('strategy-unpin').count()).toBe(1);
    expect(await row('colocated').getByTestId('strategy-unpin').getAttribute('data-tip')).toContain('Pinned for the next run');

    // A looser TBT target and run again: colocated keeps exactly the pinned deployment, labelled as such.
    await page.getByTestId('slo-tbtP99').fill('250');
    await page.getByTestId('compare-run').click();
    const second = await shownRun(first.id);
    expect(second.result!.slo.tbtP99S).toBeCloseTo(0.25, 9);
    const pinned = second.result!.strategies.find((o) => o.strategy === 'colocated')!;
    expect(pinned.pinned!.instances).toEqual(chosen.instances);
    expect(second.result!.strategies.find((o) => o.strategy === 'disaggregated')!.pinned).toBeUndefined();
    await expect.poll(() => row('colocated').getAttribute('data-pinned')).toBe('true');
    expect(await row('colocated').getByTestId('pinned-badge').textContent()).toBe('pinned');
    expect(await row('colocated').getByTestId('strategy-deployment').textContent()).toBe(chosen.label);
    expect(await row('disaggregated').getByTestId('pinned-badge').count()).toBe(0);
    // The reopened run's form still holds the pin, in the same words.
    expect(await page.getByTestId('compare-pin-text').textContent()).toBe(words);
    await page.getByTestId('compare-pins').scrollIntoViewIfNeeded();
    await screenshotAll(page, 'compare-pinned.png');

    // History marks the pinned strategy; Unpin in the form empties the list.
    const runs = await api<RunSummary[]>('run.list');
    expect(runs.find((r) => r.id === second.id)!.pinned).toEqual(['colocated']);
    await page.getByTestId('compare-unpin').click();
    await expect.poll(() => page.getByTestId('compare-pins').count()).toBe(0);
    expect(await row('colocated').getByTestId('strategy-pin').count()).toBe(1);

    // History shows the pin; reopening the run puts it back in the form, and running it again reproduces it.
    await page.goto(`${host.url}#history`);
    const historyRow = page.locator(`[data-testid="run-row"][data-id="${second.id}"]`);
    await expect.poll(() => historyRow.count()).toBe(1);
    expect(await historyRow.getByTestId('run-strategies').textContent()).toMatch(/\(pinned\)/);
    await historyRow.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('compare-pin-text').textContent().catch(() => null), { timeout: 30_000 }).toBe(words);
    await page.getByTestId('compare-run').click();
    const third = await shownRun(second.id);
    expect(third.result!.strategies).toEqual(second.result!.strategies);
    expect(pageProblems).toEqual([]);
  });
  it('keeps the form as last set across a reload', async () => {
    await page.goto(`${host.url}#compare`);
    await expect.poll(() => page.getByTestId('compare-form').count()).toBe(1);
    await setStrategies(['colocated', 'nexus']);
    await page.getByTestId('compare-seed').fill('7');
    await page.getByTestId('compare-max').fill('123');
    await page.reload();
    await expect.poll(() => page.getByTestId('compare-form').count()).toBe(1);
    expect(await page.getByTestId('compare-seed').inputValue()).toBe('7');
    expect(await page.getByTestId('compare-max').inputValue()).toBe('123');
    expect(await page.getByTestId('strategy-nexus').isChecked()).toBe(true);
    expect(await page.getByTestId('strategy-pipeline').isChecked()).toBe(false);
  });
});
