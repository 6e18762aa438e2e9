// Who is calling the back channel (RFC 6749 §2.3, OIDC Core §9). A confidential client (a server that
// keeps a secret) proves itself with its secret, either in HTTP Basic (`client_secret_basic`: the id
// and the secret are each form-urlencoded BEFORE Basic joins and encodes them, RFC 6749 §2.3.1) or in
// the form (`client_secret_post`). A public client (an SPA or a native app, which cannot keep a
// secret) names itself with `client_id` alone (`none`): at the token endpoint PKCE is its proof.
//
// INVARIANT: exactly one method per request, and a confidential client never passes as `none`. An
// unknown client, a missing or wrong secret and two methods at once all answer 401 invalid_client (the
// renderer adds the `Basic` challenge when the Authorization header was tried).
import { findClient, isWellFormedClientId, verifyClientSecret, type OAuthClient } from '@edge-iam/core/repo';
import type { Db } from '@edge-iam/core/db';
import { OAuthError } from './errors';
import type { Form } from './token-response';

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

export interface AuthenticatedClient {
  client: OAuthClient;
  method: ClientAuthMethod;
}

export const CLIENT_AUTH_METHODS: readonly ClientAuthMethod[] = ['client_secret_basic', 'client_secret_post', 'none'];

const refused = (why: string) => new OAuthError('invalid_client', why);

interface Presented {
  method: ClientAuthMethod;
  clientId: string;
  /** null when no secret was sent (an empty Basic password counts as none: some libraries send `id:` for public clients) */
  secret: string | null;
}

/** RFC 6749 Appendix B: `+` is a space, then percent-decoding. */
function formDecode(s: string): string {
  try {
    return decodeURIComponent(s.replaceAll('+', '%20'));
  } catch {
    throw refused(
      'the `Authorization: Basic` credentials are not form-urlencoded as RFC 6749 section 2.3.1 asks: encode the id and secret, then join them with `:`',
    );
  }
}

function parseBasic(header: string): { clientId: string; secret: string | null } {
  const m = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header);
  if (!m) throw refused('the token endpoint takes client credentials as `Authorization: Basic <base64(id:secret)>` or in the form');
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(Uint8Array.from(atob(m[1]!), (ch) => ch.charCodeAt(0)));
  } catch {
    throw refused('the `Authorization: Basic` credentials are not valid base64 of UTF-8 text');
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) throw refused('the `Authorization: Basic` credentials have no `:` between the client id and the secret');
  const secret = formDecode(decoded.slice(colon + 1));
  return { clientId: formDecode(decoded.slice(0, colon)), secret: secret === '' ? null : secret };
}

/** What the request presents, checked for one method only; no database yet. */
function presented(authorization: string | undefined, form: Form): Presented {
  const formId = form.get('client_id');
  const formSecret = form.get('client_secret');
  if (authorization !== undefined) {
    const basic = parseBasic(authorization);
    if (formSecret !== undefined) {
      throw refused('send the client secret one way: in `Authorization: Basic` or as `client_secret` in the form, not both');
    }
    if (formId !== undefined && formId !== basic.clientId)
      throw refused('`client_id` in the form is not the client in `Authorization: Basic`');
    return { method: 'client_secret_basic', ...basic };
  }
  if (formId === undefined) {
    throw refused(
      'authenticate the client: `Authorization: Basic` with its id and secret, or `client_id` (and `client_secret` for a confidential client) in the form',
    );
  }
  return formSecret === undefined
    ? { method: 'none', clientId: formId, secret: null }
    : { method: 'client_secret_post', clientId: formId, secret: formSecret };
}

export interface ClientAuthOptions {
  /** introspection (RFC 7662 §2.1) answers confidential clients only */
  confidentialOnly?: boolean;
}

/** The registered client the request proves it is; throws invalid_client otherwise. */
export async function authenticateClient(
  db: Db,
  authorization: string | undefined,
  form: Form,
  opts: ClientAuthOptions = {},
): Promise<AuthenticatedClient> {
  const p = presented(authorization, form);
  const client = await findClient(db, p.clientId);
  if (!client) {
    throw refused(
      isWellFormedClientId(p.clientId)
        ? `no client \`${p.clientId}\` is registered (deleted? check the app's configuration)`
        : 'the client id is not one this provider issued (they look like `eiam-` and 20 letters and digits)',
    );
  }
  if (client.clientType === 'public') {
    if (p.secret !== null) throw refused('this client is public and has no secret: send `client_id` alone (PKCE proves the code is yours)');
    if (opts.confidentialOnly) throw refused('introspection is for confidential clients: a public client cannot authenticate to it');
    return { client, method: 'none' };
  }
  if (p.secret === null) {
    throw refused('this client is confidential: authenticate with its secret (client_secret_basic or client_secret_post)');
  }
  if (!(await verifyClientSecret(client, p.secret))) {
    throw refused('the client secret is wrong (if it was rotated, use the newest one)');
  }
  return { client, method: p.method };
}
