// STS actions (Version 2011-06-15) on the same endpoint, told apart by the SigV4 scope's service:
// GetCallerIdentity and AssumeRole (GetSessionToken lives with MFA, in sts-session.ts; both are
// registered in registry.ts).
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { isRootCaller } from '@edge-iam/core/authn';
import { parseArn, assumedRoleArn } from '@edge-iam/core/arn';
import { compilePolicy, compilePolicySet, parsePolicy, policySize } from '@edge-iam/core/policy';
import { defaultVersionDocuments, recordRoleUseStatement, issueTemporaryCredentials, listTags } from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import { awsString, int, list, policyDocument } from '../params';
import { serialNumber, authenticationCode } from './mfa-lookup';
import { findRoleByArn } from './role-lookup';
import { proveCallerMfa } from './sts-session';

const sessionName = awsString(2, 64, /^[\w+=,.@-]*$/, '[\\w+=,.@-]*');
const SESSION_POLICY_PACKED_LIMIT = 2048;

export const stsActions: ActionTable = {
  // GetCallerIdentity needs no permission in AWS: anyone may ask who they are.
  GetCallerIdentity: action(z.object({}), async (ctx) => {
    const c = ctx.caller;
    const userId =
      c.kind === 'root'
        ? ctx.accountId
        : c.kind === 'user'
          ? c.userId
          : c.kind === 'role-session'
            ? `${c.roleId}:${c.sessionName}`
            : c.kind === 'federated-user'
              ? `${ctx.accountId}:${c.federatedName}`
              : (c.userId ?? ctx.accountId);
    return { UserId: userId, Account: ctx.accountId, Arn: c.arn };
  }),

  AssumeRole: action(
    z.object({
      RoleArn: awsString(20, 2048),
      RoleSessionName: sessionName,
      DurationSeconds: int(900, 43200).optional(),
      Policy: policyDocument.optional(),
      PolicyArns: list(z.object({ arn: awsString(20, 2048) })).optional(),
      ExternalId: awsString(2, 1224).optional(),
      SerialNumber: serialNumber.optional(),
      TokenCode: authenticationCode.optional(),
    }),
    async (ctx, p) => {
      const c = ctx.caller;
      if (isRootCaller(c)) {
        throw new IamError('AccessDenied', 'Roles may not be assumed by root accounts.');
      }
      // MFA is proved first: the trust policy may require it (aws:MultiFactorAuthPresent), and the
      // session carries it. A wrong, replayed or foreign code is AccessDenied whatever the role.
      const mfaProvedAt = await proveCallerMfa(ctx, p);
      const target = parseArn(p.RoleArn);
      // INVARIANT: a role that does not exist and one the caller may not assume answer alike.
      const role = target?.service === 'iam' && target.account === ctx.accountId ? await findRoleByArn(ctx, p.RoleArn) : undefined;
      // Audited, and without a reason, so the answer is the same as for a role the caller may not assume.
      if (!role) throw ctx.denied(p.RoleArn, 'sts:AssumeRole');
      const trust = compilePolicySet('trust', [compilePolicy(role.assumeRolePolicy, { id: `${p.RoleArn}#trust-policy`, type: 'trust' })]);
      await ctx.authorize(p.RoleArn, {
        action: 'sts:AssumeRole',
        // The role's tags are aws:ResourceTag/* and iam:ResourceTag/* (the trust policy may test them).
        facts: { resourceTags: await listTags(ctx.db, role.id), externalId: p.ExternalId ?? null, roleSessionName: p.RoleSessionName },
        resourcePolicy: trust,
        withoutReason: true,
        ...(mfaProvedAt ? { mfaAuthenticatedAt: mfaProvedAt } : {}),
      });

      // Role chaining is limited to one hour, as in AWS.
      const maxDuration = c.kind === 'role-session' ? 3600 : role.maxSessionDuration;
      const duration = p.DurationSeconds ?? 3600;
      if (duration > maxDuration) {
        throw new IamError('ValidationError', `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`);
      }
      const sessionPolicies: string[] = [];
      if (p.Policy) {
        const parsed = parsePolicy(p.Policy, 'session');
        if (!parsed.ok)
          throw new IamError('MalformedPolicyDocument', parsed.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; '));
        sessionPolicies.push(p.Policy);
      }
      const arns = (p.PolicyArns ?? []).map((x) => x.arn);
      if (arns.length > 10) throw new IamError('ValidationError', 'PolicyArns must contain at most 10 managed policy ARNs.');
      if (arns.length > 0) {
        const docs = await defaultVersionDocuments(ctx.db, ctx.accountId, arns);
        for (const a of arns) {
          const doc = docs.find((d) => d.arn === a);
          if (!doc) throw new IamError('InvalidParameterValue', `The policy ${a} does not exist or is not attachable.`);
          sessionPolicies.push(doc.document);
        }
      }
      const packed = sessionPolicies.reduce((n, d) => n + policySize(d), 0);
      const packedPercent = Math.ceil((packed / SESSION_POLICY_PACKED_LIMIT) * 100);
      if (packedPercent > 100)
        throw new IamError('PackedPolicyTooLarge', `Packed size of session policies is ${packedPercent}% of the limit.`);

      const issued = await issueTemporaryCredentials(ctx.db, ctx.keys, {
        accountId: ctx.accountId,
        roleId: role.id,
        sessionName: p.RoleSessionName,
        sourceIdentityArn: c.arn,
        sessionPolicies,
        mfaAuthenticatedAt: mfaProvedAt ?? (c.kind === 'role-session' || c.kind === 'user-session' ? c.mfaAuthenticatedAt : null),
        now: ctx.now,
        durationSeconds: duration,
        // Asked with a sign-in token (or a role chained from one): ends with its session, by its expiry.
        signin: c.kind === 'role-session' || c.kind === 'user-session' ? c.signin : undefined,
      });
      await ctx.commit([issued.statement, recordRoleUseStatement(ctx.db, role.id, ctx.now, ctx.request.region)], p.RoleArn);
      return {
        Credentials: issued.credentials,
        AssumedRoleUser: {
          AssumedRoleId: `${role.id}:${p.RoleSessionName}`,
          Arn: assumedRoleArn(ctx.accountId, role.name, p.RoleSessionName),
        },
        PackedPolicySize: sessionPolicies.length > 0 ? packedPercent : undefined,
      };
    },
  ),
};
