// One error type for everything a user can get wrong. Transports turn it into ApiErrorBody; the CLI prints it.
import type { ApiErrorCode } from './ipc/contract';

export interface ErrorLocation {
  file?: string;
  line?: number;
  field?: string;
}

export class AppError extends Error {
  readonly code: ApiErrorCode;
  readonly location: ErrorLocation;
  constructor(code: ApiErrorCode, message: string, location: ErrorLocation = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.location = location;
  }
}

export function invalid(message: string, location: ErrorLocation = {}): AppError {
  return new AppError('invalid_input', message, location);
}

export function notFound(message: string): AppError {
  return new AppError('not_found', message);
}

/** "file:line: field: message" — the one-line form the CLI and banners show. */
export function describeError(err: unknown): string {
  if (err instanceof AppError) {
    const { file, line, field } = err.location;
    const where = [file, line !== undefined ? `line ${line}` : undefined].filter(Boolean).join(', ');
    const prefix = [where, field].filter(Boolean).join(': ');
    return prefix ? `${prefix}: ${err.message}` : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * A value from a user's file as an error message shows it: quoted, control characters escaped, and cut to
 * `max` characters, so a 300 MB field or binary garbage never reaches a terminal or a banner whole.
 */
export function shown(value: string, max = 40): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return `"${cut.replace(/[\u0000-\u001f\u007f-\u009f"\\]/g, (c) => (c === '"' || c === '\\' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}"`;
}

/** Any parsed value as a message shows it: a string by shown(), anything else as its JSON, cut to `max` characters. */
export function shownValue(value: unknown, max = 40): string {
  if (typeof value === 'string') return shown(value, max);
  const json = JSON.stringify(value) ?? String(value);
  return json.length > max ? `${json.slice(0, max)}…` : json;
}
