// /console/audit: the account's audit trail from the identity worker's `GET /audit-log` (authorized as
// iam:GetAuditLog), filtered by time (UTC), action, actor and outcome, newest first, paged with the
// API's marker ("Older entries"). Filters a person mistyped get a 400 with the message beside the
// field and no call; what the API refuses (a stale marker, AccessDenied) is shown in its words.
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { ConsoleEnv } from '../../env';
import { attempt, page, statusFor } from '../../render';
import { ErrorSummary, PageHeader } from '../../ui/components';
import { checkFilters, pageLink, readFilters } from './filters';
import { EntriesTable, FilterForm, OlderNewer, type AuditEntry } from './view';

export const auditPages = new Hono<ConsoleEnv>();

interface AuditPage {
  entries: AuditEntry[];
  isTruncated: boolean;
  marker?: string;
}

auditPages.get('/', async (c) => {
  const f = readFilters((name) => c.req.query(name));
  const { errors, query } = checkFilters(f);
  const header = (
    <PageHeader
      title="Audit trail"
      lead="Who did what in this account, to what, when and from where, newest first: every change, every refused request and every failure. Times are in UTC."
    />
  );
  const frame = (body: Child, status?: 400 | 403 | 404 | 409 | 429) => page(c, { title: 'Audit trail', section: 'audit', status }, body);
  if (!query) {
    return frame(
      <>
        <ErrorSummary errors={errors} />
        {header}
        <FilterForm f={f} errors={errors} />
      </>,
      400,
    );
  }
  const got = await attempt(() => c.var.iam.json<AuditPage>(`/audit-log?${query}`));
  if (!got.ok) {
    return frame(
      <>
        <ErrorSummary message={got.error.message} />
        {header}
        <FilterForm f={f} errors={{}} />
      </>,
      statusFor(got.error),
    );
  }
  const { entries, isTruncated, marker } = got.value;
  const filtered = Boolean(f.since || f.until || f.action || f.actor || f.outcome);
  return frame(
    <>
      {header}
      <FilterForm f={f} errors={{}} />
      <h2 class="audit-heading">{f.marker ? 'Older entries' : 'Latest entries'}</h2>
      <EntriesTable entries={entries} f={f} filtered={filtered} />
      <OlderNewer older={isTruncated && marker ? pageLink(f, { marker }) : null} newest={f.marker ? pageLink(f, { marker: '' }) : null} />
    </>,
  );
});
