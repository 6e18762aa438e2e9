// Account aliases: CreateAccountAlias, ListAccountAliases, DeleteAccountAlias. An account has at most
// one alias (a new one replaces the old, as in AWS) and an alias names one account across the whole
// service (the unique index on accounts.alias), because sign-in resolves `<alias>` to an account.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { rootArn } from '@edge-iam/core/arn';
import { deleteAccountAliasStatement, getAccountAlias, setAccountAliasStatement } from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { awsString, marker, maxItems } from '../params';

const ALIAS = /^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/;
const accountAlias = awsString(3, 63, ALIAS, '^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$');

const currentAlias = (ctx: ActionContext) => getAccountAlias(ctx.db, ctx.accountId);

export const accountAliasesActions: ActionTable = {
  CreateAccountAlias: action(z.object({ AccountAlias: accountAlias }), async (ctx, p) => {
    await ctx.authorize('*');
    // Beyond AWS's pattern: sign-in looks an account up by id OR alias, so an alias that looks like an
    // account id could shadow (or be shadowed by) another account.
    if (/^\d{12}$/.test(p.AccountAlias)) {
      throw new IamError(
        'InvalidInput',
        `The account alias ${p.AccountAlias} cannot be 12 digits: it would be mistaken for an account ID.`,
      );
    }
    await ctx.commit(
      [setAccountAliasStatement(ctx.db, ctx.accountId, p.AccountAlias)],
      rootArn(ctx.accountId),
      () => new IamError('EntityAlreadyExists', `The account alias ${p.AccountAlias} already exists.`),
    );
    return undefined;
  }),

  ListAccountAliases: action(z.object({ Marker: marker.optional(), MaxItems: maxItems.optional() }), async (ctx) => {
    await ctx.authorize('*');
    const alias = await currentAlias(ctx);
    // At most one alias, so there is never a second page.
    return { AccountAliases: alias ? [alias] : [], IsTruncated: false };
  }),

  DeleteAccountAlias: action(z.object({ AccountAlias: accountAlias }), async (ctx, p) => {
    await ctx.authorize('*');
    if ((await currentAlias(ctx)) !== p.AccountAlias)
      throw new IamError('NoSuchEntity', `The account alias ${p.AccountAlias} cannot be found.`);
    await ctx.commit([deleteAccountAliasStatement(ctx.db, ctx.accountId, p.AccountAlias)], rootArn(ctx.accountId));
    return undefined;
  }),
};
