// GET /console/instance-profiles/:name: one instance profile — its summary, the role it holds (remove
// it, or add one: AWS allows one role per profile) and its tags. Also what a refused change on the page
// answers with: the same page, the API's message on top, the field's message beside it. GetInstanceProfile
// decides whether there is a page (NoSuchEntity → 404, AccessDenied → 403, via the console's error page).
import type { FC } from 'hono/jsx';
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { scan } from '../../lists';
import { noticeOf, page } from '../../render';
import {
  ButtonLink,
  Copyable,
  CsrfField,
  ErrorSummary,
  Notice,
  PageHeader,
  RowButton,
  Section,
  SummaryList,
  TextField,
  Time,
} from '../../ui/components';
import { TagsPanel } from './resource-tags';
import { LIST, profilePath, rolePath, type InstanceProfile, type Problem } from './shared';

export const profileDetailPages = new Hono<ConsoleEnv>();

export const getProfile = async (c: ConsoleContext, name: string) =>
  (await c.var.iam.call<{ InstanceProfile: InstanceProfile }>('GetInstanceProfile', { InstanceProfileName: name })).InstanceProfile;

/** The roles to choose from: a list when the person may read it and it is short, else a name to type. */
const RolePicker: FC<{ roles: string[] | null; value?: string | undefined; error?: string | undefined }> = ({ roles, value, error }) => {
  if (!roles) {
    return (
      <TextField
        label="Role name"
        name="role"
        value={value}
        error={error}
        maxlength={64}
        hint="The roles cannot be listed for you here: type the role's name."
      />
    );
  }
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for="role">Role</label>
      <div class="hint" id="role-hint">
        The role's trust policy should let ec2.amazonaws.com assume it. Adding a role also needs iam:PassRole on it.
      </div>
      {error ? (
        <p class="field-error" id="role-error">
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <select
        id="role"
        name="role"
        aria-describedby={error ? 'role-hint role-error' : 'role-hint'}
        aria-invalid={error ? 'true' : undefined}
      >
        <option value="">Choose a role</option>
        {roles.map((r) => (
          <option value={r} selected={r === value}>
            {r}
          </option>
        ))}
      </select>
    </div>
  );
};

export async function renderProfile(c: ConsoleContext, name: string, problem?: Problem) {
  const p = await getProfile(c, name);
  const n = p.InstanceProfileName;
  const base = profilePath(n);
  const csrf = c.var.csrfToken;
  const role = p.Roles?.[0];
  // Only read the roles when the form that needs them is shown.
  const choices = role ? null : await scan<{ RoleName: string }>(c, 'ListRoles', {}, 'Roles', () => true);
  const roleNames = choices && !choices.denied && !choices.more ? choices.items.map((r) => r.RoleName) : null;
  return page(
    c,
    {
      title: `Instance profile ${n}`,
      section: 'instance-profiles',
      crumbs: [['Instance profiles', LIST]],
      ...(problem ? { status: problem.status } : {}),
    },
    <>
      {problem ? <ErrorSummary message={problem.message} errors={problem.errors} /> : <Notice message={noticeOf(c)} />}
      <PageHeader
        title={n}
        lead="Instance profile"
        actions={<ButtonLink href={`${base}/delete`} label="Delete instance profile" secondary />}
      />
      <Section title="Summary" id="summary">
        <SummaryList
          rows={[
            ['ARN', <Copyable value={p.Arn} id="instance-profile-arn" label="ARN" />],
            ['Instance profile ID', <span class="mono">{p.InstanceProfileId}</span>],
            ['Path', <span class="mono">{p.Path}</span>],
            ['Created', <Time value={p.CreateDate} />],
          ]}
        />
      </Section>
      <Section title="Role" id="role-section">
        {role ? (
          <>
            <SummaryList
              rows={[
                ['Role name', <a href={rolePath(role.RoleName)}>{role.RoleName}</a>],
                ['Role ARN', <span class="mono">{role.Arn}</span>],
              ]}
            />
            <p class="hint">A profile holds one role at most: remove this one to add another.</p>
            <RowButton
              action={`${base}/role/remove`}
              csrf={csrf}
              label="Remove role"
              object={`${role.RoleName} from ${n}`}
              fields={{ role: role.RoleName }}
            />
          </>
        ) : (
          <>
            <p class="muted">This profile holds no role, so instances launched with it get no credentials.</p>
            {choices?.denied ? <p class="warning">The roles cannot be listed for you: {choices.denied}</p> : null}
            {roleNames && roleNames.length === 0 ? (
              <p>
                There are no roles in the account yet. <a href="/console/roles">Go to roles</a>
              </p>
            ) : (
              <form method="post" action={`${base}/role`} class="stack" aria-label={`Add a role to ${n}`}>
                <CsrfField token={csrf} />
                <RolePicker roles={roleNames} value={problem?.values?.role} error={problem?.errors?.role} />
                <div class="button-row">
                  <button type="submit">Add role</button>
                </div>
              </form>
            )}
          </>
        )}
      </Section>
      <Section title="Tags" id="tags">
        <TagsPanel tags={p.Tags ?? []} owner={n} base={base} csrf={csrf} values={problem?.values} errors={problem?.errors} />
      </Section>
    </>,
  );
}

profileDetailPages.get('/:name', (c) => renderProfile(c, c.req.param('name')));
