// One request setup for everything the identity worker serves, the Query API and the JSON routes
// alike: authenticate the caller once (SigV4 for the AWS CLI and SDKs, or the person's own sign-in
// token for the IAM API as `Authorization: Bearer`: audience `<JWT_AUDIENCE>:iam`, never a token
// handed to an app), then build the action context the handler authorizes and commits through.
// Typed Hono middleware, so handlers read `c.var` directly.
import type { Context, HonoRequest } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Env } from '@edge-iam/core';
import { checkApiScope, parseSigV4, requireServiceKeys, type ServiceKeys } from '@edge-iam/core/crypto';
import { type Caller, authenticateSigV4, authenticateToken } from '@edge-iam/core/authn';
import { createDb, type Db } from '@edge-iam/core/db';
import { clientInfo, type ClientInfo } from '@edge-iam/core/http';
import { breachedPasswordsConfig, type BreachedPasswordsConfig } from '@edge-iam/core/passwords';
import { ActionContext, type Api } from './context';
import type { IdentityEnv } from './env';

/** What authentication established: who is calling and, for SigV4, which API its scope names. */
export interface Authenticated {
  readonly db: Db;
  readonly keys: ServiceKeys;
  readonly now: Date;
  readonly caller: Caller;
  /** the SigV4 credential scope's service; null for a token, which has no scope (the route decides) */
  readonly api: Api | null;
  readonly region: string;
  readonly requestId: string;
  /** the client's address (from the trusted source only), user agent and transport */
  readonly client: ClientInfo;
  readonly waitUntil: (p: Promise<unknown>) => void;
  /** the breached-password range API new passwords are checked against; null when off */
  readonly breachedPasswords: BreachedPasswordsConfig | null;
}

export type AuthenticatedEnv = IdentityEnv & { Variables: { authenticated: Authenticated } };
export type ActionEnv = AuthenticatedEnv & { Variables: { actionContext: ActionContext } };

const TOKEN_REGION = 'us-east-1';

interface RequestParts {
  env: Env;
  req: HonoRequest;
  requestId: string;
  waitUntil: (p: Promise<unknown>) => void;
}

/** What establishing the caller needs of a request, from either middleware's context. */
function requestParts<E extends IdentityEnv>(c: Context<E>): RequestParts {
  return { env: c.env, req: c.req, requestId: c.var.requestId, waitUntil: (p) => c.executionCtx.waitUntil(p) };
}

/** SigV4 (its scope naming one of `apis`) or a sign-in token; 401/403 in AWS's codes otherwise. */
async function establishCaller({ env, req, requestId, waitUntil }: RequestParts, apis: readonly Api[]): Promise<Authenticated> {
  const db = createDb(env.DB);
  const keys = await requireServiceKeys(env);
  const now = new Date();
  const base = { db, keys, now, requestId, client: clientInfo(req.raw, env), waitUntil, breachedPasswords: breachedPasswordsConfig(env) };
  const auth = req.header('authorization') ?? '';
  if (auth.startsWith('Bearer ')) {
    // INVARIANT: only the IAM API's own audience; a token for apps is refused with a 401 naming the right token.
    const caller = await authenticateToken(db, env, new URL(req.url).origin, auth.slice(7).trim(), now, 'iam');
    return { ...base, caller, api: null, region: TOKEN_REGION };
  }
  // HonoRequest caches the body, so handlers can still read it (as text, JSON or form) after this.
  const body = new Uint8Array(await req.arrayBuffer());
  const signed = { method: req.method, url: req.url, headers: req.raw.headers, body };
  // Before any key lookup: a region IAM/STS does not serve, or a long-lived presigned URL, is refused.
  checkApiScope(parseSigV4(signed));
  const { caller, service, region } = await authenticateSigV4(db, keys, signed, now, { services: apis, waitUntil });
  return { ...base, caller, api: service as Api, region };
}

/** Authenticates the caller for the Query API; `apis` are the services a SigV4 scope may name. */
export function authenticate(apis: readonly Api[]) {
  return createMiddleware<AuthenticatedEnv>(async function authenticateCaller(c, next) {
    const parts = requestParts(c);
    c.set('authenticated', await establishCaller(parts, apis));
    await next();
  });
}

/** The action context for `action` of `api`, from what authentication established. */
export function actionContext(a: Authenticated, action: string, api: Api): ActionContext {
  const request = { requestId: a.requestId, ...a.client, region: a.region };
  return new ActionContext(a.db, a.keys, a.now, a.caller, action, api, request, a.waitUntil, { breachedPasswords: a.breachedPasswords });
}

/**
 * The JSON routes (not AWS API actions): authenticated like the Query API, for service `iam`
 * (`curl --aws-sigv4 "aws:amz:us-east-1:iam"` signs them), each route named as the IAM action it
 * authorizes (`iam:<action>`).
 */
export function jsonAction(action: string) {
  return createMiddleware<ActionEnv>(async function jsonActionContext(c, next) {
    const parts = requestParts(c);
    const authenticated = await establishCaller(parts, ['iam']);
    c.set('authenticated', authenticated);
    c.set('actionContext', actionContext(authenticated, action, 'iam'));
    await next();
  });
}
