// GET /console/users: the account's IAM users, one page at a time, with what an administrator scans
// for (groups, MFA, password and access key age, last activity), a name search and "Add users".
//
// Cost: one ListUsers call for the page, then four calls per user on the page only (ListGroupsForUser,
// ListMFADevices, ListAccessKeys, GetLoginProfile, plus GetAccessKeyLastUsed per key), run in
// parallel. The cost grows with the page size, never with the account: 10,000 users cost the same
// page as 100 (scripts/bench-console.ts). Each call is a full IAM API request (token check,
// authorization, a few D1 reads), so the page holds 20 users by default, not AWS's 50; `MaxItems`
// asks for up to 100. The credential report would answer every column in one call, but it is
// account-wide (it reads every user) and up to four hours old: a user made a minute ago would be missing.
import { Hono } from 'hono';
import { isIamError } from '@edge-iam/core';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { encode, noticeOf, page } from '../../render';
import { ageInDays, ButtonLink, DataTable, Notice, PageHeader, Pager } from '../../ui/components';

export const userListPages = new Hono<ConsoleEnv>();

const PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
// A search reads names in pages of 1,000 (ListUsers has no name filter; AWS's console filters in the
// browser). One request reads at most SEARCH_BUDGET names; past that the page shows what it found
// and "Next page" carries on from where it stopped, so no request grows without bound.
const SEARCH_BATCH = 1000;
const SEARCH_BUDGET = 10_000;

interface ApiUser {
  UserName: string;
  Path: string;
  CreateDate: string;
  PasswordLastUsed?: string;
}
interface ListUsersResult {
  Users?: ApiUser[];
  IsTruncated?: boolean;
  Marker?: string;
}
type Lists<K extends string, T> = { [k in K]?: T[] };

/** Where a page starts: after the API's Marker, skipping the first `skip` users of that batch (search only). */
interface Position {
  marker?: string | undefined;
  skip: number;
}

/** One page of ListUsers, passed through. */
async function plainPage(c: ConsoleContext, size: number, at: Position) {
  const r = await c.var.iam.call<ListUsersResult>('ListUsers', { MaxItems: size, Marker: at.marker });
  return { users: r.Users ?? [], next: r.IsTruncated && r.Marker ? { marker: r.Marker, skip: 0 } : null, scanned: r.Users?.length ?? 0 };
}

/** Users whose name contains `needle` (case-insensitive), reading names until a page is full or the budget is spent. */
async function searchPage(c: ConsoleContext, needle: string, size: number, start: Position) {
  const found: ApiUser[] = [];
  let at: Position = start;
  let scanned = 0;
  for (;;) {
    const r = await c.var.iam.call<ListUsersResult>('ListUsers', { MaxItems: SEARCH_BATCH, Marker: at.marker });
    const batch = r.Users ?? [];
    for (let i = at.skip; i < batch.length; i++) {
      scanned++;
      if (!batch[i]!.UserName.toLowerCase().includes(needle)) continue;
      found.push(batch[i]!);
      // The page is full: the next one resumes inside this batch, right after this user.
      if (found.length === size && (i + 1 < batch.length || r.IsTruncated)) {
        return { users: found, next: i + 1 < batch.length ? { marker: at.marker, skip: i + 1 } : { marker: r.Marker, skip: 0 }, scanned };
      }
      if (found.length === size) return { users: found, next: null, scanned };
    }
    if (!r.IsTruncated || !r.Marker) return { users: found, next: null, scanned };
    at = { marker: r.Marker, skip: 0 };
    if (scanned >= SEARCH_BUDGET) return { users: found, next: at, scanned, stopped: true };
  }
}

const DENIED = Symbol('denied');
type Maybe<T> = T | typeof DENIED;

/** A per-row call: what the caller may not see (or that fails for them) shows as "—", not as an error page. */
async function optional<T>(work: () => Promise<T>): Promise<Maybe<T>> {
  try {
    return await work();
  } catch (e) {
    if (isIamError(e) && e.status < 500) return DENIED;
    throw e;
  }
}

interface Row {
  user: ApiUser;
  groups: Maybe<string[]>;
  mfa: Maybe<number>;
  /** null: no console password */
  login: Maybe<{ CreateDate: string } | null>;
  keys: Maybe<{ AccessKeyId: string; Status: string; CreateDate: string; lastUsed: string | null }[]>;
}

async function rowFor(c: ConsoleContext, user: ApiUser): Promise<Row> {
  const iam = c.var.iam;
  const UserName = user.UserName;
  const [groups, mfa, login, keys] = await Promise.all([
    optional(
      async () =>
        (await iam.call<Lists<'Groups', { GroupName: string }>>('ListGroupsForUser', { UserName })).Groups?.map((g) => g.GroupName) ?? [],
    ),
    optional(async () => (await iam.call<Lists<'MFADevices', unknown>>('ListMFADevices', { UserName })).MFADevices?.length ?? 0),
    optional(async () => {
      try {
        return (await iam.call<{ LoginProfile: { CreateDate: string } }>('GetLoginProfile', { UserName })).LoginProfile;
      } catch (e) {
        if (isIamError(e) && e.code === 'NoSuchEntity') return null;
        throw e;
      }
    }),
    optional(async () => {
      const listed = await iam.call<Lists<'AccessKeyMetadata', { AccessKeyId: string; Status: string; CreateDate: string }>>(
        'ListAccessKeys',
        {
          UserName,
        },
      );
      return Promise.all(
        (listed.AccessKeyMetadata ?? []).map(async (k) => {
          // Last use only feeds "Last activity"; a refusal here leaves the key's age standing.
          const used = await optional(() =>
            iam.call<{ AccessKeyLastUsed?: { LastUsedDate?: string } }>('GetAccessKeyLastUsed', { AccessKeyId: k.AccessKeyId }),
          );
          return { ...k, lastUsed: used === DENIED ? null : (used.AccessKeyLastUsed?.LastUsedDate ?? null) };
        }),
      );
    }),
  ]);
  return { user, groups, mfa, login, keys };
}

const dash = (
  <span class="muted">
    —<span class="visually-hidden"> (you may not see this)</span>
  </span>
);

function lastActivity(r: Row): string | null {
  const times = [r.user.PasswordLastUsed, ...(r.keys === DENIED ? [] : r.keys.map((k) => k.lastUsed))].filter((t): t is string => !!t);
  return times.sort().at(-1) ?? null;
}

function ago(iso: string, now: Date): string {
  const age = ageInDays(iso, now);
  return age === 'Today' || age === 'Yesterday' ? age : `${age} ago`;
}

function cells(r: Row, now: Date) {
  const active =
    r.keys === DENIED
      ? DENIED
      : r.keys
          .filter((k) => k.Status === 'Active')
          .map((k) => k.CreateDate)
          .sort();
  const last = lastActivity(r);
  return [
    <a href={`/console/users/${encode(r.user.UserName)}`}>{r.user.UserName}</a>,
    r.groups === DENIED ? dash : r.groups.length ? r.groups.join(', ') : <span class="muted">None</span>,
    r.mfa === DENIED ? dash : r.mfa > 0 ? 'Virtual MFA device' : <span class="muted">Not enabled</span>,
    // GetLoginProfile's CreateDate: when the console password was set.
    r.login === DENIED ? dash : r.login ? ageInDays(r.login.CreateDate, now) : <span class="muted">No console password</span>,
    // AWS's "Active key age": the oldest active key.
    active === DENIED ? dash : active[0] ? ageInDays(active[0], now) : <span class="muted">None</span>,
    last ? ago(last, now) : <span class="muted">Never</span>,
  ];
}

function pageUrl(search: string, size: number, at: Position): string {
  const q = new URLSearchParams();
  if (search) q.set('search', search);
  if (size !== PAGE_SIZE) q.set('MaxItems', String(size));
  if (at.marker) q.set('Marker', at.marker);
  if (at.skip) q.set('skip', String(at.skip));
  return `/console/users?${q}`;
}

userListPages.get('/', async (c) => {
  const search = (c.req.query('search') ?? '').trim().slice(0, 64);
  const requested = Number.parseInt(c.req.query('MaxItems') ?? '', 10);
  const size = Number.isFinite(requested) ? Math.min(Math.max(requested, 1), MAX_PAGE_SIZE) : PAGE_SIZE;
  const skip = Number.parseInt(c.req.query('skip') ?? '', 10);
  const start: Position = { marker: c.req.query('Marker')?.slice(0, 320) || undefined, skip: Number.isFinite(skip) && skip > 0 ? skip : 0 };
  // Without ListUsers there is no list to show: the API's AccessDenied text becomes the page (403).
  const found = search ? await searchPage(c, search.toLowerCase(), size, start) : await plainPage(c, size, start);
  const now = new Date();
  const rows = await Promise.all(found.users.map((u) => rowFor(c, u)));
  const paged = Boolean(start.marker || start.skip);
  return page(
    c,
    { title: 'Users', section: 'users', crumbs: [['IAM', '/console']] },
    <>
      <Notice message={noticeOf(c)} />
      <PageHeader
        title="Users"
        lead="An IAM user is an identity with long-term credentials that is used to interact with this account."
        actions={<ButtonLink href="/console/users/new" label="Add users" />}
      />
      <form method="get" action="/console/users" class="users-list-search" role="search">
        <label for="search">Search users by name</label>
        <div class="users-list-search-row">
          <input type="search" id="search" name="search" value={search} maxlength={64} autocomplete="off" spellcheck={false} />
          <button type="submit" class="secondary">
            Search
          </button>
          {search ? <a href="/console/users">Clear search</a> : null}
        </div>
      </form>
      {search ? (
        <p class="muted" role="status">
          {found.users.length} {found.users.length === 1 ? 'user' : 'users'} with names containing “{search}” on this page
          {'stopped' in found && found.stopped ? ` (searched ${found.scanned.toLocaleString('en')} names; Next page searches on)` : ''}.
        </p>
      ) : null}
      <DataTable
        caption={search ? `Users matching “${search}”` : 'Users'}
        head={['User name', 'Groups', 'MFA', 'Password age', 'Active key age', 'Last activity']}
        rows={rows.map((r) => cells(r, now))}
        empty={search ? 'No users with names containing that text.' : 'No users yet. Add users to give people access.'}
      />
      <Pager next={found.next ? pageUrl(search, size, found.next) : null} first={paged ? pageUrl(search, size, { skip: 0 }) : null} />
    </>,
  );
});
