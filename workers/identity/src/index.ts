// The identity worker: the AWS-compatible IAM and STS Query API on `/`, so the AWS CLI and SDKs
// administer accounts with `--endpoint-url`. Every error leaves as AWS's <ErrorResponse> XML.
import { toIamError } from '@edge-iam/core';
import { IAM_NAMESPACE, xmlErrorResponse } from '@edge-iam/core/aws/xml';
import { asIamError } from '@edge-iam/core/http/json-errors';
import { writeAudit } from '@edge-iam/core/repo/audit';
import { purgeExpired } from '@edge-iam/core/repo/maintenance';
import { createDb } from '@edge-iam/core/db/client';
import type { Env } from '@edge-iam/core';
import { app as base } from './app';
import { handleQuery, type IdentityEnv } from './query-api';
import { securityStatusRoutes } from './security-status';
import { signinSettingsRoutes } from './signin-settings';
import { auditLogRoutes } from './audit-log';

const app = base as unknown as import('hono').Hono<IdentityEnv>;

app.post('/', handleQuery);
app.get('/', handleQuery);
app.route('/security-status', securityStatusRoutes as unknown as import('hono').Hono<IdentityEnv>);
app.route('/signin-settings', signinSettingsRoutes as unknown as import('hono').Hono<IdentityEnv>);
app.route('/audit-log', auditLogRoutes as unknown as import('hono').Hono<IdentityEnv>);

app.onError((err, c) => {
  const e = asIamError(err);
  if (e.code === 'ServiceFailure') console.error('identity: unhandled error', err);
  // Failed changes are audited too (denials already were, by ActionContext.authorize).
  const ctx = c.get('actionContext');
  if (ctx && e.code !== 'AccessDenied') {
    c.executionCtx.waitUntil(writeAudit(ctx.db, ctx.auditEntry(null, 'Failure', e.code)).catch(() => undefined));
  }
  return xmlErrorResponse(toIamError(e), c.get('requestId'), c.get('namespace') ?? IAM_NAMESPACE);
});

/** The cron trigger (wrangler.toml `[triggers]`): purge what has expired. */
async function scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
  ctx.waitUntil(
    purgeExpired(createDb(env.DB), new Date()).then((r) => console.log('purged expired rows', JSON.stringify(r))),
  );
}

export default { fetch: app.fetch, scheduled };
