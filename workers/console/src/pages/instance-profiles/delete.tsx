// GET/POST /console/instance-profiles/:name/delete: delete an instance profile after the person types
// its name. AWS refuses to delete a profile that still holds a role (DeleteConflict), so the page says
// it will remove the role first, does so, then deletes; if a step is refused, it says what was done.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, page, readForm, redirectWithNotice, statusFor, text, type IamError } from '../../render';
import { CsrfField, ErrorSummary, PageHeader, TextField } from '../../ui/components';
import { getProfile } from './detail';
import { LIST, profilePath, rolePath, type InstanceProfile, type Problem } from './shared';

export const profileDeletePages = new Hono<ConsoleEnv>();

function renderConfirm(c: ConsoleContext, p: InstanceProfile, problem?: Problem) {
  const n = p.InstanceProfileName;
  const roles = p.Roles ?? [];
  return page(
    c,
    {
      title: `Delete instance profile ${n}`,
      section: 'instance-profiles',
      crumbs: [
        ['Instance profiles', LIST],
        [n, profilePath(n)],
      ],
      ...(problem ? { status: problem.status } : {}),
    },
    <>
      <ErrorSummary message={problem?.message} errors={problem?.errors} />
      <PageHeader title={`Delete instance profile ${n}`} />
      <div class="warning">
        {roles.length ? (
          <p>
            This profile holds role{' '}
            {roles.map((r, i) => (
              <>
                {i ? ', ' : ''}
                <a href={rolePath(r.RoleName)}>{r.RoleName}</a>
              </>
            ))}
            . AWS deletes only an empty profile, so the console will first remove the role from it, then delete the profile. The role itself
            is kept. Instances running with this profile lose its credentials.
          </p>
        ) : (
          <p>Instances running with this profile lose it. This cannot be undone.</p>
        )}
      </div>
      <form method="post" action={profilePath(n, '/delete')} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <TextField label={`To confirm, type the instance profile name: ${n}`} name="confirm" required error={problem?.errors?.confirm} />
        <div class="button-row">
          <button type="submit" class="danger">
            {roles.length ? 'Remove role and delete instance profile' : 'Delete instance profile'}
          </button>
          <a href={profilePath(n)}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

profileDeletePages.get('/:name/delete', async (c) => renderConfirm(c, await getProfile(c, c.req.param('name'))));

profileDeletePages.post('/:name/delete', async (c) => {
  const confirm = text(await readForm(c), 'confirm', 200);
  const p = await getProfile(c, c.req.param('name'));
  const n = p.InstanceProfileName;
  if (confirm !== n) {
    const message = confirm ? `The text you typed is not ${n}` : `Type ${n} to confirm`;
    return renderConfirm(c, p, { errors: { confirm: message }, status: 400 });
  }
  const removed: string[] = [];
  for (const role of p.Roles ?? []) {
    const r = await attempt(() => c.var.iam.call('RemoveRoleFromInstanceProfile', { InstanceProfileName: n, RoleName: role.RoleName }));
    if (!r.ok) return stopped(c, n, r.error, removed);
    removed.push(role.RoleName);
  }
  const deleted = await attempt(() => c.var.iam.call('DeleteInstanceProfile', { InstanceProfileName: n }));
  if (!deleted.ok) return stopped(c, n, deleted.error, removed);
  const first = removed.length ? ` Role ${removed.join(', ')} was removed from it first.` : '';
  return redirectWithNotice(c, LIST, `Instance profile ${n} was deleted.${first}`);
});

/** A refusal part way: the page says what was already done, and shows the profile as it now is. */
async function stopped(c: ConsoleContext, name: string, error: IamError, removed: string[]) {
  const done = removed.length
    ? ` Before that, role ${removed.join(', ')} was removed from the profile; the profile was not deleted.`
    : ' Nothing was changed.';
  return renderConfirm(c, await getProfile(c, name), { message: `${error.message}${done}`, status: statusFor(error) });
}
