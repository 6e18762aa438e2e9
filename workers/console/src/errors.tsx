// The console's one error page: whatever a route did not handle itself. API errors show the API's
// message (AccessDenied in AWS's words), a forged or stale form says so, and anything unexpected is
// logged and shown as an opaque failure with the request id, never a stack.
import type { ErrorHandler } from 'hono';
import { toIamError } from '@edge-iam/core';
import type { ConsoleEnv } from './env';
import { ErrorSummary } from './ui/components';
import { Layout, PRODUCT } from './ui/layout';

const TITLES: Record<string, string> = {
  AccessDenied: 'You are not allowed to do that',
  NoSuchEntity: 'Not found',
  InvalidCsrfToken: 'The form expired',
  NotFound: 'Page not found',
};

export const consoleError: ErrorHandler<ConsoleEnv> = (err, c) => {
  const e = toIamError(err);
  if (e.status >= 500) console.error('console: unhandled error', err);
  const title = TITLES[e.code] ?? (e.status >= 500 ? 'Something went wrong' : 'That did not work');
  const message = e.status >= 500 ? `The request failed on our side (request id ${c.get('requestId')}). Try again.` : e.message;
  c.status(e.status as 400);
  const body = (
    <>
      <h1>{title}</h1>
      <ErrorSummary message={message} />
      <p>
        <a href="/console">Back to the dashboard</a>
      </p>
    </>
  );
  const session = c.get('session');
  if (!session) {
    return c.html(
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} · ${PRODUCT} console`}</title>
          <link rel="stylesheet" href="/console/assets/console.css" />
        </head>
        <body>
          <main id="main">{body}</main>
        </body>
      </html>,
    );
  }
  return c.html(
    <Layout title={title} principal={session.principal} csrf={c.get('csrfToken') ?? ''}>
      {body}
    </Layout>,
  );
};
