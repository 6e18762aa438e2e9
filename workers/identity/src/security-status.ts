// `GET /security-status`: the IAM dashboard's security status as JSON (not an AWS API), authorized as
// iam:GetAccountSummary on `*` because it reveals no more than the account summary does.
import { Hono } from 'hono';
import { securityStatus } from '@edge-iam/core/account';
import { jsonError } from '@edge-iam/core/http';
import { loadAccountFacts } from '@edge-iam/core/repo';
import type { IdentityEnv } from './env';
import { jsonAction } from './request-setup';

export const securityStatusRoutes = new Hono<IdentityEnv>();

securityStatusRoutes.get('/', jsonAction('GetAccountSummary'), async (c) => {
  const ctx = c.var.actionContext;
  await ctx.authorize('*');
  const status = securityStatus(await loadAccountFacts(ctx.db, ctx.accountId));
  return c.json({ accountId: ctx.accountId, generatedAt: ctx.now.toISOString(), ...status });
});

securityStatusRoutes.onError((err, c) => jsonError(c, err));
