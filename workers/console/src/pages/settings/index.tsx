// /console/account-settings: the account's password policy (the AWS IAM tutorial's "Apply an IAM
// password policy" step): the policy in force, or AWS's default when none is set, a form with every
// AWS field, and "Reset to default" (DeleteAccountPasswordPolicy). Input is checked against AWS's
// ranges before any call; what the API refuses (AccessDenied, validation) is shown on the same form,
// and nothing changes either way. Successful changes redirect back with a notice.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, noticeOf, page, readForm, redirectWithNotice, statusFor, type IamError, type PageOptions } from '../../render';
import { ActionButton, ErrorSummary, type FieldErrors, Notice, PageHeader, Section } from '../../ui/components';
import {
  type ApiPasswordPolicy,
  formValuesOf,
  PolicyForm,
  type PolicyFormValues,
  PolicySummary,
  readPolicyForm,
  validatePolicy,
} from './password-policy';

export const settingsPages = new Hono<ConsoleEnv>();

const SETTINGS = '/console/account-settings';

/** The policy in force: the API's, null when none is set (AWS's default applies), or why it is unreadable. */
async function currentPolicy(c: ConsoleContext): Promise<{ ok: true; value: ApiPasswordPolicy | null } | { ok: false; error: IamError }> {
  const read = await attempt(() => c.var.iam.call<{ PasswordPolicy?: ApiPasswordPolicy }>('GetAccountPasswordPolicy'));
  if (read.ok) return { ok: true, value: read.value.PasswordPolicy ?? {} };
  if (read.error.code === 'NoSuchEntity') return { ok: true, value: null };
  return read;
}

interface Refusal {
  status: NonNullable<PageOptions['status']>;
  values?: PolicyFormValues;
  errors?: FieldErrors;
  message?: string;
}

async function showSettings(c: ConsoleContext, refusal?: Refusal) {
  const current = await currentPolicy(c);
  // Someone who may not even read the policy gets the API's answer as the page (AccessDenied), unless
  // they just posted: then the form they sent comes back with the reason it was refused.
  if (!current.ok && !refusal) throw current.error;
  const policy = current.ok ? current.value : null;
  return page(
    c,
    { title: 'Account settings', section: 'settings', status: refusal?.status },
    <>
      <PageHeader title="Account settings" lead="Rules that apply to every IAM user in this account." />
      <Notice message={noticeOf(c)} />
      <ErrorSummary message={refusal?.message} errors={refusal?.errors} />
      <Section title="Password policy in force" id="policy">
        {current.ok ? (
          <PolicySummary policy={policy} />
        ) : (
          <div class="warning">
            <p>{current.error.message}</p>
          </div>
        )}
        {current.ok && policy ? (
          <div class="policy-reset">
            <p class="muted">Resetting deletes this policy; AWS's default applies again.</p>
            <ActionButton action={`${SETTINGS}/password-policy/delete`} csrf={c.var.csrfToken} label="Reset to default" danger />
          </div>
        ) : null}
      </Section>
      <Section title={policy ? 'Change the password policy' : 'Set a password policy'} id="edit-policy">
        <p>
          The policy applies when a password is set or changed (existing passwords keep working until they expire). The root user's password
          is not affected.
        </p>
        <PolicyForm values={refusal?.values ?? formValuesOf(policy)} errors={refusal?.errors} csrf={c.var.csrfToken} isDefault={!policy} />
      </Section>
    </>,
  );
}

settingsPages.get('/', (c) => showSettings(c));

settingsPages.post('/password-policy', async (c) => {
  const values = readPolicyForm(await readForm(c));
  const checked = validatePolicy(values);
  if (!checked.ok) return showSettings(c, { status: 400, values, errors: checked.errors });
  const done = await attempt(() => c.var.iam.call('UpdateAccountPasswordPolicy', checked.params));
  if (!done.ok) return showSettings(c, { status: statusFor(done.error), values, message: done.error.message });
  return redirectWithNotice(c, SETTINGS, 'The password policy was saved. It applies the next time a password is set or changed.');
});

settingsPages.post('/password-policy/delete', async (c) => {
  const done = await attempt(() => c.var.iam.call('DeleteAccountPasswordPolicy'));
  if (!done.ok) return showSettings(c, { status: statusFor(done.error), message: done.error.message });
  return redirectWithNotice(c, SETTINGS, "The password policy was deleted. AWS's default password policy applies again.");
});
