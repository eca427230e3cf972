// Versioned JSON/YAML documents (inventory and scenario files) validated by a zod schema. Every error names
// the file, the field and the line it is on: through the YAML parser's source ranges, or for JSON (parsed by
// JSON.parse) by walking the text again only when an error needs a line.
import { LineCounter, parseDocument, stringify, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { invalid } from '../domain/errors';
import { jsonLineOf } from './json-lines';
import { formatZodPath } from '../domain/zod-path';

export type FileFormat = 'json' | 'yaml';

export interface LocatedDocument<T> {
  data: T;
  /** The line of a path in the file, or of its nearest ancestor present. */
  lineOf: (path: readonly PropertyKey[]) => number | undefined;
}

/**
 * Size caps, checked before any parsing. JSON is parsed by JSON.parse, which holds about the text's size again;
 * YAML builds a document of nodes with source ranges, many times the text (a 16 MB scenario took 3.4 GB,
 * issue 14), so YAML files are kept small. Big embedded workloads travel as JSON, which the export offers.
 */
export const MAX_JSON_FILE_CHARS = 64 * 1024 * 1024;
export const MAX_YAML_FILE_CHARS = 2 * 1024 * 1024;
/** YAML aliases expanded at most (the yaml package's own default is 100): a "billion laughs" file is refused. */
const MAX_YAML_ALIASES = 100;

const mb = (chars: number) => `${Math.round(chars / (1024 * 1024))} MB`;

function parseJson(text: string, fileName: string): { data: unknown; lineOf: (path: readonly PropertyKey[]) => number | undefined } {
  if (text.length > MAX_JSON_FILE_CHARS) throw invalid(`the file is ${mb(text.length)}; a JSON file may be at most ${mb(MAX_JSON_FILE_CHARS)}`, { file: fileName });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // V8 quotes a stretch of the text in its message: keep the message, not a megabyte of the file.
    const msg = (e as Error).message.slice(0, 200);
    const lineCol = /line (\d+) column \d+/.exec(msg);
    const pos = /position (\d+)/.exec(msg);
    const line = lineCol ? Number(lineCol[1]) : pos ? 1 + (text.slice(0, Number(pos[1])).match(/\n/g)?.length ?? 0) : undefined;
    throw invalid(`the file is not valid JSON: ${msg.replace(/\s*\(line \d+ column \d+\)/, '')}`, { file: fileName, line });
  }
  return { data, lineOf: (path) => jsonLineOf(text, path) };
}

function parseYaml(text: string, fileName: string): { data: unknown; lineOf: (path: readonly PropertyKey[]) => number | undefined } {
  if (text.length > MAX_YAML_FILE_CHARS) {
    throw invalid(`the file is ${mb(text.length)}; a YAML file may be at most ${mb(MAX_YAML_FILE_CHARS)} (save it as JSON, which may be up to ${mb(MAX_JSON_FILE_CHARS)})`, { file: fileName });
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line ?? counter.linePos(e.pos[0]).line;
    throw invalid(`the file is not valid YAML: ${e.message.split('\n')[0].slice(0, 200)}`, { file: fileName, line });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    // The yaml package throws a ReferenceError when aliases expand past the count: name the first alias's line.
    const alias = /^\s*[^#\n]*\*[A-Za-z0-9_-]+/m.exec(text);
    const line = alias ? text.slice(0, alias.index + alias[0].length).split('\n').length : undefined;
    throw invalid(`the file's aliases (*name) expand too far (${(e as Error).message.split('\n')[0].slice(0, 120)})`, { file: fileName, line });
  }
  return { data, lineOf: lineFinder(doc, counter) };
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
  const json = /\.json$/i.test(fileName) || text.trimStart().startsWith('{');
  const { data, lineOf } = json ? parseJson(text, fileName) : parseYaml(text, fileName);
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
    throw invalid(issue.message.slice(0, 200), { file: fileName, field: formatZodPath(issue.path) || undefined, line: lineOf(issue.path) });
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
