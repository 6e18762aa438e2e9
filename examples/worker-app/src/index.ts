// Runs the example as a Cloudflare Worker: `npx wrangler dev` (or `npm run dev`), `npx wrangler deploy`.
// Settings: wrangler.toml vars IAM_URL (edge-iam's public origin, the OpenID Connect issuer), APP_URL
// (this Worker's public origin; the app is registered with the redirect URI `${APP_URL}/auth/callback`
// and post-logout URI `${APP_URL}/`) and OIDC_CLIENT_ID; the secrets OIDC_CLIENT_SECRET and
// SESSION_SECRET (`wrangler secret put`, or `.dev.vars` locally); optionally a service binding IAM to
// edge-iam, which then carries the calls instead of the public internet.
import type { Hono } from 'hono';
// The same Hono app the Node example serves: only how it is started differs between the runtimes.
import { createApp } from '../../node-app/src/app.js';

export interface Env {
  IAM_URL: string;
  APP_URL: string;
  OIDC_CLIENT_ID: string;
  OIDC_CLIENT_SECRET: string;
  SESSION_SECRET: string;
  REFRESH_BEFORE_SECONDS?: string;
  IAM?: Fetcher;
}

// One app per isolate, made at the first request (vars are known only then), so the decision cache
// and the provider's metadata are shared by the requests this isolate serves.
let app: Hono | undefined;

export default {
  fetch(request, env, ctx) {
    app ??= createApp({
      iamUrl: env.IAM_URL,
      appUrl: env.APP_URL,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      sessionSecret: env.SESSION_SECRET,
      refreshBeforeSeconds: env.REFRESH_BEFORE_SECONDS ? Number(env.REFRESH_BEFORE_SECONDS) : undefined,
      fetcher: env.IAM,
      // A deployed Worker is always behind Cloudflare, whose edge sets CF-Connecting-IP and replaces
      // any copy the client sent: here, and only here, that header is the client's address.
      platform: { behindCloudflare: true },
    });
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
