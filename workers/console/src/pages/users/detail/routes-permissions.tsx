// The Permissions section's changes: attach managed policies (a page of its own, with a name filter),
// detach one, create/edit/delete inline policies (a JSON editor page; the API judges the document and
// its MalformedPolicyDocument text is shown as is), and set or remove the permissions boundary.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../../env';
import { attempt, checked, list, page, readForm, statusFor, text } from '../../../render';
import { Checkbox, CsrfField, ErrorSummary, PageHeader, TextArea, TextField } from '../../../ui/components';
import { getInlineDocument, getUser, listAll, type AttachedPolicy, type ManagedPolicy } from './data';
import { Unavailable } from './parts';
import { apiProblem, backToSection, fieldProblem, IAM_NAME, userUrl, type Problem } from './shared';
import { renderUserDetail } from './view';

const SHOWN_POLICIES = 100;

export const permissionRoutes = new Hono<ConsoleEnv>();

const crumbs = (name: string) => [['Users', '/console/users'] as const, [name, userUrl(name)] as const];

async function attachPage(c: ConsoleContext, name: string, problem?: Problem) {
  const user = await getUser(c, name);
  const n = user.UserName;
  const filter = (c.req.query('filter') ?? '').trim().slice(0, 128);
  const [attached, policies] = await Promise.all([
    attempt(() => listAll<AttachedPolicy>(c, 'ListAttachedUserPolicies', { UserName: n }, 'AttachedPolicies')),
    attempt(() => listAll<ManagedPolicy>(c, 'ListPolicies', { Scope: 'All' }, 'Policies')),
  ]);
  const have = new Set(attached.ok ? attached.value.map((p) => p.PolicyArn) : []);
  const matching = policies.ok
    ? policies.value.filter((p) => !have.has(p.Arn) && p.PolicyName.toLowerCase().includes(filter.toLowerCase()))
    : [];
  // The AWS catalogue alone has ~1,600 policies: a page of checkboxes stays short, the filter finds the rest.
  const shown = matching.slice(0, SHOWN_POLICIES);
  const error = problem?.errors?.policy_arn;
  return page(
    c,
    { title: `Attach policies to ${n}`, section: 'users', crumbs: crumbs(n), ...(problem ? { status: problem.status } : {}) },
    <>
      <PageHeader title="Attach policies" lead={`To user ${n}`} />
      <ErrorSummary message={problem?.message} errors={problem?.errors} />
      <div class="panel">
        <form method="get" action={userUrl(n, '/permissions/attach')} class="stack user-detail-filter" role="search">
          <TextField label="Filter policies by name" name="filter" type="search" value={filter} />
          <div class="button-row">
            <button type="submit" class="secondary">
              Filter
            </button>
            {filter ? <a href={userUrl(n, '/permissions/attach')}>Show all policies</a> : null}
          </div>
        </form>
      </div>
      <div class="panel">
        {!policies.ok ? (
          <Unavailable error={policies.error} />
        ) : shown.length === 0 ? (
          <p class="muted">
            {filter ? `No policy that is not already attached has "${filter}" in its name.` : 'Every policy is already attached.'}
          </p>
        ) : (
          <form method="post" action={userUrl(n, '/permissions/attach')} class="stack">
            <CsrfField token={c.var.csrfToken} />
            <fieldset class={error ? 'field has-error user-detail-picks' : 'field user-detail-picks'} id="policy_arn">
              <legend>Policies to attach</legend>
              {error ? <p class="field-error">{error}</p> : null}
              {shown.map((p, i) => (
                <Checkbox name="policy_arn" value={p.Arn} id={`policy-${i}`} label={p.PolicyName} hint={p.Arn} />
              ))}
            </fieldset>
            {matching.length > shown.length ? (
              <p class="hint">
                Showing {shown.length} of {matching.length} policies: filter by name to find others.
              </p>
            ) : null}
            <div class="button-row">
              <button type="submit">Attach policies</button>
              <a href={userUrl(n, '#permissions')}>Cancel</a>
            </div>
          </form>
        )}
      </div>
    </>,
  );
}

permissionRoutes.get('/:name/permissions/attach', (c) => attachPage(c, c.req.param('name')));

permissionRoutes.post('/:name/permissions/attach', async (c) => {
  const name = c.req.param('name');
  const arns = list(await readForm(c), 'policy_arn', 20);
  if (arns.length === 0) return attachPage(c, name, fieldProblem({ policy_arn: 'Choose at least one policy to attach' }));
  const done: string[] = [];
  for (const arn of arns) {
    const r = await attempt(() => c.var.iam.call('AttachUserPolicy', { UserName: name, PolicyArn: arn }));
    if (!r.ok) {
      const before = done.length ? ` (attached before this was refused: ${done.join(', ')})` : '';
      return attachPage(c, name, { message: `${r.error.message}${before}`, status: statusFor(r.error) });
    }
    done.push(arn);
  }
  return backToSection(c, name, 'permissions', `Attached ${done.length === 1 ? 'policy' : 'policies'} ${done.join(', ')} to ${name}.`);
});

permissionRoutes.post('/:name/permissions/detach', async (c) => {
  const name = c.req.param('name');
  const arn = text(await readForm(c), 'policy_arn', 2048);
  const r = await attempt(() => c.var.iam.call('DetachUserPolicy', { UserName: name, PolicyArn: arn }));
  if (!r.ok) return renderUserDetail(c, name, apiProblem(r.error));
  return backToSection(c, name, 'permissions', `Detached policy ${arn} from ${name}.`);
});

const TEMPLATE = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [], Resource: '*' }] }, null, 2);

async function inlinePage(
  c: ConsoleContext,
  name: string,
  values: { policy_name: string; policy_document: string; editing: boolean },
  problem?: Problem,
) {
  const n = (await getUser(c, name)).UserName;
  const title = values.editing ? `Edit inline policy ${values.policy_name}` : 'Create inline policy';
  return page(
    c,
    { title, section: 'users', crumbs: crumbs(n), ...(problem ? { status: problem.status } : {}) },
    <>
      <PageHeader title={title} lead={`For user ${n}`} />
      <ErrorSummary message={problem?.message} errors={problem?.errors} />
      <div class="panel">
        <form method="post" action={userUrl(n, '/inline-policies/edit')} class="stack user-detail-editor">
          <CsrfField token={c.var.csrfToken} />
          {values.editing ? <input type="hidden" name="editing" value="1" /> : null}
          <TextField
            label="Policy name"
            name="policy_name"
            value={values.policy_name}
            error={problem?.errors?.policy_name}
            hint="Up to 128 letters, numbers and + = , . @ _ -. Saving under an existing name replaces that policy."
            maxlength={128}
          />
          <TextArea
            label="Policy document (JSON)"
            name="policy_document"
            value={values.policy_document}
            error={problem?.errors?.policy_document}
            hint="An IAM policy: a Version and one or more Statements with Effect, Action and Resource."
            rows={16}
          />
          <div class="button-row">
            <button type="submit">Save policy</button>
            <a href={userUrl(n, '#permissions')}>Cancel</a>
          </div>
        </form>
      </div>
    </>,
  );
}

permissionRoutes.get('/:name/inline-policies/edit', async (c) => {
  const name = c.req.param('name');
  const policy = c.req.query('policy')?.trim().slice(0, 128);
  if (!policy) return inlinePage(c, name, { policy_name: '', policy_document: TEMPLATE, editing: false });
  // A policy that does not exist (or may not be read) is the API's NoSuchEntity / AccessDenied page.
  const doc = await getInlineDocument(c, name, policy);
  return inlinePage(c, name, { policy_name: policy, policy_document: doc, editing: true });
});

permissionRoutes.post('/:name/inline-policies/edit', async (c) => {
  const name = c.req.param('name');
  const form = await readForm(c);
  const values = {
    policy_name: text(form, 'policy_name', 200),
    policy_document: text(form, 'policy_document', 20_000),
    editing: checked(form, 'editing'),
  };
  const errors: Record<string, string> = {};
  if (!values.policy_name) errors.policy_name = 'Enter a policy name';
  else if (values.policy_name.length > 128 || !IAM_NAME.test(values.policy_name))
    errors.policy_name = 'Use up to 128 letters, numbers and + = , . @ _ -';
  if (!values.policy_document) errors.policy_document = 'Enter the policy document';
  if (Object.keys(errors).length > 0) return inlinePage(c, name, values, fieldProblem(errors));
  const r = await attempt(() =>
    c.var.iam.call('PutUserPolicy', { UserName: name, PolicyName: values.policy_name, PolicyDocument: values.policy_document }),
  );
  if (!r.ok) return inlinePage(c, name, values, apiProblem(r.error));
  return backToSection(c, name, 'permissions', `Saved inline policy ${values.policy_name} of ${name}.`);
});

permissionRoutes.post('/:name/inline-policies/delete', async (c) => {
  const name = c.req.param('name');
  const policy = text(await readForm(c), 'policy_name', 128);
  const r = await attempt(() => c.var.iam.call('DeleteUserPolicy', { UserName: name, PolicyName: policy }));
  if (!r.ok) return renderUserDetail(c, name, apiProblem(r.error));
  return backToSection(c, name, 'permissions', `Deleted inline policy ${policy} of ${name}.`);
});

permissionRoutes.post('/:name/permissions-boundary', async (c) => {
  const name = c.req.param('name');
  const arn = text(await readForm(c), 'boundary_arn', 2048);
  const values = { boundary_arn: arn };
  if (!arn.startsWith('arn:')) {
    return renderUserDetail(c, name, fieldProblem({ boundary_arn: "Enter a managed policy's ARN, starting with arn:" }, values));
  }
  const r = await attempt(() => c.var.iam.call('PutUserPermissionsBoundary', { UserName: name, PermissionsBoundary: arn }));
  if (!r.ok) return renderUserDetail(c, name, apiProblem(r.error, values));
  return backToSection(c, name, 'permissions', `The permissions boundary of ${name} is now ${arn}.`);
});

permissionRoutes.post('/:name/permissions-boundary/delete', async (c) => {
  const name = c.req.param('name');
  const r = await attempt(() => c.var.iam.call('DeleteUserPermissionsBoundary', { UserName: name }));
  if (!r.ok) return renderUserDetail(c, name, apiProblem(r.error));
  return backToSection(c, name, 'permissions', `Removed the permissions boundary of ${name}.`);
});
