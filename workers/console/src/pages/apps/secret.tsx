// GET/POST /console/apps/:id/secret: rotate a confidential app's client secret after the person confirms
// they understand the current secret stops working at once (RotateOAuthClientSecret). The new secret is
// shown this once, in the POST's answer.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, checked, page, readForm, statusFor, type IamError } from '../../render';
import { ConfirmForm, ErrorSummary, PageHeader } from '../../ui/components';
import { secretOncePage } from './secret-once';
import { appPath, getApp, LIST, rotateSecret, type App } from './shared';

export const rotateSecretPages = new Hono<ConsoleEnv>();

function renderConfirm(c: ConsoleContext, app: App, problem?: { error?: IamError; confirm?: string }) {
  const status = problem?.error ? statusFor(problem.error) : problem?.confirm ? 400 : undefined;
  return page(
    c,
    {
      title: `Rotate the secret of ${app.name}`,
      section: 'apps',
      crumbs: [
        ['Apps (OpenID Connect)', LIST],
        [app.name, appPath(app.clientId)],
      ],
      ...(status ? { status } : {}),
    },
    <>
      <ErrorSummary message={problem?.error?.message} errors={problem?.confirm ? { confirm: problem.confirm } : undefined} />
      <PageHeader title={`Rotate the secret of ${app.name}`} lead={<span class="mono">{app.clientId}</span>} />
      {app.clientType === 'public' ? (
        <div class="panel">
          <p>This is a public app: it has no client secret to rotate.</p>
          <p>
            <a href={appPath(app.clientId)}>Back to the app</a>
          </p>
        </div>
      ) : (
        <div class="panel">
          <p class="warning">
            The current secret stops working at once: until the app is configured with the new one, its sign-ins fail at the token endpoint
            and it cannot refresh tokens. Rotate when you are ready to update the app, or when the secret may have leaked.
          </p>
          <ConfirmForm
            action={appPath(app.clientId, '/secret')}
            csrf={c.var.csrfToken}
            error={problem?.confirm}
            label="I understand the current client secret stops working now"
            button="Rotate secret"
            cancel={appPath(app.clientId)}
          />
        </div>
      )}
    </>,
  );
}

rotateSecretPages.get('/:id/secret', async (c) => renderConfirm(c, await getApp(c, c.req.param('id'))));

rotateSecretPages.post('/:id/secret', async (c) => {
  const form = await readForm(c);
  const app = await getApp(c, c.req.param('id'));
  if (!checked(form, 'confirm'))
    return renderConfirm(c, app, { confirm: 'Tick the box to confirm the current secret should stop working' });
  const rotated = await attempt(() => rotateSecret(c, app.clientId));
  if (!rotated.ok) return renderConfirm(c, app, { error: rotated.error });
  return secretOncePage(c, rotated.value, 'New client secret');
});
