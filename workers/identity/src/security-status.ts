// `GET /security-status`: the IAM dashboard's security status as JSON (not an AWS API), authorized as
// iam:GetAccountSummary on `*` because it reveals no more than the account summary does.
import { Hono } from 'hono';
import { securityStatus } from '@edge-iam/core/account/security-status';
import { jsonError } from '@edge-iam/core/http/json-errors';
import type { AppEnv } from '@edge-iam/core/http/worker-app';
import { loadAccountFacts } from '@edge-iam/core/repo/account-facts';
import { jsonRouteContext } from './json-route';

export const securityStatusRoutes = new Hono<AppEnv>();

securityStatusRoutes.get('/', async (c) => {
  const ctx = await jsonRouteContext(c, 'GetAccountSummary');
  await ctx.authorize('*');
  const status = securityStatus(await loadAccountFacts(ctx.db, ctx.accountId));
  return c.json({ accountId: ctx.accountId, generatedAt: ctx.now.toISOString(), ...status });
});

securityStatusRoutes.onError((err, c) => jsonError(c, err));
