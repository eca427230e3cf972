// Inventory files: a versioned JSON or YAML document holding a name and its pools. Reading validates the
// whole file before anything is stored, and every error names the field and the line it is on.
import { LineCounter, parseDocument, stringify, isNode, type Document } from 'yaml';
import { z } from 'zod';
import { poolSchema } from '../ipc/contract';
import type { Inventory, Pool } from '../ipc/types';
import { invalid } from '../errors';
import { formatZodPath } from '../ipc/validate';

export const INVENTORY_FORMAT = 'fleetplan.inventory';
export const INVENTORY_FILE_VERSION = 1;

const fileSchema = z
  .object({
    format: z.literal(INVENTORY_FORMAT, { error: `must be "${INVENTORY_FORMAT}"` }),
    version: z.number().int().positive(),
    name: z.string().trim().min(1, 'must not be empty').max(200),
    notes: z.string().max(10_000).optional(),
    pools: z.array(poolSchema).max(64),
  })
  .strict();

export interface InventoryFileContent {
  name: string;
  notes: string;
  pools: Pool[];
}

export type InventoryFileFormat = 'json' | 'yaml';

function lineOf(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  // The failing key may be missing: fall back to the nearest ancestor that exists in the file.
  for (let len = path.length; len >= 0; len--) {
    const node = len === 0 ? doc.contents : doc.getIn(path.slice(0, len) as (string | number)[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
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

export function parseInventoryFile(text: string, fileName: string, knownGpuIds: ReadonlySet<string>): InventoryFileContent {
  if (/\.json$/i.test(fileName) || text.trimStart().startsWith('{')) checkJsonSyntax(text, fileName);
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line ?? counter.linePos(e.pos[0]).line;
    throw invalid(`the file is not valid ${/\.json$/i.test(fileName) ? 'JSON' : 'YAML'}: ${e.message.split('\n')[0]}`, {
      file: fileName,
      line,
    });
  }
  const data: unknown = doc.toJS();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw invalid('the file must hold one object with format, version, name and pools', { file: fileName, line: 1 });
  }
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && version > INVENTORY_FILE_VERSION) {
    throw invalid(`was written by a newer fleetplan (version ${version}; this one reads up to ${INVENTORY_FILE_VERSION})`, {
      file: fileName, field: 'version', line: lineOf(doc, counter, ['version']),
    });
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(issue.message, {
      file: fileName,
      field: formatZodPath(issue.path) || undefined,
      line: lineOf(doc, counter, issue.path),
    });
  }
  parsed.data.pools.forEach((p, i) => {
    if (!knownGpuIds.has(p.gpuTypeId)) {
      throw invalid(`unknown GPU id "${p.gpuTypeId}"; add it to the GPU catalog first or use a catalog id`, {
        file: fileName, field: `pools[${i}].gpuTypeId`, line: lineOf(doc, counter, ['pools', i, 'gpuTypeId']),
      });
    }
  });
  return { name: parsed.data.name, notes: parsed.data.notes ?? '', pools: parsed.data.pools as Pool[] };
}

export function serializeInventory(inv: Pick<Inventory, 'name' | 'notes' | 'pools'>, format: InventoryFileFormat): string {
  const body = { format: INVENTORY_FORMAT, version: INVENTORY_FILE_VERSION, name: inv.name, notes: inv.notes, pools: inv.pools };
  if (format === 'json') return JSON.stringify(body, null, 2) + '\n';
  return `# fleetplan inventory file (schema version ${INVENTORY_FILE_VERSION})\n` + stringify(body, { lineWidth: 0 });
}

/** A file name from an inventory name: letters, digits, dashes; never a path. */
export function inventoryFileName(name: string, format: InventoryFileFormat): string {
  const stem = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'inventory';
  return `${stem}.${format === 'json' ? 'json' : 'yaml'}`;
}
