// The JSON rendering of the error vocabulary, for the policy and sign-in APIs:
// `{ "error": { "code", "message", "requestId" } }` with the code's HTTP status.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { IamError, toIamError } from '../errors';

/** Maps Hono's own HTTP exceptions (e.g. bodyLimit's 413) into the vocabulary, then anything else. */
export function asIamError(err: unknown): IamError {
  if (err instanceof HTTPException) {
    if (err.status === 413) return new IamError('PayloadTooLarge', 'the request body is too large');
    if (err.status === 401) return new IamError('Unauthenticated', err.message || 'authentication required');
    if (err.status === 403) return new IamError('AccessDenied', err.message || 'access denied');
    return new IamError('BadRequest', err.message || 'bad request');
  }
  return toIamError(err);
}

export function jsonError(c: Context, err: unknown): Response {
  const e = asIamError(err);
  if (e.code === 'ServiceFailure') console.error('unhandled error', err);
  const requestId = (c.get('requestId') as string | undefined) ?? null;
  return c.json({ error: { code: e.code, message: e.message, requestId, ...(e.details ?? {}) } }, e.status as 400);
}
