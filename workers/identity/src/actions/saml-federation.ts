// STS AssumeRoleWithSAML, unsigned as in AWS: a SAML response signed by the account's SAML provider is
// the only proof.
//   1. PrincipalArn names a SAML provider of the role's account; its metadata must still be valid.
//   2. The response is verified by the SAML library against the provider's certificates: the one
//      signed assertion (no wrapping), its time window, and its audience and recipient, which may be
//      AWS's `https://signin.aws.amazon.com/saml` or this service's own `<issuer origin>/saml`.
//   3. The assertion's Issuer must be the provider's entity id.
//   4. Its `https://aws.amazon.com/SAML/Attributes/Role` attribute must hold the pair asked for (role
//      and provider, either order); `RoleSessionName` names the session; `SessionDuration` may shorten
//      it; `PrincipalTag:*`, `TransitiveTagKeys` and `SourceIdentity` set the session's tags and
//      source identity.
//   5. The role's trust policy decides for the provider, seeing the `saml:*` keys.
//   6. The assertion is redeemed once: its ID is recorded in the same batch as the credentials, until
//      it expires (repo/saml-replay.ts), so a replay, even a concurrent one, issues nothing.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { parseArn } from '@edge-iam/core/arn';
import { verifySamlResponse, type VerifiedSamlAssertion } from '@edge-iam/core/federation';
import { carriedSamlKeys, samlKeys, samlSubjectType } from '@edge-iam/core/authz';
import { findSamlProvider, redeemAssertionStatements, type SamlProvider, type Tag } from '@edge-iam/core/repo';
import { awsString, int, list } from '../params';
import { assumeFederatedRole, SESSION_NAME } from './federated-role-session';
import { unsignedAction, type FederationContext } from './federation-context';

/** The audience and recipient AWS's own sign-in endpoint uses; IdPs configured for AWS send it. */
export const AWS_SAML_ENDPOINT = 'https://signin.aws.amazon.com/saml';
/** The IdP's clock may differ from ours by this much, on every time check (AWS allows five minutes). */
const CLOCK_SKEW_SECONDS = 300;

const ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/';
const ROLE = `${ATTRIBUTE}Role`;
const SESSION_NAME_ATTRIBUTE = `${ATTRIBUTE}RoleSessionName`;
const SESSION_DURATION = `${ATTRIBUTE}SessionDuration`;
const SOURCE_IDENTITY = `${ATTRIBUTE}SourceIdentity`;
const TRANSITIVE_TAG_KEYS = `${ATTRIBUTE}TransitiveTagKeys`;
const PRINCIPAL_TAG = `${ATTRIBUTE}PrincipalTag:`;

const sessionPolicy = awsString(1, 2048, /^[\u0009\u000A\u000D\u0020-\u00FF]+$/, '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+');

export const samlParams = z.object({
  RoleArn: awsString(20, 2048),
  PrincipalArn: awsString(20, 2048),
  SAMLAssertion: awsString(4, 100000),
  PolicyArns: list(z.object({ arn: awsString(20, 2048) })).optional(),
  Policy: sessionPolicy.optional(),
  DurationSeconds: int(900, 43200).optional(),
});

const invalid = (message: string) => new IamError('InvalidIdentityToken', message);

/** The SAML provider PrincipalArn names, with metadata still valid. */
async function samlProvider(ctx: FederationContext, principalArn: string): Promise<SamlProvider> {
  const arn = parseArn(principalArn);
  const provider =
    arn?.service === 'iam' && arn.resource.startsWith('saml-provider/') ? await findSamlProvider(ctx.db, principalArn) : undefined;
  if (!provider || provider.accountId !== arn?.account) throw invalid(`The SAML provider ${principalArn} does not exist.`);
  if (provider.validUntil !== null && provider.validUntil.getTime() <= ctx.now.getTime()) {
    throw invalid(
      `The metadata of the SAML provider ${principalArn} expired at ${provider.validUntil.toISOString()}: update it (UpdateSAMLProvider).`,
    );
  }
  return provider;
}

/** What the service answers to as audience and recipient: AWS's endpoint, and its own `<issuer origin>/saml`. */
function acceptedEndpoints(ctx: FederationContext): string[] {
  const own =
    ctx.settings.ownIssuer !== null && URL.canParse(ctx.settings.ownIssuer) ? `${new URL(ctx.settings.ownIssuer).origin}/saml` : null;
  return own ? [AWS_SAML_ENDPOINT, own] : [AWS_SAML_ENDPOINT];
}

/** The one value of a single-valued attribute, or undefined when it is absent; two values are refused. */
function single(a: VerifiedSamlAssertion, name: string): string | undefined {
  const values = a.attributes[name];
  if (values === undefined || values.length === 0) return undefined;
  if (values.length > 1) throw invalid(`The SAML attribute ${name} must have exactly one value.`);
  return values[0]!.trim();
}

/** Whether the Role attribute holds the pair (role, provider), in either order, as AWS accepts it. */
function rolePairGranted(a: VerifiedSamlAssertion, roleArn: string, providerArn: string): boolean {
  return (a.attributes[ROLE] ?? []).some((value) => {
    const parts = value.split(',').map((s) => s.trim());
    return parts.length === 2 && parts.includes(roleArn) && parts.includes(providerArn) && roleArn !== providerArn;
  });
}

function sessionNameOf(a: VerifiedSamlAssertion): string {
  const name = single(a, SESSION_NAME_ATTRIBUTE);
  if (name === undefined) throw invalid(`The SAML assertion has no ${SESSION_NAME_ATTRIBUTE} attribute: it names the role session.`);
  if (!SESSION_NAME.test(name)) throw invalid(`The SAML attribute ${SESSION_NAME_ATTRIBUTE} must be 2 to 64 characters of [\\w+=,.@-].`);
  return name;
}

function sessionDurationOf(a: VerifiedSamlAssertion): number | undefined {
  const v = single(a, SESSION_DURATION);
  if (v === undefined) return undefined;
  const n = /^\d{1,6}$/.test(v) ? Number(v) : NaN;
  if (!(n >= 900 && n <= 43200)) throw invalid(`The SAML attribute ${SESSION_DURATION} must be a number of seconds from 900 to 43200.`);
  return n;
}

function sessionTagsOf(a: VerifiedSamlAssertion): Tag[] {
  return Object.keys(a.attributes)
    .filter((name) => name.startsWith(PRINCIPAL_TAG))
    .map((name) => ({ Key: name.slice(PRINCIPAL_TAG.length), Value: single(a, name) ?? '' }));
}

export const assumeRoleWithSaml = unsignedAction(samlParams, async (ctx, p) => {
  const provider = await samlProvider(ctx, p.PrincipalArn);
  const endpoints = acceptedEndpoints(ctx);
  const verified = await verifySamlResponse(p.SAMLAssertion, {
    certificates: provider.certificates,
    now: ctx.now,
    audience: endpoints,
    recipient: endpoints,
    clockSkewSeconds: CLOCK_SKEW_SECONDS,
  });
  if (!verified.ok)
    throw new IamError(verified.code === 'ExpiredTokenException' ? 'ExpiredTokenException' : 'InvalidIdentityToken', verified.message);
  const a = verified.value;
  if (a.issuer !== provider.entityId) {
    throw invalid(`The Issuer of the SAML assertion (${a.issuer}) is not the entity id of the SAML provider ${provider.arn}.`);
  }
  const recipient = a.recipient;
  if (recipient === null) throw invalid('The SAML assertion has no Recipient in its SubjectConfirmationData.');
  if (!rolePairGranted(a, p.RoleArn, p.PrincipalArn))
    throw new IamError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithSAML');
  const sessionName = sessionNameOf(a);
  const durationCap = sessionDurationOf(a);
  const keys = await samlKeys({ ...a, recipient }, provider.accountId, provider.name);
  const subjectType = samlSubjectType(a.nameIdFormat);
  const issued = await assumeFederatedRole(ctx, {
    action: 'AssumeRoleWithSAML',
    roleArn: p.RoleArn,
    provider: provider.arn,
    accountId: provider.accountId,
    // CloudTrail's principal id for a SAML user: the provider's name qualifier and the subject.
    actor: `${provider.arn}:${a.nameId}`,
    providerKeys: keys,
    carriedKeys: carriedSamlKeys(keys),
    sessionName,
    sessionTags: sessionTagsOf(a),
    transitiveTagKeys: a.attributes[TRANSITIVE_TAG_KEYS]?.map((k) => k.trim()) ?? [],
    sourceIdentity: single(a, SOURCE_IDENTITY) ?? null,
    durationSeconds: p.DurationSeconds,
    ...(durationCap !== undefined ? { durationCap } : {}),
    ...(p.Policy !== undefined ? { policy: p.Policy } : {}),
    ...(p.PolicyArns ? { policyArns: p.PolicyArns } : {}),
    alongside: redeemAssertionStatements(
      ctx.db,
      provider.arn,
      a.assertionId,
      new Date(a.notOnOrAfter.getTime() + CLOCK_SKEW_SECONDS * 1000),
      ctx.now,
    ),
    onConflict: () =>
      invalid('This SAML assertion has already been used: an assertion is redeemed once. Sign in at the identity provider again.'),
  });
  return {
    Credentials: issued.Credentials,
    AssumedRoleUser: issued.AssumedRoleUser,
    PackedPolicySize: issued.PackedPolicySize,
    Subject: a.nameId,
    SubjectType: subjectType,
    Issuer: a.issuer,
    Audience: recipient,
    NameQualifier: String(keys['saml:namequalifier']),
    SourceIdentity: single(a, SOURCE_IDENTITY),
  };
});
