// What every screen can ask of the shell: the GPU catalog, the error banner, toasts, dialogs, and the
// unsaved-changes guard.
import { createContext, useContext } from 'react';
import type { GpuType } from '../../../main/domain';

export interface ConfirmOptions {
  title: string;
  body?: string;
  confirmLabel?: string;
  danger?: boolean;
}

export interface PromptOptions {
  title: string;
  label: string;
  initial?: string;
  confirmLabel?: string;
  /** Returns a message when the value is not acceptable. */
  validate?: (value: string) => string | null;
}

export interface Shell {
  gpus: GpuType[];
  gpusById: Map<string, GpuType>;
  reloadGpus(): Promise<void>;
  /** Shows the banner for a failed action: `doing` says what the user was trying to do. */
  reportError(doing: string, err: unknown): void;
  clearError(): void;
  toast(message: string): void;
  confirm(options: ConfirmOptions): Promise<boolean>;
  prompt(options: PromptOptions): Promise<string | null>;
  /** Screens with unsaved edits register here; the shell asks before navigating away. */
  setDirty(dirty: boolean): void;
  /** Resolves true when it is fine to leave (nothing unsaved, or the user agreed to discard). */
  confirmLeave(): Promise<boolean>;
  /** The finished run Compare or History shows (null: none), which Ctrl/⌘+E exports as a PDF. */
  setRunOnScreen(runId: number | null): void;
}

export const ShellContext = createContext<Shell | null>(null);

export function useShell(): Shell {
  const shell = useContext(ShellContext);
  if (!shell) throw new Error('useShell outside <ShellContext.Provider>');
  return shell;
}
