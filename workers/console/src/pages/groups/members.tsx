// A group's users: the "add users" page (the account's users from ListUsers as checkboxes, narrowed by
// a name filter, members already in the group left out) posting AddUserToGroup for each, and the
// one-button RemoveUserFromGroup of the group page.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { list, page, readForm, redirectWithNotice, statusFor, text, type IamError } from '../../render';
import { Checkbox, CsrfField, ErrorSummary, PageHeader, type FieldErrors } from '../../ui/components';
import { orShowGroup } from './detail';
import { applyEach, FilterForm, findUsers, groupPath, nameProblem, plural, SHOWN, type Group, type IamUser } from './shared';

export const groupMemberPages = new Hono<ConsoleEnv>();

async function renderAdd(
  c: ConsoleContext,
  name: string,
  draft: { filter: string; chosen: string[] },
  problem: { error?: IamError; fields?: FieldErrors; status?: 400 | 403 | 404 | 409 | 429 } = {},
) {
  // The group first: a missing one (or another account's) is NoSuchEntity before anything else is read.
  const got = await c.var.iam.call<{ Group: Group; Users?: IamUser[] }>('GetGroup', { GroupName: name, MaxItems: 1000 });
  const members = new Set((got.Users ?? []).map((u) => u.UserName));
  const found = await findUsers(c, draft.filter);
  const candidates = found.users.filter((u) => !members.has(u.UserName));
  const base = groupPath(got.Group.GroupName);
  return page(
    c,
    {
      title: `Add users to ${got.Group.GroupName}`,
      section: 'groups',
      crumbs: [
        ['User groups', '/console/groups'],
        [got.Group.GroupName, base],
      ],
      status: problem.status,
    },
    <>
      <ErrorSummary message={problem.error?.message} errors={problem.fields} />
      <PageHeader title={`Add users to ${got.Group.GroupName}`} lead="The users you add get the group's permissions." />
      <FilterForm action={`${base}/users/add`} label="Filter users by name" value={draft.filter} />
      <form method="post" action={`${base}/users/add`} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="filter" value={draft.filter} />
        <fieldset class={problem.fields?.user ? 'field has-error group-picks' : 'field group-picks'} id="user">
          <legend>Users to add</legend>
          {problem.fields?.user ? <p class="field-error">{problem.fields.user}</p> : null}
          {candidates.length === 0 ? <p class="muted">No other users match.</p> : null}
          {candidates.slice(0, SHOWN).map((u) => (
            <Checkbox
              name="user"
              value={u.UserName}
              id={`user-${u.UserName}`}
              checked={draft.chosen.includes(u.UserName)}
              label={u.UserName}
            />
          ))}
          {candidates.length > SHOWN || found.more ? <p class="hint">Not every user is shown. Narrow the filter to find others.</p> : null}
        </fieldset>
        <div class="button-row">
          <button type="submit">Add users</button>
          <a href={base}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

groupMemberPages.get('/:name/users/add', (c) =>
  renderAdd(c, c.req.param('name'), { filter: (c.req.query('filter') ?? '').trim().slice(0, 64), chosen: [] }),
);

groupMemberPages.post('/:name/users/add', async (c) => {
  const name = c.req.param('name');
  const form = await readForm(c);
  const draft = { filter: text(form, 'filter', 64), chosen: list(form, 'user', 100) };
  const bad = draft.chosen.find((u) => nameProblem(u, 'user name') || u.length > 64);
  if (draft.chosen.length === 0 || bad) {
    return renderAdd(c, name, draft, { fields: { user: bad ? `${bad} is not a user name` : 'Choose at least one user' }, status: 400 });
  }
  const added = await applyEach(draft.chosen, (user) => c.var.iam.call('AddUserToGroup', { GroupName: name, UserName: user }));
  if (added.failed && added.done.length === 0) {
    return renderAdd(c, name, draft, { error: added.failed.error, status: statusFor(added.failed.error) });
  }
  const failed = added.failed ? ` ${added.failed.item} and any after it were not added: ${added.failed.error.message}` : '';
  return redirectWithNotice(c, `${groupPath(name)}#users`, `Added ${plural(added.done.length, 'user')} to ${name}.${failed}`);
});

groupMemberPages.post('/:name/users/remove', async (c) => {
  const name = c.req.param('name');
  const user = text(await readForm(c), 'user', 64);
  return orShowGroup(c, name, async () => {
    await c.var.iam.call('RemoveUserFromGroup', { GroupName: name, UserName: user });
    return redirectWithNotice(c, `${groupPath(name)}#users`, `Removed ${user} from ${name}.`);
  });
});
