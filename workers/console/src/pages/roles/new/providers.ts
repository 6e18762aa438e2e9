// The account's identity providers, read through the IAM API as the signed-in person: the lists the
// wizard's first step offers (ListOpenIDConnectProviders, ListSAMLProviders), an OpenID Connect
// provider's audiences (GetOpenIDConnectProvider) and whether a SAML provider exists (GetSAMLProvider).
// A refusal the person can act on (4xx) comes back as words for the page, never as an error page.
import { isIamError, type IamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../../env';
import { oidcProviderId } from '../trust';
import { samlProviderName } from './federation';

export interface ProviderChoice {
  arn: string;
  /** what a person knows it by: the issuer without https://, or the SAML provider's name */
  name: string;
  validUntil?: string | undefined;
}

/** A provider list, or the API's refusal to give it (AccessDenied for iam:ListOpenIDConnectProviders). */
export type ProviderList = { ok: true; items: ProviderChoice[] } | { ok: false; denied: string };

async function refusal<T>(work: () => Promise<T>): Promise<T | IamError> {
  try {
    return await work();
  } catch (e) {
    if (isIamError(e) && e.status < 500) return e;
    throw e;
  }
}

const byName = (a: ProviderChoice, b: ProviderChoice) => a.name.localeCompare(b.name);

// Neither list action pages (AWS's have no Marker): one call each.
export async function oidcProviders(c: ConsoleContext): Promise<ProviderList> {
  const r = await refusal(() => c.var.iam.call<{ OpenIDConnectProviderList?: { Arn: string }[] }>('ListOpenIDConnectProviders'));
  if (isIamError(r)) return { ok: false, denied: r.message };
  return { ok: true, items: (r.OpenIDConnectProviderList ?? []).map((p) => ({ arn: p.Arn, name: oidcProviderId(p.Arn) })).sort(byName) };
}

export async function samlProviders(c: ConsoleContext): Promise<ProviderList> {
  const r = await refusal(() => c.var.iam.call<{ SAMLProviderList?: { Arn: string; ValidUntil?: string }[] }>('ListSAMLProviders'));
  if (isIamError(r)) return { ok: false, denied: r.message };
  const items = (r.SAMLProviderList ?? []).map((p) => ({ arn: p.Arn, name: samlProviderName(p.Arn), validUntil: p.ValidUntil }));
  return { ok: true, items: items.sort(byName) };
}

export interface OidcProvider {
  arn: string;
  /** the issuer without https://, the prefix of its condition keys */
  id: string;
  clientIds: string[];
}

/** The provider and its audiences, or the message for the provider field: it does not exist, or may not be read. */
export async function readOidcProvider(
  c: ConsoleContext,
  arn: string,
): Promise<{ ok: true; provider: OidcProvider } | { ok: false; problem: string }> {
  const r = await refusal(() => c.var.iam.call<{ ClientIDList?: string[] }>('GetOpenIDConnectProvider', { OpenIDConnectProviderArn: arn }));
  const id = oidcProviderId(arn);
  if (!isIamError(r)) return { ok: true, provider: { arn, id, clientIds: r.ClientIDList ?? [] } };
  if (r.code === 'NoSuchEntity')
    return { ok: false, problem: `There is no identity provider ${id} in this account: choose one from the list` };
  return { ok: false, problem: `The audiences of ${id} could not be read, so the role cannot be set up here: ${r.message}` };
}

/**
 * The message for the SAML provider field when it does not exist. Someone who may not read it is let
 * through: CreateRole refuses a trust policy naming a provider that does not exist.
 */
export async function samlProviderProblem(c: ConsoleContext, arn: string): Promise<string | undefined> {
  const r = await refusal(() => c.var.iam.call('GetSAMLProvider', { SAMLProviderArn: arn }));
  if (isIamError(r) && r.code === 'NoSuchEntity')
    return `There is no SAML provider ${samlProviderName(arn)} in this account: choose one from the list`;
  return undefined;
}
