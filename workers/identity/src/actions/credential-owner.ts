// Whose credential an action is about: the named user, or (without UserName) the caller itself, as
// AWS resolves ListMFADevices, DeactivateMFADevice and the like. The root user's own credentials have
// no IAM user: their owner is the account (userId null, ARN arn:aws:iam::<account>:root). The owner's
// facts (its tags and boundary) are what the action is authorized with.
import { IamError } from '@edge-iam/core';
import { rootArn } from '@edge-iam/core/arn';
import { callerUserName as userNameOf, isRootCaller as isRoot } from '@edge-iam/core/authn';
import type { RequestFacts } from '@edge-iam/core/authz';
import type { ActionContext } from '../context';
import { requireUser, userArn } from '../entities';
import { principalFacts, UNTAGGED } from './request-facts';

export interface CredentialOwner {
  userId: string | null;
  userName: string | undefined;
  arn: string;
  /** the user's tags and boundary; the root user has neither */
  facts: RequestFacts;
}

/** The calling IAM user's name, or null for root (and for role sessions, which own no credentials). */
export const callerUserName = (ctx: ActionContext) => userNameOf(ctx.caller);

export const isRootCaller = (ctx: ActionContext) => isRoot(ctx.caller);

export async function credentialOwner(ctx: ActionContext, userName: string | undefined): Promise<CredentialOwner> {
  const name = userName ?? callerUserName(ctx);
  if (name) {
    const found = await requireUser(ctx, name);
    const facts = await principalFacts(ctx, found.user.id, found.boundaryArn);
    return { userId: found.user.id, userName: found.user.name, arn: userArn(found.user), facts };
  }
  if (!isRootCaller(ctx)) throw new IamError('ValidationError', 'Must specify userName when calling with non-User credentials');
  return { userId: null, userName: undefined, arn: rootArn(ctx.accountId), facts: UNTAGGED };
}
