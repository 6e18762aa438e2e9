// Who a /authorize request is about, established by the worker itself, never taken on the app's word:
//   1. `Authorization: Bearer <sign-in JWT>`: a token for apps (audience JWT_AUDIENCE), verified
//      against the service's own signing keys, and only while its sign-in session is live; or, with
//      `clientId` in the body, an OAuth access token issued to that app by the OpenID Connect
//      provider, only while its grant and its sign-in session are live. INVARIANT: an access token
//      is accepted for the app it was issued to and no other (token substitution: app B must not act
//      with the token a person gave app A), so the app names itself and `aud` must be that name;
//   2. `signedRequest`: a SigV4-signed request the app received and forwards; verified with the
//      stored secret of its access key, so apps accept AWS-signed requests without holding secrets.
//      The app signs the /authorize call itself too and must be allowed `iam:SimulatePrincipalPolicy`
//      on the principal (a request someone signed is no licence to probe their permissions);
//   3. `principal.arn`: the calling app signs the /authorize call itself with SigV4 (its own key)
//      and must be allowed `iam:SimulatePrincipalPolicy` on that principal.
// Credentials and signing keys are cached in isolate memory (see caches.ts) for the freshness bound.
import type { Context } from 'hono';
import { IamError } from '@edge-iam/core';
import { iamArn } from '@edge-iam/core/arn';
import {
  type AccessTokenClaims,
  requireServiceKeys,
  type ServiceKeys,
  type SigninTokenClaims,
  tokenConfig,
  unverifiedAccessTokenClient,
  verifyAccessToken,
} from '@edge-iam/core/crypto';
import {
  type Caller,
  authenticateSigV4,
  resolveCredential,
  type SigV4CallerOptions,
  callerFromToken,
  checkTokenFor,
  sessionEnded,
  tokenRejected,
} from '@edge-iam/core/authn';
import { accessDenied, decide, globalConditionKeys } from '@edge-iam/core/authz';
import type { Db } from '@edge-iam/core/db';
import { clientInfo, type AppEnv } from '@edge-iam/core/http';
import { findPrincipalByArn, findTokenSession, publishedJwks } from '@edge-iam/core/repo';
import { caches, callerPolicies, freshnessMs, shouldRecordKeyUse } from './caches';
import type { AuthorizeBody } from './request';
import type { TtlCache } from './ttl-cache';
import type { JWK } from 'jose';

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
  body: Pick<AuthorizeBody, 'principal' | 'signedRequest' | 'fresh' | 'clientId'>,
  now: Date,
): Promise<ResolvedPrincipal> {
  const modes = [c.req.header('authorization')?.startsWith('Bearer ') ? 1 : 0, body.signedRequest ? 1 : 0, body.principal ? 1 : 0];
  const count = modes.reduce((a, b) => a + b, 0);
  if (count === 0) {
    throw unauthenticated(
      'name the principal: a sign-in token in `Authorization: Bearer ...`, a forwarded `signedRequest`, or `principal.arn` with a SigV4-signed call',
    );
  }
  if (body.clientId && (body.principal || body.signedRequest)) {
    throw new IamError(
      'BadRequest',
      '`clientId` names the app an OAuth access token was issued to: send it with the access token in `Authorization: Bearer ...`',
    );
  }
  // Only SigV4 needs the master key (to open a stored secret); a token principal never loads it.
  if (body.principal) return byArn(c, db, await requireServiceKeys(c.env), body.principal.arn, now, body.fresh === true);
  if (count > 1) throw new IamError('BadRequest', 'give exactly one principal: a bearer token or a `signedRequest`, not both');
  if (body.signedRequest) return bySignedRequest(c, db, await requireServiceKeys(c.env), body.signedRequest, now, body.fresh === true);
  return byToken(c, db, c.req.header('authorization')!.slice('Bearer '.length).trim(), now, body.fresh === true, body.clientId);
}

type Verified<T> = { ok: true; claims: T } | { ok: false; reason: string; message: string };

/** Verified claims, from the token cache or by `check` against the (cached) JWKS; 401 when refused. */
async function verifiedClaims<T extends SigninTokenClaims>(
  c: Context<AppEnv>,
  db: Db,
  cache: TtlCache<T>,
  cacheKey: string,
  now: Date,
  check: (jwks: { keys: JWK[] }) => Promise<Verified<T>>,
): Promise<T> {
  const ttlMs = freshnessMs(c.env);
  const hit = cache.get(cacheKey, now.getTime());
  if (hit) return hit;
  const verify = async (freshKeys: boolean) =>
    check((await caches.jwks.get('jwks', now.getTime(), ttlMs, () => publishedJwks(db, now), freshKeys)).value);
  let result = await verify(false);
  // A key rotated in after the JWKS was cached: look once more, straight from D1.
  if (!result.ok && result.reason === 'unknown-kid') result = await verify(true);
  if (!result.ok) throw tokenRejected(result.message);
  const ttl = Math.min(ttlMs, result.claims.exp * 1000 - now.getTime());
  if (ttl > 0) cache.set(cacheKey, result.claims, now.getTime(), ttl);
  return result.claims;
}

/** An access token's refusal, worded for the app that sent it with `clientId`. */
function accessTokenMessage(token: string, clientId: string, reason: string, message: string): string {
  if (reason !== 'wrong-audience') return message;
  const issuedTo = unverifiedAccessTokenClient(token);
  // The audience is checked after the signature, so the token is genuine; its client is not named
  // back all the same: the app asking only needs to know it is not its own.
  if (issuedTo) {
    return `the access token was issued to another app, not \`${clientId}\`: an app may use only the access tokens issued to it`;
  }
  return `it is not an OAuth access token for the app \`${clientId}\` (a sign-in token for apps is sent without \`clientId\`)`;
}

async function byToken(
  c: Context<AppEnv>,
  db: Db,
  token: string,
  now: Date,
  fresh: boolean,
  clientId: string | undefined,
): Promise<ResolvedPrincipal> {
  const cfg = tokenConfig(c.env, new URL(c.req.url).origin);
  // INVARIANT: the cache key includes the issuer and audiences (or the client) the token was checked against.
  const claims = clientId
    ? await verifiedClaims<AccessTokenClaims>(
        c,
        db,
        caches.accessTokens,
        `${cfg.issuer}\u0000${clientId}\u0000${token}`,
        now,
        async (jwks) => {
          const r = await verifyAccessToken(token, jwks, { issuer: cfg.issuer, clientId, now });
          return r.ok ? r : { ...r, message: accessTokenMessage(token, clientId, r.reason, r.message) };
        },
      )
    : await verifiedClaims(c, db, caches.tokens, `${cfg.issuer}\u0000${cfg.audience}\u0000${cfg.iamAudience}\u0000${token}`, now, (jwks) =>
        // An OAuth token arriving here is refused with what to send instead (checkTokenFor words it).
        checkTokenFor(token, jwks, cfg, 'app', now),
      );
  return { caller: await liveCaller(c, db, claims, now, fresh), via: 'token' };
}

/**
 * A verified signature is not enough: the session (and an access token's grant) must still be live:
 * sign-out, a password change, a deleted user, a revoked grant or a deleted client end it. Cached for
 * the freshness bound like everything else; `fresh` reads D1 now.
 */
async function liveCaller(
  c: Context<AppEnv>,
  db: Db,
  t: SigninTokenClaims | AccessTokenClaims,
  now: Date,
  fresh: boolean,
): Promise<Caller> {
  const gid = 'gid' in t ? t.gid : undefined;
  const { value: session } = await caches.tokenSessions.get(
    gid === undefined ? `${t.account}\u0000${t.sid}` : `${t.account}\u0000${t.sid}\u0000${gid}`,
    now.getTime(),
    freshnessMs(c.env),
    () => findTokenSession(db, t.sid, t.account, now, gid),
    fresh,
  );
  const caller = callerFromToken(t, session && session.expiresAt.getTime() > now.getTime() ? session : null);
  if (!caller) throw sessionEnded();
  return caller;
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
  // INVARIANT: a signed request proves who signed it, not that whoever forwards it may ask about them.
  // Anyone holding a request the victim signed (for 15 minutes) could otherwise probe their permissions,
  // so the forwarding app authenticates itself and must be allowed to simulate the principal.
  const app = await authenticateApp(c, db, keys, now, fresh, 'forwarding a `signedRequest`');
  const { caller } = await authenticateSigV4(
    db,
    keys,
    { method: fwd.method, url: fwd.url, headers: fwd.headers, body: '', payloadHash: fwd.payloadHash },
    now,
    sigv4Options(c, db, keys, now, fresh),
  );
  const subject = caller.kind === 'role-session' ? caller.roleArn : caller.arn;
  await requireSimulate(c, db, app, subject, caller.accountId, now, fresh, subject);
  return { caller, via: 'signed-request' as const, requestUrl: fwd.url };
}

/** The calling app, from the SigV4 signature of the /authorize call itself. */
async function authenticateApp(c: Context<AppEnv>, db: Db, keys: ServiceKeys, now: Date, fresh: boolean, what: string): Promise<Caller> {
  const raw = new Uint8Array(await c.req.arrayBuffer());
  const app = await authenticateSigV4(
    db,
    keys,
    { method: c.req.method, url: c.req.url, headers: c.req.raw.headers, body: raw },
    now,
    sigv4Options(c, db, keys, now, fresh),
  ).catch((e: unknown) => {
    if (e instanceof IamError && e.code === 'MissingAuthenticationToken') {
      throw unauthenticated(`${what} needs the /authorize call itself signed with SigV4 (the calling app's own access key)`);
    }
    throw e;
  });
  return app.caller;
}

/**
 * Throws AccessDenied unless the app may `iam:SimulatePrincipalPolicy` on `targetArn` within its own
 * account. INVARIANT: a missing principal and one the app may not simulate answer alike (no reason).
 */
async function requireSimulate(
  c: Context<AppEnv>,
  db: Db,
  app: Caller,
  targetArn: string,
  targetAccount: string | undefined,
  now: Date,
  fresh: boolean,
  asked: string,
): Promise<void> {
  const policies = await callerPolicies(db, app, now.getTime(), freshnessMs(c.env), fresh);
  const client = clientInfo(c.req.raw, c.env);
  const globals = globalConditionKeys(app, policies, { now, sourceIp: client.sourceIp, secure: client.secure });
  const d = decide({ caller: app, policies, action: 'iam:SimulatePrincipalPolicy', resource: targetArn, globals });
  if (d.decision !== 'Allow' || targetAccount !== app.accountId) throw accessDenied(app, 'iam:SimulatePrincipalPolicy', asked);
}

async function byArn(c: Context<AppEnv>, db: Db, keys: ServiceKeys, arn: string, now: Date, fresh: boolean): Promise<ResolvedPrincipal> {
  const app = await authenticateApp(c, db, keys, now, fresh, 'naming a principal by ARN');
  // The app must be allowed to simulate this principal, and only within its own account.
  const target = await findPrincipalByArn(db, arn);
  // INVARIANT: the permission is checked on the principal's real ARN, not the spelling asked for
  // (names match case-insensitively, policies do not: `user/ADMIN` must not slip past a Deny on `user/admin`).
  const targetArn = target
    ? iamArn(target.accountId, target.kind, target.kind === 'user' ? target.userName : target.roleName, target.path)
    : arn;
  await requireSimulate(c, db, app, targetArn, target?.accountId, now, fresh, arn);
  if (!target) throw accessDenied(app, 'iam:SimulatePrincipalPolicy', arn);
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
