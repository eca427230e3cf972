import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHandlers } from '../../main/ipc/handlers';
import { parseChannelInput } from '../../main/ipc/validate';
import { channelNames, type Channel, type ChannelInput, type ChannelOutput } from '../../main/ipc/contract';
import { openAppDatabase, SAMPLE_INVENTORY_NAME, samplePools } from '../../main/services/seed';
import { assetsDir, DATABASE_FILE } from '../../main/paths';
import { AppError } from '../../main/domain/errors';
import { latestSchemaVersion, type Db } from '../../db';
import { tempDir } from '../helpers/tmp';

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

let tick = 0;
const clock = () => new Date(Date.UTC(2026, 10, 23, 12, 0, tick++));

function open(dir: string) {
  const db = openAppDatabase(dir, assetsDir(), clock);
  const handlers = createHandlers({ db, clock, dataDir: dir, appVersion: '0.0.0-test' });
  // Call the way both transports do: parse with the contract's schema first.
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> =>
    (await (handlers[channel] as (i: unknown) => unknown)(parseChannelInput(channel, input))) as ChannelOutput<C>;
  return { db, call };
}

function freshDataDir() {
  const t = tempDir();
  let db: Db | undefined;
  cleanups.push(() => {
    db?.close();
    t.cleanup();
  });
  return { dir: t.dir, track: (d: Db) => (db = d) };
}

describe('handlers on a real SQLite file', () => {
  it('implements every contract channel', () => {
    const { dir, track } = freshDataDir();
    const { db } = open(dir);
    track(db);
    const handlers = createHandlers({ db, clock, dataDir: dir, appVersion: 'x' });
    expect(Object.keys(handlers).sort()).toEqual([...channelNames].sort());
  });

  it('seeds catalogs, the sample inventory and the four traces on first run, once', async () => {
    const { dir, track } = freshDataDir();
    const first = open(dir);
    expect(existsSync(join(dir, DATABASE_FILE))).toBe(true);
    const gpus = await first.call('catalog.gpus', {});
    expect(gpus.find((g) => g.id === 'nvidia-h100-sxm')).toMatchObject({ memoryGb: 80, hbmBwGBps: 3350, bf16Tflops: 989.4, defaultUsdPerGpuHour: 3.865 }); // median of the on-demand offers 2.69, 3.78, 3.95, 12.29
    const models = await first.call('catalog.models', {});
    expect(models.map((m) => m.id)).toEqual(expect.arrayContaining(['meta-llama/Llama-3.1-8B', 'meta-llama/Llama-3.1-70B', 'Qwen/Qwen2.5-3B', 'mistralai/Mixtral-8x7B-v0.1']));
    const invs = await first.call('inventory.list', {});
    expect(invs).toEqual([expect.objectContaining({ name: SAMPLE_INVENTORY_NAME, poolCount: 4, gpuCount: 32 })]);
    const workloads = await first.call('workload.list', {});
    expect(workloads.map((w) => w.requestCount).sort((a, b) => a - b)).toEqual([3993, 8819, 12031, 19366]);
    expect(workloads.every((w) => w.attribution && w.attribution.length > 10)).toBe(true);
    // Deleting the sample sticks across restarts: seeding happens once.
    await first.call('inventory.delete', { id: invs[0].id });
    first.db.close();
    const second = open(dir);
    track(second.db);
    expect(await second.call('inventory.list', {})).toEqual([]);
    expect((await second.call('workload.list', {})).length).toBe(4);
  });

  it('creates, renames, edits pools and deletes inventories, and keeps them after reopening', async () => {
    const { dir, track } = freshDataDir();
    const a = open(dir);
    const created = await a.call('inventory.create', { name: 'Rack 7' });
    expect(created.pools).toEqual([]);
    await a.call('inventory.rename', { id: created.id, name: 'Rack 7 (west)' });
    const pools = samplePools().slice(0, 2);
    const edited = await a.call('inventory.setPools', { id: created.id, pools });
    expect(edited.pools).toEqual(pools);
    a.db.close();
    const b = open(dir);
    track(b.db);
    const again = await b.call('inventory.get', { id: created.id });
    expect(again).toMatchObject({ name: 'Rack 7 (west)', pools });
    await b.call('inventory.delete', { id: created.id });
    await expect(b.call('inventory.get', { id: created.id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('exports and imports YAML and JSON to the same inventory', async () => {
    const { dir, track } = freshDataDir();
    const h = open(dir);
    track(h.db);
    const [sample] = await h.call('inventory.list', {});
    for (const format of ['yaml', 'json'] as const) {
      const file = await h.call('inventory.export', { id: sample.id, format });
      expect(file.fileName).toBe(`sample-mixed-fleet.${format}`);
      const imported = await h.call('inventory.import', file);
      const original = await h.call('inventory.get', { id: sample.id });
      expect(imported.id).not.toBe(original.id);
      expect({ name: imported.name, notes: imported.notes, pools: imported.pools }).toEqual({ name: original.name, notes: original.notes, pools: original.pools });
      // Not silent: the copy names the inventory it duplicates.
      expect(imported.duplicateOf).toEqual({ id: sample.id, name: sample.name });
      expect(imported.warning).toContain(`the same pools as inventory "${sample.name}" (#${sample.id})`);
    }
    // Another node of GPUs is another inventory.
    const yaml = await h.call('inventory.export', { id: sample.id, format: 'yaml' });
    const changed = await h.call('inventory.import', { ...yaml, text: yaml.text.replace(/gpuCount: 8/, 'gpuCount: 16') });
    expect(changed.duplicateOf).toBeNull();
    expect(changed.warning).toBeNull();
  });

  it('refuses bad input naming the field, and stores nothing from a bad file', async () => {
    const { dir, track } = freshDataDir();
    const h = open(dir);
    track(h.db);
    const before = await h.call('inventory.list', {});
    await expect(h.call('inventory.create', { name: '   ' })).rejects.toMatchObject({ code: 'invalid_input', location: { field: 'name' } });
    const badPool = { ...samplePools()[0], gpuTypeId: 'nvidia-h900' };
    await expect(h.call('inventory.create', { name: 'x', pools: [badPool] })).rejects.toThrow(/unknown GPU id "nvidia-h900"/);
    const e = await h.call('inventory.import', { fileName: 'broken.yaml', text: 'format: fleetplan.inventory\nversion: 1\nname: x\npools:\n  - name: p\n    gpuTypeId: nvidia-h100-sxm\n    gpuCount: many\n' }).catch((err) => err);
    expect(e).toBeInstanceOf(AppError);
    expect(e.location).toMatchObject({ file: 'broken.yaml', field: 'pools[0].gpuCount', line: 7 });
    expect(await h.call('inventory.list', {})).toEqual(before);
  });

  it('reports app info with the data licences', async () => {
    const { dir, track } = freshDataDir();
    const h = open(dir);
    track(h.db);
    const info = await h.call('app.info', {});
    expect(info).toMatchObject({ name: 'fleetplan', version: '0.0.0-test', schemaVersion: latestSchemaVersion(), dataDir: dir });
    expect(info.licences.map((l) => l.licence)).toEqual(expect.arrayContaining(['CC BY 4.0', 'Apache-2.0']));
  });
});
