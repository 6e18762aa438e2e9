// GET/POST /console/apps/:id/edit: change an app's settings with one UpdateOAuthClient call (PUT: the
// whole set, as the form shows it). Its client type stays as registered. A refusal returns the form as
// typed with the reason beside the field or at the top; nothing changes.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, page, readForm, redirectWithNotice, statusFor, type PageOptions } from '../../render';
import { ErrorSummary, type FieldErrors, PageHeader } from '../../ui/components';
import { AppForm } from './form';
import { checkAppForm, readAppForm, valuesOf, type AppFormValues } from './form-values';
import { apiFieldError } from './rules';
import { appPath, getApp, LIST, updateApp, type App } from './shared';

export const editAppPages = new Hono<ConsoleEnv>();

interface Refusal {
  status: NonNullable<PageOptions['status']>;
  message?: string | undefined;
  errors?: FieldErrors | undefined;
}

function renderForm(c: ConsoleContext, app: App, values: AppFormValues, refusal?: Refusal) {
  return page(
    c,
    {
      title: `Edit ${app.name}`,
      section: 'apps',
      crumbs: [
        ['Apps (OpenID Connect)', LIST],
        [app.name, appPath(app.clientId)],
      ],
      status: refusal?.status,
    },
    <>
      <ErrorSummary message={refusal?.message} errors={refusal?.errors} />
      <PageHeader title={`Edit ${app.name}`} lead={<span class="mono">{app.clientId}</span>} />
      <AppForm
        action={appPath(app.clientId, '/edit')}
        csrf={c.var.csrfToken}
        values={values}
        errors={refusal?.errors}
        fixedType={app.clientType}
        submit="Save settings"
        cancel={appPath(app.clientId)}
      />
    </>,
  );
}

editAppPages.get('/:id/edit', async (c) => {
  const app = await getApp(c, c.req.param('id'));
  return renderForm(c, app, valuesOf(app));
});

editAppPages.post('/:id/edit', async (c) => {
  const app = await getApp(c, c.req.param('id'));
  const values = { ...readAppForm(await readForm(c)), clientType: app.clientType };
  const checked = checkAppForm(values, false);
  if (!checked.ok) return renderForm(c, app, values, { status: 400, errors: checked.errors });
  const done = await attempt(() => updateApp(c, app.clientId, checked.settings));
  if (!done.ok) {
    const field = apiFieldError(done.error);
    const status = statusFor(done.error);
    return renderForm(
      c,
      app,
      values,
      field ? { status, errors: { [field.field]: field.message } } : { status, message: done.error.message },
    );
  }
  return redirectWithNotice(c, appPath(app.clientId), `The settings of ${done.value.name} were saved.`);
});
