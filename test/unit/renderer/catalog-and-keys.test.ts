import { describe, expect, it } from 'vitest';
import { filterGpus, nextSort, sortGpus } from '../../../renderer/src/features/catalog/sort';
import { shortcutCommand } from '../../../renderer/src/lib/shortcuts';
import { fmtGb, fmtUsd } from '../../../renderer/src/lib/format';
import { gpu } from './fixtures';

const gpus = [
  gpu({ id: 'a', name: 'Alpha', fp8Tflops: 100, memoryGb: 80 }),
  gpu({ id: 'b', name: 'Beta', vendor: 'AMD', fp8Tflops: null, memoryGb: 192, interconnect: 'Infinity Fabric' }),
  gpu({ id: 'c', name: 'Gamma', fp8Tflops: 400, memoryGb: 24 }),
];

describe('sortGpus', () => {
  it('sorts numbers both ways with missing values last', () => {
    expect(sortGpus(gpus, 'fp8Tflops', 'desc').map((g) => g.id)).toEqual(['c', 'a', 'b']);
    expect(sortGpus(gpus, 'fp8Tflops', 'asc').map((g) => g.id)).toEqual(['a', 'c', 'b']);
    expect(sortGpus(gpus, 'memoryGb', 'desc').map((g) => g.id)).toEqual(['b', 'a', 'c']);
  });

  it('does not reorder its input', () => {
    sortGpus(gpus, 'name', 'desc');
    expect(gpus.map((g) => g.id)).toEqual(['a', 'b', 'c']);
  });

  it('starts numeric columns descending and text ascending, then toggles', () => {
    expect(nextSort({ key: 'name', dir: 'asc' }, 'memoryGb')).toEqual({ key: 'memoryGb', dir: 'desc' });
    expect(nextSort({ key: 'memoryGb', dir: 'desc' }, 'vendor')).toEqual({ key: 'vendor', dir: 'asc' });
    expect(nextSort({ key: 'vendor', dir: 'asc' }, 'vendor')).toEqual({ key: 'vendor', dir: 'desc' });
  });
});

describe('filterGpus', () => {
  it('needs every word to match somewhere', () => {
    expect(filterGpus(gpus, 'amd infinity').map((g) => g.id)).toEqual(['b']);
    expect(filterGpus(gpus, 'nvidia ga').map((g) => g.id)).toEqual(['c']);
    expect(filterGpus(gpus, '  ')).toHaveLength(3);
  });
});

describe('shortcutCommand', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }>) => ({
    key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods,
  });
  it('maps Ctrl or Cmd with N/O/S/E to the menu commands', () => {
    expect(shortcutCommand(key('s', { ctrlKey: true }))).toBe('inventory.save');
    expect(shortcutCommand(key('O', { metaKey: true }))).toBe('inventory.open');
    expect(shortcutCommand(key('n', { ctrlKey: true }))).toBe('inventory.new');
    expect(shortcutCommand(key('e', { ctrlKey: true }))).toBe('report.export');
  });
  it('leaves other combinations to the browser', () => {
    expect(shortcutCommand(key('s', {}))).toBeNull();
    expect(shortcutCommand(key('s', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutCommand(key('x', { ctrlKey: true }))).toBeNull();
  });
});

describe('format', () => {
  it('writes dollars with cents below $1000 and memory in decimal units', () => {
    expect(fmtUsd(0.8)).toBe('$0.80');
    expect(fmtUsd(49133.4)).toBe('$49,133');
    expect(fmtGb(640)).toBe('640 GB');
    expect(fmtGb(1472)).toBe('1.47 TB');
  });
});

describe('the ? key', () => {
  it('opens the list of keys outside text fields, and is just a character inside them', async () => {
    const { asksForKeys } = await import('../../../renderer/src/lib/shortcuts');
    const key = (target: unknown, over: Partial<{ ctrlKey: boolean }> = {}) => ({ key: '?', ctrlKey: false, metaKey: false, altKey: false, shiftKey: true, target, ...over });
    expect(asksForKeys(key({ tagName: 'BODY' }))).toBe(true);
    expect(asksForKeys(key({ tagName: 'BUTTON' }))).toBe(true);
    expect(asksForKeys(key({ tagName: 'INPUT' }))).toBe(false);
    expect(asksForKeys(key({ tagName: 'textarea' }))).toBe(false);
    expect(asksForKeys(key({ tagName: 'DIV', isContentEditable: true }))).toBe(false);
    expect(asksForKeys(key({ tagName: 'BODY' }, { ctrlKey: true }))).toBe(false);
    expect(asksForKeys({ ...key({ tagName: 'BODY' }), key: '/' })).toBe(false);
  });
});
