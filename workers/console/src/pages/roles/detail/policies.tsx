// A role's managed policies and permissions boundary: the "attach policies" page (policies searchable
// by name, those already attached left out) posting AttachRolePolicy for each, the one-button
// DetachRolePolicy, and the boundary page (choose one policy) with PutRolePermissionsBoundary and
// the one-button DeleteRolePermissionsBoundary.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../../env';
import { scan } from '../../../lists';
import { attempt, list, readForm, statusFor, text } from '../../../render';
import { Checkbox, CsrfField, ErrorSummary, PageHeader, TextField } from '../../../ui/components';
import {
  apiProblem,
  applyEach,
  backToSection,
  contains,
  fieldProblem,
  getRole,
  isServiceLinked,
  MAX_ATTACHED,
  nameOfArn,
  plural,
  roleUrl,
  ROLES_CRUMB,
  type PolicyChoice,
  type Problem,
  type Role,
} from '../shared';
import { attachedPolicies } from './data';
import { protectedRole } from './trust';
import { renderRole } from './view';
import { rolePage } from '../frame';

export const policyRoutes = new Hono<ConsoleEnv>();

const policyChoices = (c: ConsoleContext, filter: string, shown: number) =>
  scan<PolicyChoice>(c, 'ListPolicies', { Scope: 'All' }, 'Policies', (p) => contains(p.PolicyName, filter), shown);

const filterOf = (c: ConsoleContext) => (c.req.query('filter') ?? '').trim().slice(0, 128);

const FilterForm = ({ action, value }: { action: string; value: string }) => (
  <form method="get" action={action} class="role-filter" role="search">
    <TextField label="Filter policies by name" name="filter" type="search" value={value} />
    <button type="submit" class="secondary">
      Filter
    </button>
    {value ? <a href={action}>Clear filter</a> : null}
  </form>
);

async function attachPage(c: ConsoleContext, role: Role, problem?: Problem) {
  const n = role.RoleName;
  const filter = filterOf(c);
  const [attached, found] = await Promise.all([attempt(() => attachedPolicies(c, n)), policyChoices(c, filter, 200)]);
  const have = new Set(attached.ok ? attached.value.map((p) => p.PolicyArn) : []);
  const shown = found.items.filter((p) => !have.has(p.Arn)).slice(0, 100);
  const action = roleUrl(n, '/policies/attach');
  const error = problem?.errors?.policy_arn;
  return rolePage(
    c,
    {
      title: `Attach policies to ${n}`,
      crumbs: [ROLES_CRUMB, [n, roleUrl(n)]],
      ...(problem ? { status: problem.status } : {}),
    },
    <>
      <PageHeader
        title={`Attach policies to ${n}`}
        lead={`The role may do what these policies allow. A role can have ${MAX_ATTACHED} attached.`}
      />
      <ErrorSummary message={problem?.message} errors={problem?.errors} />
      <FilterForm action={action} value={filter} />
      {found.denied ? <p class="warning">You cannot list policies here: {found.denied}</p> : null}
      <form method="post" action={action} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <fieldset class={error ? 'field has-error role-picks' : 'field role-picks'} id="policy_arn">
          <legend>Policies to attach</legend>
          {error ? <p class="field-error">{error}</p> : null}
          {shown.length === 0 ? (
            <p class="muted">{filter ? 'No policy that is not attached yet matches the filter.' : 'No policies to attach.'}</p>
          ) : null}
          {shown.map((p, i) => (
            <Checkbox name="policy_arn" value={p.Arn} id={`policy-${i}`} label={p.PolicyName} hint={p.Arn} />
          ))}
        </fieldset>
        {found.more ? <p class="hint">More policies match than are shown: narrow the filter.</p> : null}
        <div class="button-row">
          <button type="submit">Attach policies</button>
          <a href={roleUrl(n, '#permissions')}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

policyRoutes.get('/:name/policies/attach', async (c) => {
  const role = await getRole(c, c.req.param('name'));
  return isServiceLinked(role) ? protectedRole(c, role, 'permissions') : attachPage(c, role);
});

policyRoutes.post('/:name/policies/attach', async (c) => {
  const arns = list(await readForm(c), 'policy_arn', MAX_ATTACHED + 1);
  const role = await getRole(c, c.req.param('name'));
  if (isServiceLinked(role)) return protectedRole(c, role, 'permissions');
  const n = role.RoleName;
  if (arns.length === 0) return attachPage(c, role, fieldProblem({ policy_arn: 'Choose at least one policy to attach' }));
  if (arns.length > MAX_ATTACHED || arns.some((a) => !a.startsWith('arn:') || a.length > 2048))
    return attachPage(c, role, fieldProblem({ policy_arn: `Choose up to ${MAX_ATTACHED} policies from the list` }));
  const r = await applyEach(arns, (arn) => c.var.iam.call('AttachRolePolicy', { RoleName: n, PolicyArn: arn }));
  if (r.failed) {
    const before = r.done.length ? ` Attached before this was refused: ${r.done.map(nameOfArn).join(', ')}.` : ' Nothing was attached.';
    return attachPage(c, role, { message: `${r.failed.error.message}${before}`, status: statusFor(r.failed.error) });
  }
  return backToSection(
    c,
    n,
    'permissions',
    `Attached ${plural(r.done.length, 'policy', 'policies')} to ${n}: ${r.done.map(nameOfArn).join(', ')}.`,
  );
});

policyRoutes.post('/:name/policies/detach', async (c) => {
  const name = c.req.param('name');
  const arn = text(await readForm(c), 'policy_arn', 2048);
  const r = await attempt(() => c.var.iam.call('DetachRolePolicy', { RoleName: name, PolicyArn: arn }));
  if (!r.ok) return renderRole(c, name, apiProblem(r.error));
  return backToSection(c, name, 'permissions', `Detached ${nameOfArn(arn)} from ${name}.`);
});

async function boundaryPage(c: ConsoleContext, role: Role, problem?: Problem) {
  const n = role.RoleName;
  const filter = filterOf(c);
  const found = await policyChoices(c, filter, 50);
  const current = role.PermissionsBoundary?.PermissionsBoundaryArn;
  const action = roleUrl(n, '/boundary');
  const error = problem?.errors?.boundary_arn;
  return rolePage(
    c,
    {
      title: `Permissions boundary of ${n}`,
      crumbs: [ROLES_CRUMB, [n, roleUrl(n)]],
      ...(problem ? { status: problem.status } : {}),
    },
    <>
      <PageHeader
        title={`Permissions boundary of ${n}`}
        lead="A boundary caps what the role's policies can allow: the role may do only what both allow."
      />
      <ErrorSummary message={problem?.message} errors={problem?.errors} />
      <p>
        {current ? (
          <>
            Now: <span class="mono">{current}</span>
          </>
        ) : (
          'No boundary is set now.'
        )}
      </p>
      <FilterForm action={action} value={filter} />
      {found.denied ? <p class="warning">You cannot list policies here: {found.denied}</p> : null}
      <form method="post" action={action} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <fieldset class={error ? 'field has-error role-picks' : 'field role-picks'} id="boundary_arn">
          <legend>Policy to use as the boundary</legend>
          {error ? <p class="field-error">{error}</p> : null}
          {found.items.length === 0 ? <p class="muted">No policies match the filter.</p> : null}
          {found.items.map((p, i) => (
            <div class="check">
              <input type="radio" id={`boundary-${i}`} name="boundary_arn" value={p.Arn} checked={p.Arn === current} />
              <label for={`boundary-${i}`}>
                {p.PolicyName}
                <span class="hint mono">{p.Arn}</span>
              </label>
            </div>
          ))}
        </fieldset>
        {found.more ? <p class="hint">More policies match than are shown: narrow the filter.</p> : null}
        <div class="button-row">
          <button type="submit">Set boundary</button>
          <a href={roleUrl(n, '#permissions')}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

policyRoutes.get('/:name/boundary', async (c) => {
  const role = await getRole(c, c.req.param('name'));
  return isServiceLinked(role) ? protectedRole(c, role, 'permissions boundary') : boundaryPage(c, role);
});

policyRoutes.post('/:name/boundary', async (c) => {
  const arn = text(await readForm(c), 'boundary_arn', 2049);
  const role = await getRole(c, c.req.param('name'));
  if (isServiceLinked(role)) return protectedRole(c, role, 'permissions boundary');
  if (!arn.startsWith('arn:') || arn.length > 2048)
    return boundaryPage(c, role, fieldProblem({ boundary_arn: 'Choose a policy to use as the boundary' }));
  const n = role.RoleName;
  const r = await attempt(() => c.var.iam.call('PutRolePermissionsBoundary', { RoleName: n, PermissionsBoundary: arn }));
  if (!r.ok) return boundaryPage(c, role, { errors: { boundary_arn: r.error.message }, status: statusFor(r.error) });
  return backToSection(c, n, 'permissions', `The permissions boundary of ${n} is now ${nameOfArn(arn)}.`);
});

policyRoutes.post('/:name/boundary/delete', async (c) => {
  const name = c.req.param('name');
  const r = await attempt(() => c.var.iam.call('DeleteRolePermissionsBoundary', { RoleName: name }));
  if (!r.ok) return renderRole(c, name, apiProblem(r.error));
  return backToSection(c, name, 'permissions', `Removed the permissions boundary of ${name}.`);
});
