// Runs the example on Node: `npm run build && npm start` (or `npm run dev`). Settings come from the
// environment:
//   IAM_URL             edge-iam's public origin, the OpenID Connect issuer (default http://localhost:8787)
//   APP_URL             this app's public origin (default http://localhost:3000); the app is registered
//                       with the redirect URI `${APP_URL}/auth/callback` and post-logout URI `${APP_URL}/`
//   OIDC_CLIENT_ID      the app's client id and secret, as CreateOAuthClient (`POST /oauth-clients`) answered
//   OIDC_CLIENT_SECRET
//   SESSION_SECRET      at least 32 random characters, sealing the session cookie (`openssl rand -base64 32`)
//   PORT, HOST          where to listen (default 3000 on 127.0.0.1)
//   REFRESH_BEFORE_SECONDS  refresh the access token this long before it expires (default 30)
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from './app.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set: see the header of src/server.ts (and examples/README.md) for the settings`);
    process.exit(1);
  }
  return value;
}

const port = Number(process.env.PORT ?? 3000);
const app = createApp({
  iamUrl: process.env.IAM_URL ?? 'http://localhost:8787',
  appUrl: process.env.APP_URL ?? `http://localhost:${port}`,
  clientId: required('OIDC_CLIENT_ID'),
  clientSecret: required('OIDC_CLIENT_SECRET'),
  sessionSecret: required('SESSION_SECRET'),
  refreshBeforeSeconds: process.env.REFRESH_BEFORE_SECONDS ? Number(process.env.REFRESH_BEFORE_SECONDS) : undefined,
  // aws:SourceIp is the TCP peer: a CF-Connecting-IP header any client can send is not believed here.
  // Behind a proxy of your own, give `sourceIp: (c) => ...` the header only that proxy sets.
  platform: { getConnInfo },
});

serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '127.0.0.1' }, (info) => {
  console.log(`example app on http://${info.address}:${info.port}`);
});
