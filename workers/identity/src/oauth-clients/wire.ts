// How the /oauth-clients routes name and show an app: the ARN its actions are authorized on, the JSON
// an API caller reads, and the one answer for an id that is not this account's.
//
// INVARIANT: the JSON never carries `secretHash`; `clientSecret` appears only in the answers to
// CreateOAuthClient and RotateOAuthClientSecret, the one time the secret exists outside the hash.
import { IamError } from '@edge-iam/core';
import { PARTITION } from '@edge-iam/core/arn';
import type { OAuthClient } from '@edge-iam/core/repo';

/** `arn:aws:iam::<account>:oauth-client/<id>`; `*` for the account's clients as a whole (List, Create). */
export const oauthClientArn = (accountId: string, clientId: string) => `arn:${PARTITION}:iam::${accountId}:oauth-client/${clientId}`;

/** The client as the API shows it: every setting, the dates in ISO 8601, never the secret's hash. */
export function clientJson(c: OAuthClient) {
  return {
    clientId: c.clientId,
    name: c.name,
    clientType: c.clientType,
    redirectUris: c.redirectUris,
    postLogoutRedirectUris: c.postLogoutRedirectUris,
    scopes: c.scopes,
    accessTokenTtlSeconds: c.accessTokenTtlSeconds,
    idTokenTtlSeconds: c.idTokenTtlSeconds,
    refreshTokenTtlSeconds: c.refreshTokenTtlSeconds,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    secretRotatedAt: c.secretRotatedAt ? c.secretRotatedAt.toISOString() : null,
  };
}

export type ClientJson = ReturnType<typeof clientJson>;

/** Another account's client and one that never existed get this same answer (no enumeration across accounts). */
export const noSuchClient = (clientId: string) => new IamError('NoSuchEntity', `The OAuth client with id ${clientId} cannot be found.`);
