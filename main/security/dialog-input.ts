// Validates what the renderer asks of the native file dialogs. The renderer never sees or chooses paths:
// it suggests a file name and extensions, the user picks the location, and main reads or writes the file.
import { z } from 'zod';
import { textFileSchema } from '../ipc/contract';
import { zodToAppError } from '../ipc/validate';
import type { ExportReportOptions, OpenTextOptions } from '../ipc/platform';
import type { TextFile } from '../domain';

/** Matches the contract's text limit; a larger file would be refused by the import channel anyway. */
export const MAX_TEXT_FILE_BYTES = 50_000_000;

const openTextOptionsSchema = z
  .object({
    title: z.string().max(200),
    extensions: z.array(z.string().regex(/^[A-Za-z0-9]{1,10}$/, 'must be letters or digits only')).min(1).max(10),
  })
  .strict();

export function parseOpenTextOptions(raw: unknown): OpenTextOptions {
  const result = openTextOptionsSchema.safeParse(raw);
  if (!result.success) throw zodToAppError(result.error, 'open dialog options');
  return result.data;
}

const exportReportSchema = z.object({ runId: z.number().int().positive(), paper: z.enum(['a4', 'letter']) }).strict();

export function parseExportReportOptions(raw: unknown): ExportReportOptions {
  const result = exportReportSchema.safeParse(raw);
  if (!result.success) throw zodToAppError(result.error, 'report export options');
  return result.data;
}

export function parseSaveTextFile(raw: unknown): TextFile {
  const result = textFileSchema.safeParse(raw);
  if (!result.success) throw zodToAppError(result.error, 'file');
  return { fileName: safeFileName(result.data.fileName), text: result.data.text };
}

/**
 * The suggested name for a save dialog, reduced to a plain file name: directory parts, separators, control
 * and reserved characters are dropped, so the suggestion can never point the dialog somewhere else.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(/[\0-\x1f\x7f<>:"|?*]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 120);
  return cleaned || 'fleetplan-export.txt';
}
