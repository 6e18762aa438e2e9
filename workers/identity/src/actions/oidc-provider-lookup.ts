// What the OpenID Connect provider actions share: the provider URL as IAM takes it (https, no query or
// fragment; the ARN is the URL without `https://`), the ARN parameter, finding a provider with AWS's
// NoSuchEntity wording (only ever told to a caller allowed to act on that ARN), and the parameter
// shapes of client ids and thumbprints.
import { IamError } from '@edge-iam/core';
import { findOidcProvider, MAX_OIDC_THUMBPRINTS, type OidcProvider } from '@edge-iam/core/repo';
import type { ActionContext } from '../context';
import { arn, awsString, list } from '../params';
import { isLoopbackHost } from './federation-context';

export const providerArnParam = arn;
export const clientId = awsString(1, 255);
export const thumbprint = awsString(40, 40);
export const clientIdList = list(clientId);
export const thumbprintList = list(thumbprint);
export const providerUrl = awsString(1, 255);

export const noSuchOidcProvider = (providerArn: string) =>
  new IamError('NoSuchEntity', `OpenIDConnect Provider not found for arn ${providerArn}`);

/**
 * The URL without its scheme, as the ARN and GetOpenIDConnectProvider carry it. https only; http for a
 * loopback host when the request itself came over plain http (local development: a deployed service
 * is reached over https). That is a convenience, not the boundary: AssumeRoleWithWebIdentity fetches an
 * http provider only while the service itself runs on a loopback origin (oidc-keys.ts).
 */
export function issuerWithoutScheme(url: string, requestSecure: boolean): string {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  const https = parsed?.protocol === 'https:' && url.toLowerCase().startsWith('https://');
  const localHttp =
    parsed?.protocol === 'http:' && !requestSecure && isLoopbackHost(parsed.hostname) && url.toLowerCase().startsWith('http://');
  if (!parsed || !(https || localHttp) || parsed.hostname === '') {
    throw new IamError('InvalidInput', `Invalid URL ${url}: the URL of an OpenID Connect provider must begin with https://.`);
  }
  if (parsed.search !== '' || parsed.hash !== '' || url.includes('?') || url.includes('#')) {
    throw new IamError(
      'InvalidInput',
      `Invalid URL ${url}: query parameters and fragments are not allowed in the URL of an OpenID Connect provider.`,
    );
  }
  if (parsed.username !== '' || parsed.password !== '')
    throw new IamError('InvalidInput', `Invalid URL ${url}: credentials are not allowed.`);
  return url.slice(url.indexOf('://') + 3);
}

/** Thumbprints are SHA-1 hex (40 characters), at most five. */
export function checkThumbprints(thumbprints: readonly string[]): void {
  if (thumbprints.length > MAX_OIDC_THUMBPRINTS) {
    throw new IamError('InvalidInput', `Thumbprint list must contain at most ${MAX_OIDC_THUMBPRINTS} entries.`);
  }
  const bad = thumbprints.find((t) => !/^[0-9a-fA-F]{40}$/.test(t));
  if (bad !== undefined) throw new IamError('InvalidInput', `Thumbprint ${bad} is not a 40-character hex-encoded SHA-1 hash.`);
}

/** The provider the ARN names in the caller's account; NoSuchEntity (after authorization) when none. */
export async function requireOidcProvider(ctx: ActionContext, providerArn: string): Promise<OidcProvider> {
  const found = await findOidcProvider(ctx.db, providerArn);
  if (!found || found.accountId !== ctx.accountId) return ctx.missing(providerArn, noSuchOidcProvider(providerArn));
  return found;
}
