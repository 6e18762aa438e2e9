// What AssumeRoleWithWebIdentity and AssumeRoleWithSAML share once the identity provider's token or
// assertion is verified: the role (in the provider's account), its trust policy deciding for the
// provider's user (with sts:TagSession when the token or assertion passes session tags, and
// sts:SetSourceIdentity when it sets a source identity, as AWS requires), the session's duration
// within the role's MaxSessionDuration, its session policies and the packed-size quota, and the
// temporary credentials, which carry the federated context into every later decision
// (authn/federated-session.ts): `arn:aws:sts::<account>:assumed-role/<role>/<session>`.
import { IamError } from '@edge-iam/core';
import { assumedRoleArn, iamArn, parseArn } from '@edge-iam/core/arn';
import { decideFederatedTrust, type FederationKeys, type RequestFacts } from '@edge-iam/core/authz';
import { compilePolicy, compilePolicySet } from '@edge-iam/core/policy';
import {
  findRole,
  issueTemporaryCredentials,
  listTags,
  recordRoleUseStatement,
  type RoleRow,
  type Statement,
  type Tag,
} from '@edge-iam/core/repo';
import type { FederationContext } from './federation-context';
import { resolveSessionPolicies } from './session-policies';

const DEFAULT_DURATION = 3600;
const MAX_SESSION_TAGS = 50;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
/** Source identities and session names: 2 to 64 of `[\w+=,.@-]`. */
export const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export type FederationAction = 'AssumeRoleWithWebIdentity' | 'AssumeRoleWithSAML';

export interface FederatedAssumption {
  action: FederationAction;
  roleArn: string;
  /** the trust policy's principal, and aws:FederatedProvider: the provider's ARN or a built-in name */
  provider: string;
  /** the account the provider belongs to (a built-in provider: the role's own) */
  accountId: string;
  /** who asks, for the audit trail: the provider's user */
  actor: string;
  /** every key the token or assertion gives the trust policy */
  providerKeys: FederationKeys;
  /** those the session keeps for its later requests */
  carriedKeys: FederationKeys;
  sessionName: string;
  sessionTags: Tag[];
  transitiveTagKeys: string[];
  sourceIdentity: string | null;
  /** DurationSeconds as asked (undefined: an hour) */
  durationSeconds: number | undefined;
  /** an upper bound the assertion sets (SAML's SessionDuration attribute) */
  durationCap?: number;
  policy?: string;
  policyArns?: { arn: string }[];
  /** statements that must commit with the credentials (SAML's replay guard) */
  alongside?: Statement[];
  /** what a unique-key clash of `alongside` means (SAML: the assertion was used already) */
  onConflict?: () => IamError;
}

export interface FederatedSessionIssued {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: Date };
  AssumedRoleUser: { AssumedRoleId: string; Arn: string };
  PackedPolicySize: number | undefined;
}

const notAuthorized = (action: string) => new IamError('AccessDenied', `Not authorized to perform sts:${action}`);

/** The role an ARN names in `accountId` (path and name must both match), or undefined. */
async function roleByArn(ctx: FederationContext, accountId: string, arn: string): Promise<RoleRow | undefined> {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'iam' || parsed.account !== accountId || !parsed.resource.startsWith('role/')) return undefined;
  const found = await findRole(ctx.db, accountId, arn.slice(arn.lastIndexOf('/') + 1));
  return found && iamArn(found.role.accountId, 'role', found.role.name, found.role.path) === arn ? found.role : undefined;
}

/**
 * Session tags and source identity as the token or assertion sets them, checked as AWS checks tags
 * (at most 50, IAM's key and value rules, no `aws:` prefix, transitive keys among them); a bad one is
 * InvalidIdentityToken: the provider sent it.
 */
export function checkSessionAttributes(tags: readonly Tag[], transitive: readonly string[], sourceIdentity: string | null): void {
  if (tags.length > MAX_SESSION_TAGS)
    throw new IamError('InvalidIdentityToken', `Too many session tags: at most ${MAX_SESSION_TAGS} may be passed.`);
  for (const t of tags) {
    if (!TAG_KEY.test(t.Key) || t.Key.toLowerCase().startsWith('aws:') || !TAG_VALUE.test(t.Value)) {
      throw new IamError(
        'InvalidIdentityToken',
        `The session tag ${JSON.stringify(t.Key)} is not a valid tag (IAM's tag key and value rules).`,
      );
    }
  }
  const keys = new Set(tags.map((t) => t.Key.toLowerCase()));
  const stray = transitive.find((k) => !keys.has(k.toLowerCase()));
  if (stray !== undefined)
    throw new IamError('InvalidIdentityToken', `The transitive tag key ${JSON.stringify(stray)} is not one of the session tags.`);
  if (sourceIdentity !== null && (!SESSION_NAME.test(sourceIdentity) || sourceIdentity.toLowerCase().startsWith('aws:'))) {
    throw new IamError(
      'InvalidIdentityToken',
      'The source identity must be 2 to 64 characters of [\\w+=,.@-] and must not begin with aws:.',
    );
  }
}

/** The trust decision, then the credentials. AccessDenied (audited in the role's account) when the role does not trust the provider's user. */
export async function assumeFederatedRole(ctx: FederationContext, a: FederatedAssumption): Promise<FederatedSessionIssued> {
  const role = await roleByArn(ctx, a.accountId, a.roleArn);
  // INVARIANT: a role that does not exist and one that does not trust the provider answer alike.
  if (!role) throw notAuthorized(a.action);
  const refuse = (error: IamError) => ctx.refused(role.accountId, a.actor, a.roleArn, error);
  checkSessionAttributes(a.sessionTags, a.transitiveTagKeys, a.sourceIdentity);

  const trust = compilePolicySet('trust', [compilePolicy(role.assumeRolePolicy, { id: `${a.roleArn}#trust-policy`, type: 'trust' })]);
  const roleTags = await listTags(ctx.db, role.id);
  const facts: RequestFacts = {
    resourceTags: roleTags,
    requestTags: a.sessionTags,
    roleSessionName: a.sessionName,
    federatedKeys: a.providerKeys,
    sourceIdentity: a.sourceIdentity,
    transitiveTagKeys: a.transitiveTagKeys,
  };
  const decide = (action: Parameters<typeof decideFederatedTrust>[0]['action']) =>
    decideFederatedTrust({
      provider: a.provider,
      action,
      roleArn: a.roleArn,
      trust,
      facts,
      providerKeys: a.providerKeys,
      now: ctx.now,
      sourceIp: ctx.client.sourceIp,
      secure: ctx.client.secure,
    }).decision === 'Allow';
  if (!decide(`sts:${a.action}`)) throw refuse(notAuthorized(a.action));
  // AWS: a token or assertion passing session tags needs sts:TagSession too; a source identity, sts:SetSourceIdentity.
  if (a.sessionTags.length > 0 && !decide('sts:TagSession')) throw refuse(notAuthorized('TagSession'));
  if (a.sourceIdentity !== null && !decide('sts:SetSourceIdentity')) throw refuse(notAuthorized('SetSourceIdentity'));

  const requested = a.durationSeconds ?? DEFAULT_DURATION;
  if (requested > role.maxSessionDuration) {
    throw refuse(new IamError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'));
  }
  const duration = a.durationCap !== undefined ? Math.min(requested, a.durationCap) : requested;
  const session = await resolveSessionPolicies(
    { db: ctx.db, accountId: role.accountId },
    { ...(a.policy !== undefined ? { Policy: a.policy } : {}), ...(a.policyArns ? { PolicyArns: a.policyArns } : {}), Tags: a.sessionTags },
  );

  const issued = await issueTemporaryCredentials(ctx.db, ctx.keys, {
    accountId: role.accountId,
    roleId: role.id,
    sessionName: a.sessionName,
    sourceIdentityArn: a.actor,
    sessionPolicies: session.documents,
    now: ctx.now,
    durationSeconds: duration,
    federation: {
      provider: a.provider,
      keys: a.carriedKeys,
      tags: a.sessionTags,
      transitiveTagKeys: a.transitiveTagKeys,
      sourceIdentity: a.sourceIdentity,
    },
  });
  try {
    await ctx.commit(
      [issued.statement, recordRoleUseStatement(ctx.db, role.id, ctx.now, ctx.region), ...(a.alongside ?? [])],
      ctx.auditEntry(role.accountId, a.actor, a.roleArn, 'Success'),
      a.onConflict,
    );
  } catch (e) {
    // Only onConflict's error is an IamError here (a replayed assertion): refused, and audited as such.
    if (e instanceof IamError) throw refuse(e);
    throw e;
  }
  return {
    Credentials: issued.credentials,
    AssumedRoleUser: { AssumedRoleId: `${role.id}:${a.sessionName}`, Arn: assumedRoleArn(role.accountId, role.name, a.sessionName) },
    PackedPolicySize: session.packedPercent,
  };
}
