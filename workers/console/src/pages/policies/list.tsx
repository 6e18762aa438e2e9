// GET /console/policies: the policies this account can use — its own and AWS's whole managed catalogue
// (about 1,400) — filtered by type (ListPolicies Scope, and PathPrefix /job-function/ for AWS's job
// functions), "attached only" (OnlyAttached) and a name search. The API has no name filter, so a search
// reads names in bounded batches (lists.ts scan) and pages over the matches; without one, the API's own
// Marker pages. ListPolicies carries no descriptions, so the shown page's are read with GetPolicy.
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { IamError } from '@edge-iam/core';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { scan } from '../../lists';
import type { QueryParams } from '../../iam-api';
import { attempt, noticeOf, page } from '../../render';
import { ButtonLink, Checkbox, DataTable, Notice, PageHeader, Pager, TextField } from '../../ui/components';
import { BASE, getPolicy, policyType, TYPE_LABEL, viewUrl, type Policy } from './shared';

export const policyListPages = new Hono<ConsoleEnv>();

const PAGE_SIZE = 25;
// Search pages are numbered; past this many the person should narrow the search instead.
const MAX_SEARCH_PAGE = 40;

const TYPES = {
  all: { label: 'All types', params: { Scope: 'All' } },
  aws: { label: 'AWS managed', params: { Scope: 'AWS' } },
  customer: { label: 'Customer managed', params: { Scope: 'Local' } },
  'job-function': { label: 'AWS managed – job function', params: { Scope: 'AWS', PathPrefix: '/job-function/' } },
} as const satisfies Record<string, { label: string; params: QueryParams }>;
type TypeFilter = keyof typeof TYPES;

interface Filters {
  type: TypeFilter;
  attached: boolean;
  search: string;
}

function filtersOf(c: ConsoleContext): Filters {
  const type = c.req.query('type') ?? 'all';
  return {
    type: type in TYPES ? (type as TypeFilter) : 'all',
    attached: c.req.query('attached') === 'on',
    search: (c.req.query('search') ?? '').trim().slice(0, 128),
  };
}

function listUrl(f: Filters, more: { marker?: string; page?: number } = {}): string {
  const q = new URLSearchParams();
  if (f.type !== 'all') q.set('type', f.type);
  if (f.attached) q.set('attached', 'on');
  if (f.search) q.set('search', f.search);
  if (more.marker) q.set('marker', more.marker);
  if (more.page && more.page > 1) q.set('page', String(more.page));
  const s = q.toString();
  return s ? `${BASE}?${s}` : BASE;
}

interface Found {
  policies: Policy[];
  next: string | null;
  first: string | null;
  /** the bounded read stopped before the catalogue's end: the person should narrow the search */
  capped: boolean;
}

async function findPolicies(c: ConsoleContext, f: Filters): Promise<Found> {
  const params: QueryParams = { ...TYPES[f.type].params, ...(f.attached ? { OnlyAttached: true } : {}) };
  if (!f.search) {
    const marker = c.req.query('marker') || undefined;
    const out = await c.var.iam.call<{ Policies?: Policy[]; IsTruncated?: boolean; Marker?: string }>('ListPolicies', {
      ...params,
      MaxItems: PAGE_SIZE,
      Marker: marker,
    });
    return {
      policies: out.Policies ?? [],
      next: out.IsTruncated && out.Marker ? listUrl(f, { marker: out.Marker }) : null,
      first: marker ? listUrl(f) : null,
      capped: false,
    };
  }
  const pageNo = Math.min(Math.max(Number.parseInt(c.req.query('page') ?? '1', 10) || 1, 1), MAX_SEARCH_PAGE);
  const needle = f.search.toLowerCase();
  const shown = pageNo * PAGE_SIZE;
  const found = await scan<Policy>(c, 'ListPolicies', params, 'Policies', (p) => p.PolicyName.toLowerCase().includes(needle), shown);
  // A refusal here is the whole page's answer, as it is without a search.
  if (found.denied) throw new IamError('AccessDenied', found.denied);
  const full = found.items.length === shown;
  return {
    policies: found.items.slice(shown - PAGE_SIZE),
    next: found.more && full && pageNo < MAX_SEARCH_PAGE ? listUrl(f, { page: pageNo + 1 }) : null,
    first: pageNo > 1 ? listUrl(f) : null,
    capped: found.more && (!full || pageNo === MAX_SEARCH_PAGE),
  };
}

const FilterForm: FC<{ f: Filters }> = ({ f }) => (
  <form method="get" action={BASE} class="policies-filter" role="search" aria-label="Filter policies">
    <TextField label="Search by policy name" name="search" type="search" value={f.search} hint="Part of the name, in any case" />
    <div class="field">
      <label for="type">Type</label>
      <select id="type" name="type">
        {Object.entries(TYPES).map(([value, t]) => (
          <option value={value} selected={f.type === value}>
            {t.label}
          </option>
        ))}
      </select>
    </div>
    <Checkbox name="attached" label="Attached to users, groups or roles only" checked={f.attached} />
    <div class="button-row">
      <button type="submit" class="secondary">
        Apply filters
      </button>
      {f.search || f.type !== 'all' || f.attached ? <a href={BASE}>Clear filters</a> : null}
    </div>
  </form>
);

policyListPages.get('/', async (c) => {
  const f = filtersOf(c);
  const found = await findPolicies(c, f);
  // Descriptions of the page shown only; one the person may not read shows a dash.
  const details = await Promise.all(found.policies.map((p) => attempt(() => getPolicy(c, p.Arn))));
  const caption = [TYPES[f.type].label, f.attached ? 'attached' : '', f.search ? `named like “${f.search}”` : '']
    .filter(Boolean)
    .join(', ');
  return page(
    c,
    { title: 'Policies', section: 'policies' },
    <>
      <Notice message={noticeOf(c)} />
      <PageHeader
        title="Policies"
        lead="A policy is a document that defines permissions. Attach one to users, groups or roles to grant what it allows."
        actions={<ButtonLink href={`${BASE}/new`} label="Create policy" />}
      />
      <FilterForm f={f} />
      <DataTable
        caption={`Policies: ${caption}`}
        head={['Policy name', 'Type', 'Attached entities', 'Description']}
        empty={f.search ? 'No policies match the search.' : 'No policies match the filters.'}
        rows={found.policies.map((p, i) => {
          const d = details[i]!;
          return [
            <a href={viewUrl(p.Arn)}>{p.PolicyName}</a>,
            TYPE_LABEL[policyType(p)],
            String(p.AttachmentCount ?? 0),
            d.ok ? (d.value.Description ?? <span class="muted">—</span>) : <span class="muted">Not allowed to read</span>,
          ];
        })}
      />
      {found.capped ? (
        <p class="warning" role="status">
          The search stopped before it read every policy, so there may be more matches than these. Narrow your search to find others.
        </p>
      ) : null}
      <Pager next={found.next} first={found.first} />
    </>,
  );
});
