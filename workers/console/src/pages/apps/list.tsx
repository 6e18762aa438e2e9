// GET /console/apps: the account's apps (ListOAuthClients) with what a person checks at a glance: the
// name, the client id an app is configured with, its type and where sign-in may send people back to;
// then the issuer and discovery URL every app developer needs.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { noticeOf, page } from '../../render';
import { ButtonLink, DataTable, Notice, PageHeader } from '../../ui/components';
import { DeveloperPanel } from './developer';
import { appPath, issuerOf, LIST, listApps, TYPE_LABEL } from './shared';

export const appListPages = new Hono<ConsoleEnv>();

appListPages.get('/', async (c) => {
  const apps = await listApps(c);
  return page(
    c,
    { title: 'Apps (OpenID Connect)', section: 'apps' },
    <>
      <Notice message={noticeOf(c)} />
      <PageHeader
        title="Apps (OpenID Connect)"
        lead="Apps that sign people in with this account’s users through the hosted sign-in, with any standard OpenID Connect library."
        actions={<ButtonLink href={`${LIST}/new`} label="Register an app" />}
      />
      <DataTable
        caption="Registered apps"
        head={['Name', 'Client ID', 'Type', 'Redirect URIs']}
        empty="No apps are registered yet."
        rows={apps.map((a) => [
          <a href={appPath(a.clientId)}>{a.name}</a>,
          <span class="mono">{a.clientId}</span>,
          TYPE_LABEL[a.clientType],
          <>
            {a.redirectUris.map((u, i) => (
              <>
                {i ? <br /> : null}
                <span class="mono">{u}</span>
              </>
            ))}
          </>,
        ])}
      />
      <DeveloperPanel issuer={issuerOf(c)} />
    </>,
  );
});
