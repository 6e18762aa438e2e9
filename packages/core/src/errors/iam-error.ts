import { MIGRATE_COMMANDS } from '../db/migrations';
import { ERROR_STATUS, type ErrorCode } from './codes';

// INVARIANT: every error a request can cause is an IamError by the time it reaches a protocol's error
// handler; anything else is a bug and is answered as ServiceFailure without leaking its message.
export class IamError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** AWS's fault attribution: the caller sent something wrong (Sender) or we failed (Receiver). */
  readonly type: 'Sender' | 'Receiver';
  /** Extra machine-readable detail for JSON protocols (never secrets). */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'IamError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.type = this.status >= 500 ? 'Receiver' : 'Sender';
    this.details = details;
  }
}

export function isIamError(e: unknown): e is IamError {
  return e instanceof IamError;
}

/**
 * `table \`x\`` or `column \`x\`` when `e` (or an error it wraps, as drizzle wraps D1's) says the database
 * lacks it: the schema's migrations are not applied, which the operator fixes, not the caller.
 */
export function missingSchemaObject(e: unknown): string | null {
  let cur: unknown = e;
  for (let depth = 0; cur !== undefined && cur !== null && depth < 5; depth++) {
    const m = /\bno such (table|column): ([\w.]+)/.exec(cur instanceof Error ? cur.message : String(cur));
    if (m) return `${m[1]} \`${m[2]}\``;
    cur = (cur as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * Wraps anything thrown into an IamError. A database without the schema is a 503 naming the commands
 * that apply the migrations (the D1 message names only a table, never data); any other unknown failure
 * becomes an opaque ServiceFailure.
 */
export function toIamError(e: unknown): IamError {
  if (isIamError(e)) return e;
  const missing = missingSchemaObject(e);
  if (missing) {
    return new IamError(
      'ServiceUnavailable',
      `the database has no ${missing}: its migrations are not applied. Apply them with ${MIGRATE_COMMANDS}`,
    );
  }
  return new IamError('ServiceFailure', 'the request could not be processed because of an internal error');
}

export const noSuchEntity = (message: string) => new IamError('NoSuchEntity', message);
export const invalidInput = (message: string) => new IamError('InvalidInput', message);
export const validationError = (message: string) => new IamError('ValidationError', message);
