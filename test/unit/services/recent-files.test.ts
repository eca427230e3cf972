import { describe, expect, it } from 'vitest';
import { addRecent, matchesExtensions, recentLabel } from '../../../main/services/recent-files';

describe('recent files', () => {
  it('keeps the newest first, without duplicates, bounded', () => {
    let list: string[] = [];
    for (const p of ['/a.yaml', '/b.json', '/a.yaml', '/c.csv']) list = addRecent(list, p, 3);
    expect(list).toEqual(['/c.csv', '/a.yaml', '/b.json']);
    expect(addRecent(list, '/d.yaml', 3)).toEqual(['/d.yaml', '/c.csv', '/a.yaml']);
  });

  it('labels and matches by extension', () => {
    expect(recentLabel('/home/me/fleets/lab.yaml')).toBe('lab.yaml — /home/me/fleets');
    expect(matchesExtensions('/x/lab.YAML', ['yaml', 'yml'])).toBe(true);
    expect(matchesExtensions('/x/trace.csv', ['yaml', 'json'])).toBe(false);
    expect(matchesExtensions('/x/noext', ['yaml'])).toBe(false);
  });
});
