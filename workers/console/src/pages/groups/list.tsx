// GET /console/groups: the account's user groups (ListGroups), narrowed by a name filter and paged with
// the API's Marker, with each shown group's member and attached-policy counts. Counts are read only
// for the page shown, and a group the person may not read shows why instead of failing the page.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, noticeOf, page } from '../../render';
import { ButtonLink, DataTable, Notice, PageHeader, Pager, Time } from '../../ui/components';
import { FilterForm, groupPath, type Group } from './shared';

export const groupListPages = new Hono<ConsoleEnv>();

const PAGE_SIZE = 25;
// With a filter, at most this many API pages are read looking for matches before showing what was found.
const FILTER_READS = 10;

interface GroupsPage {
  Groups?: Group[];
  IsTruncated?: boolean;
  Marker?: string;
}

/** One page of groups whose names contain `filter`; `next` continues after the last API page read. */
async function findGroups(c: ConsoleContext, filter: string, marker: string | undefined) {
  const found: Group[] = [];
  let next = marker;
  for (let read = 0; read < (filter ? FILTER_READS : 1); read++) {
    const out = await c.var.iam.call<GroupsPage>('ListGroups', { MaxItems: PAGE_SIZE, Marker: next });
    const needle = filter.toLowerCase();
    found.push(...(out.Groups ?? []).filter((g) => g.GroupName.toLowerCase().includes(needle)));
    next = out.IsTruncated ? out.Marker : undefined;
    if (!next || found.length >= PAGE_SIZE) break;
  }
  return { groups: found, next };
}

const count = (n: number, truncated: boolean | undefined) => (truncated ? `${n}+` : String(n));

/** Members and attached policies of one group, or the API's reason it cannot be read. */
async function groupCounts(c: ConsoleContext, name: string) {
  const [members, attached] = await Promise.all([
    attempt(() => c.var.iam.call<{ Users?: unknown[]; IsTruncated?: boolean }>('GetGroup', { GroupName: name, MaxItems: 1000 })),
    attempt(() =>
      c.var.iam.call<{ AttachedPolicies?: unknown[]; IsTruncated?: boolean }>('ListAttachedGroupPolicies', {
        GroupName: name,
        MaxItems: 1000,
      }),
    ),
  ]);
  return {
    users: members.ok ? count(members.value.Users?.length ?? 0, members.value.IsTruncated) : 'Not allowed to read',
    policies: attached.ok ? count(attached.value.AttachedPolicies?.length ?? 0, attached.value.IsTruncated) : 'Not allowed to read',
  };
}

groupListPages.get('/', async (c) => {
  const filter = (c.req.query('filter') ?? '').trim().slice(0, 128);
  const marker = c.req.query('marker') || undefined;
  const { groups, next } = await findGroups(c, filter, marker);
  const counts = await Promise.all(groups.map((g) => groupCounts(c, g.GroupName)));
  const link = (m: string | undefined) => {
    const q = new URLSearchParams({ ...(filter ? { filter } : {}), ...(m ? { marker: m } : {}) }).toString();
    return q ? `/console/groups?${q}` : '/console/groups';
  };
  return page(
    c,
    { title: 'User groups', section: 'groups' },
    <>
      <Notice message={noticeOf(c)} />
      <PageHeader
        title="User groups"
        lead="A user group is a collection of users. Policies attached to a group apply to every user in it."
        actions={<ButtonLink href="/console/groups/new" label="Create group" />}
      />
      <FilterForm action="/console/groups" label="Find groups by name" value={filter} />
      <DataTable
        caption={filter ? `User groups whose name contains “${filter}”` : 'User groups'}
        head={['Group name', 'Users', 'Attached policies', 'Created']}
        empty={filter ? 'No groups match the filter.' : 'There are no user groups yet.'}
        rows={groups.map((g, i) => [
          <a href={groupPath(g.GroupName)}>{g.GroupName}</a>,
          counts[i]!.users,
          counts[i]!.policies,
          <Time value={g.CreateDate} />,
        ])}
      />
      <Pager next={next ? link(next) : null} first={marker ? link(undefined) : null} />
    </>,
  );
});
