// The ID token (OIDC Core §2, §3.1.3.6): the app's proof of who signed in, how and when. ES256 with
// the active signing key (the JWKS publishes it), `typ: JWT` so it is never taken for an access token
// (`at+jwt`) nor one of those for it. One audience (the client), so no `azp`. `at_hash` binds it to the
// access token issued with it; `nonce` is the one the app sent to the authorization endpoint, on the
// code exchange only (a refreshed ID token has none, and the same `auth_time`).
//
// The person's names go out with the `profile` scope only, and nothing else: no ARN, no user id
// beyond `sub`. The same claims answer userinfo, so the two never disagree.
import { SignJWT } from 'jose';
import { SIGNIN_TOKEN_ALG } from '@edge-iam/core/crypto';
import type { ActiveSigningKey, OAuthClient, OAuthGrant } from '@edge-iam/core/repo';
import type { TokenIssuerDeps } from '@edge-iam/core/authn';
import { bytesToBase64Url, utf8 } from '@edge-iam/core/util';
import { acrFor } from './acr';

/** The name claims of the `profile` scope: the IAM user name (`root` for the root user, which has none). */
export function profileClaims(scopes: readonly string[], userName: string | null) {
  if (!scopes.includes('profile')) return {};
  const shown = userName ?? 'root';
  return { preferred_username: shown, name: shown, ...(userName ? { username: userName } : {}) };
}

/** OIDC Core §3.1.3.6: the left half of SHA-256 of the access token's ASCII, base64url. */
export async function atHash(accessToken: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(accessToken)));
  return bytesToBase64Url(digest.slice(0, 16));
}

export interface IdTokenSubject {
  /** the unique id (AIDA...), or the account id for the root user: the access token's `sub` */
  sub: string;
  accountId: string;
  userName: string | null;
}

export interface IdTokenRequest {
  subject: IdTokenSubject;
  grant: Pick<OAuthGrant, 'sessionId' | 'authTime' | 'amr'>;
  client: Pick<OAuthClient, 'clientId' | 'idTokenTtlSeconds'>;
  scopes: readonly string[];
  accessToken: string;
  /** the authorization request's nonce: code exchange only */
  nonce: string | null;
}

/** `key`: the one the access token of the same response was signed with (loading it decrypts it). */
export async function issueIdToken(deps: TokenIssuerDeps, r: IdTokenRequest, key: ActiveSigningKey): Promise<string> {
  const iat = Math.floor(deps.now.getTime() / 1000);
  // Never past the key's place in the JWKS, or the app could not verify it before it expires.
  const exp = Math.min(iat + r.client.idTokenTtlSeconds, Math.floor(key.retireAt.getTime() / 1000));
  return new SignJWT({
    auth_time: Math.floor(r.grant.authTime.getTime() / 1000),
    ...(r.nonce !== null ? { nonce: r.nonce } : {}),
    amr: r.grant.amr,
    acr: acrFor(r.grant.amr),
    sid: r.grant.sessionId,
    at_hash: await atHash(r.accessToken),
    account: r.subject.accountId,
    ...profileClaims(r.scopes, r.subject.userName),
  })
    .setProtectedHeader({ alg: SIGNIN_TOKEN_ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(deps.tokens.issuer)
    .setSubject(r.subject.sub)
    .setAudience(r.client.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key.privateKey);
}
