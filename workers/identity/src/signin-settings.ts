// `GET /signin-settings` and `PUT /signin-settings`: the account's hosted sign-in settings (not an AWS
// API): the exact redirect URIs the sign-in page may send a browser back to with a token. Changing
// them is `iam:UpdateSigninSettings` on the account (root may always), audited like any change,
// because a registered URI receives tokens.
import { Hono } from 'hono';
import { z } from 'zod';
import { rootArn } from '@edge-iam/core/arn';
import { jsonError, readJsonBody } from '@edge-iam/core/http';
import { getRedirectUris, MAX_REDIRECT_URIS, setRedirectUrisStatement } from '@edge-iam/core/repo';
import { isLoopbackHost } from '@edge-iam/core/web';
import type { IdentityEnv } from './env';
import { jsonAction } from './request-setup';

/**
 * A redirect URI as registered: absolute https (or http on a loopback host), with a path, no query,
 * fragment or credentials, no trailing-dot host. Sign-in returns tokens only to exactly these paths.
 * Not the rule for an app's redirect URIs (@edge-iam/core/web's redirectUriProblem): this one takes no
 * query, no private-use scheme and at most 512 characters, yet does not refuse a `*` as that one does.
 */
const redirectUri = z
  .string()
  .max(512)
  .refine(
    (s) => {
      if (!URL.canParse(s)) return false;
      const u = new URL(s);
      const scheme = u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname));
      return scheme && !u.username && !u.password && !u.search && !u.hash && !s.endsWith('#') && !u.hostname.endsWith('.') && u.href === s;
    },
    {
      message:
        'must be an exact redirect URI like `https://app.example.com/auth/callback` (https, or http on localhost; no query, fragment or trailing-dot host; written as the URL parser writes it)',
    },
  );

const settings = z.object({ redirectUris: z.array(redirectUri).max(MAX_REDIRECT_URIS) }).strict();

export const signinSettingsRoutes = new Hono<IdentityEnv>();

signinSettingsRoutes.get('/', jsonAction('GetSigninSettings'), async (c) => {
  const ctx = c.var.actionContext;
  await ctx.authorize(rootArn(ctx.accountId));
  return c.json({ accountId: ctx.accountId, redirectUris: await getRedirectUris(ctx.db, ctx.accountId) });
});

signinSettingsRoutes.put('/', jsonAction('UpdateSigninSettings'), async (c) => {
  const ctx = c.var.actionContext;
  await ctx.authorize(rootArn(ctx.accountId));
  const { redirectUris } = await readJsonBody(c, settings);
  await ctx.commit([setRedirectUrisStatement(ctx.db, ctx.accountId, redirectUris)], rootArn(ctx.accountId));
  return c.json({ accountId: ctx.accountId, redirectUris: await getRedirectUris(ctx.db, ctx.accountId) });
});

signinSettingsRoutes.onError((err, c) => jsonError(c, err));
