// The page after registering an app or rotating its secret: the client id, and the client secret this
// one time (behind a Show disclosure, with Copy and a .csv download built into the page, as for a new
// access key), then how to connect the app. It is rendered in the POST's own answer, never redirected
// to, so the secret is in no URL, cookie or later page (console pages are sent no-store).
import type { FC } from 'hono/jsx';
import type { ConsoleContext } from '../../env';
import { page } from '../../render';
import { Copyable, PageHeader, SecretValue } from '../../ui/components';
import { DownloadCsv } from '../../ui/csv';
import { DeveloperPanel } from './developer';
import { appPath, issuerOf, LIST, type AppWithSecret } from './shared';

/** A file name from the app's name: letters, digits and dashes. */
const fileStem = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'app';

const Credentials: FC<{ app: AppWithSecret; issuer: string }> = ({ app, issuer }) => (
  <div class="panel">
    <dl class="summary">
      <div>
        <dt>Client ID</dt>
        <dd>
          <Copyable value={app.clientId} id="client-id" label="client ID" />
        </dd>
      </div>
      <div>
        <dt>Client secret</dt>
        <dd>
          {app.clientSecret ? (
            <SecretValue label="Client secret" value={app.clientSecret} id="client-secret" />
          ) : (
            <span class="muted">None: a public app has no secret.</span>
          )}
        </dd>
      </div>
    </dl>
    {app.clientSecret ? (
      <div class="button-row">
        <DownloadCsv
          filename={`${fileStem(app.name)}_client.csv`}
          header={['Client ID', 'Client secret', 'Issuer']}
          rows={[[app.clientId, app.clientSecret, issuer]]}
        />
      </div>
    ) : null}
  </div>
);

/** `title`: what just happened ("App registered", "New client secret"). */
export function secretOncePage(c: ConsoleContext, app: AppWithSecret, title: string) {
  const issuer = issuerOf(c);
  return page(
    c,
    { title, section: 'apps', crumbs: [['Apps (OpenID Connect)', LIST]] },
    <>
      <PageHeader title={title} lead={app.name} />
      {app.clientSecret ? (
        <div class="warning" role="status">
          This is the only time the client secret can be viewed or downloaded. Store it where the app reads its configuration; if you lose
          it, rotate the secret on the app’s page and the old one stops working.
        </div>
      ) : null}
      <Credentials app={app} issuer={issuer} />
      <DeveloperPanel issuer={issuer} app={app} />
      <p>
        <a href={appPath(app.clientId)}>Go to the app’s settings</a>
      </p>
    </>,
  );
}
