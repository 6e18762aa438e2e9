// GET/POST /console/groups/new: create a user group with a name, an optional path and policies picked
// from a searchable list (ListPolicies, Scope All). CreateGroup goes first, so an invalid or taken
// name creates nothing and attaches nothing; then AttachGroupPolicy runs for each policy chosen.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, list, page, readForm, redirectWithNotice, statusFor, text, type IamError } from '../../render';
import { CsrfField, ErrorSummary, PageHeader, TextField, type FieldErrors } from '../../ui/components';
import { applyEach, FilterForm, findPolicies, groupPath, nameProblem, pathProblem, plural, PolicyChecklist } from './shared';

export const newGroupPages = new Hono<ConsoleEnv>();

interface Draft {
  name: string;
  path: string;
  filter: string;
  policies: string[];
}

async function renderForm(
  c: ConsoleContext,
  draft: Draft,
  problem: { error?: IamError; fields?: FieldErrors; status?: 400 | 403 | 404 | 409 | 429 } = {},
) {
  const found = await attempt(() => findPolicies(c, draft.filter));
  return page(
    c,
    { title: 'Create user group', section: 'groups', crumbs: [['User groups', '/console/groups']], status: problem.status },
    <>
      <ErrorSummary message={problem.error?.message} errors={problem.fields} />
      <PageHeader
        title="Create user group"
        lead="Name the group and choose the policies its users get. You can add users after creating it."
      />
      <FilterForm
        action="/console/groups/new"
        label="Filter policies by name"
        value={draft.filter}
        keep={{ name: draft.name, path: draft.path }}
      />
      <form method="post" action="/console/groups/new" class="stack">
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="filter" value={draft.filter} />
        <TextField
          label="User group name"
          name="name"
          value={draft.name}
          maxlength={128}
          required
          error={problem.fields?.name}
          hint="Up to 128 letters, digits and + = , . @ _ -. Names are unique in the account, whatever their case."
        />
        <TextField
          label="Path (optional)"
          name="path"
          value={draft.path}
          error={problem.fields?.path}
          hint="Leave empty for /. A path such as /teams/ groups names in ARNs."
        />
        {found.ok ? (
          <PolicyChecklist
            legend="Attach permissions policies (optional)"
            policies={found.value.policies}
            more={found.value.more}
            chosen={draft.policies}
            error={problem.fields?.policy}
          />
        ) : (
          <p class="warning">The policies cannot be listed for you: {found.error.message}</p>
        )}
        <div class="button-row">
          <button type="submit">Create user group</button>
          <a href="/console/groups">Cancel</a>
        </div>
      </form>
    </>,
  );
}

newGroupPages.get('/', (c) =>
  renderForm(c, {
    name: (c.req.query('name') ?? '').slice(0, 128),
    path: (c.req.query('path') ?? '').slice(0, 512),
    filter: (c.req.query('filter') ?? '').trim().slice(0, 128),
    policies: [],
  }),
);

newGroupPages.post('/', async (c) => {
  const form = await readForm(c);
  // Read longer than allowed, so a too-long value is reported rather than silently cut.
  const draft: Draft = {
    name: text(form, 'name', 1024),
    path: text(form, 'path', 1024),
    filter: text(form, 'filter', 128),
    policies: list(form, 'policy', 20),
  };
  const fields: Record<string, string> = {};
  const nameError = nameProblem(draft.name, 'group name');
  if (nameError) fields.name = nameError;
  const pathError = pathProblem(draft.path);
  if (pathError) fields.path = pathError;
  if (Object.keys(fields).length > 0) return renderForm(c, draft, { fields, status: 400 });

  const created = await attempt(() => c.var.iam.call('CreateGroup', { GroupName: draft.name, Path: draft.path || undefined }));
  if (!created.ok) {
    const e = created.error;
    const onName = e.code === 'EntityAlreadyExists' ? { name: e.message } : undefined;
    return renderForm(c, draft, { error: onName ? undefined : e, fields: onName, status: statusFor(e) });
  }
  const attached = await applyEach(draft.policies, (arn) => c.var.iam.call('AttachGroupPolicy', { GroupName: draft.name, PolicyArn: arn }));
  const failed = attached.failed
    ? ` ${plural(draft.policies.length - attached.done.length, 'policy', 'policies')} could not be attached: ${attached.failed.error.message}`
    : '';
  return redirectWithNotice(c, groupPath(draft.name), `User group ${draft.name} was created.${failed}`);
});
