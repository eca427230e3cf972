import { describe, expect, it } from 'vitest';
import { parseInventoryFile, serializeInventory, inventoryFileName } from '../../../main/services/inventory-file';
import { samplePools } from '../../../main/services/seed';
import { AppError } from '../../../main/domain/errors';

const known = new Set(samplePools().map((p) => p.gpuTypeId));
const inv = { name: 'Lab fleet', notes: 'two racks', pools: samplePools() };

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('inventory files', () => {
  it.each(['json', 'yaml'] as const)('round-trips through %s', (format) => {
    const text = serializeInventory(inv, format);
    expect(parseInventoryFile(text, `x.${format}`, known)).toEqual(inv);
  });

  it('names the field and the line of a bad value (YAML)', () => {
    const text = serializeInventory(inv, 'yaml').replace('gpuCount: 8', 'gpuCount: -3');
    const line = text.split('\n').findIndex((l) => l.includes('gpuCount: -3')) + 1;
    const e = errorOf(() => parseInventoryFile(text, 'bad.yaml', known));
    expect(e.location).toEqual({ file: 'bad.yaml', field: 'pools[0].gpuCount', line });
  });

  it('names the field and the line of a bad value (JSON)', () => {
    const text = serializeInventory(inv, 'json').replace('"gpusPerNode": 8', '"gpusPerNode": "eight"');
    const line = text.split('\n').findIndex((l) => l.includes('"eight"')) + 1;
    const e = errorOf(() => parseInventoryFile(text, 'bad.json', known));
    expect(e.location).toMatchObject({ field: 'pools[0].gpusPerNode', line });
  });

  it('names an unknown GPU id and its line', () => {
    const text = serializeInventory(inv, 'yaml').replace('gpuTypeId: nvidia-l40s', 'gpuTypeId: nvidia-h900');
    const e = errorOf(() => parseInventoryFile(text, 'x.yaml', known));
    expect(e.message).toContain('unknown GPU id "nvidia-h900"');
    expect(e.location.field).toBe('pools[2].gpuTypeId');
    expect(text.split('\n')[e.location.line! - 1]).toContain('nvidia-h900');
  });

  it('refuses syntax errors with a line, unknown keys, missing fields and newer versions', () => {
    expect(errorOf(() => parseInventoryFile('{"format": "fleetplan.inventory",\n "version": 1,\n oops}', 'x.json', known)).location.line).toBeGreaterThanOrEqual(2);
    const extra = serializeInventory(inv, 'yaml').replace('name: Lab fleet', 'name: Lab fleet\ncolour: blue');
    expect(errorOf(() => parseInventoryFile(extra, 'x.yaml', known)).message).toMatch(/colour/);
    const missing = errorOf(() => parseInventoryFile('format: fleetplan.inventory\nversion: 1\nname: x\n', 'x.yaml', known));
    expect(missing.location.field).toBe('pools');
    const future = errorOf(() => parseInventoryFile('format: fleetplan.inventory\nversion: 7\nname: x\npools: []\n', 'x.yaml', known));
    expect(future.message).toMatch(/newer fleetplan/);
    expect(future.location).toMatchObject({ field: 'version', line: 2 });
    expect(errorOf(() => parseInventoryFile('- just a list', 'x.yaml', known)).message).toMatch(/one object/);
  });

  it('makes safe file names', () => {
    expect(inventoryFileName('../../etc/passwd', 'yaml')).toBe('etc-passwd.yaml');
    expect(inventoryFileName('***', 'json')).toBe('inventory.json');
  });
});
