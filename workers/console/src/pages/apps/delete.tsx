// GET/POST /console/apps/:id/delete: delete an app after the person confirms (DeleteOAuthClient). Every
// grant it holds ends with it: its refresh tokens and access tokens stop working, and sign-in refuses
// its client id from then on.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, checked, page, readForm, redirectWithNotice, statusFor, type IamError } from '../../render';
import { ConfirmForm, ErrorSummary, PageHeader } from '../../ui/components';
import { appPath, deleteApp, getApp, LIST, type App } from './shared';

export const deleteAppPages = new Hono<ConsoleEnv>();

function renderConfirm(c: ConsoleContext, app: App, problem?: { error?: IamError; confirm?: string }) {
  const status = problem?.error ? statusFor(problem.error) : problem?.confirm ? 400 : undefined;
  return page(
    c,
    {
      title: `Delete ${app.name}`,
      section: 'apps',
      crumbs: [
        ['Apps (OpenID Connect)', LIST],
        [app.name, appPath(app.clientId)],
      ],
      ...(status ? { status } : {}),
    },
    <>
      <ErrorSummary message={problem?.error?.message} errors={problem?.confirm ? { confirm: problem.confirm } : undefined} />
      <PageHeader title={`Delete ${app.name}`} lead={<span class="mono">{app.clientId}</span>} />
      <div class="panel">
        <p class="warning">
          People signed in to this app are signed out of it: every token it was given stops working, and sign-in refuses its client ID from
          now on. This cannot be undone; registering the app again gives it a new client ID.
        </p>
        <ConfirmForm
          action={appPath(app.clientId, '/delete')}
          csrf={c.var.csrfToken}
          error={problem?.confirm}
          label={`I want to delete ${app.name} permanently`}
          button="Delete app"
          cancel={appPath(app.clientId)}
        />
      </div>
    </>,
  );
}

deleteAppPages.get('/:id/delete', async (c) => renderConfirm(c, await getApp(c, c.req.param('id'))));

deleteAppPages.post('/:id/delete', async (c) => {
  const form = await readForm(c);
  const app = await getApp(c, c.req.param('id'));
  if (!checked(form, 'confirm')) return renderConfirm(c, app, { confirm: 'Tick the box to confirm the app should be deleted' });
  const done = await attempt(() => deleteApp(c, app.clientId));
  if (!done.ok) return renderConfirm(c, app, { error: done.error });
  return redirectWithNotice(c, LIST, `${app.name} was deleted. Its client ID no longer signs anyone in.`);
});
