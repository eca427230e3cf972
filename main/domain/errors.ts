// One error type for everything a user can get wrong, and the one list of error codes. Transports turn an
// AppError into ApiErrorBody; the CLI prints it; a worker sends it as a JobError. No zod: the renderer imports it.

/** What every transport (IPC, HTTP) may answer: bad input, a missing record, a clash, a bad token, or a fault. */
export const API_ERROR_CODES = ['invalid_input', 'not_found', 'conflict', 'unauthorized', 'internal'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** The error shape every transport returns; `field` and `line` locate bad input where known. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; field?: string; line?: number; file?: string };
}

/** A job (an import, a comparison) can also end cancelled; no job ever needs a token, so never 'unauthorized'. */
export type JobErrorCode = Exclude<ApiErrorCode, 'unauthorized'> | 'cancelled';

/** Any string as an ApiErrorCode: itself when it is one, else 'internal' (a foreign body's code). */
export function apiErrorCode(code: unknown): ApiErrorCode {
  return (API_ERROR_CODES as readonly unknown[]).includes(code) ? (code as ApiErrorCode) : 'internal';
}

export interface ErrorLocation {
  file?: string;
  line?: number;
  field?: string;
}

/**
 * A refusal of bad input fits one line of at most 300 characters however long the names in it (a 255-character
 * file name, a 200-character workload name): its message is cut at 180 characters, the file it names at 40 and
 * the field at 60 (a field path such as inventory.pools[12].intraNode.bandwidthGBps is 45), the rest being
 * ", line N: " and ": " (20 with a nine-digit line). Other errors keep their whole message (a full disk's names
 * the folder and the space needed).
 */
const MAX_REFUSAL_MESSAGE = 180;
const MAX_FILE = 40;
const MAX_FIELD = 60;
const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export class AppError extends Error {
  readonly code: ApiErrorCode;
  readonly location: ErrorLocation;
  constructor(code: ApiErrorCode, message: string, location: ErrorLocation = {}) {
    super(code === 'invalid_input' || code === 'not_found' ? cut(message, MAX_REFUSAL_MESSAGE) : message);
    this.name = 'AppError';
    this.code = code;
    const { file, line, field } = location;
    this.location = {
      ...(file !== undefined ? { file: cut(file, MAX_FILE) } : {}),
      ...(line !== undefined ? { line } : {}),
      ...(field !== undefined ? { field: cut(field, MAX_FIELD) } : {}),
    };
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
