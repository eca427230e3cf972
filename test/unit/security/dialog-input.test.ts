import { describe, expect, it } from 'vitest';
import { parseExportReportOptions, parseOpenTextOptions, parseSaveTextFile, safeFileName } from '../../../main/security/dialog-input';
import { AppError } from '../../../main/domain/errors';

describe('dialog input from the renderer', () => {
  it('accepts plain open options', () => {
    expect(parseOpenTextOptions({ title: 'Open inventory', extensions: ['json', 'yaml', 'yml'] })).toEqual({
      title: 'Open inventory',
      extensions: ['json', 'yaml', 'yml'],
    });
  });

  it.each([
    [{ title: 'x', extensions: ['*'] }, 'extensions[0]'],
    [{ title: 'x', extensions: ['../../etc'] }, 'extensions[0]'],
    [{ title: 'x', extensions: [] }, 'extensions'],
    [{ title: 'x', extensions: ['json'], defaultPath: '/etc' }, ''],
    [{ title: 5, extensions: ['json'] }, 'title'],
  ])('refuses open options %j naming the field', (raw, field) => {
    try {
      parseOpenTextOptions(raw);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('invalid_input');
      if (field) expect((err as AppError).location.field).toBe(field);
    }
  });

  it('reduces a suggested save name to a plain file name', () => {
    expect(safeFileName('inventory.yaml')).toBe('inventory.yaml');
    expect(safeFileName('../../.bashrc')).toBe('bashrc');
    expect(safeFileName('C:\\Windows\\system32\\evil.dll')).toBe('evil.dll');
    expect(safeFileName('/etc/passwd')).toBe('passwd');
    expect(safeFileName('a<b>c:d"e|f?g*h\0.json')).toBe('abcdefgh.json');
    expect(safeFileName('...')).toBe('fleetplan-export.txt');
    expect(safeFileName('dir/')).toBe('fleetplan-export.txt');
    expect(safeFileName('x'.repeat(500))).toHaveLength(120);
  });

  it('parses a file to save and refuses extra fields or oversize text', () => {
    expect(parseSaveTextFile({ fileName: '../x.json', text: '{}' })).toEqual({ fileName: 'x.json', text: '{}' });
    expect(() => parseSaveTextFile({ fileName: 'x.json', text: '{}', path: '/etc/passwd' })).toThrow(AppError);
    expect(() => parseSaveTextFile({ fileName: 'x.json' })).toThrow(AppError);
  });

  it('accepts only a run id and a paper size for a report export', () => {
    expect(parseExportReportOptions({ runId: 3, paper: 'letter' })).toEqual({ runId: 3, paper: 'letter' });
    for (const hostile of [
      { runId: 3, paper: 'a4', path: '/etc/passwd' },
      { runId: '3; rm -rf /', paper: 'a4' },
      { runId: -1, paper: 'a4' },
      { runId: 1.5, paper: 'a4' },
      { runId: 3, paper: 'A0' },
      { runId: 3 },
      null,
      'report',
    ]) {
      expect(() => parseExportReportOptions(hostile)).toThrow(AppError);
    }
  });
});
