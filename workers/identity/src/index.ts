// The identity worker: the AWS-compatible IAM and STS Query API on `/`, so the AWS CLI and SDKs
// administer accounts with `--endpoint-url`, and the JSON routes beyond AWS's API. Query API errors
// leave as AWS's <ErrorResponse> XML; the JSON routes answer JSON errors of their own.
import { toIamError, type Env } from '@edge-iam/core';
import { IAM_NAMESPACE, jsonErrorResponse, wantsJson, xmlErrorResponse } from '@edge-iam/core/aws';
import { createDb } from '@edge-iam/core/db';
import { asIamError, createWorkerApp } from '@edge-iam/core/http';
import { writeAudit, purgeExpired } from '@edge-iam/core/repo';
import { auditLogRoutes } from './audit-log';
import type { IdentityEnv } from './env';
import { oauthClientRoutes } from './oauth-clients';
import { queryApi } from './query-api';
import { securityStatusRoutes } from './security-status';
import { signinSettingsRoutes } from './signin-settings';
import { validatePolicyRoutes } from './validate-policy';

// AWS caps IAM request bodies well below this; 256 KiB leaves room for the largest policy documents.
const app = createWorkerApp<IdentityEnv>({ name: 'identity', maxBodyBytes: 256 * 1024 });

app.route('/', queryApi);
app.route('/security-status', securityStatusRoutes);
app.route('/signin-settings', signinSettingsRoutes);
app.route('/audit-log', auditLogRoutes);
app.route('/validate-policy', validatePolicyRoutes);
app.route('/oauth-clients', oauthClientRoutes);

app.onError((err, c) => {
  const e = asIamError(err);
  if (e.code === 'ServiceFailure') console.error('identity: unhandled error', err);
  // Failed changes are audited too (denials already were, by ActionContext.authorize).
  const ctx = c.get('actionContext');
  if (ctx && e.code !== 'AccessDenied') {
    c.executionCtx.waitUntil(writeAudit(ctx.db, ctx.auditEntry(null, 'Failure', e.code)).catch(() => undefined));
  }
  if (wantsJson(c.req.header('accept'))) return jsonErrorResponse(toIamError(e), c.get('requestId'));
  return xmlErrorResponse(toIamError(e), c.get('requestId'), c.get('namespace') ?? IAM_NAMESPACE);
});

/** The cron trigger (wrangler.toml `[triggers]`): purge what has expired. */
async function scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
  ctx.waitUntil(purgeExpired(createDb(env.DB), new Date()).then((r) => console.log('purged expired rows', JSON.stringify(r))));
}

export default { fetch: app.fetch, scheduled };
