// `GET /security-status`: the IAM dashboard's security status as JSON (not an AWS API). Signed with
// SigV4 for service `iam` like the Query API (curl --aws-sigv4 "aws:amz:us-east-1:iam"), authorized
// as iam:GetAccountSummary on `*` because it reveals no more than the account summary does. Errors
// are JSON here, not AWS XML, since no AWS SDK reads this route.
import { Hono } from 'hono';
import { securityStatus } from '@edge-iam/core/account/security-status';
import { requireServiceKeys } from '@edge-iam/core/auth/keys';
import { authenticateSigV4 } from '@edge-iam/core/authn/sigv4-caller';
import { createDb } from '@edge-iam/core/db/client';
import { jsonError } from '@edge-iam/core/http/json-errors';
import type { AppEnv } from '@edge-iam/core/http/worker-app';
import { loadAccountFacts } from '@edge-iam/core/repo/account-facts';
import { ActionContext } from './context';

export const securityStatusRoutes = new Hono<AppEnv>();

securityStatusRoutes.get('/', async (c) => {
  const db = createDb(c.env.DB);
  const keys = await requireServiceKeys(c.env);
  const now = new Date();
  const url = new URL(c.req.url);
  const waitUntil = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
  const { caller, region } = await authenticateSigV4(db, keys, { method: 'GET', url: c.req.url, headers: c.req.raw.headers, body: new Uint8Array() }, now, {
    services: ['iam'],
    waitUntil,
  });
  const ctx = new ActionContext(db, keys, now, caller, 'GetAccountSummary', 'iam', {
    requestId: c.get('requestId'),
    sourceIp: c.req.header('cf-connecting-ip') ?? null,
    userAgent: c.req.header('user-agent') ?? null,
    secure: url.protocol === 'https:',
    region,
  }, waitUntil);
  await ctx.authorize('*');
  const status = securityStatus(await loadAccountFacts(db, ctx.accountId));
  return c.json({ accountId: ctx.accountId, generatedAt: now.toISOString(), ...status });
});

securityStatusRoutes.onError((err, c) => jsonError(c, err));
