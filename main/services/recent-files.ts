// The desktop app's "Open Recent" list: files the user opened or saved through the native dialogs, newest
// first, kept between launches. Paths stay in the main process; the renderer only ever receives contents.
import { basename, dirname } from 'node:path';

export const RECENT_FILES_KEY = 'recent_files';
export const MAX_RECENT_FILES = 10;

/** The list with `path` moved (or added) to the front, without duplicates, at most `max` long. */
export function addRecent(list: readonly string[], path: string, max = MAX_RECENT_FILES): string[] {
  return [path, ...list.filter((p) => p !== path)].slice(0, max);
}

/** What the menu shows: the file name, then its folder to tell same-named files apart. */
export function recentLabel(path: string): string {
  return `${basename(path)} — ${dirname(path)}`;
}

/** Whether a recent file suits an open request (the screen asking names the extensions it reads). */
export function matchesExtensions(path: string, extensions: readonly string[]): boolean {
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  return extensions.some((e) => e.toLowerCase() === ext);
}
