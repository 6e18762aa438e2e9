// `POST /` (and `GET /?Action=...`): the AWS Query protocol front of IAM (Version 2010-05-08) and STS
// (Version 2011-06-15). Parse, authenticate with SigV4, validate the action's parameters, run it,
// answer in AWS's XML. Errors are rendered in exactly one place (onError in index.ts).
import type { Context } from 'hono';
import { IamError } from '@edge-iam/core';
import { requireServiceKeys } from '@edge-iam/core/auth/keys';
import { parseQuery, readString } from '@edge-iam/core/aws/query-params';
import { IAM_NAMESPACE, STS_NAMESPACE, xmlResultResponse } from '@edge-iam/core/aws/xml';
import { createDb } from '@edge-iam/core/db/client';
import type { AppEnv } from '@edge-iam/core/http/worker-app';
import { bytesToText } from '@edge-iam/core/util/encoding';
import { iamActions } from './actions/iam';
import { stsActions } from './actions/sts';
import { authenticateSigV4 } from '@edge-iam/core/authn/sigv4-caller';
import { authenticateToken, callerFromToken } from '@edge-iam/core/authn/token-caller';
import type { ServiceKeys } from '@edge-iam/core/auth/keys';
import { ActionContext, requestInfo } from './context';
import { validateParams } from './params';

export const VERSIONS = { iam: '2010-05-08', sts: '2011-06-15' } as const;
export type IdentityEnv = AppEnv & { Variables: { namespace: string; actionContext?: ActionContext } };

const TABLES = { iam: iamActions, sts: stsActions };

/**
 * SigV4 (AWS CLI and SDKs), or a sign-in token (`Authorization: Bearer`) so browser apps can call the
 * API as the signed-in person; the API is then told by Version, since a token has no credential scope.
 */
async function authenticateCaller(c: Context<IdentityEnv>, db: ReturnType<typeof createDb>, keys: ServiceKeys, raw: Uint8Array, version: string | undefined, now: Date, waitUntil: (p: Promise<unknown>) => void) {
  const auth = c.req.header('authorization') ?? '';
  if (auth.startsWith('Bearer ')) {
    const claims = await authenticateToken(db, c.env, new URL(c.req.url).origin, auth.slice(7).trim(), now);
    return { caller: callerFromToken(claims), service: version === VERSIONS.sts ? 'sts' : 'iam', region: 'us-east-1' };
  }
  return authenticateSigV4(db, keys, { method: c.req.method, url: c.req.url, headers: c.req.raw.headers, body: raw }, now, { services: ['iam', 'sts'], waitUntil });
}

export async function handleQuery(c: Context<IdentityEnv>): Promise<Response> {
  const raw = new Uint8Array(await c.req.arrayBuffer());
  const url = new URL(c.req.url);
  if (c.req.method === 'POST') {
    const type = c.req.header('content-type') ?? '';
    if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      throw new IamError('UnsupportedMediaType', 'Requests must be application/x-www-form-urlencoded (AWS Query protocol).');
    }
  }
  const params = parseQuery(c.req.method === 'POST' ? bytesToText(raw) : url.search.slice(1));
  const actionName = readString(params, 'Action');
  const version = readString(params, 'Version');
  // STS's namespace for STS-versioned requests, so even early errors render as the client expects.
  if (version === VERSIONS.sts) c.set('namespace', STS_NAMESPACE);
  if (!actionName) throw new IamError('MissingAction', 'Missing Action');

  const keys = await requireServiceKeys(c.env);
  const db = createDb(c.env.DB);
  const now = new Date();
  const waitUntil = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
  const { caller, service, region } = await authenticateCaller(c, db, keys, raw, version, now, waitUntil);

  const api = service as 'iam' | 'sts';
  c.set('namespace', api === 'sts' ? STS_NAMESPACE : IAM_NAMESPACE);
  if (version !== VERSIONS[api]) {
    throw new IamError('InvalidAction', `Could not find operation ${actionName} for version ${version ?? 'NO_VERSION_SPECIFIED'}`);
  }
  const def = Object.hasOwn(TABLES[api], actionName) ? TABLES[api][actionName] : undefined;
  if (!def) throw new IamError('InvalidAction', `Could not find operation ${actionName} for version ${version}`);

  const ctx = new ActionContext(db, keys, now, caller, actionName, api, requestInfo(c, region), waitUntil);
  c.set('actionContext', ctx);
  const { Action: _a, Version: _v, ...input } = params;
  const result = await def.handler(ctx, validateParams(def.params, input));
  return xmlResultResponse(actionName, result, c.get('requestId'), c.get('namespace'));
}
