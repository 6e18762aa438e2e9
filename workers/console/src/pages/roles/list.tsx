// GET /console/roles: the account's roles (ListRoles), a page at a time, with who may assume each in
// words, when it was made and when it was last used, a name search and "Create role".
//
// ListRoles leaves out RoleLastUsed (as AWS's does), so each role shown costs one GetRole: the cost
// grows with the page (20 roles), never with the account. A role the person may not GetRole shows
// "—" in that column rather than failing the page. Without iam:ListRoles there is no list: the
// API's AccessDenied becomes the page (403).
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, noticeOf } from '../../render';
import { ButtonLink, DataTable, Notice, PageHeader, Pager, Time, readablePolicy } from '../../ui/components';
import { contains, roleUrl, type Role } from './shared';
import { trustedEntitiesLine } from './trust';
import { rolePage } from './frame';

export const roleListPages = new Hono<ConsoleEnv>();

const PAGE_SIZE = 20;
// A search reads names in pages of 1,000 (ListRoles has no name filter); one request reads at most
// SEARCH_BUDGET names, then "Next page" carries on from where it stopped.
const SEARCH_BATCH = 1000;
const SEARCH_BUDGET = 10_000;

interface ListRolesResult {
  Roles?: Role[];
  IsTruncated?: boolean;
  Marker?: string;
}

/** Where a page starts: after the API's Marker, skipping the first `skip` roles of that batch (search only). */
interface Position {
  marker?: string | undefined;
  skip: number;
}

interface Found {
  roles: Role[];
  next: Position | null;
  stopped?: boolean;
}

async function plainPage(c: ConsoleContext, at: Position): Promise<Found> {
  const r = await c.var.iam.call<ListRolesResult>('ListRoles', { MaxItems: PAGE_SIZE, Marker: at.marker });
  return { roles: r.Roles ?? [], next: r.IsTruncated && r.Marker ? { marker: r.Marker, skip: 0 } : null };
}

async function searchPage(c: ConsoleContext, needle: string, start: Position): Promise<Found> {
  const roles: Role[] = [];
  let at = start;
  let scanned = 0;
  for (;;) {
    const r = await c.var.iam.call<ListRolesResult>('ListRoles', { MaxItems: SEARCH_BATCH, Marker: at.marker });
    const batch = r.Roles ?? [];
    for (let i = at.skip; i < batch.length; i++) {
      scanned++;
      if (!contains(batch[i]!.RoleName, needle)) continue;
      roles.push(batch[i]!);
      if (roles.length < PAGE_SIZE) continue;
      // The page is full: the next one resumes inside this batch, right after this role.
      if (i + 1 < batch.length) return { roles, next: { marker: at.marker, skip: i + 1 } };
      return { roles, next: r.IsTruncated && r.Marker ? { marker: r.Marker, skip: 0 } : null };
    }
    if (!r.IsTruncated || !r.Marker) return { roles, next: null };
    at = { marker: r.Marker, skip: 0 };
    if (scanned >= SEARCH_BUDGET) return { roles, next: at, stopped: true };
  }
}

function pageUrl(search: string, at: Position): string {
  const q = new URLSearchParams();
  if (search) q.set('search', search);
  if (at.marker) q.set('Marker', at.marker);
  if (at.skip) q.set('skip', String(at.skip));
  const s = q.toString();
  return s ? `/console/roles?${s}` : '/console/roles';
}

const dash = (
  <span class="muted">
    —<span class="visually-hidden"> (you may not see this)</span>
  </span>
);

roleListPages.get('/', async (c) => {
  const search = (c.req.query('search') ?? '').trim().slice(0, 64);
  const skip = Number.parseInt(c.req.query('skip') ?? '', 10);
  const start: Position = { marker: c.req.query('Marker')?.slice(0, 320) || undefined, skip: Number.isFinite(skip) && skip > 0 ? skip : 0 };
  const found = search ? await searchPage(c, search, start) : await plainPage(c, start);
  const lastUsed = await Promise.all(
    found.roles.map((r) => attempt(() => c.var.iam.call<{ Role: Role }>('GetRole', { RoleName: r.RoleName }))),
  );
  const accountId = c.var.session.principal.accountId;
  const paged = Boolean(start.marker || start.skip);
  return rolePage(
    c,
    { title: 'Roles', crumbs: [['IAM', '/console']] },
    <>
      <Notice message={noticeOf(c)} />
      <PageHeader
        title="Roles"
        lead="A role is an identity with permissions that people, applications or services assume for a while, with temporary credentials."
        actions={<ButtonLink href="/console/roles/new" label="Create role" />}
      />
      <form method="get" action="/console/roles" class="role-search" role="search">
        <label for="search">Search roles by name</label>
        <div class="role-search-row">
          <input type="search" id="search" name="search" value={search} maxlength={64} autocomplete="off" spellcheck={false} />
          <button type="submit" class="secondary">
            Search
          </button>
          {search ? <a href="/console/roles">Clear search</a> : null}
        </div>
      </form>
      {search ? (
        <p class="muted" role="status">
          {found.roles.length} {found.roles.length === 1 ? 'role' : 'roles'} with names containing “{search}” on this page
          {found.stopped ? ' (the search stopped after 10,000 names; Next page searches on)' : ''}.
        </p>
      ) : null}
      <DataTable
        caption={search ? `Roles matching “${search}”` : 'Roles'}
        head={['Role name', 'Trusted entities', 'Created', 'Last activity']}
        empty={
          search
            ? 'No roles with names containing that text.'
            : 'No roles yet. Create a role to let a service, account or user act with its permissions.'
        }
        rows={found.roles.map((r, i) => {
          const got = lastUsed[i]!;
          return [
            <a href={roleUrl(r.RoleName)}>{r.RoleName}</a>,
            trustedEntitiesLine(readablePolicy(r.AssumeRolePolicyDocument), accountId),
            <Time value={r.CreateDate} />,
            got.ok ? <Time value={got.value.Role.RoleLastUsed?.LastUsedDate} never="Not used yet" /> : dash,
          ];
        })}
      />
      <Pager next={found.next ? pageUrl(search, found.next) : null} first={paged ? pageUrl(search, { skip: 0 }) : null} />
    </>,
  );
});
