// The browser's stand-in for the native menu's accelerators. Pure over a KeyboardEvent-like object.
import type { MenuCommand } from '../../../main/ipc/platform';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const BY_KEY: Record<string, MenuCommand> = {
  n: 'inventory.new',
  o: 'inventory.open',
  s: 'inventory.save',
  e: 'report.export',
};

export function shortcutCommand(e: KeyLike): MenuCommand | null {
  // Ctrl on Linux/Windows, Cmd on macOS; Alt or Shift combinations belong to the browser or the OS.
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return null;
  return BY_KEY[e.key.toLowerCase()] ?? null;
}

export const SHORTCUT_HINTS: { keys: string; what: string }[] = [
  { keys: 'Ctrl/⌘+N', what: 'new inventory' },
  { keys: 'Ctrl/⌘+O', what: 'open inventory file' },
  { keys: 'Ctrl/⌘+S', what: 'save pools (nothing unsaved: save as YAML)' },
  { keys: 'Ctrl/⌘+E', what: 'export the run open in Compare or History as PDF' },
  { keys: '↑ ↓ Enter', what: 'move through lists, open' },
  { keys: 'F2 / Del', what: 'rename / delete the selected inventory' },
];

/** Keys of the workflow screens, listed after the inventory ones. */
export const SCREEN_HINTS: { keys: string; what: string }[] = [
  { keys: 'Alt+1…8', what: 'go to a screen (Inventories … About; Alt+8 Calibrate)' },
  { keys: 'Ctrl/⌘+O', what: 'on Workloads: import a trace; on History: import a scenario' },
  { keys: 'Ctrl/⌘+Enter', what: 'on Compare: run the comparison' },
  { keys: 'Esc', what: 'close the banner, a dialog or the side-by-side view' },
  { keys: '?', what: 'this list of keys' },
];

/** "?" outside a text field opens the list of keys; typed into a field it is just a character. */
export function asksForKeys(e: KeyLike & { target?: unknown }): boolean {
  if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey) return false;
  const t = e.target as { tagName?: string; isContentEditable?: boolean } | null | undefined;
  const tag = t?.tagName?.toUpperCase();
  return !(tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || t?.isContentEditable === true);
}
