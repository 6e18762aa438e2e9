// The same app as examples/node-app/src/app.ts (kept identical: the e2e test runs both).
// The example app: a reports site whose two pages are protected by edge-iam. People sign in through
// the hosted login (login.ts); every protected request asks POST /authorize, with the answers cached
// for a second in this process (the service's freshness rule bounds it).
import { createClient } from '@edge-iam/client';
import { authorize, unauthenticatedResponse, type AuthorizeOptions } from '@edge-iam/client/hono';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { html } from 'hono/html';
import { secureHeaders } from 'hono/secure-headers';
import { hostedSignin, SESSION_COOKIE, wantsPage } from './login.js';

export interface AppConfig {
  /** edge-iam's public origin */
  iamUrl: string;
  /** this app's public origin */
  appUrl: string;
  /** the account people sign in to, pre-filled on the sign-in page */
  account?: string | undefined;
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
  const login = hostedSignin({ iamUrl: config.iamUrl, appUrl: config.appUrl, account: config.account, fetcher: config.fetcher });

  const protect = (action: string, resource: AuthorizeOptions['resource']) =>
    authorize({
      client,
      action,
      resource,
      cookie: SESSION_COOKIE,
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
      contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], frameAncestors: ["'none'"], formAction: ["'self'"] },
      referrerPolicy: 'no-referrer',
    }),
  );
  app.use(csrf({ origin: config.appUrl }));
  app.route('/', login.routes);

  app.get('/', (c) => {
    const signedIn = Boolean(getCookie(c, SESSION_COOKIE));
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
