// One way to run a channel, shared by the Electron IPC registration and the loopback host, so both give
// the same results and the same errors for the same input.
import { isChannel, type Handlers } from './contract';
import { parseChannelInput } from './validate';
import { AppError, type ApiErrorBody, type ApiErrorCode } from '../domain/errors';

export type TransportError = ApiErrorBody['error'];
export type InvokeResult = { ok: true; value: unknown } | { ok: false; error: TransportError };

/** Where unexpected errors go; their stack stays in the main process log and never reaches the caller. */
export type ErrorLogger = (channel: string, err: unknown) => void;

const defaultLogger: ErrorLogger = (channel, err) => {
  console.error(`fleetplan: ${channel} failed:`, err);
};

export async function invokeHandler(
  handlers: Handlers,
  channel: unknown,
  raw: unknown,
  log: ErrorLogger = defaultLogger,
): Promise<InvokeResult> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'not_found', message: `unknown channel "${String(channel).slice(0, 100)}"` } };
  }
  try {
    const input = parseChannelInput(channel, raw);
    // The table is indexed by a union key here, so the input/handler pairing is only known at runtime;
    // parseChannelInput above produced exactly the input this channel's handler expects.
    const handler = handlers[channel] as (input: unknown) => unknown;
    const value = await handler(input);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toTransportError(channel, err, log) };
  }
}

export function toTransportError(channel: string, err: unknown, log: ErrorLogger = defaultLogger): TransportError {
  if (err instanceof AppError) {
    const { file, line, field } = err.location;
    return stripUndefined({ code: err.code, message: err.message, field, line, file });
  }
  if (isSqliteConstraint(err)) {
    return { code: 'conflict', message: 'the change conflicts with existing data (for example a duplicate name)' };
  }
  log(channel, err);
  return { code: 'internal', message: 'internal error (details are in the fleetplan log)' };
}

const STATUS: Record<ApiErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  internal: 500,
};

export function httpStatusFor(code: ApiErrorCode): number {
  return STATUS[code] ?? 500;
}

function isSqliteConstraint(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

function stripUndefined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
