// `/oauth-clients`: the apps (OAuth 2 / OpenID Connect clients) an account registers with the hosted
// login, as JSON routes signed like `/signin-settings` (not an AWS API). Each route is the IAM action
// it is named after, on `arn:aws:iam::<account>:oauth-client/<id>` (`oauth-client/*` to list or create);
// root may always. Changes are audited in the same batch as the change itself (ctx.commit), failures
// after the answer, like every other change the identity worker makes.
//
// INVARIANT: every route authorizes on the ARN built from the request before it reads anything, so a
// caller without permission learns nothing (AccessDenied whether the id exists or not), and an allowed
// caller gets the same NoSuchEntity for an id that never existed and for another account's client.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { IamError } from '@edge-iam/core';
import { asIamError, jsonError, readJsonBody } from '@edge-iam/core/http';
import {
  deleteClientStatement,
  findAccountClient,
  listClients,
  MAX_OAUTH_CLIENTS_PER_ACCOUNT,
  newClient,
  rotateClientSecret,
  updateClientStatement,
  verifyClientSecret,
  writeAudit,
} from '@edge-iam/core/repo';
import type { ActionContext } from './context';
import type { IdentityEnv } from './env';
import { createClientBody, MAX_BODY_BYTES, updateClientBody } from './oauth-clients/schema';
import { clientJson, noSuchClient, oauthClientArn } from './oauth-clients/wire';
import { jsonAction } from './request-setup';

export const oauthClientRoutes = new Hono<IdentityEnv>();

// Before authentication reads the body: anything this large cannot be a client's settings.
const limited = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new IamError('PayloadTooLarge', `the request body is larger than ${MAX_BODY_BYTES} bytes: a client's settings fit in far less`);
  },
});

/** The id in the path, and its ARN authorized before anything is looked up. */
async function authorizeClient(ctx: ActionContext, clientId: string) {
  const arn = oauthClientArn(ctx.accountId, clientId);
  await ctx.authorize(arn);
  return arn;
}

/** This account's client, after authorization; NoSuchEntity for an unknown id and another account's alike. */
async function accountClient(ctx: ActionContext, clientId: string) {
  const client = await findAccountClient(ctx.db, ctx.accountId, clientId);
  if (!client) throw noSuchClient(clientId.slice(0, 128));
  return client;
}

/** Answers carrying a secret must never be kept by a cache (RFC 6749 §5.1 asks the same of tokens). */
const SECRET_HEADERS = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

oauthClientRoutes.get('/', jsonAction('ListOAuthClients'), async (c) => {
  const ctx = c.var.actionContext;
  await ctx.authorize(oauthClientArn(ctx.accountId, '*'));
  return c.json({ clients: (await listClients(ctx.db, ctx.accountId)).map(clientJson) });
});

oauthClientRoutes.post('/', limited, jsonAction('CreateOAuthClient'), async (c) => {
  const ctx = c.var.actionContext;
  await ctx.authorize(oauthClientArn(ctx.accountId, '*'));
  const body = await readJsonBody(c, createClientBody);
  // Counted before the insert: two creates racing at the quota can overshoot it by one (see the report).
  if ((await listClients(ctx.db, ctx.accountId)).length >= MAX_OAUTH_CLIENTS_PER_ACCOUNT) {
    throw new IamError('LimitExceeded', `Cannot exceed quota for OAuthClientsPerAccount: ${MAX_OAUTH_CLIENTS_PER_ACCOUNT}`);
  }
  const made = await newClient(ctx.db, { ...body, accountId: ctx.accountId, now: ctx.now });
  await ctx.commit([made.insert], oauthClientArn(ctx.accountId, made.clientId));
  const client = await accountClient(ctx, made.clientId);
  return c.json({ ...clientJson(client), ...(made.secret ? { clientSecret: made.secret } : {}) }, 201, SECRET_HEADERS);
});

oauthClientRoutes.get('/:id', jsonAction('GetOAuthClient'), async (c) => {
  const ctx = c.var.actionContext;
  const id = c.req.param('id');
  await authorizeClient(ctx, id);
  return c.json(clientJson(await accountClient(ctx, id)));
});

oauthClientRoutes.put('/:id', limited, jsonAction('UpdateOAuthClient'), async (c) => {
  const ctx = c.var.actionContext;
  const id = c.req.param('id');
  const arn = await authorizeClient(ctx, id);
  const { clientType, ...settings } = await readJsonBody(c, updateClientBody);
  const current = await accountClient(ctx, id);
  if (clientType && clientType !== current.clientType) {
    throw new IamError(
      'InvalidInput',
      `\`clientType\`: a ${current.clientType} client cannot become ${clientType}; register a new ${clientType} client instead`,
    );
  }
  await ctx.commit([updateClientStatement(ctx.db, ctx.accountId, id, settings, ctx.now)], arn);
  // Deleted between the read and the write: the update changed nothing, and the answer says so.
  return c.json(clientJson(await accountClient(ctx, id)));
});

oauthClientRoutes.post('/:id/secret', jsonAction('RotateOAuthClientSecret'), async (c) => {
  const ctx = c.var.actionContext;
  const id = c.req.param('id');
  const arn = await authorizeClient(ctx, id);
  const current = await accountClient(ctx, id);
  if (current.clientType !== 'confidential') {
    throw new IamError('InvalidInput', `The OAuth client ${id} is public: it has no secret to rotate (PKCE alone proves its requests)`);
  }
  const rotated = await rotateClientSecret(ctx.db, ctx.accountId, id, ctx.now);
  await ctx.commit([rotated.update], arn);
  const after = await accountClient(ctx, id);
  // INVARIANT: the secret handed out is the one now stored (a concurrent rotation would have replaced it).
  if (!(await verifyClientSecret(after, rotated.secret))) {
    throw new IamError(
      'ConcurrentModification',
      `The secret of OAuth client ${id} was rotated again at the same time; rotate it once more`,
    );
  }
  return c.json({ ...clientJson(after), clientSecret: rotated.secret }, 200, SECRET_HEADERS);
});

oauthClientRoutes.delete('/:id', jsonAction('DeleteOAuthClient'), async (c) => {
  const ctx = c.var.actionContext;
  const id = c.req.param('id');
  const arn = await authorizeClient(ctx, id);
  await accountClient(ctx, id);
  // Its codes, grants and refresh tokens go with it (foreign keys cascade): every token it holds ends.
  await ctx.commit([deleteClientStatement(ctx.db, ctx.accountId, id)], arn);
  return c.body(null, 204);
});

oauthClientRoutes.onError((err, c) => {
  // Failed changes are audited like the Query API's (denials already were, by ActionContext.authorize).
  const ctx = c.get('actionContext');
  const { code } = asIamError(err);
  if (ctx && code !== 'AccessDenied') {
    c.executionCtx.waitUntil(writeAudit(ctx.db, ctx.auditEntry(null, 'Failure', code)).catch(() => undefined));
  }
  return jsonError(c, err);
});
