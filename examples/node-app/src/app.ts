// The example app: a reports site whose two pages are protected by edge-iam. People sign in with
// OpenID Connect through edge-iam's hosted login (oidc-login.ts, on openid-client); every protected
// request asks POST /authorize with the session's access token and this app's client id, with the
// answers cached for a second in this process (the service's freshness rule bounds it).
import { createClient } from '@edge-iam/client';
import { authorize, unauthenticatedResponse, type AuthorizeOptions } from '@edge-iam/client/hono';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { html } from 'hono/html';
import { secureHeaders } from 'hono/secure-headers';
import { wantsPage } from './login.js';
import { oidcLogin } from './oidc-login.js';

export interface AppConfig {
  /** edge-iam's public origin */
  iamUrl: string;
  /** this app's public origin */
  appUrl: string;
  /** this app's OAuth client (`eiam-...`) and its secret, as CreateOAuthClient answered them */
  clientId: string;
  clientSecret: string;
  /** at least 32 random characters: seals the session cookie */
  sessionSecret: string;
  /** refresh the access token this many seconds before it expires (default 30) */
  refreshBeforeSeconds?: number | undefined;
  /** how this app reaches edge-iam: a service binding on Workers; fetch(iamUrl) when absent */
  fetcher?: { fetch: (request: Request) => Promise<Response> } | undefined;
  /** where the end client's address comes from: the platform's (see the entry point) */
  platform: Pick<AuthorizeOptions, 'getConnInfo' | 'behindCloudflare'>;
}

const REPORTS: Record<string, { title: string; body: string }> = {
  'q1-sales': { title: 'Q1 sales', body: 'Sales rose 4% on the quarter.' },
  'q2-sales': { title: 'Q2 sales', body: 'Sales rose 6% on the quarter.' },
  'board-minutes': { title: 'Board minutes', body: 'Confidential.' },
};
const reportArn = (id: string) => `arn:example:reports:::report/${id}`;

const page = (title: string, content: unknown) =>
  html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} - Reports</title>
      </head>
      <body>
        <main>
          <h1>${title}</h1>
          ${content}
        </main>
      </body>
    </html>`;

export function createApp(config: AppConfig) {
  // One client for the process, so its decision cache is shared by every request.
  const client = createClient({ endpoint: config.iamUrl, fetcher: config.fetcher, cache: { ttlMs: 1_000 } });
  const login = oidcLogin({
    issuer: config.iamUrl,
    appUrl: config.appUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    sessionSecret: config.sessionSecret,
    fetcher: config.fetcher,
    refreshBeforeSeconds: config.refreshBeforeSeconds,
  });

  const protect = (action: string, resource: AuthorizeOptions['resource']) =>
    authorize({
      client,
      action,
      resource,
      // The session's access token (refreshed when due), which the service accepts only for this app.
      clientId: config.clientId,
      token: (c) => login.accessToken(c),
      refuseRoot: true,
      ...config.platform,
      // A person gets the sign-in page; an API client a 401.
      onUnauthenticated: (c, problem) => (wantsPage(c) ? c.redirect(login.loginUrl(c.req.path), 302) : unauthenticatedResponse(c, problem)),
      // The decision (who, which statements) stays here, in the app's log, next to the reference
      // the person was shown; never in the 403 page.
      onDecision: (_c, event) => {
        if (event.outcome === 'allowed') return;
        console.log(JSON.stringify({ msg: 'authorize', ...event, error: 'error' in event ? event.error.message : undefined }));
      },
    });

  const app = new Hono();
  app.use(
    secureHeaders({
      // Signing out is a form POST answered with a redirect to the provider's end_session_endpoint:
      // form-action must allow that origin too, or the browser stops the redirect.
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'", new URL(config.iamUrl).origin],
      },
      referrerPolicy: 'no-referrer',
    }),
  );
  app.use(csrf({ origin: config.appUrl }));
  app.route('/', login.routes);

  app.get('/', async (c) => {
    const signedIn = await login.signedIn(c);
    return c.html(
      page(
        'Reports',
        html`<p><a href="/reports">All reports</a></p>
          ${
            signedIn
              ? html`<form method="post" action="/logout"><button type="submit">Sign out</button></form>`
              : html`<p><a href="/login">Sign in</a></p>`
          }`,
      ),
    );
  });

  app.get('/reports', protect('reports:ListReports', reportArn('*')), (c) => {
    const who = c.get('iam').principal.arn;
    const items = Object.entries(REPORTS).map(([id, r]) => html`<li><a href="/reports/${id}">${r.title}</a></li>`);
    if (!wantsPage(c)) return c.json({ reports: Object.keys(REPORTS), readBy: who });
    return c.html(
      page(
        'All reports',
        html`<p>Signed in as ${who}</p>
          <ul>
            ${items}
          </ul>
          <p><a href="/">Home</a></p>`,
      ),
    );
  });

  // Authorized before it is looked up: someone without access learns nothing, not even that it exists.
  app.get(
    '/reports/:id',
    protect('reports:GetReport', (c) => reportArn(c.req.param('id') ?? '')),
    (c) => {
      const report = REPORTS[c.req.param('id')];
      if (!report) return c.notFound();
      if (!wantsPage(c)) return c.json({ report: c.req.param('id'), ...report, readBy: c.get('iam').principal.arn });
      return c.html(
        page(
          report.title,
          html`<p>${report.body}</p>
            <p><a href="/reports">All reports</a></p>`,
        ),
      );
    },
  );

  return app;
}
