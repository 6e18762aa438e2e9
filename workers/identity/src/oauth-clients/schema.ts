// What an app (OAuth client) may be registered with, checked at the edge of the /oauth-clients routes.
// The redirect URI rule itself (https, loopback http or a private-use scheme; exact, no fragment or
// wildcard) is @edge-iam/core/web's redirectUriProblem, which the console's app form checks too.
import { z } from 'zod';
import { MAX_CLIENT_REDIRECT_URIS, OAUTH_SCOPES, OAUTH_TTL } from '@edge-iam/core/repo';
import { redirectUriProblem } from '@edge-iam/core/web';

export const MAX_NAME_LENGTH = 128;
/** A JSON body larger than this cannot be valid settings (two lists of 20 URIs of 1 KiB, and a name). */
export const MAX_BODY_BYTES = 64 * 1024;

const uri = z.string({ error: 'must be a string' }).superRefine((s, ctx) => {
  const problem = redirectUriProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

function uriList(what: string) {
  return z
    .array(uri, { error: (iss) => (iss.input === undefined ? 'is required' : `must be a list of ${what}`) })
    .max(MAX_CLIENT_REDIRECT_URIS, { error: `register at most ${MAX_CLIENT_REDIRECT_URIS} ${what}` })
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((u, i) => {
        if (seen.has(u)) ctx.addIssue({ code: 'custom', path: [i], message: `\`${u}\` is listed twice` });
        seen.add(u);
      });
    });
}

// INVARIANT: no control, format or separator characters: the name is shown on pages and in logs.
const PRINTABLE = /^[^\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]+$/u;

const name = z
  .string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be a string') })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(MAX_NAME_LENGTH, { error: `must be at most ${MAX_NAME_LENGTH} characters` })
  .regex(PRINTABLE, { error: 'must be printable text (no control characters or line breaks)' });

function ttl(range: { default: number; min: number; max: number }) {
  return z
    .number({ error: 'must be a whole number of seconds' })
    .int({ error: 'must be a whole number of seconds' })
    .min(range.min, { error: `must be from ${range.min} to ${range.max} seconds` })
    .max(range.max, { error: `must be from ${range.min} to ${range.max} seconds` })
    .default(range.default);
}

const SCOPE_LIST = OAUTH_SCOPES.map((s) => `\`${s}\``).join(', ');

/** The settings a client is registered with; `openid` is always granted whether listed or not. */
const settingsShape = {
  name,
  redirectUris: uriList('redirect URIs').min(1, { error: 'register at least one redirect URI' }),
  postLogoutRedirectUris: uriList('post-logout redirect URIs').default([]),
  scopes: z
    .array(z.enum(OAUTH_SCOPES, { error: `must be one of ${SCOPE_LIST}` }), { error: `must be a list of scopes (${SCOPE_LIST})` })
    .max(OAUTH_SCOPES.length, { error: `list each of ${SCOPE_LIST} at most once` })
    .default(['openid']),
  accessTokenTtlSeconds: ttl(OAUTH_TTL.accessToken),
  idTokenTtlSeconds: ttl(OAUTH_TTL.idToken),
  refreshTokenTtlSeconds: ttl(OAUTH_TTL.refreshToken),
};

export const CLIENT_TYPES = ['public', 'confidential'] as const;
const clientType = z.enum(CLIENT_TYPES, {
  error: (iss) =>
    iss.input === undefined
      ? 'is required: `confidential` for an app with a server that keeps a secret, `public` for a single-page or native app'
      : 'must be `public` or `confidential`',
});

/** A field this API does not know is refused, so a misspelt setting is never silently dropped. */
const strict = {
  error: (iss: { code: string; keys?: string[] }) =>
    iss.code === 'unrecognized_keys'
      ? `unknown field ${(iss.keys ?? []).map((k) => `\`${k}\``).join(', ')}`
      : iss.code === 'invalid_type'
        ? 'must be a JSON object of the client’s settings (`name`, `clientType`, `redirectUris` ...)'
        : undefined,
};

export const createClientBody = z.strictObject({ ...settingsShape, clientType }, strict);

/** PUT replaces every setting (omitted optional ones take their defaults); the type may be repeated, not changed. */
export const updateClientBody = z.strictObject({ ...settingsShape, clientType: clientType.optional() }, strict);

export type CreateClientBody = z.output<typeof createClientBody>;
export type UpdateClientBody = z.output<typeof updateClientBody>;
