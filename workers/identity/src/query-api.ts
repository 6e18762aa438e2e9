// `POST /` (and `GET /?Action=...`): the AWS Query protocol front of IAM (Version 2010-05-08) and STS
// (Version 2011-06-15). Parse, authenticate (request-setup.ts; the two federation actions AWS serves
// without credentials come first, unauthenticated: serveUnsigned), find the action in the registry,
// validate its parameters, run it, answer in AWS's XML (or JSON, when the client accepts only that). Errors are rendered in exactly one place
// (onError in index.ts).
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { IamError } from '@edge-iam/core';
import {
  parseQuery,
  readString,
  type QueryObject,
  IAM_NAMESPACE,
  STS_NAMESPACE,
  xmlResultResponse,
  jsonResultResponse,
  wantsJson,
} from '@edge-iam/core/aws';
import { bytesToText } from '@edge-iam/core/util';
import { federationContext } from './actions/federation-context';
import { registry } from './actions/registry';
import { UNSIGNED_STS_ACTIONS } from './actions/unsigned-sts';
import type { IdentityEnv } from './env';
import { actionContext, authenticate } from './request-setup';
import { validateParams } from './params';

export const VERSIONS = { iam: '2010-05-08', sts: '2011-06-15' } as const;

interface QueryRequest {
  action: string;
  version: string | undefined;
  input: QueryObject;
}
type QueryEnv = IdentityEnv & { Variables: { query: QueryRequest } };

/** Reads the Action, Version and parameters, from the form body (POST) or the query string (GET). */
const parseQueryRequest = createMiddleware<QueryEnv>(async function parseQueryRequest(c, next) {
  if (c.req.method === 'POST') {
    const type = c.req.header('content-type') ?? '';
    if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      throw new IamError('UnsupportedMediaType', 'Requests must be application/x-www-form-urlencoded (AWS Query protocol).');
    }
  }
  const text = c.req.method === 'POST' ? bytesToText(new Uint8Array(await c.req.arrayBuffer())) : new URL(c.req.url).search.slice(1);
  const params = parseQuery(text);
  const { Action: _a, Version: _v, ...input } = params;
  const action = readString(params, 'Action');
  const version = readString(params, 'Version');
  // STS's namespace for STS-versioned requests, so even early errors render as the client expects.
  if (version === VERSIONS.sts) c.set('namespace', STS_NAMESPACE);
  if (!action) throw new IamError('MissingAction', 'Missing Action');
  c.set('query', { action, version, input });
  await next();
});

/**
 * AssumeRoleWithWebIdentity and AssumeRoleWithSAML take no AWS credentials (as in AWS): the identity
 * provider's token or assertion is the proof. They are served here, before authentication, with no
 * caller; every other action goes on to `authenticate`.
 */
const serveUnsigned = createMiddleware<QueryEnv>(async function serveUnsigned(c, next) {
  const { action, version, input } = c.var.query;
  const def = version === VERSIONS.sts ? UNSIGNED_STS_ACTIONS.get(action) : undefined;
  if (!def) return next();
  c.set('namespace', STS_NAMESPACE);
  const ctx = await federationContext(c.env, c.req.raw, action, c.get('requestId'), (p) => c.executionCtx.waitUntil(p));
  const result = await def.handler(ctx, validateParams(def.params, input));
  if (wantsJson(c.req.header('accept'))) return jsonResultResponse(action, result, c.get('requestId'));
  return xmlResultResponse(action, result, c.get('requestId'), STS_NAMESPACE);
});

export const queryApi = new Hono<QueryEnv>();

queryApi.on(['GET', 'POST'], '/', parseQueryRequest, serveUnsigned, authenticate(['iam', 'sts']), async (c) => {
  const { action, version, input } = c.var.query;
  // SigV4 tells IAM from STS by its credential scope; a token has none, so the Version does.
  const api = c.var.authenticated.api ?? (version === VERSIONS.sts ? 'sts' : 'iam');
  c.set('namespace', api === 'sts' ? STS_NAMESPACE : IAM_NAMESPACE);
  if (version !== VERSIONS[api]) {
    throw new IamError('InvalidAction', `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`);
  }
  const def = registry[api].get(action);
  if (!def) throw new IamError('InvalidAction', `Could not find operation ${action} for version ${version}`);
  const ctx = actionContext(c.var.authenticated, action, api);
  c.set('actionContext', ctx);
  const result = await def.handler(ctx, validateParams(def.params, input));
  if (wantsJson(c.req.header('accept'))) return jsonResultResponse(action, result, c.get('requestId'));
  return xmlResultResponse(action, result, c.get('requestId'), c.get('namespace'));
});
