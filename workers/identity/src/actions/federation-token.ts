// STS GetFederationToken: temporary credentials for a federated user (a name the caller picks, such as
// a person signed in to the caller's own application), `arn:aws:sts::<account>:federated-user/<name>`.
// As in AWS: only long-term credentials of an IAM user or the root user may ask; the session's
// permissions are the asking user's, as they are at each request, intersected with the session
// policies passed now (none passed: no permissions at all; authz/federated-user.ts); session tags
// become its principal tags over the user's own. The credentials call no IAM operation and no STS
// one but GetCallerIdentity (ActionContext.authorize refuses them).
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { federatedUserArn } from '@edge-iam/core/arn';
import { issueTemporaryCredentials, putTagsStatements } from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import { awsString, int, list, tagList } from '../params';
import { resolveSessionPolicies } from './session-policies';

/** AWS: 15 minutes to 36 hours, 12 hours by default; the root user's sessions last at most an hour. */
const DEFAULT_DURATION = 43_200;
const ROOT_MAX_DURATION = 3_600;

const federatedName = awsString(2, 32, /^[\w+=,.@-]*$/, '[\\w+=,.@-]*');
const sessionPolicy = awsString(1, 2048, /^[\u0009\u000A\u000D\u0020-\u00FF]+$/, '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+');

export const federationTokenActions: ActionTable = {
  GetFederationToken: action(
    z.object({
      Name: federatedName,
      Policy: sessionPolicy.optional(),
      PolicyArns: list(z.object({ arn: awsString(20, 2048) })).optional(),
      DurationSeconds: int(900, 129_600).optional(),
      Tags: tagList.optional(),
    }),
    async (ctx, p) => {
      const c = ctx.caller;
      const arn = federatedUserArn(ctx.accountId, p.Name);
      // INVARIANT: a session cannot mint another (no chaining out of temporary credentials).
      if (c.kind !== 'root' && c.kind !== 'user') {
        ctx.denied(arn, 'sts:GetFederationToken');
        throw new IamError('AccessDenied', 'Cannot call GetFederationToken with session credentials');
      }
      const tags = p.Tags ?? [];
      await ctx.authorize(arn, { facts: { requestTags: tags } });
      const session = await resolveSessionPolicies(ctx, p);
      const requested = p.DurationSeconds ?? DEFAULT_DURATION;
      // As GetSessionToken: a longer request by the root user is shortened to an hour rather than refused.
      const duration = c.kind === 'root' ? Math.min(requested, ROOT_MAX_DURATION) : requested;
      const issued = await issueTemporaryCredentials(ctx.db, ctx.keys, {
        accountId: ctx.accountId,
        userId: c.kind === 'user' ? c.userId : null,
        // A session name without a role is what marks these credentials as a federated user's.
        sessionName: p.Name,
        sourceIdentityArn: c.arn,
        sessionPolicies: session.documents,
        now: ctx.now,
        durationSeconds: duration,
      });
      // Session tags live with the credentials (keyed by their access key id) and go with them.
      const sessionTags = putTagsStatements(ctx.db, issued.credentials.AccessKeyId, tags);
      await ctx.commit([issued.statement, ...sessionTags], arn);
      return {
        Credentials: issued.credentials,
        FederatedUser: { FederatedUserId: `${ctx.accountId}:${p.Name}`, Arn: arn },
        PackedPolicySize: session.packedPercent,
      };
    },
  ),
};
