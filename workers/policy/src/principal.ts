// Who a /authorize request is about, established by the worker itself, never taken on the app's word:
//   1. `Authorization: Bearer <sign-in JWT>`: verified against the service's own signing keys;
//   2. `signedRequest`: a SigV4-signed request the app received and forwards; verified with the
//      stored secret of its access key, so apps accept AWS-signed requests without holding secrets;
//   3. `principal.arn`: the calling app signs the /authorize call itself with SigV4 (its own key)
//      and must be allowed `iam:SimulatePrincipalPolicy` on that principal.
// Credentials and signing keys are cached in isolate memory (see caches.ts) for the freshness bound.
import type { Context } from 'hono';
import { IamError } from '@edge-iam/core';
import { iamArn } from '@edge-iam/core/arn';
import { verifySigninToken, tokenConfig, requireServiceKeys, type ServiceKeys } from '@edge-iam/core/crypto';
import { type Caller, authenticateSigV4, resolveCredential, type SigV4CallerOptions, callerFromToken } from '@edge-iam/core/authn';
import { accessDenied, decide, globalConditionKeys } from '@edge-iam/core/authz';
import type { Db } from '@edge-iam/core/db';
import { clientInfo, type AppEnv } from '@edge-iam/core/http';
import { findPrincipalByArn, publishedJwks } from '@edge-iam/core/repo';
import { caches, callerPolicies, freshnessMs, shouldRecordKeyUse } from './caches';
import type { AuthorizeBody } from './request';

const unauthenticated = (message: string) => new IamError('Unauthenticated', message);

export interface ResolvedPrincipal {
  caller: Caller;
  /** How it was established, reported back to the app. */
  via: 'token' | 'signed-request' | 'arn';
  /** The URL of a forwarded request, for aws:SecureTransport. */
  requestUrl?: string;
}

export async function resolvePrincipal(
  c: Context<AppEnv>,
  db: Db,
  body: Pick<AuthorizeBody, 'principal' | 'signedRequest' | 'fresh'>,
  now: Date,
): Promise<ResolvedPrincipal> {
  const modes = [c.req.header('authorization')?.startsWith('Bearer ') ? 1 : 0, body.signedRequest ? 1 : 0, body.principal ? 1 : 0];
  const count = modes.reduce((a, b) => a + b, 0);
  if (count === 0) {
    throw unauthenticated(
      'name the principal: a sign-in token in `Authorization: Bearer ...`, a forwarded `signedRequest`, or `principal.arn` with a SigV4-signed call',
    );
  }
  // Only SigV4 needs the master key (to open a stored secret); a token principal never loads it.
  if (body.principal) return byArn(c, db, await requireServiceKeys(c.env), body.principal.arn, now, body.fresh === true);
  if (count > 1) throw new IamError('BadRequest', 'give exactly one principal: a bearer token or a `signedRequest`, not both');
  if (body.signedRequest) return bySignedRequest(c, db, await requireServiceKeys(c.env), body.signedRequest, now, body.fresh === true);
  return byToken(c, db, c.req.header('authorization')!.slice('Bearer '.length).trim(), now);
}

async function byToken(c: Context<AppEnv>, db: Db, token: string, now: Date): Promise<ResolvedPrincipal> {
  const cfg = tokenConfig(c.env, new URL(c.req.url).origin);
  // INVARIANT: the cache key includes the issuer and audience the token was checked against.
  const cacheKey = `${cfg.issuer}\u0000${cfg.audience}\u0000${token}`;
  const cached = caches.tokens.get(cacheKey, now.getTime());
  if (cached) return { caller: callerFromToken(cached), via: 'token' };
  const verify = async (fresh: boolean) => {
    const { value: jwks } = await caches.jwks.get('jwks', now.getTime(), freshnessMs(c.env), () => publishedJwks(db, now), fresh);
    return verifySigninToken(token, jwks, { issuer: cfg.issuer, audience: cfg.audience, now });
  };
  let result = await verify(false);
  // A key rotated in after the JWKS was cached: look once more, straight from D1.
  if (!result.ok && result.reason === 'unknown-kid') result = await verify(true);
  if (!result.ok) throw unauthenticated(`the sign-in token was rejected: ${result.message}`);
  const ttl = Math.min(freshnessMs(c.env), result.claims.exp * 1000 - now.getTime());
  if (ttl > 0) caches.tokens.set(cacheKey, result.claims, now.getTime(), ttl);
  return { caller: callerFromToken(result.claims), via: 'token' };
}

/** SigV4 with cached credential lookups and throttled last-use bookkeeping: a warm check reads no D1. */
function sigv4Options(c: Context<AppEnv>, db: Db, keys: ServiceKeys, now: Date, fresh: boolean): SigV4CallerOptions {
  return {
    waitUntil: (p) => c.executionCtx.waitUntil(p),
    resolve: async (id, token) =>
      (
        await caches.credentials.get(
          `${id}|${token ?? ''}`,
          now.getTime(),
          freshnessMs(c.env),
          () => resolveCredential(db, keys, id, token, now),
          fresh,
        )
      ).value,
    shouldRecordUse: (id) => shouldRecordKeyUse(id, now.getTime()),
  };
}

async function bySignedRequest(
  c: Context<AppEnv>,
  db: Db,
  keys: ServiceKeys,
  fwd: NonNullable<AuthorizeBody['signedRequest']>,
  now: Date,
  fresh: boolean,
) {
  const { caller } = await authenticateSigV4(
    db,
    keys,
    { method: fwd.method, url: fwd.url, headers: fwd.headers, body: '', payloadHash: fwd.payloadHash },
    now,
    sigv4Options(c, db, keys, now, fresh),
  );
  return { caller, via: 'signed-request' as const, requestUrl: fwd.url };
}

async function byArn(c: Context<AppEnv>, db: Db, keys: ServiceKeys, arn: string, now: Date, fresh: boolean): Promise<ResolvedPrincipal> {
  const raw = new Uint8Array(await c.req.arrayBuffer());
  const app = await authenticateSigV4(
    db,
    keys,
    { method: c.req.method, url: c.req.url, headers: c.req.raw.headers, body: raw },
    now,
    sigv4Options(c, db, keys, now, fresh),
  ).catch((e: unknown) => {
    if (e instanceof IamError && e.code === 'MissingAuthenticationToken') {
      throw unauthenticated("naming a principal by ARN needs the /authorize call itself signed with SigV4 (the calling app's access key)");
    }
    throw e;
  });
  // The app must be allowed to simulate this principal, and only within its own account.
  const target = await findPrincipalByArn(db, arn);
  // INVARIANT: the permission is checked on the principal's real ARN, not the spelling asked for
  // (names match case-insensitively, policies do not: `user/ADMIN` must not slip past a Deny on `user/admin`).
  const targetArn = target
    ? iamArn(target.accountId, target.kind, target.kind === 'user' ? target.userName : target.roleName, target.path)
    : arn;
  const appCaller = app.caller;
  const policies = await callerPolicies(db, appCaller, now.getTime(), freshnessMs(c.env), fresh);
  const client = clientInfo(c.req.raw);
  const globals = globalConditionKeys(appCaller, policies, { now, sourceIp: client.sourceIp, secure: client.secure });
  const d = decide({ caller: appCaller, policies, action: 'iam:SimulatePrincipalPolicy', resource: targetArn, globals });
  // INVARIANT: a missing principal and one the app may not simulate answer alike (no reason given).
  if (d.decision !== 'Allow' || !target || target.accountId !== appCaller.accountId) {
    throw accessDenied(appCaller, 'iam:SimulatePrincipalPolicy', arn);
  }
  const caller: Caller =
    target.kind === 'user'
      ? {
          kind: 'user',
          accountId: target.accountId,
          arn: iamArn(target.accountId, 'user', target.userName, target.path),
          accessKeyId: '',
          userId: target.userId,
          userName: target.userName,
          path: target.path,
        }
      : {
          kind: 'role-session',
          accountId: target.accountId,
          arn: iamArn(target.accountId, 'role', target.roleName, target.path),
          accessKeyId: '',
          roleId: target.roleId,
          roleName: target.roleName,
          roleArn: iamArn(target.accountId, 'role', target.roleName, target.path),
          sessionName: '',
          sessionPolicies: [],
          mfaAuthenticatedAt: null,
          tokenIssuedAt: now,
        };
  return { caller, via: 'arn' };
}
