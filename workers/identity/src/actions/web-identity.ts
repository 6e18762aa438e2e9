// STS AssumeRoleWithWebIdentity, unsigned as in AWS: an OpenID Connect ID token is the only proof.
//   1. The token's issuer names the provider: an IAM OpenID Connect provider of the role's account
//      (`oidc-provider/<iss without https://>`, whose URL the issuer must equal), or a provider AWS
//      trusts without one (`accounts.google.com`, `cognito-identity.amazonaws.com`).
//   2. The token is verified against the provider's keys (oidc-keys.ts: discovery, JWKS, rotation;
//      this service's own issuer from D1) with an asymmetric algorithm allowlist, the exact issuer,
//      exp, nbf and iat (authn/web-identity-token.ts).
//   3. `azp` or an `aud` must be one of the provider's client ids ("Incorrect token audience").
//   4. The role's trust policy decides for the provider, seeing `<provider>:aud`, `:sub`, `:amr`,
//      `:azp`, the provider's documented claims (GitHub's `repository`, `ref` ...), session tags from
//      the `https://aws.amazon.com/tags` claim and the source identity from
//      `https://aws.amazon.com/source_identity` (federated-role-session.ts).
// Errors as AWS: InvalidIdentityToken, ExpiredTokenException, IDPCommunicationError, AccessDenied.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { parseArn } from '@edge-iam/core/arn';
import { tokenAudiences, unverifiedIssuer, verifyWebIdentityToken, type VerifiedClaims } from '@edge-iam/core/authn';
import { carriedWebIdentityKeys, webIdentityKeys, webIdentityProviderId } from '@edge-iam/core/authz';
import { findOidcProvider, oidcProviderArn, type Tag } from '@edge-iam/core/repo';
import { awsString, int, list } from '../params';
import { assumeFederatedRole } from './federated-role-session';
import { unsignedAction, type FederationContext } from './federation-context';
import { fetchableUrl, providerKeys } from './oidc-keys';

const NOT_A_JWT = 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';
/** Providers AWS trusts without an IAM OpenID Connect provider; the trust policy checks their `aud`. */
const BUILT_IN_OIDC = ['accounts.google.com', 'cognito-identity.amazonaws.com'];
const TAGS_CLAIM = 'https://aws.amazon.com/tags';
const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';

const sessionPolicy = awsString(1, 2048, /^[\u0009\u000A\u000D\u0020-\u00FF]+$/, '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+');

export const webIdentityParams = z.object({
  RoleArn: awsString(20, 2048),
  RoleSessionName: awsString(2, 64, /^[\w+=,.@-]*$/, '[\\w+=,.@-]*'),
  WebIdentityToken: awsString(4, 20000),
  ProviderId: awsString(4, 2048).optional(),
  PolicyArns: list(z.object({ arn: awsString(20, 2048) })).optional(),
  Policy: sessionPolicy.optional(),
  DurationSeconds: int(900, 43200).optional(),
});

const invalid = (message: string) => new IamError('InvalidIdentityToken', message);

/** Whose keys verify the token, and what the trust policy names it by. */
interface TokenProvider {
  /** the issuer the token's `iss` must equal */
  issuer: string;
  /** where its keys are published (discovery, then jwks_uri) */
  keysFrom: string;
  /** `<iss without https://>`: the prefix of its condition keys */
  providerId: string;
  /** the trust policy's Federated principal and aws:FederatedProvider */
  principal: string;
  /** the client ids the audience must be one of; null for a built-in provider (the trust policy checks aud) */
  clientIds: string[] | null;
}

async function tokenProvider(ctx: FederationContext, iss: string, accountId: string): Promise<TokenProvider> {
  const providerId = webIdentityProviderId(iss);
  if (BUILT_IN_OIDC.includes(providerId)) {
    // Google's ID tokens may name their issuer without the scheme; its keys are at the https URL.
    return { issuer: iss, keysFrom: `https://${providerId}`, providerId, principal: providerId, clientIds: null };
  }
  const notFound = invalid(`No OpenIDConnect provider found in your account for ${iss}`);
  if (!fetchableUrl(iss, ctx.settings.loopback)) throw notFound;
  const provider = await findOidcProvider(ctx.db, oidcProviderArn(accountId, providerId));
  if (!provider || provider.accountId !== accountId || provider.url !== iss) throw notFound;
  return { issuer: iss, keysFrom: iss, providerId, principal: provider.arn, clientIds: provider.clientIds };
}

/** The token verified against the provider's keys, refetching them once for an unknown kid (key rotation). */
async function verifiedClaims(ctx: FederationContext, token: string, provider: TokenProvider): Promise<VerifiedClaims> {
  const { issuer, keysFrom } = provider;
  let result = await verifyWebIdentityToken(token, { issuer, jwks: await providerKeys(ctx, keysFrom, false), now: ctx.now });
  if (!result.ok && result.unknownKey) {
    result = await verifyWebIdentityToken(token, { issuer, jwks: await providerKeys(ctx, keysFrom, true), now: ctx.now });
  }
  if (!result.ok) throw new IamError(result.code, result.message);
  return result.claims;
}

/** The audience the token is accepted for: `azp` when it is a client id, else the first `aud` that is one. */
function acceptedAudience(claims: VerifiedClaims, clientIds: readonly string[] | null): string {
  const auds = tokenAudiences(claims);
  const azp = typeof claims['azp'] === 'string' ? claims['azp'] : undefined;
  if (clientIds === null) {
    const audience = azp ?? auds[0];
    if (audience === undefined) throw invalid('Missing a required claim: aud');
    return audience;
  }
  if (azp !== undefined && clientIds.includes(azp)) return azp;
  const audience = auds.find((a) => clientIds.includes(a));
  if (audience === undefined) throw invalid('Incorrect token audience');
  return audience;
}

const tagsClaim = z.object({
  principal_tags: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  transitive_tag_keys: z.array(z.string()).optional(),
});

/** Session tags from the `https://aws.amazon.com/tags` claim: one value per tag, as AWS takes them. */
function sessionTagsOf(claims: VerifiedClaims): { tags: Tag[]; transitive: string[] } {
  const raw = claims[TAGS_CLAIM];
  if (raw === undefined) return { tags: [], transitive: [] };
  const parsed = tagsClaim.safeParse(raw);
  if (!parsed.success) throw invalid(`The ${TAGS_CLAIM} claim must hold principal_tags (each one value) and transitive_tag_keys.`);
  const tags: Tag[] = [];
  for (const [Key, v] of Object.entries(parsed.data.principal_tags ?? {})) {
    const values = typeof v === 'string' ? [v] : v;
    if (values.length !== 1) throw invalid(`The session tag ${JSON.stringify(Key)} must have exactly one value.`);
    tags.push({ Key, Value: values[0]! });
  }
  return { tags, transitive: parsed.data.transitive_tag_keys ?? [] };
}

function sourceIdentityOf(claims: VerifiedClaims): string | null {
  const v = claims[SOURCE_IDENTITY_CLAIM];
  if (v === undefined) return null;
  if (typeof v !== 'string') throw invalid(`The ${SOURCE_IDENTITY_CLAIM} claim must be a string.`);
  return v;
}

export const assumeRoleWithWebIdentity = unsignedAction(webIdentityParams, async (ctx, p) => {
  if (p.ProviderId !== undefined) {
    throw invalid(
      'ProviderId names an OAuth 2.0 provider (Login with Amazon, Facebook) whose access tokens only that provider can check; this service takes OpenID Connect ID tokens, without ProviderId.',
    );
  }
  const iss = unverifiedIssuer(p.WebIdentityToken);
  if (iss === null) throw invalid(NOT_A_JWT);
  // The provider must be registered in the role's account; a RoleArn that names no account names no provider.
  const role = parseArn(p.RoleArn);
  if (!role || role.service !== 'iam' || !/^\d{12}$/.test(role.account))
    throw new IamError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
  const provider = await tokenProvider(ctx, iss, role.account);
  const claims = await verifiedClaims(ctx, p.WebIdentityToken, provider);
  const audience = acceptedAudience(claims, provider.clientIds);
  const keys = webIdentityKeys(provider.providerId, claims, audience);
  const { tags, transitive } = sessionTagsOf(claims);
  const sourceIdentity = sourceIdentityOf(claims);
  const issued = await assumeFederatedRole(ctx, {
    action: 'AssumeRoleWithWebIdentity',
    roleArn: p.RoleArn,
    provider: provider.principal,
    accountId: role.account,
    // CloudTrail's principal id for a web identity user: provider, audience, subject.
    actor: `${provider.principal}:${audience}:${claims.sub}`,
    providerKeys: keys,
    carriedKeys: carriedWebIdentityKeys(keys),
    sessionName: p.RoleSessionName,
    sessionTags: tags,
    transitiveTagKeys: transitive,
    sourceIdentity,
    durationSeconds: p.DurationSeconds,
    ...(p.Policy !== undefined ? { policy: p.Policy } : {}),
    ...(p.PolicyArns ? { policyArns: p.PolicyArns } : {}),
  });
  return {
    Credentials: issued.Credentials,
    SubjectFromWebIdentityToken: claims.sub,
    AssumedRoleUser: issued.AssumedRoleUser,
    PackedPolicySize: issued.PackedPolicySize,
    Provider: provider.principal,
    Audience: audience,
    SourceIdentity: sourceIdentity ?? undefined,
  };
});
