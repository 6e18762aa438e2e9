// /console: the IAM dashboard, the first page an administrator sees. It follows the AWS IAM tutorial's
// start: the security status checklist (each warning links to the page that fixes it), the sign-in URL
// to hand to new users with the account alias that names it, the account's resource counts and the way
// to one's own credentials. Each panel reads on its own, so a person allowed to see only some of them
// still gets a dashboard: what the API refuses shows AWS's AccessDenied text in that panel's place.
//
// The alias forms post to /console/alias and /console/alias/delete; a refused post re-renders the
// dashboard with the error (nothing changed), a successful one redirects back with a notice.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, noticeOf, page, readForm, redirectWithNotice, statusFor, text, type PageOptions } from '../../render';
import { ErrorSummary, Notice, PageHeader } from '../../ui/components';
import { MyCredentialsPanel, ResourcesPanel, type SummaryMap } from './resources';
import { SecurityStatusPanel, type SecurityStatus } from './security-status';
import { ALIAS_FIELD, SigninPanel, type AliasFormState } from './signin-url';

export const dashboardPages = new Hono<ConsoleEnv>();

// AWS's upper bound; longer input is refused here before the API sees it.
const ALIAS_MAX = 63;

interface Refusal {
  status: NonNullable<PageOptions['status']>;
  /** the alias form, re-rendered with what was typed and the field's error */
  form?: AliasFormState;
  /** a problem that is not about the alias field (deleting, or a form the person may not see) */
  message?: string;
}

async function showDashboard(c: ConsoleContext, refusal?: Refusal) {
  const { iam } = c.var;
  const { principal } = c.var.session;
  // The three reads are independent: one refused never hides the others.
  const [status, aliases, summary] = await Promise.all([
    attempt(() => iam.json<SecurityStatus>('/security-status')),
    attempt(() => iam.call<{ AccountAliases?: string[] }>('ListAccountAliases')),
    attempt(() => iam.call<{ SummaryMap?: SummaryMap }>('GetAccountSummary')),
  ]);
  const alias = aliases.ok ? { ok: true as const, value: aliases.value.AccountAliases?.[0] ?? null } : aliases;
  // The summary links to the alias field only when the form is on the page to link to.
  const fieldError = refusal?.form?.error;
  const linkable = fieldError && alias.ok;
  const message = refusal?.message ?? (fieldError && !linkable ? fieldError : undefined);
  return page(
    c,
    { title: 'IAM dashboard', section: 'dashboard', status: refusal?.status },
    <>
      <PageHeader title="IAM dashboard" lead={`Account ${principal.accountId}`} />
      <Notice message={noticeOf(c)} />
      <ErrorSummary message={message} errors={linkable ? { [ALIAS_FIELD]: fieldError } : undefined} />
      <SecurityStatusPanel result={status} asRoot={principal.kind === 'root'} />
      <SigninPanel
        origin={new URL(c.req.url).origin}
        accountId={principal.accountId}
        alias={alias}
        sessionAlias={principal.accountAlias}
        form={refusal?.form}
        csrf={c.var.csrfToken}
      />
      <ResourcesPanel summary={summary.ok ? { ok: true, value: summary.value.SummaryMap ?? {} } : summary} />
      <MyCredentialsPanel principal={principal} />
    </>,
  );
}

dashboardPages.get('/', (c) => showDashboard(c));

// Create or change the alias: one CreateAccountAlias, which replaces the old alias only if it succeeds.
dashboardPages.post('/alias', async (c) => {
  const form = await readForm(c);
  const value = text(form, ALIAS_FIELD, ALIAS_MAX + 1);
  if (!value) return showDashboard(c, { status: 400, form: { value, error: 'Enter an account alias' } });
  if (value.length > ALIAS_MAX) {
    return showDashboard(c, { status: 400, form: { value, error: `The account alias must be ${ALIAS_MAX} characters or fewer` } });
  }
  // The pattern is AWS's to enforce: its ValidationError text says exactly which rule was broken.
  const done = await attempt(() => c.var.iam.call('CreateAccountAlias', { AccountAlias: value }));
  if (!done.ok) return showDashboard(c, { status: statusFor(done.error), form: { value, error: done.error.message } });
  return redirectWithNotice(c, '/console', `The account alias is now ${value}. The sign-in URL below has changed.`);
});

// Delete the alias the page showed (a stale page names an alias that is gone: NoSuchEntity, nothing changes).
dashboardPages.post('/alias/delete', async (c) => {
  const form = await readForm(c);
  const value = text(form, ALIAS_FIELD, ALIAS_MAX + 1);
  if (!value) return showDashboard(c, { status: 400, message: 'Choose the account alias to delete.' });
  const done = await attempt(() => c.var.iam.call('DeleteAccountAlias', { AccountAlias: value }));
  if (!done.ok) return showDashboard(c, { status: statusFor(done.error), message: done.error.message });
  return redirectWithNotice(c, '/console', `The account alias ${value} was deleted. The sign-in URL uses the account ID again.`);
});
