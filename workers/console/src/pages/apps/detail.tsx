// GET /console/apps/:id: one app's settings as registered, the way to change them, rotate its secret or
// delete it, and what its developer needs to connect it. GetOAuthClient decides whether there is a page:
// NoSuchEntity (also for another account's client id) is a 404, AccessDenied a 403, via the error page.
import type { FC } from 'hono/jsx';
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { noticeOf, page } from '../../render';
import { ButtonLink, Copyable, Notice, PageHeader, Section, SummaryList, Time } from '../../ui/components';
import { DeveloperPanel } from './developer';
import { readableSeconds } from './form-values';
import { appPath, getApp, issuerOf, LIST, TYPE_LABEL, type App } from './shared';

export const appDetailPages = new Hono<ConsoleEnv>();

const UriList: FC<{ uris: readonly string[]; none: string }> = ({ uris, none }) =>
  uris.length ? (
    <ul>
      {uris.map((u) => (
        <li>
          <code>{u}</code>
        </li>
      ))}
    </ul>
  ) : (
    <span class="muted">{none}</span>
  );

const Settings: FC<{ app: App }> = ({ app }) => (
  <SummaryList
    rows={[
      ['Name', app.name],
      ['Client ID', <Copyable value={app.clientId} id="client-id" label="client ID" />],
      ['Type', TYPE_LABEL[app.clientType]],
      ['Redirect URIs', <UriList uris={app.redirectUris} none="None" />],
      [
        'Post-logout redirect URIs',
        <UriList uris={app.postLogoutRedirectUris} none="None: after signing out, people stay on the sign-out page" />,
      ],
      ['Scopes', app.scopes.join(' ')],
      ['Access token lifetime', readableSeconds(app.accessTokenTtlSeconds)],
      ['ID token lifetime', readableSeconds(app.idTokenTtlSeconds)],
      ['Refresh token lifetime', readableSeconds(app.refreshTokenTtlSeconds)],
      ['Registered', <Time value={app.createdAt} />],
      ['Last changed', <Time value={app.updatedAt} />],
      ...(app.clientType === 'confidential'
        ? ([['Secret last rotated', <Time value={app.secretRotatedAt} never="Never" />]] as const)
        : []),
    ]}
  />
);

appDetailPages.get('/:id', async (c) => {
  const app = await getApp(c, c.req.param('id'));
  return page(
    c,
    { title: app.name, section: 'apps', crumbs: [['Apps (OpenID Connect)', LIST]] },
    <>
      <Notice message={noticeOf(c)} />
      <PageHeader
        title={app.name}
        lead={<span class="mono">{app.clientId}</span>}
        actions={
          <>
            <ButtonLink href={appPath(app.clientId, '/edit')} label="Edit settings" />
            {app.clientType === 'confidential' ? (
              <ButtonLink href={appPath(app.clientId, '/secret')} label="Rotate secret" secondary />
            ) : null}
            <ButtonLink href={appPath(app.clientId, '/delete')} label="Delete app" secondary />
          </>
        }
      />
      <Section title="Settings" id="settings">
        <Settings app={app} />
      </Section>
      <DeveloperPanel issuer={issuerOf(c)} app={app} />
    </>,
  );
});
