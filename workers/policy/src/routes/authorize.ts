// POST /authorize: one decision. POST /authorize/batch: many {action, resource} pairs for one
// principal. GET /authorize/ping: a no-op on the same worker, the baseline for the benchmark.
// Authentication failures are 401 and the calling app's own authorization 403; nothing that fails to
// authenticate is ever answered Allow.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { globalConditionKeys } from '@edge-iam/core/authz';
import { createDb } from '@edge-iam/core/db';
import { clientInfo, isSecureUrl, readJsonBody, type AppEnv } from '@edge-iam/core/http';
import { callerPolicies, FRESHNESS_MS, freshnessMs } from '../caches';
import { compileResourcePolicy, decideCheck } from '../decision';
import { resolvePrincipal } from '../principal';
import { authorizeBody, batchBody } from '../request';

export const authorizeRoutes = new Hono<AppEnv>();

async function prepare(c: Context<AppEnv>, body: z.infer<typeof authorizeBody> | z.infer<typeof batchBody>) {
  const now = new Date();
  const db = createDb(c.env.DB);
  const principal = await resolvePrincipal(c, db, body, now);
  const compiled = await callerPolicies(db, principal.caller, now.getTime(), freshnessMs(c.env), body.fresh === true);
  const client = clientInfo(c.req.raw, c.env);
  // A forwarded request's own transport and end client, not the app's call to us.
  const secure = principal.requestUrl ? isSecureUrl(principal.requestUrl) : client.secure;
  const sourceIp = body.sourceIp ?? client.sourceIp;
  const resourcePolicy = compileResourcePolicy(body.resourcePolicy);
  // The service's own condition keys are the same for every check of the request: built once.
  const globals = globalConditionKeys(principal.caller, compiled, { now, sourceIp, secure });
  const who = { arn: principal.caller.arn, account: principal.caller.accountId, via: principal.via };
  return { principal, compiled, globals, resourcePolicy, who };
}

authorizeRoutes.post('/', async (c) => {
  const body = await readJsonBody(c, authorizeBody);
  const p = await prepare(c, body);
  const result = decideCheck(p.principal.caller, p.compiled, body, p.globals, p.resourcePolicy);
  return c.json({ ...result, principal: p.who });
});

authorizeRoutes.post('/batch', async (c) => {
  const body = await readJsonBody(c, batchBody);
  const p = await prepare(c, body);
  const results = body.requests.map((r) => ({
    action: r.action,
    resource: r.resource,
    ...decideCheck(p.principal.caller, p.compiled, r, p.globals, p.resourcePolicy),
  }));
  return c.json({ principal: p.who, results });
});

authorizeRoutes.get('/ping', (c) => c.json({ ok: true, freshnessMs: freshnessMs(c.env), maxFreshnessMs: FRESHNESS_MS }));
