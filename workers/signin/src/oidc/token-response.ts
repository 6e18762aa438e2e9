// The back channel's wire format (RFC 6749 §3.2, §5.1, §5.2; RFC 7009; RFC 7662): requests are form
// posts (`application/x-www-form-urlencoded`, each parameter at most once, unknown ones ignored, an
// empty value the same as none) and answers are JSON that no cache keeps (`Cache-Control: no-store`,
// `Pragma: no-cache`: any answer here may carry a token). OAuthError is turned into the JSON error
// body here and only here for the token, revocation and introspection endpoints; anything unexpected
// becomes `server_error` with no details (userinfo has its own rendering: see bearer.ts).
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { OAuthError } from './errors';

/** Token requests are a few hundred bytes; this leaves room for long redirect URIs and nothing else. */
export const MAX_FORM_BYTES = 16 * 1024;

export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

/** The one error answered with 413 rather than 400: the vocabulary's code, the HTTP status for what it is. */
export class FormTooLarge extends OAuthError {
  constructor() {
    super('invalid_request', `the request body is larger than ${MAX_FORM_BYTES} bytes: send only the parameters this endpoint takes`);
  }
}

/** A parsed form: one value per parameter; parameters sent without a value are left out (RFC 6749 §3.1). */
export type Form = ReadonlyMap<string, string>;

const mediaType = (c: Context) => (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

/** True when the request says its body is a form (userinfo accepts a POST with or without one). */
export const isFormRequest = (c: Context) => mediaType(c) === 'application/x-www-form-urlencoded';

export async function readForm(c: Context): Promise<Form> {
  // Read before judging: the worker's frame already caps bodies at 64 KiB, and a body left unread makes
  // workerd log an error for the stream the gateway forwarded.
  const bytes = await c.req.arrayBuffer();
  if (!isFormRequest(c)) {
    throw new OAuthError('invalid_request', 'send the parameters as a form body (`content-type: application/x-www-form-urlencoded`)');
  }
  if (bytes.byteLength > MAX_FORM_BYTES) throw new FormTooLarge();
  const form = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(new TextDecoder().decode(bytes))) {
    if (value === '') continue;
    if (form.has(name)) throw new OAuthError('invalid_request', `\`${printable(name)}\` is sent more than once: send each parameter once`);
    form.set(name, value);
  }
  return form;
}

/** Validates the parameters an endpoint takes (zod at the edge); the first problem names its parameter. */
export function parseForm<S extends z.ZodType>(schema: S, form: Form): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? 'body');
  throw new OAuthError('invalid_request', form.has(name) ? `\`${name}\`: ${issue.message}` : `send \`${name}\``);
}

/** A 200 JSON answer that no cache, proxy or browser history keeps. */
export const oauthJson = (c: Context, body: object) => c.json(body, 200, NO_STORE);

/** Descriptions travel in JSON and in WWW-Authenticate: printable ASCII without `"` or `\` (RFC 6749 §5.2). */
export const printable = (s: string) => s.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '?').slice(0, 300);

/** Any error as the vocabulary has it: ours as they are, the frame's and the unexpected mapped. */
export function asOAuthError(err: unknown): OAuthError {
  if (err instanceof OAuthError) return err;
  if (err instanceof HTTPException && err.status === 413) return new FormTooLarge();
  if (err instanceof IamError && err.code === 'ServiceUnavailable') return new OAuthError('temporarily_unavailable', err.message);
  console.error('oauth endpoint failed', err);
  return new OAuthError('server_error', 'the request could not be completed: try again, and report it if it keeps failing');
}

/**
 * The JSON error of RFC 6749 §5.2. A client that tried the Authorization header and failed gets the
 * `Basic` challenge (§5.2: 401 with WWW-Authenticate matching the scheme it used).
 */
export function oauthErrorResponse(err: unknown, c: Context): Response {
  const e = asOAuthError(err);
  const headers: Record<string, string> = { ...NO_STORE };
  if (e.error === 'invalid_client' && c.req.header('authorization') !== undefined) headers['WWW-Authenticate'] = 'Basic realm="edge-iam"';
  const body = { error: e.error, error_description: printable(e.description) };
  return c.json(body, e instanceof FormTooLarge ? 413 : e.status, headers);
}

/** A method the endpoint does not take: 405 with the ones it does. */
export function methodNotAllowed(c: Context, allow: string): Response {
  const body = { error: 'invalid_request', error_description: `use ${allow.replace(', ', ' or ')} on ${new URL(c.req.url).pathname}` };
  return c.json(body, 405, { ...NO_STORE, Allow: allow });
}
