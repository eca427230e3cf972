// The one error type the renderer sees from either transport. Pure (no DOM), so the decoding is unit-tested.
import { apiErrorCode, type ApiErrorBody, type ApiErrorCode } from '../../../main/domain/errors';

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field?: string;
  readonly line?: number;
  readonly file?: string;
  /** HTTP status where the error came over HTTP. */
  readonly status?: number;
  constructor(body: ApiErrorBody['error'], status?: number) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.field = body.field;
    this.line = body.line;
    this.file = body.file;
    this.status = status;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Reads an `{ error: {...} }` body (or the bare error object the Electron bridge rejects with). */
export function errorFromBody(raw: unknown, status?: number): ApiError {
  const e = isRecord(raw) && isRecord(raw.error) ? raw.error : raw;
  if (!isRecord(e) || typeof e.message !== 'string') {
    const fallback = status === undefined ? 'unexpected error from fleetplan' : `fleetplan answered HTTP ${status} without an error message`;
    return new ApiError({ code: status === 401 || status === 403 ? 'unauthorized' : 'internal', message: fallback }, status);
  }
  const code = apiErrorCode(e.code);
  return new ApiError(
    {
      code,
      message: e.message,
      field: typeof e.field === 'string' ? e.field : undefined,
      line: typeof e.line === 'number' ? e.line : undefined,
      file: typeof e.file === 'string' ? e.file : undefined,
    },
    status,
  );
}

/** Anything thrown by a call, a fetch or our own code, as an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isRecord(err) && err.name === 'ApiError') return errorFromBody(err);
  if (err instanceof TypeError) {
    // fetch() rejects with a TypeError when the host is unreachable.
    return new ApiError({ code: 'internal', message: `cannot reach fleetplan (${err.message}); is the host still running?` });
  }
  return new ApiError({ code: 'internal', message: err instanceof Error ? err.message : String(err) });
}

/** "file, line 3: pools[0].gpuCount" — where the problem is, or '' when unknown. */
export function describeWhere(err: Pick<ApiError, 'file' | 'line' | 'field'>): string {
  const place = [err.file, err.line !== undefined ? `line ${err.line}` : undefined].filter(Boolean).join(', ');
  return [place, err.field].filter(Boolean).join(': ');
}

/** What the user can do next, by error kind; the banner's third line. */
export function adviceFor(err: Pick<ApiError, 'code' | 'file' | 'field'>): string {
  switch (err.code) {
    case 'invalid_input':
      return err.file ? 'Fix the file at that line and open it again.' : 'Correct the highlighted value and try again.';
    case 'not_found':
      return 'It may have been deleted in another window: the list has been refreshed.';
    case 'conflict':
      return 'Choose another name or remove what depends on it first.';
    case 'unauthorized':
      return 'Open the URL that fleetplan printed when it started (the token changes on every start).';
    default:
      return 'Try again; if it keeps failing, the details are in the fleetplan log.';
  }
}
