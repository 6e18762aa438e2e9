// GET/POST /console/groups/:name/delete: delete a user group after the person types its name. As the
// AWS console does, the group is emptied first — users removed, managed policies detached, inline
// policies deleted — because DeleteGroup refuses a group that still has any (DeleteConflict).
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, page, readForm, redirectWithNotice, statusFor, text, type IamError } from '../../render';
import { CsrfField, ErrorSummary, PageHeader, TextField, type FieldErrors } from '../../ui/components';
import { applyEach, groupPath, plural, type AttachedPolicy, type Group, type IamUser } from './shared';

export const groupDeletePages = new Hono<ConsoleEnv>();

interface Contents {
  group: Group;
  users: string[];
  attached: string[];
  inline: string[];
}

/** Everything that must go before the group can: every member (all pages), attachment and inline policy. */
async function contents(c: ConsoleContext, name: string): Promise<Contents> {
  const iam = c.var.iam;
  const users: string[] = [];
  let group: Group | undefined;
  let marker: string | undefined;
  do {
    const got = await iam.call<{ Group: Group; Users?: IamUser[]; IsTruncated?: boolean; Marker?: string }>('GetGroup', {
      GroupName: name,
      MaxItems: 1000,
      Marker: marker,
    });
    group ??= got.Group;
    users.push(...(got.Users ?? []).map((u) => u.UserName));
    marker = got.IsTruncated ? got.Marker : undefined;
  } while (marker);
  const [attached, inline] = await Promise.all([
    iam.call<{ AttachedPolicies?: AttachedPolicy[] }>('ListAttachedGroupPolicies', { GroupName: name, MaxItems: 1000 }),
    iam.call<{ PolicyNames?: string[] }>('ListGroupPolicies', { GroupName: name, MaxItems: 1000 }),
  ]);
  if (!group) throw new Error('unreachable: GetGroup answered without a Group');
  return { group, users, attached: (attached.AttachedPolicies ?? []).map((p) => p.PolicyArn), inline: inline.PolicyNames ?? [] };
}

function renderConfirm(
  c: ConsoleContext,
  what: Contents,
  problem: { error?: IamError; message?: string; fields?: FieldErrors; status?: 400 | 403 | 404 | 409 | 429 } = {},
) {
  const g = what.group;
  const base = groupPath(g.GroupName);
  const effects = [
    what.users.length ? `remove ${plural(what.users.length, 'user')} from it` : '',
    what.attached.length ? `detach ${plural(what.attached.length, 'managed policy', 'managed policies')}` : '',
    what.inline.length ? `delete ${plural(what.inline.length, 'inline policy', 'inline policies')}` : '',
  ].filter(Boolean);
  return page(
    c,
    {
      title: `Delete user group ${g.GroupName}`,
      section: 'groups',
      crumbs: [
        ['User groups', '/console/groups'],
        [g.GroupName, base],
      ],
      status: problem.status,
    },
    <>
      <ErrorSummary message={problem.message ?? problem.error?.message} errors={problem.fields} />
      <PageHeader title={`Delete user group ${g.GroupName}`} />
      <div class="warning">
        <p>
          Deleting the group {effects.length ? `will first ${effects.join(', ')}, then delete the group` : 'deletes it'}. Its users lose the
          permissions they had through it. This cannot be undone.
        </p>
      </div>
      <form method="post" action={`${base}/delete`} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <TextField label={`To confirm, type the group name: ${g.GroupName}`} name="confirm" required error={problem.fields?.confirm} />
        <div class="button-row">
          <button type="submit" class="danger">
            Delete user group
          </button>
          <a href={base}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

groupDeletePages.get('/:name/delete', async (c) => renderConfirm(c, await contents(c, c.req.param('name'))));

groupDeletePages.post('/:name/delete', async (c) => {
  const confirm = text(await readForm(c), 'confirm', 200);
  const what = await contents(c, c.req.param('name'));
  const name = what.group.GroupName;
  if (confirm !== name) {
    const message = confirm ? `The text you typed is not ${name}` : `Type ${name} to confirm`;
    return renderConfirm(c, what, { fields: { confirm: message }, status: 400 });
  }
  const iam = c.var.iam;
  const steps: [string, string[], (item: string) => Promise<unknown>][] = [
    ['removed users', what.users, (u) => iam.call('RemoveUserFromGroup', { GroupName: name, UserName: u })],
    ['detached policies', what.attached, (arn) => iam.call('DetachGroupPolicy', { GroupName: name, PolicyArn: arn })],
    ['deleted inline policies', what.inline, (p) => iam.call('DeleteGroupPolicy', { GroupName: name, PolicyName: p })],
  ];
  const done: string[] = [];
  for (const [label, items, work] of steps) {
    const r = await applyEach(items, work);
    if (r.done.length) done.push(`${label}: ${r.done.length}`);
    if (r.failed) return stopped(c, name, r.failed.error, done);
  }
  const deleted = await attempt(() => iam.call('DeleteGroup', { GroupName: name }));
  if (!deleted.ok) return stopped(c, name, deleted.error, done);
  return redirectWithNotice(c, '/console/groups', `User group ${name} was deleted.`);
});

/** A refusal part way: the page says what was already done, and shows what is left. */
async function stopped(c: ConsoleContext, name: string, error: IamError, done: string[]) {
  const message = done.length ? `${error.message} Before that, the console ${done.join('; ')}.` : error.message;
  return renderConfirm(c, await contents(c, name), { message, status: statusFor(error) });
}
