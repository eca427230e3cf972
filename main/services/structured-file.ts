// Versioned JSON/YAML documents (inventory and scenario files) validated by a zod schema. Every error names
// the file, the field and the line it is on, found through the YAML parser's source ranges.
import { LineCounter, parseDocument, stringify, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { invalid } from '../errors';
import { formatZodPath } from '../ipc/validate';

export type FileFormat = 'json' | 'yaml';

export interface LocatedDocument<T> {
  data: T;
  /** The line of a path in the file, or of its nearest ancestor present. */
  lineOf: (path: readonly PropertyKey[]) => number | undefined;
}

/** JSON.parse's own error is more precise than a YAML parser's reading of broken JSON. */
function checkJsonSyntax(text: string, fileName: string): void {
  try {
    JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const lineCol = /line (\d+) column \d+/.exec(msg);
    const pos = /position (\d+)/.exec(msg);
    const line = lineCol ? Number(lineCol[1]) : pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    throw invalid(`the file is not valid JSON: ${msg.replace(/\s*\(line \d+ column \d+\)/, '')}`, { file: fileName, line });
  }
}

function lineFinder(doc: Document, counter: LineCounter) {
  return (path: readonly PropertyKey[]) => {
    for (let len = path.length; len >= 0; len--) {
      const node = len === 0 ? doc.contents : doc.getIn(path.slice(0, len) as (string | number)[], true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    }
    return undefined;
  };
}

/**
 * Parses and validates a document of `kind` (e.g. "fleetplan.inventory"). A document whose version is newer
 * than `maxVersion` is refused with a message saying so, before the schema is applied.
 */
export function parseVersionedFile<S extends z.ZodType>(
  text: string,
  fileName: string,
  opts: { kind: string; maxVersion: number; schema: S },
): LocatedDocument<z.output<S>> {
  if (/\.json$/i.test(fileName) || text.trimStart().startsWith('{')) checkJsonSyntax(text, fileName);
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line ?? counter.linePos(e.pos[0]).line;
    throw invalid(`the file is not valid YAML: ${e.message.split('\n')[0]}`, { file: fileName, line });
  }
  const lineOf = lineFinder(doc, counter);
  const data: unknown = doc.toJS();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw invalid(`the file must hold one object with format: ${opts.kind} and a version`, { file: fileName, line: 1 });
  }
  const { format, version } = data as { format?: unknown; version?: unknown };
  if (format !== opts.kind) {
    throw invalid(`must be "${opts.kind}" (is this the right kind of file?)`, { file: fileName, field: 'format', line: lineOf(['format']) });
  }
  if (typeof version === 'number' && version > opts.maxVersion) {
    throw invalid(`was written by a newer fleetplan (version ${version}; this one reads up to ${opts.maxVersion})`, {
      file: fileName, field: 'version', line: lineOf(['version']),
    });
  }
  const parsed = opts.schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(issue.message, { file: fileName, field: formatZodPath(issue.path) || undefined, line: lineOf(issue.path) });
  }
  return { data: parsed.data, lineOf };
}

export function serializeVersionedFile(body: Record<string, unknown>, format: FileFormat, title: string): string {
  if (format === 'json') return JSON.stringify(body, null, 2) + '\n';
  return `# ${title}\n` + stringify(body, { lineWidth: 0 });
}

/** A file name from a display name: letters, digits, dashes; never a path. */
export function safeFileName(name: string, fallback: string, format: FileFormat): string {
  const stem = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || fallback;
  return `${stem}.${format}`;
}
