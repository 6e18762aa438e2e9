// The Switch role page: the form AWS's switch-role link opens (account, role name with path, display
// name), prefilled from the link, with the API's refusal in AWS's words when the role cannot be assumed.
import type { IamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../env';
import { page, statusFor } from '../../render';
import { CsrfField, ErrorSummary, PageHeader, TextField } from '../../ui/components';
import { roleLabel } from '../../ui/layout';
import { MAX_DISPLAY_NAME, type SwitchErrors, type SwitchRequest } from './request';

export interface FormProblem {
  error?: IamError;
  errors?: SwitchErrors;
  status?: 400 | 403 | 404 | 409 | 429;
}

export function switchRoleForm(c: ConsoleContext, r: SwitchRequest, problem: FormProblem = {}) {
  const me = c.var.session.principal;
  const status = problem.status ?? (problem.error ? statusFor(problem.error) : undefined);
  return page(
    c,
    { title: 'Switch role', crumbs: [['Roles', '/console/roles']], status },
    <>
      <ErrorSummary message={problem.error?.message} errors={problem.errors} />
      <PageHeader
        title="Switch role"
        lead="Act as a role of this account: the console then does what the role’s policies allow, not yours, until you switch back or its session ends (at most an hour)."
      />
      {me.kind === 'root' ? (
        <p class="warning">
          The root user cannot switch roles: AWS refuses AssumeRole to root. Sign in as an IAM user whose policies allow sts:AssumeRole on
          the role.
        </p>
      ) : (
        <p>
          Your policies must allow <code>sts:AssumeRole</code> on the role, and the role’s trust policy must name you.
        </p>
      )}
      {me.actingAs ? <p>You are now acting as {roleLabel(me.actingAs)}. Switching starts again from you, not from that role.</p> : null}
      <form method="post" action="/console/switch-role" class="stack">
        <CsrfField token={c.var.csrfToken} />
        <TextField
          label="Account ID or alias"
          name="account"
          value={r.account}
          required
          maxlength={63}
          mono
          error={problem.errors?.account}
          hint={`12 digits, or this account’s alias. This account is ${me.accountId}${me.accountAlias ? ` (${me.accountAlias})` : ''}.`}
        />
        <TextField
          label="Role name"
          name="roleName"
          value={r.roleName}
          required
          mono
          error={problem.errors?.roleName}
          hint="With its path if it has one, as in ci/Deployer."
        />
        <TextField
          label="Display name (optional)"
          name="displayName"
          value={r.displayName}
          maxlength={MAX_DISPLAY_NAME}
          error={problem.errors?.displayName}
          hint="What the header calls the role while you act as it. Leave empty for the role’s name."
        />
        <div class="button-row">
          <button type="submit">Switch role</button>
          <a href="/console">Cancel</a>
        </div>
      </form>
    </>,
  );
}
