// `GET /signin-settings` and `PUT /signin-settings`: the account's hosted sign-in settings (not an AWS
// API): which app origins the sign-in page may redirect back to with a token. Changing them is
// `iam:UpdateSigninSettings` on the account (root may always), audited like any change, because an
// allowed origin receives tokens.
import { Hono } from 'hono';
import { z } from 'zod';
import { rootArn } from '@edge-iam/core/arn';
import { jsonError, readJsonBody } from '@edge-iam/core/http';
import { getRedirectOrigins, MAX_REDIRECT_ORIGINS, setRedirectOriginsStatement } from '@edge-iam/core/repo';
import type { IdentityEnv } from './env';
import { jsonAction } from './request-setup';

/** An origin exactly as browsers compare them: https (or http on a loopback host), no path or query. */
const origin = z
  .string()
  .max(256)
  .refine(
    (s) => {
      try {
        const u = new URL(s);
        const loopback = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
        return u.origin === s && (u.protocol === 'https:' || (u.protocol === 'http:' && loopback));
      } catch {
        return false;
      }
    },
    { message: 'must be an origin like `https://app.example.com` (https, or http on localhost; no path, no trailing slash)' },
  );

const settings = z.object({ redirectOrigins: z.array(origin).max(MAX_REDIRECT_ORIGINS) }).strict();

export const signinSettingsRoutes = new Hono<IdentityEnv>();

signinSettingsRoutes.get('/', jsonAction('GetSigninSettings'), async (c) => {
  const ctx = c.var.actionContext;
  await ctx.authorize(rootArn(ctx.accountId));
  return c.json({ accountId: ctx.accountId, redirectOrigins: await getRedirectOrigins(ctx.db, ctx.accountId) });
});

signinSettingsRoutes.put('/', jsonAction('UpdateSigninSettings'), async (c) => {
  const ctx = c.var.actionContext;
  await ctx.authorize(rootArn(ctx.accountId));
  const { redirectOrigins } = await readJsonBody(c, settings);
  await ctx.commit([setRedirectOriginsStatement(ctx.db, ctx.accountId, redirectOrigins)], rootArn(ctx.accountId));
  return c.json({ accountId: ctx.accountId, redirectOrigins: await getRedirectOrigins(ctx.db, ctx.accountId) });
});

signinSettingsRoutes.onError((err, c) => jsonError(c, err));
