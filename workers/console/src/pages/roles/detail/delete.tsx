// GET/POST /console/roles/:name/delete: delete a role after the person types its name. DeleteRole
// answers DeleteConflict while the role still has managed policies, inline policies or instance
// profiles, so the console does what AWS's console does, in its order: detach the managed policies,
// delete the inline policies, remove the role from its instance profiles, then DeleteRole. DeleteRole
// is tried first, so a person who may not delete the role is refused before anything is removed. A
// step refused later is reported with what was already done (the API has no transaction across
// calls). A service-linked role is deleted through DeleteServiceLinkedRole, as the API requires.
import { Hono } from 'hono';
import type { IamError } from '@edge-iam/core';
import type { ConsoleContext, ConsoleEnv } from '../../../env';
import { attempt, readForm, redirectWithNotice, statusFor, text } from '../../../render';
import { CsrfField, ErrorSummary, PageHeader, TextField } from '../../../ui/components';
import { fieldProblem, getRole, isServiceLinked, plural, roleUrl, ROLES_CRUMB, type Problem, type Role } from '../shared';
import { attachedPolicies, inlineNames, instanceProfiles, type Read } from './data';
import { rolePage } from '../frame';

export const deleteRoutes = new Hono<ConsoleEnv>();

interface Dependents {
  attached: Read<{ PolicyName: string; PolicyArn: string }[]>;
  inline: Read<string[]>;
  profiles: Read<string[]>;
}

const dependents = async (c: ConsoleContext, n: string): Promise<Dependents> => {
  const [attached, inline, profiles] = await Promise.all([
    attempt(() => attachedPolicies(c, n)),
    attempt(() => inlineNames(c, n)),
    attempt(() => instanceProfiles(c, n)),
  ]);
  return { attached, inline, profiles };
};

const count = (r: Read<readonly unknown[]>, one: string, many: string) =>
  r.ok ? plural(r.value.length, one, many) : `${many} (they could not be listed: ${r.error.message})`;

async function confirmPage(c: ConsoleContext, role: Role, problem?: Problem) {
  const n = role.RoleName;
  const linked = isServiceLinked(role);
  const d = linked ? null : await dependents(c, n);
  return rolePage(
    c,
    { title: `Delete role ${n}`, crumbs: [ROLES_CRUMB, [n, roleUrl(n)]], ...(problem ? { status: problem.status } : {}) },
    <>
      <PageHeader title={`Delete role ${n}`} />
      <ErrorSummary message={problem?.message} errors={problem?.errors} />
      <div class="panel">
        {d ? (
          <>
            <p>
              IAM refuses to delete a role (DeleteConflict) while it still has policies or instance profiles. The console removes them
              first, each with its own call, then deletes the role. This role has:
            </p>
            <ul>
              <li>{count(d.attached, 'attached managed policy', 'attached managed policies')}</li>
              <li>{count(d.inline, 'inline policy', 'inline policies')}</li>
              <li>{count(d.profiles, 'instance profile', 'instance profiles')}</li>
            </ul>
          </>
        ) : (
          <p>
            {n} is a service-linked role: it is deleted through its service (DeleteServiceLinkedRole), which refuses while the service still
            uses it.
          </p>
        )}
        <p class="warning">
          Anyone using the role, and any instance running with it, loses its permissions at once. This cannot be undone.
        </p>
        <form method="post" action={roleUrl(n, '/delete')} class="stack">
          <CsrfField token={c.var.csrfToken} />
          <TextField
            label={`To confirm, type the role name ${n}`}
            name="confirm_name"
            value={problem?.values?.confirm_name}
            error={problem?.errors?.confirm_name}
            maxlength={64}
          />
          <div class="button-row">
            <button type="submit" class="danger">
              Delete role
            </button>
            <a href={roleUrl(n)}>Cancel</a>
          </div>
        </form>
      </div>
    </>,
  );
}

deleteRoutes.get('/:name/delete', async (c) => confirmPage(c, await getRole(c, c.req.param('name'))));

/** Removes what stands in DeleteRole's way, in AWS's console's order; the first refusal and what was done before it. */
async function removeDependents(c: ConsoleContext, n: string): Promise<{ error?: IamError; done: string[] }> {
  const iam = c.var.iam;
  const done: string[] = [];
  const plan = await attempt(async () => {
    const [attached, inline, profiles] = [await attachedPolicies(c, n), await inlineNames(c, n), await instanceProfiles(c, n)];
    return [
      ...attached.map(
        (p) => [`detached ${p.PolicyName}`, () => iam.call('DetachRolePolicy', { RoleName: n, PolicyArn: p.PolicyArn })] as const,
      ),
      ...inline.map((p) => [`deleted inline policy ${p}`, () => iam.call('DeleteRolePolicy', { RoleName: n, PolicyName: p })] as const),
      ...profiles.map(
        (p) =>
          [
            `removed it from instance profile ${p}`,
            () => iam.call('RemoveRoleFromInstanceProfile', { RoleName: n, InstanceProfileName: p }),
          ] as const,
      ),
    ];
  });
  if (!plan.ok) return { error: plan.error, done };
  for (const [what, work] of plan.value) {
    const r = await attempt(work);
    if (!r.ok) return { error: r.error, done };
    done.push(what);
  }
  return { done };
}

/** The confirm page again with the API's refusal and, when part was done, exactly what. */
async function stopped(c: ConsoleContext, name: string, error: IamError, done: string[]) {
  const message = done.length ? `${error.message} Before that, the console ${done.join('; ')}.` : error.message;
  return confirmPage(c, await getRole(c, name), { message, status: statusFor(error) });
}

deleteRoutes.post('/:name/delete', async (c) => {
  const typed = text(await readForm(c), 'confirm_name', 64);
  const role = await getRole(c, c.req.param('name'));
  const n = role.RoleName;
  if (typed !== n) {
    const message = typed ? `That is not the role name: type ${n} exactly` : `Type the role name ${n} to confirm`;
    return confirmPage(c, role, fieldProblem({ confirm_name: message }, { confirm_name: typed }));
  }
  const iam = c.var.iam;
  if (isServiceLinked(role)) {
    const task = await attempt(() => iam.call<{ DeletionTaskId: string }>('DeleteServiceLinkedRole', { RoleName: n }));
    if (!task.ok) return confirmPage(c, role, { message: task.error.message, status: statusFor(task.error) });
    const status = await attempt(() =>
      iam.call<{ Status: string }>('GetServiceLinkedRoleDeletionStatus', { DeletionTaskId: task.value.DeletionTaskId }),
    );
    const state = status.ok ? status.value.Status.toLowerCase().replace(/_/g, ' ') : 'unknown';
    return redirectWithNotice(
      c,
      '/console/roles',
      `Deletion of service-linked role ${n} was requested (task ${task.value.DeletionTaskId}: ${state}).`,
    );
  }
  let r = await attempt(() => iam.call('DeleteRole', { RoleName: n }));
  let done: string[] = [];
  if (!r.ok && r.error.code === 'DeleteConflict') {
    const removed = await removeDependents(c, n);
    if (removed.error) return stopped(c, n, removed.error, removed.done);
    done = removed.done;
    r = await attempt(() => iam.call('DeleteRole', { RoleName: n }));
  }
  if (!r.ok) return stopped(c, n, r.error, done);
  return redirectWithNotice(c, '/console/roles', `Role ${n} was deleted.`);
});
