// Reads workload traces into columns, from text in memory or streamed from a file. Every refusal names the
// file, the line and the column, and nothing partial is returned.
import { TraceParser } from './parser';
import type { TraceColumns, TraceMapping } from './types';

export type { TraceColumns, TraceFormatId, TraceMapping } from './types';
export { previewTrace, type TracePreview } from './preview';
export { CSV_TRACE_FORMATS } from './csv-formats';
export { TraceParser } from './parser';

/** Reads a whole trace held in memory; the format is chosen from the content (JSONL, or a known CSV header). */
export function readTrace(text: string, fileName: string, mapping?: TraceMapping): TraceColumns {
  const parser = new TraceParser(fileName, mapping);
  let start = 0;
  let line = 1;
  for (;;) {
    const nl = text.indexOf('\n', start);
    parser.feed(nl < 0 ? text.slice(start) : text.slice(start, nl), line);
    if (nl < 0) break;
    start = nl + 1;
    line++;
  }
  return parser.finish();
}
