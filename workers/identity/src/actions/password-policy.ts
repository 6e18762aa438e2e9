// The account password policy: UpdateAccountPasswordPolicy, GetAccountPasswordPolicy and
// DeleteAccountPasswordPolicy, with AWS's fields and ranges. Like AWS, an update replaces the whole
// policy (fields left out take their defaults). The service's own floor (8 characters, no common
// passwords; core passwords/policy) applies on top, whatever the account sets.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { rootArn } from '@edge-iam/core/arn';
import type { PasswordPolicy } from '@edge-iam/core/passwords';
import { deletePasswordPolicyStatement, getAccountPasswordPolicy, putPasswordPolicyStatement } from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import { bool, int } from '../params';

export const noPasswordPolicy = (accountId: string) =>
  new IamError('NoSuchEntity', `The Password Policy with domain name ${accountId} cannot be found.`);

/** The PasswordPolicy element of GetAccountPasswordPolicy. */
export const passwordPolicyShape = (p: PasswordPolicy) => ({
  MinimumPasswordLength: p.minimumPasswordLength,
  RequireSymbols: p.requireSymbols,
  RequireNumbers: p.requireNumbers,
  RequireUppercaseCharacters: p.requireUppercaseCharacters,
  RequireLowercaseCharacters: p.requireLowercaseCharacters,
  AllowUsersToChangePassword: p.allowUsersToChangePassword,
  ExpirePasswords: p.maxPasswordAge !== null,
  MaxPasswordAge: p.maxPasswordAge ?? undefined,
  PasswordReusePrevention: p.passwordReusePrevention ?? undefined,
  HardExpiry: p.hardExpiry,
});

export const passwordPolicyActions: ActionTable = {
  UpdateAccountPasswordPolicy: action(
    z.object({
      MinimumPasswordLength: int(6, 128).optional(),
      RequireSymbols: bool.optional(),
      RequireNumbers: bool.optional(),
      RequireUppercaseCharacters: bool.optional(),
      RequireLowercaseCharacters: bool.optional(),
      AllowUsersToChangePassword: bool.optional(),
      MaxPasswordAge: int(1, 1095).optional(),
      PasswordReusePrevention: int(1, 24).optional(),
      HardExpiry: bool.optional(),
    }),
    async (ctx, p) => {
      // The password policy is an account-level setting: AWS authorizes it on resource "*".
      await ctx.authorize('*');
      const statement = putPasswordPolicyStatement(
        ctx.db,
        ctx.accountId,
        {
          minimumPasswordLength: p.MinimumPasswordLength,
          requireSymbols: p.RequireSymbols,
          requireNumbers: p.RequireNumbers,
          requireUppercaseCharacters: p.RequireUppercaseCharacters,
          requireLowercaseCharacters: p.RequireLowercaseCharacters,
          allowUsersToChangePassword: p.AllowUsersToChangePassword,
          maxPasswordAge: p.MaxPasswordAge,
          passwordReusePrevention: p.PasswordReusePrevention,
          hardExpiry: p.HardExpiry,
        },
        ctx.now,
      );
      await ctx.commit([statement], rootArn(ctx.accountId));
      return undefined;
    },
  ),

  GetAccountPasswordPolicy: action(z.object({}), async (ctx) => {
    await ctx.authorize('*');
    const policy = await getAccountPasswordPolicy(ctx.db, ctx.accountId);
    if (!policy) throw noPasswordPolicy(ctx.accountId);
    return { PasswordPolicy: passwordPolicyShape(policy) };
  }),

  DeleteAccountPasswordPolicy: action(z.object({}), async (ctx) => {
    await ctx.authorize('*');
    if (!(await getAccountPasswordPolicy(ctx.db, ctx.accountId))) throw noPasswordPolicy(ctx.accountId);
    await ctx.commit([deletePasswordPolicyStatement(ctx.db, ctx.accountId)], rootArn(ctx.accountId));
    return undefined;
  }),
};
