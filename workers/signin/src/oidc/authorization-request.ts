// Reading an authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1, RFC 7636, RFC 9207), with no
// I/O, in the order the specs make matter:
// 1. `client_id` and `redirect_uri` (readTarget, checkTarget). Until both are good nothing may be sent
//    to the redirect URI: a mistake there is shown on our own page, so a link cannot turn the
//    authorization endpoint into an open redirect.
// 2. Everything else (parseAuthorizationRequest): any mistake is an OAuthError the route sends back to
//    the (now trusted) redirect URI with the request's `state`.
// INVARIANT: the redirect URI is compared to the registered ones by string equality; no
// normalization, no prefix, no "same origin" (RFC 9700 §4.1.3, OAuth 2.1 §2.3.1).
import { z } from 'zod';
import type { OAuthClient } from '@edge-iam/core/repo';
import { OAuthError } from './errors';
import { MFA_ACRS } from './acr';

/** Longest accepted values. `state` is the app's own (some frameworks put a small encrypted blob in it). */
export const AUTHORIZE_MAX = { clientId: 64, redirectUri: 2048, state: 2048, nonce: 255, scope: 512, loginHint: 320, other: 512 } as const;

/** The authentication context classes we can satisfy with a second factor. */

export type LoginHint = { kind: 'user'; account: string; userName: string } | { kind: 'root'; email: string };

export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  state: string | null;
  /** the granted scopes, space-separated, each once, in the order asked */
  scope: string;
  codeChallenge: string;
  nonce: string | null;
  /** `none`: never show a page; `login`: authenticate again even with a live session */
  prompt: 'none' | 'login' | null;
  maxAgeSeconds: number | null;
  loginHint: LoginHint | null;
  /** an `acr_values` entry asks for a second factor */
  requireMfa: boolean;
}

/** The request's parameters, each once. RFC 6749 §3.1: a parameter sent twice is an error. */
export interface RequestParams {
  values: Map<string, string>;
  repeated: Set<string>;
}

export function readParams(entries: Iterable<[string, string]>): RequestParams {
  const values = new Map<string, string>();
  const repeated = new Set<string>();
  for (const [k, v] of entries) {
    if (values.has(k)) repeated.add(k);
    else values.set(k, v);
  }
  return { values, repeated };
}

/** Who is asking and where the answer goes; a string is the message for the HTML page (never a redirect). */
export function readTarget(p: RequestParams): { clientId: string; redirectUri: string } | string {
  for (const name of ['client_id', 'redirect_uri']) {
    if (p.repeated.has(name)) return `\`${name}\` is sent more than once: send it once`;
    if (!p.values.get(name)) return `\`${name}\` is missing: the app must send its client id and one of its registered redirect URIs`;
  }
  const clientId = p.values.get('client_id')!;
  const redirectUri = p.values.get('redirect_uri')!;
  if (clientId.length > AUTHORIZE_MAX.clientId) return '`client_id` is not a client id of this service';
  if (redirectUri.length > AUTHORIZE_MAX.redirectUri) return `\`redirect_uri\` is longer than ${AUTHORIZE_MAX.redirectUri} characters`;
  return { clientId, redirectUri };
}

/** Null when the client exists and registered exactly this redirect URI; otherwise the page's message. */
export function checkTarget(client: OAuthClient | null, clientId: string, redirectUri: string): string | null {
  if (!client) return `no app is registered with client id \`${clientId}\``;
  if (!client.redirectUris.includes(redirectUri)) {
    return `\`${redirectUri}\` is not a redirect URI registered for this app: the app must send one of its registered redirect URIs, character for character`;
  }
  return null;
}

/** The `state` to echo in an error response: only a single, well-sized one (a bad one is not echoed). */
export function responseState(p: RequestParams): string | null {
  const s = p.values.get('state');
  return s && !p.repeated.has('state') && s.length <= AUTHORIZE_MAX.state ? s : null;
}

const text = (max: number, name: string) => z.string().max(max, `\`${name}\` is longer than ${max} characters`).optional();

/** The parameters besides client_id and redirect_uri; absent and empty mean the same (RFC 6749 §3.1). */
const schema = z.object({
  state: text(AUTHORIZE_MAX.state, 'state'),
  scope: text(AUTHORIZE_MAX.scope, 'scope'),
  nonce: text(AUTHORIZE_MAX.nonce, 'nonce'),
  code_challenge: z
    .string({ error: '`code_challenge` is required: PKCE with `code_challenge_method=S256` is required for every client' })
    .regex(/^[A-Za-z0-9_-]{43,128}$/, '`code_challenge` must be 43 to 128 base64url characters: BASE64URL(SHA-256(code_verifier))'),
  code_challenge_method: z.string().optional(),
  prompt: text(AUTHORIZE_MAX.other, 'prompt'),
  max_age: z
    .string()
    .regex(/^\d{1,9}$/, '`max_age` must be a whole number of seconds')
    .optional(),
  login_hint: text(AUTHORIZE_MAX.loginHint, 'login_hint'),
  acr_values: text(AUTHORIZE_MAX.other, 'acr_values'),
  response_mode: text(AUTHORIZE_MAX.other, 'response_mode'),
});

const PROMPTS = ['none', 'login', 'consent', 'select_account'] as const;

/** Everything after the target, checked against the client; an OAuthError goes to the redirect URI. */
export function parseAuthorizationRequest(
  p: RequestParams,
  client: Pick<OAuthClient, 'clientId' | 'scopes'>,
  redirectUri: string,
): { ok: true; request: AuthorizationRequest } | { ok: false; error: OAuthError } {
  const fail = (error: OAuthError) => ({ ok: false as const, error });
  if (p.repeated.size > 0) {
    return fail(new OAuthError('invalid_request', `\`${[...p.repeated][0]}\` is sent more than once: send each parameter once`));
  }
  // Request objects are signed or unsigned JWTs (`alg: none` among them); we take plain parameters only.
  if (p.values.get('request'))
    return fail(new OAuthError('request_not_supported', 'request objects (`request`) are not supported: send plain parameters'));
  if (p.values.get('request_uri')) {
    return fail(new OAuthError('request_uri_not_supported', '`request_uri` is not supported: send plain parameters'));
  }
  const responseType = p.values.get('response_type');
  if (!responseType) return fail(new OAuthError('invalid_request', '`response_type` is missing: send `response_type=code`'));
  if (responseType !== 'code') {
    return fail(
      new OAuthError('unsupported_response_type', `response type \`${responseType.slice(0, 64)}\` is not supported: only \`code\``),
    );
  }
  const raw = Object.fromEntries([...p.values].filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return fail(new OAuthError('invalid_request', parsed.error.issues[0]!.message));
  const q = parsed.data;

  if (q.response_mode && q.response_mode !== 'query') {
    return fail(new OAuthError('invalid_request', `response mode \`${q.response_mode.slice(0, 64)}\` is not supported: only \`query\``));
  }
  if (q.code_challenge_method !== 'S256') {
    return fail(
      new OAuthError(
        'invalid_request',
        q.code_challenge_method
          ? `\`code_challenge_method=${q.code_challenge_method.slice(0, 64)}\` is not supported: send \`S256\``
          : '`code_challenge_method` is missing: send `S256` (`plain` is not accepted)',
      ),
    );
  }

  const scopes = [...new Set((q.scope ?? '').split(' ').filter(Boolean))];
  if (!scopes.includes('openid')) return fail(new OAuthError('invalid_scope', '`scope` must include `openid`'));
  const notAllowed = scopes.filter((s) => !client.scopes.includes(s));
  if (notAllowed.length > 0) {
    return fail(
      new OAuthError(
        'invalid_scope',
        `this app may not ask for \`${notAllowed[0]!.slice(0, 64)}\`: it may ask for ${client.scopes.join(', ')}`,
      ),
    );
  }

  const prompts = new Set((q.prompt ?? '').split(' ').filter(Boolean));
  const unknown = [...prompts].find((v) => !(PROMPTS as readonly string[]).includes(v));
  if (unknown)
    return fail(new OAuthError('invalid_request', `\`prompt=${unknown.slice(0, 64)}\` is not supported: use ${PROMPTS.join(', ')}`));
  // OIDC Core §3.1.2.1: `none` with any other value is an error.
  if (prompts.has('none') && prompts.size > 1)
    return fail(new OAuthError('invalid_request', '`prompt=none` cannot be combined with other values'));

  return {
    ok: true,
    request: {
      clientId: client.clientId,
      redirectUri,
      state: q.state ?? null,
      scope: scopes.join(' '),
      codeChallenge: q.code_challenge,
      nonce: q.nonce ?? null,
      // Clients are the account's own apps (no consent screen): `consent` asks for nothing more;
      // `select_account` means choosing who signs in, which the sign-in form does.
      prompt: prompts.has('none') ? 'none' : prompts.has('login') || prompts.has('select_account') ? 'login' : null,
      maxAgeSeconds: q.max_age === undefined ? null : Number(q.max_age),
      loginHint: q.login_hint ? parseLoginHint(q.login_hint) : null,
      requireMfa: (q.acr_values ?? '').split(' ').some((v) => MFA_ACRS.includes(v)),
    },
  };
}

/** An account id (12 digits) or alias, as the sign-in form takes it. */
const ACCOUNT = /^(\d{12}|[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9])$/i;
const USER_NAME = /^[\w+=,.@-]{1,64}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * `user@account` (an IAM user name, which may itself contain `@`, then the account id or alias) or the
 * root user's email address. An alias has no dot and a mail domain has one, so the two never collide.
 * A hint is only a hint: anything else is ignored, never an error.
 */
export function parseLoginHint(hint: string): LoginHint | null {
  if (hint.length > AUTHORIZE_MAX.loginHint) return null;
  const at = hint.lastIndexOf('@');
  if (at <= 0) return null;
  const [name, account] = [hint.slice(0, at), hint.slice(at + 1)];
  if (ACCOUNT.test(account) && USER_NAME.test(name)) return { kind: 'user', account: account.toLowerCase(), userName: name };
  return EMAIL.test(hint) ? { kind: 'root', email: hint } : null;
}

/**
 * The authorization endpoint URL the sign-in pages return to: the same request, minus what asked for
 * the sign-in that just happened (`prompt`, `max_age`, `acr_values`, `login_hint`), so coming back
 * never asks again (no loop). The app still learns what happened from the ID token's `auth_time`,
 * `amr` and `acr`, which OIDC Core §3.1.3.7 has it check.
 */
export function returnUrl(origin: string, p: RequestParams): string {
  const kept = [...p.values].filter(([k]) => !['prompt', 'max_age', 'acr_values', 'login_hint'].includes(k));
  return `${origin}/oauth2/authorize?${new URLSearchParams(kept)}`;
}
