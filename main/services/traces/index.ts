// Reads workload traces into columns, from text in memory or streamed from a file. Every refusal names the
// file, the line and the column, and nothing partial is returned.
import { feedText, TraceParser } from './parser';
import type { TraceColumns, TraceMapping } from './types';

export type { TraceColumns, TraceFormatId, TraceMapping } from './types';
export { previewTrace, type TracePreview } from './preview';
export { CSV_TRACE_FORMATS } from './csv-formats';
export { feedText, lineTooLong, MAX_TRACE_LINE_CHARS, MAX_TRACE_SPAN_S, TraceParser } from './parser';

/** Reads a whole trace held in memory; the format is chosen from the content (JSONL, or a known CSV header). */
export function readTrace(text: string, fileName: string, mapping?: TraceMapping): TraceColumns {
  const parser = new TraceParser(fileName, mapping);
  feedText(parser, text, 0, 1);
  return parser.finish();
}
