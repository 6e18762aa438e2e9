// Runs the example on Node: `npm run build && npm start` (or `npm run dev`). Settings come from the
// environment: IAM_URL (edge-iam, default http://localhost:8787), APP_URL (this app's public origin,
// default http://localhost:3000; register `${APP_URL}/auth/callback` as a redirect URI), PORT, IAM_ACCOUNT.
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from './app.js';

const port = Number(process.env.PORT ?? 3000);
const app = createApp({
  iamUrl: process.env.IAM_URL ?? 'http://localhost:8787',
  appUrl: process.env.APP_URL ?? `http://localhost:${port}`,
  account: process.env.IAM_ACCOUNT,
  // aws:SourceIp is the TCP peer: a CF-Connecting-IP header any client can send is not believed here.
  // Behind a proxy of your own, give `sourceIp: (c) => ...` the header only that proxy sets.
  platform: { getConnInfo },
});

serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '127.0.0.1' }, (info) => {
  console.log(`example app on http://${info.address}:${info.port}`);
});
