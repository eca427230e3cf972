// The first look at a file the user drops in: which format it is, or which columns it has so the user can
// map them. Reads only the head of the file.
import { detectCsvFormat } from './csv-formats';
import { splitCsvLine } from './parser';
import type { TracePreview } from '../../domain';

export type { TracePreview };

export function previewTrace(head: string, sampleCount = 5): TracePreview {
  const lines = head.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
  if (lines.length === 0) return { kind: 'unknown', format: null, columns: [], sampleRows: [] };
  const first = lines[0].replace(/^\uFEFF/, '');
  if (first.trimStart().startsWith('{')) {
    const objects: Record<string, unknown>[] = [];
    for (const l of lines.slice(0, sampleCount)) {
      try {
        objects.push(JSON.parse(l) as Record<string, unknown>);
      } catch {
        break; // the head may end mid-line
      }
    }
    const columns = [...new Set(objects.flatMap((o) => Object.keys(o)))];
    const mooncake = ['timestamp', 'input_length', 'output_length'].every((k) => columns.includes(k));
    const rows = objects.map((o) => columns.map((c) => JSON.stringify(o[c] ?? null).slice(0, 40)));
    return { kind: 'jsonl', format: mooncake ? 'mooncake' : null, columns, sampleRows: rows };
  }
  const columns = splitCsvLine(first).map((c) => c.trim());
  const rows = lines.slice(1, 1 + sampleCount).map(splitCsvLine);
  return { kind: 'csv', format: detectCsvFormat(columns)?.id ?? null, columns, sampleRows: rows };
}
