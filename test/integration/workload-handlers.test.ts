import { afterEach, describe, expect, it } from 'vitest';
import { cleanupHarnesses, harness } from '../helpers/harness';

afterEach(cleanupHarnesses);

const setup = () => harness({ seeded: false });

const header = 'TIMESTAMP,ContextTokens,GeneratedTokens\n';
const rows = (n: number, bad = -1) =>
  Array.from({ length: n }, (_, i) => (i === bad ? '2023-11-16 18:00:00,x,1' : `2023-11-16 18:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},${100 + i},${1 + (i % 9)}`)).join('\n');

describe('workload channels', () => {
  it('imports uploaded text as a job, then lists, describes, rescales, renames and deletes it', async () => {
    const { jobs, call } = setup();
    const job = await call('workload.import', { fileName: 'prod.csv', text: header + rows(600) });
    expect(job.status).toBe('running');
    const end = await jobs.settled(job.id);
    expect(end).toMatchObject({ status: 'done', result: { requests: 600, format: 'azure-2023' } });
    const id = end.result!.workloadId as number;
    const [w] = await call('workload.list', {});
    expect(w).toMatchObject({ id, name: 'prod', requestCount: 600 });
    const stats = await call('workload.stats', { id });
    expect(stats.requests).toBe(600);
    expect(stats.durationS).toBe(599);
    const fast = await call('workload.rescale', { id, factor: 2 });
    expect(fast).toMatchObject({ name: 'prod ×2 rate', requestCount: 600, durationS: 299.5 });
    expect((await call('workload.rename', { id, name: 'March' })).name).toBe('March');
    await call('workload.delete', { id });
    expect((await call('workload.list', {})).map((x) => x.id)).toEqual([fast.id]);
  });

  it('a bad row fails the job naming its line and keeps nothing', async () => {
    const { db, jobs, call } = setup();
    const job = await call('workload.import', { fileName: 'bad.csv', text: header + rows(600, 450) });
    const end = await jobs.settled(job.id);
    expect(end.status).toBe('failed');
    expect(end.error).toMatchObject({ code: 'invalid_input', file: 'bad.csv', line: 452, field: 'ContextTokens' });
    expect(db.prepare('SELECT COUNT(*) FROM workload_requests').pluck().get()).toBe(0);
    expect(await call('workload.list', {})).toEqual([]);
  });

  it('cancel keeps nothing', async () => {
    const { db, jobs, call } = setup();
    const job = await call('workload.import', { fileName: 'big.csv', text: header + rows(300_000) });
    await call('job.cancel', { id: job.id });
    expect((await jobs.settled(job.id)).status).toBe('cancelled');
    expect(db.prepare('SELECT COUNT(*) FROM workloads').pluck().get()).toBe(0);
  });

  it('maps the columns of an unknown file', async () => {
    const { jobs, call } = setup();
    const text = 't,in,out\n0,10,2\n1.5,20,3\n';
    expect(await call('workload.preview', { head: text })).toMatchObject({ kind: 'csv', format: null, columns: ['t', 'in', 'out'] });
    const job = await call('workload.import', { fileName: 'x.csv', text, mapping: { arrival: { column: 't', unit: 's' }, input: 'in', output: 'out' } });
    expect(await jobs.settled(job.id)).toMatchObject({ status: 'done', result: { requests: 2, format: 'custom' } });
  });
});

describe('custom GPU types', () => {
  const gpu = {
    id: 'acme-x1', vendor: 'Acme', name: 'X1', memoryGb: 96, hbmBwGBps: 3000, bf16Tflops: 500, fp8Tflops: null,
    int8Tops: null, tdpW: 600, intraNodeBwGBps: 200, defaultUsdPerGpuHour: 2.2,
  };

  it('adds a validated type, refuses a duplicate and out-of-range numbers with the field named', async () => {
    const { call } = setup();
    expect(await call('catalog.addGpu', gpu)).toMatchObject({ id: 'acme-x1', builtin: false, source: 'added by the user' });
    await expect(call('catalog.addGpu', gpu)).rejects.toMatchObject({ code: 'conflict', location: { field: 'id' } });
    await expect(call('catalog.addGpu', { ...gpu, id: 'acme-x2', bf16Tflops: 2e6 })).rejects.toMatchObject({
      code: 'invalid_input', location: { field: 'bf16Tflops' },
    });
    await expect(call('catalog.addGpu', { ...gpu, id: 'Bad Id!' })).rejects.toMatchObject({ location: { field: 'id' } });
  });

  it('edits a user type in place, keeping its id, and refuses shipped, unknown and out-of-range ones', async () => {
    const { call } = harness(); // seeded: the shipped catalog is there to be refused
    await call('catalog.addGpu', gpu);
    const edited = await call('catalog.updateGpu', { ...gpu, name: 'X1 rev B', hbmBwGBps: 3600, fp4Tflops: 2000, source: 'our lab' });
    expect(edited).toMatchObject({ id: 'acme-x1', name: 'X1 rev B', hbmBwGBps: 3600, fp4Tflops: 2000, source: 'our lab', builtin: false });
    expect((await call('catalog.gpus', {})).find((g) => g.id === 'acme-x1')).toEqual(edited);
    const h100 = (await call('catalog.gpus', {})).find((g) => g.id === 'nvidia-h100-sxm')!;
    await expect(call('catalog.updateGpu', { ...gpu, id: 'nvidia-h100-sxm', name: 'hacked' })).rejects.toMatchObject({ code: 'conflict', location: { field: 'id' } });
    expect((await call('catalog.gpus', {})).find((g) => g.id === 'nvidia-h100-sxm')).toEqual(h100);
    await expect(call('catalog.updateGpu', { ...gpu, id: 'acme-none' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(call('catalog.updateGpu', { ...gpu, tdpW: 0 })).rejects.toMatchObject({ code: 'invalid_input', location: { field: 'tdpW' } });
    expect((await call('catalog.gpus', {})).find((g) => g.id === 'acme-x1')).toEqual(edited);
  });

  it('deletes only unused user types', async () => {
    const { call } = setup();
    await call('catalog.addGpu', gpu);
    const inv = await call('inventory.create', {
      name: 'x',
      pools: [{ name: 'p', gpuTypeId: 'acme-x1', gpuCount: 1, gpusPerNode: 1, intraNode: { link: 'pcie', bandwidthGBps: 32 }, interNode: { link: 'ethernet', bandwidthGBps: 10 }, pricing: { kind: 'hourly', usdPerGpuHour: 1 } }],
    });
    await expect(call('catalog.deleteGpu', { id: 'acme-x1' })).rejects.toThrow(/used by 1 pool/);
    await call('inventory.delete', { id: inv.id });
    await expect(call('catalog.deleteGpu', { id: 'acme-x1' })).resolves.toEqual({ deleted: true });
  });
});

describe('user models', () => {
  const cfg = {
    architectures: ['LlamaForCausalLM'], model_type: 'llama', hidden_size: 2048, intermediate_size: 8192, num_hidden_layers: 16,
    num_attention_heads: 32, num_key_value_heads: 8, vocab_size: 32000, max_position_embeddings: 8192, torch_dtype: 'bfloat16',
  };

  it('adds a model from config.json text and refuses broken ones naming the field or line', async () => {
    const { call } = setup();
    const m = await call('catalog.addModel', { id: 'acme/Tiny-2B', configText: JSON.stringify(cfg, null, 2) });
    expect(m).toMatchObject({ id: 'acme/Tiny-2B', name: 'Tiny-2B', builtin: false, config: { hidden_size: 2048 } });
    const { num_hidden_layers: _drop, ...missing } = cfg;
    await expect(call('catalog.addModel', { id: 'acme/Broken', fileName: 'config.json', configText: JSON.stringify(missing) }))
      .rejects.toMatchObject({ code: 'invalid_input', location: { file: 'config.json', field: 'num_hidden_layers' } });
    await expect(call('catalog.addModel', { id: 'acme/Bad', configText: '{\n  "hidden_size": 2048,\n  oops\n}' }))
      .rejects.toMatchObject({ location: { line: 3 } });
    await expect(call('catalog.addModel', { id: 'no-slash', configText: '{}' })).rejects.toMatchObject({ location: { field: 'id' } });
    await expect(call('catalog.deleteModel', { id: 'acme/Tiny-2B' })).resolves.toEqual({ deleted: true });
  });
});

describe('synthetic workloads', () => {
  it('makes Poisson and gamma workloads at a rate, with lengths from a stored trace or a law, deterministic per seed', async () => {
    const { call, jobs } = setup();
    const job = await call('workload.import', { fileName: 'src.csv', text: header + rows(600) });
    const sourceId = (await jobs.settled(job.id)).result!.workloadId as number;
    const poisson = await call('workload.synthesize', { name: 'p', requests: 20_000, ratePerS: 50, arrival: { kind: 'poisson' }, lengths: { kind: 'workload', workloadId: sourceId }, seed: 4 });
    expect(poisson.requestCount).toBe(20_000);
    expect(poisson.sourceFormat).toBe('synthetic');
    expect(20_000 / poisson.durationS).toBeGreaterThan(48);
    expect(20_000 / poisson.durationS).toBeLessThan(52);
    const stats = await call('workload.stats', { id: poisson.id });
    expect(stats.input.cdf[0].x).toBeGreaterThanOrEqual(100);
    expect(stats.input.max).toBeLessThanOrEqual(699);
    const again = await call('workload.synthesize', { name: 'p2', requests: 20_000, ratePerS: 50, arrival: { kind: 'poisson' }, lengths: { kind: 'workload', workloadId: sourceId }, seed: 4 });
    expect((await call('workload.stats', { id: again.id })).input.cdf).toEqual(stats.input.cdf);
    const bursty = await call('workload.synthesize', { name: 'g', requests: 20_000, ratePerS: 50, arrival: { kind: 'gamma', cv: 3 }, lengths: { kind: 'fixed', input: 512, output: 64 } });
    const b = await call('workload.stats', { id: bursty.id });
    expect(b.input.p50).toBe(512);
    // Burstier arrivals: per-bin counts vary more than Poisson's.
    const cv = (c: number[]) => {
      const m = c.reduce((x, y) => x + y, 0) / c.length;
      return Math.sqrt(c.reduce((x, y) => x + (y - m) ** 2, 0) / c.length) / m;
    };
    expect(cv(b.arrivals.counts)).toBeGreaterThan(cv(stats.arrivals.counts));
    await expect(call('workload.synthesize', { name: 'x', requests: 0, ratePerS: 1, arrival: { kind: 'poisson' }, lengths: { kind: 'fixed', input: 1, output: 1 } }))
      .rejects.toMatchObject({ location: { field: 'requests' } });
  });
});
