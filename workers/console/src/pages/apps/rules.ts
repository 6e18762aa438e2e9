// The registration rules checked on the form before any call, so every problem is shown at once beside
// its field (the API reports only the first). The redirect URI rule is the API's own (@edge-iam/core/web,
// which the identity worker's schema enforces too), in the form's words; the others repeat
// workers/identity/src/oauth-clients/schema.ts, which stays the authority: whatever it still refuses
// comes back through `apiFieldError` to the field it names.
import type { IamError } from '@edge-iam/core';
import { MAX_CLIENT_REDIRECT_URIS, OAUTH_TTL, REDIRECT_URI_COPY, redirectUriProblem, type RedirectUriCopy } from '@edge-iam/core/web';

const PRINTABLE = /^[^\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]+$/u;
export const MAX_NAME_LENGTH = 128;

/** The redirect URI refusals in the form's words (what to enter, no code marks around what to type). */
const FORM_COPY: RedirectUriCopy = {
  ...REDIRECT_URI_COPY,
  tooLong: (max) => `is longer than ${max} characters`,
  notAbsolute: (s) => `\`${s}\` is not an absolute URI: write it like https://app.example.com/callback`,
  wildcard: (s) => `\`${s}\` has a wildcard: enter each redirect URI exactly as the app sends it`,
  fragment: (s) => `\`${s}\` has a fragment (#...): remove it`,
  credentials: (s) => `\`${s}\` has a user name or password in it: remove them`,
  scheme: (s, scheme) =>
    `\`${s}\` uses the scheme ${scheme}: use https, or for a native app a scheme named after a domain it controls, such as com.example.app:/callback`,
  noPath: (s, scheme) => `\`${s}\` has no path: write it as ${scheme}:/callback`,
  notAsParsed: (s, href) => `\`${s}\` is not written as browsers write it: enter ${href}`,
};

/** The non-empty lines of a textarea, trimmed. */
export const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Every problem of a list of URIs, as one message naming the lines; undefined when there is none. */
export function uriListProblem(uris: readonly string[], what: string, required: boolean): string | undefined {
  if (uris.length === 0)
    return required ? `Enter at least one ${what}: the address in your app that sign-in sends people back to` : undefined;
  if (uris.length > MAX_CLIENT_REDIRECT_URIS) return `Enter at most ${MAX_CLIENT_REDIRECT_URIS} ${what}s (you entered ${uris.length})`;
  const problems: string[] = [];
  uris.forEach((u, i) => {
    const p = uris.indexOf(u) < i ? `\`${u}\` is listed twice` : redirectUriProblem(u, FORM_COPY);
    if (p) problems.push(`Line ${i + 1}: ${p}.`);
  });
  return problems.length ? problems.join(' ') : undefined;
}

export function nameProblem(name: string): string | undefined {
  if (!name) return 'Enter a name for the app';
  if (name.length > MAX_NAME_LENGTH) return `The name must be ${MAX_NAME_LENGTH} characters or fewer`;
  if (!PRINTABLE.test(name)) return 'The name must be plain text, without control characters';
  return undefined;
}

export type Lifetime = keyof typeof OAUTH_TTL;

/** A lifetime as typed: a whole number of seconds in its range (empty: the default). */
export function lifetime(typed: string, which: Lifetime, label: string): { value: number } | { error: string } {
  const range = OAUTH_TTL[which];
  if (typed === '') return { value: range.default };
  const n = /^\d{1,9}$/.test(typed) ? Number(typed) : NaN;
  if (!Number.isInteger(n) || n < range.min || n > range.max) {
    return { error: `Enter the ${label} as a whole number of seconds from ${range.min} to ${range.max}` };
  }
  return { value: n };
}

/** The form field an API setting is entered in. */
const FIELD_OF: Record<string, string> = {
  name: 'name',
  clientType: 'client_type',
  redirectUris: 'redirect_uris',
  postLogoutRedirectUris: 'post_logout_redirect_uris',
  scopes: 'scope',
  accessTokenTtlSeconds: 'access_token_ttl',
  idTokenTtlSeconds: 'id_token_ttl',
  refreshTokenTtlSeconds: 'refresh_token_ttl',
};

/**
 * The field an API refusal is about (its message starts with the setting's path: `` `redirectUris.1`: ``),
 * with the message reworded for the form (line numbers instead of list positions); null when it names none.
 */
export function apiFieldError(e: IamError): { field: string; message: string } | null {
  const m = /^`([A-Za-z]+)(?:\.(\d+))?`: (.*)$/s.exec(e.message);
  const field = m ? FIELD_OF[m[1]!] : undefined;
  if (!m || !field) return null;
  const message = m[3]!.charAt(0).toUpperCase() + m[3]!.slice(1);
  return { field, message: m[2] !== undefined && field.endsWith('uris') ? `Line ${Number(m[2]) + 1}: ${m[3]}` : message };
}
