// Runs the example as a Cloudflare Worker: `npx wrangler dev` (or `npm run dev`), `npx wrangler deploy`.
// Settings are wrangler.toml vars: IAM_URL (edge-iam's public origin), APP_URL (this Worker's public
// origin; register `${APP_URL}/auth/callback` as a redirect URI), IAM_ACCOUNT; and optionally a service
// binding IAM to edge-iam, which then carries the calls instead of the public internet.
import type { Hono } from 'hono';
// The same Hono app the Node example serves: only how it is started differs between the runtimes.
import { createApp } from '../../node-app/src/app.js';

export interface Env {
  IAM_URL: string;
  APP_URL: string;
  IAM_ACCOUNT?: string;
  IAM?: Fetcher;
}

// One app per isolate, made at the first request (vars are known only then), so the decision cache
// is shared by the requests this isolate serves.
let app: Hono | undefined;

export default {
  fetch(request, env, ctx) {
    app ??= createApp({
      iamUrl: env.IAM_URL,
      appUrl: env.APP_URL,
      account: env.IAM_ACCOUNT,
      fetcher: env.IAM,
      // A deployed Worker is always behind Cloudflare, whose edge sets CF-Connecting-IP and replaces
      // any copy the client sent: here, and only here, that header is the client's address.
      platform: { behindCloudflare: true },
    });
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
