// What the identity worker's JSON routes (not part of AWS's API: /security-status, /signin-settings)
// share with the Query API: SigV4 authentication for service `iam` (curl --aws-sigv4
// "aws:amz:us-east-1:iam" signs them), an ActionContext for self-authorization and audited commits,
// and JSON errors, since no AWS SDK reads these routes.
import type { Context } from 'hono';
import { requireServiceKeys } from '@edge-iam/core/auth/keys';
import { authenticateSigV4 } from '@edge-iam/core/authn/sigv4-caller';
import { createDb } from '@edge-iam/core/db/client';
import type { AppEnv } from '@edge-iam/core/http/worker-app';
import { ActionContext, requestInfo } from './context';

export async function jsonRouteContext(c: Context<AppEnv>, action: string): Promise<ActionContext> {
  const db = createDb(c.env.DB);
  const keys = await requireServiceKeys(c.env);
  const now = new Date();
  const waitUntil = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
  const body = new Uint8Array(await c.req.arrayBuffer());
  const { caller, region } = await authenticateSigV4(db, keys, { method: c.req.method, url: c.req.url, headers: c.req.raw.headers, body }, now, {
    services: ['iam'],
    waitUntil,
  });
  return new ActionContext(db, keys, now, caller, action, 'iam', requestInfo(c, region), waitUntil);
}
