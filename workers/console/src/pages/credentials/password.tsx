// GET/POST /console/security-credentials/password: an IAM user changes their own password
// (ChangePassword with OldPassword and NewPassword). The confirmation must match before any call; the
// API's own messages say what the account's password policy wants. A change revokes every session of
// the user, this one included, so success ends at the sign-in page, which brings the person back here.
// The root user has no ChangePassword: its password is changed on the hosted /account/password page.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, page, readForm, statusFor, type IamError } from '../../render';
import { signinUrl } from '../../session';
import { CsrfField, ErrorSummary, PageHeader, TextField, type FieldErrors } from '../../ui/components';

export const passwordPages = new Hono<ConsoleEnv>();

const BACK = '/console/security-credentials';
// The API's PasswordType allows 1-128 characters; longer input is reported, not cut.
const MAX = 128;

function renderForm(c: ConsoleContext, problem: { error?: IamError; fields?: FieldErrors; status?: 400 | 403 | 404 | 409 | 429 } = {}) {
  return page(
    c,
    { title: 'Change password', section: 'credentials', crumbs: [['My security credentials', BACK]], status: problem.status },
    <>
      <ErrorSummary message={problem.error?.message} errors={problem.fields} />
      <PageHeader title="Change password" lead="After the change you are signed out everywhere and sign in again with the new password." />
      <form method="post" action={`${BACK}/password`} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <TextField
          label="Current password"
          name="old_password"
          type="password"
          autocomplete="current-password"
          required
          error={problem.fields?.old_password}
        />
        <TextField
          label="New password"
          name="new_password"
          type="password"
          autocomplete="new-password"
          required
          error={problem.fields?.new_password}
          hint="It must meet the account's password policy; if it does not, the message says which rules it breaks."
        />
        <TextField
          label="Confirm new password"
          name="confirm_password"
          type="password"
          autocomplete="new-password"
          required
          error={problem.fields?.confirm_password}
        />
        <div class="button-row">
          <button type="submit">Change password</button>
          <a href={`${BACK}#password`}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

passwordPages.get('/', (c) => (c.var.session.principal.kind === 'root' ? c.redirect('/account/password', 303) : renderForm(c)));

passwordPages.post('/', async (c) => {
  if (c.var.session.principal.kind === 'root') return c.redirect('/account/password', 303);
  const form = await readForm(c);
  // Passwords are not trimmed: spaces are characters of a password.
  const raw = (name: string) => {
    const v = form[name];
    return (Array.isArray(v) ? v[0] : v) ?? '';
  };
  const [oldPassword, newPassword, confirm] = [raw('old_password'), raw('new_password'), raw('confirm_password')];
  const fields: Record<string, string> = {};
  if (!oldPassword) fields.old_password = 'Enter your current password';
  else if (oldPassword.length > MAX) fields.old_password = `The current password has at most ${MAX} characters`;
  if (!newPassword) fields.new_password = 'Enter a new password';
  else if (newPassword.length > MAX) fields.new_password = `The new password must be ${MAX} characters or fewer`;
  if (newPassword && confirm !== newPassword) fields.confirm_password = 'The passwords do not match: type the new password again';
  if (Object.keys(fields).length > 0) return renderForm(c, { fields, status: 400 });

  const changed = await attempt(() => c.var.iam.call('ChangePassword', { OldPassword: oldPassword, NewPassword: newPassword }));
  if (!changed.ok) {
    const e = changed.error;
    const field = /old password/i.test(e.message) ? 'old_password' : e.code === 'PasswordPolicyViolation' ? 'new_password' : undefined;
    return renderForm(c, { error: field ? undefined : e, fields: field ? { [field]: e.message } : undefined, status: statusFor(e) });
  }
  return c.redirect(signinUrl(`${new URL(c.req.url).origin}${BACK}`), 303);
});
