// A group's managed policies: the "attach policies" page (the searchable ListPolicies list, policies
// already attached left out) posting AttachGroupPolicy for each, and the group page's one-button
// DetachGroupPolicy.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, list, page, readForm, redirectWithNotice, statusFor, text, type IamError } from '../../render';
import { CsrfField, ErrorSummary, PageHeader, type FieldErrors } from '../../ui/components';
import { orShowGroup } from './detail';
import { applyEach, FilterForm, findPolicies, groupPath, plural, PolicyChecklist, type AttachedPolicy, type Group } from './shared';

export const groupPolicyPages = new Hono<ConsoleEnv>();

async function renderAttach(
  c: ConsoleContext,
  name: string,
  draft: { filter: string; chosen: string[] },
  problem: { error?: IamError; fields?: FieldErrors; status?: 400 | 403 | 404 | 409 | 429 } = {},
) {
  const iam = c.var.iam;
  const { Group: g } = await iam.call<{ Group: Group }>('GetGroup', { GroupName: name, MaxItems: 1 });
  const attached = await attempt(() =>
    iam.call<{ AttachedPolicies?: AttachedPolicy[] }>('ListAttachedGroupPolicies', { GroupName: name, MaxItems: 1000 }),
  );
  const have = new Set(attached.ok ? (attached.value.AttachedPolicies ?? []).map((p) => p.PolicyArn) : []);
  const found = await findPolicies(c, draft.filter);
  const base = groupPath(g.GroupName);
  return page(
    c,
    {
      title: `Attach policies to ${g.GroupName}`,
      section: 'groups',
      crumbs: [
        ['User groups', '/console/groups'],
        [g.GroupName, base],
      ],
      status: problem.status,
    },
    <>
      <ErrorSummary message={problem.error?.message} errors={problem.fields} />
      <PageHeader
        title={`Attach policies to ${g.GroupName}`}
        lead="Every user in the group gets the permissions of the policies you attach."
      />
      <FilterForm action={`${base}/policies/attach`} label="Filter policies by name" value={draft.filter} />
      <form method="post" action={`${base}/policies/attach`} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="filter" value={draft.filter} />
        <PolicyChecklist
          legend="Policies to attach"
          policies={found.policies.filter((p) => !have.has(p.Arn))}
          more={found.more}
          chosen={draft.chosen}
          error={problem.fields?.policy}
        />
        <div class="button-row">
          <button type="submit">Attach policies</button>
          <a href={`${base}#policies`}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

groupPolicyPages.get('/:name/policies/attach', (c) =>
  renderAttach(c, c.req.param('name'), { filter: (c.req.query('filter') ?? '').trim().slice(0, 128), chosen: [] }),
);

groupPolicyPages.post('/:name/policies/attach', async (c) => {
  const name = c.req.param('name');
  const form = await readForm(c);
  const draft = { filter: text(form, 'filter', 128), chosen: list(form, 'policy', 20) };
  if (draft.chosen.length === 0) return renderAttach(c, name, draft, { fields: { policy: 'Choose at least one policy' }, status: 400 });
  const done = await applyEach(draft.chosen, (arn) => c.var.iam.call('AttachGroupPolicy', { GroupName: name, PolicyArn: arn }));
  if (done.failed && done.done.length === 0)
    return renderAttach(c, name, draft, { error: done.failed.error, status: statusFor(done.failed.error) });
  const failed = done.failed ? ` The others were not attached: ${done.failed.error.message}` : '';
  return redirectWithNotice(
    c,
    `${groupPath(name)}#policies`,
    `Attached ${plural(done.done.length, 'policy', 'policies')} to ${name}.${failed}`,
  );
});

groupPolicyPages.post('/:name/policies/detach', async (c) => {
  const name = c.req.param('name');
  const arn = text(await readForm(c), 'policy_arn', 2048);
  return orShowGroup(c, name, async () => {
    await c.var.iam.call('DetachGroupPolicy', { GroupName: name, PolicyArn: arn });
    return redirectWithNotice(c, `${groupPath(name)}#policies`, `Detached ${arn.split('/').pop()} from ${name}.`);
  });
});
