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

/** Wraps anything thrown into an IamError; unknown failures become an opaque ServiceFailure. */
export function toIamError(e: unknown): IamError {
  if (isIamError(e)) return e;
  return new IamError('ServiceFailure', 'the request could not be processed because of an internal error');
}

export const noSuchEntity = (message: string) => new IamError('NoSuchEntity', message);
export const invalidInput = (message: string) => new IamError('InvalidInput', message);
export const validationError = (message: string) => new IamError('ValidationError', message);
