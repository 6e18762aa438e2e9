// What the /console/apps pages share: the identity worker's JSON shape of an app (an OAuth / OpenID
// Connect client, `GET /oauth-clients/:id`), the pages' addresses, the calls they make as the signed-in
// person, and the issuer an app developer configures. The API decides everything (who may, what is
// valid); these pages only ask it and show its answers.
import { tokenConfig } from '@edge-iam/core/crypto';
import type { ConsoleContext } from '../../env';
import { encode } from '../../render';

/** An app as the identity worker's `/oauth-clients` routes answer it. */
export interface App {
  clientId: string;
  name: string;
  clientType: 'public' | 'confidential';
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  scopes: string[];
  accessTokenTtlSeconds: number;
  idTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  createdAt: string;
  updatedAt: string;
  secretRotatedAt: string | null;
}

/** The answer to a create or a rotation: the app, and its secret this once (none for a public app). */
export type AppWithSecret = App & { clientSecret?: string };

/** The settings the create and update routes take. */
export interface AppSettings {
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  scopes: string[];
  accessTokenTtlSeconds: number;
  idTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

export const LIST = '/console/apps';
export const appPath = (clientId: string, rest = '') => `${LIST}/${encode(clientId)}${rest}`;
const api = (clientId: string, rest = '') => `/oauth-clients/${encode(clientId)}${rest}`;

export const listApps = async (c: ConsoleContext) => (await c.var.iam.json<{ clients: App[] }>('/oauth-clients')).clients;
export const getApp = (c: ConsoleContext, clientId: string) => c.var.iam.json<App>(api(clientId));
export const createApp = (c: ConsoleContext, body: AppSettings & { clientType: App['clientType'] }) =>
  c.var.iam.json<AppWithSecret>('/oauth-clients', { method: 'POST', body });
export const updateApp = (c: ConsoleContext, clientId: string, body: AppSettings) =>
  c.var.iam.json<App>(api(clientId), { method: 'PUT', body });
export const rotateSecret = (c: ConsoleContext, clientId: string) =>
  c.var.iam.json<AppWithSecret>(api(clientId, '/secret'), { method: 'POST' });
export const deleteApp = (c: ConsoleContext, clientId: string) => c.var.iam.json<null>(api(clientId), { method: 'DELETE' });

/** The issuer apps discover the provider from: the one the sign-in worker signs tokens as. */
export function issuerOf(c: ConsoleContext): string {
  return tokenConfig(c.env, new URL(c.req.url).origin).issuer;
}

export const discoveryUrl = (issuer: string) => `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;

export const TYPE_LABEL: Record<App['clientType'], string> = {
  confidential: 'Confidential (has a secret)',
  public: 'Public (no secret, PKCE)',
};
