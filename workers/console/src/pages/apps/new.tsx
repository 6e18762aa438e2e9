// GET/POST /console/apps/new: register an app in one CreateOAuthClient call. The form is checked first
// (every problem beside its field); what the API still refuses comes back on the same form, beside the
// field it names or at the top (AccessDenied, the account's quota), with nothing created. On success
// the answer is the page with the client secret, shown this once.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, page, readForm, statusFor, type PageOptions } from '../../render';
import { ErrorSummary, type FieldErrors, PageHeader } from '../../ui/components';
import { AppForm } from './form';
import { checkAppForm, EMPTY_FORM, readAppForm, type AppFormValues } from './form-values';
import { apiFieldError } from './rules';
import { secretOncePage } from './secret-once';
import { createApp, LIST } from './shared';

export const newAppPages = new Hono<ConsoleEnv>();

interface Refusal {
  status: NonNullable<PageOptions['status']>;
  message?: string | undefined;
  errors?: FieldErrors | undefined;
}

function renderForm(c: ConsoleContext, values: AppFormValues, refusal?: Refusal) {
  return page(
    c,
    { title: 'Register an app', section: 'apps', crumbs: [['Apps (OpenID Connect)', LIST]], status: refusal?.status },
    <>
      <ErrorSummary message={refusal?.message} errors={refusal?.errors} />
      <PageHeader
        title="Register an app"
        lead="The app gets a client ID (and, if it has a server, a client secret) to sign people in with this account’s users."
      />
      <AppForm action={`${LIST}/new`} csrf={c.var.csrfToken} values={values} errors={refusal?.errors} submit="Register app" cancel={LIST} />
    </>,
  );
}

newAppPages.get('/', (c) => renderForm(c, EMPTY_FORM));

newAppPages.post('/', async (c) => {
  const values = readAppForm(await readForm(c));
  const checked = checkAppForm(values, true);
  if (!checked.ok) return renderForm(c, values, { status: 400, errors: checked.errors });
  const made = await attempt(() => createApp(c, { ...checked.settings, clientType: checked.clientType }));
  if (!made.ok) {
    const field = apiFieldError(made.error);
    const status = statusFor(made.error);
    return renderForm(c, values, field ? { status, errors: { [field.field]: field.message } } : { status, message: made.error.message });
  }
  return secretOncePage(c, made.value, 'App registered');
});
