// A small RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF. It reports 1-based line numbers so
// import errors can say where the bad row is.
import { invalid } from '../domain/errors';
export interface CsvRow {
  line: number;
  fields: string[];
}

/** Calls `onRow` for every record, header included. Stops early when onRow returns false. `file` names the
 * file in the refusal of a quote never closed. */
export function forEachCsvRow(text: string, onRow: (row: CsvRow) => boolean | void, file?: string): void {
  let i = 0;
  let line = 1;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let atRecordEnd = false;
    while (!atRecordEnd) {
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw invalid('a quoted field is never closed (a " without its closing ")', { file, line: startLine });
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
      }
      const next = text.indexOf(',', i);
      const nl = text.indexOf('\n', i);
      const end = nl === -1 ? n : nl;
      if (next !== -1 && next < end) {
        field += text.slice(i, next);
        fields.push(field);
        field = '';
        i = next + 1;
      } else {
        field += text.slice(i, end).replace(/\r$/, '');
        fields.push(field);
        i = end + 1;
        line++;
        atRecordEnd = true;
      }
    }
    if (fields.length === 1 && fields[0] === '') continue; // blank line
    if (onRow({ line: startLine, fields }) === false) return;
  }
}

export function parseCsv(text: string, file?: string): CsvRow[] {
  const rows: CsvRow[] = [];
  forEachCsvRow(text, (r) => {
    rows.push(r);
  }, file);
  return rows;
}
