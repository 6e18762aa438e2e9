// What the audit trail page is made of: the filter form (a GET form, so a filtered view is a link a
// person can keep), and the entries table, newest first, each row opening (details/summary) onto the
// whole entry. Actor and action cells link to the same view filtered by them.
import type { FC } from 'hono/jsx';
import { FieldError, SelectField, SummaryList, TextField, Time, type FieldErrors } from '../../ui/components';
import { OUTCOMES, MAX_ITEMS, DEFAULT_MAX_ITEMS, pageLink, toLocalInput, toUtc, type Filters } from './filters';

export interface AuditEntry {
  at: string;
  action: string;
  outcome: string;
  actor: string;
  target: string | null;
  errorCode: string | null;
  /** not in today's /audit-log answer; shown if the service adds it */
  errorMessage?: string | null;
  requestId: string | null;
  sourceIp: string | null;
  userAgent: string | null;
}

const OUTCOME_WORDS: Record<string, string> = { Success: 'Success', AccessDenied: 'Access denied', Failure: 'Failure' };

/** A datetime-local input (UTC), showing back what was typed when it was not a time. */
const DateTimeField: FC<{ label: string; name: string; value: string; error?: string | undefined }> = (p) => {
  const parsed = p.value ? toUtc(p.value) : null;
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={p.name}>{p.label}</label>
      <div class="hint" id={`${p.name}-hint`}>
        UTC, for example 2026-03-01T09:30
      </div>
      <FieldError id={p.name} message={p.error} />
      <input
        type="datetime-local"
        id={p.name}
        name={p.name}
        step={1}
        value={parsed ? toLocalInput(parsed) : p.value}
        aria-describedby={[`${p.name}-hint`, p.error ? `${p.name}-error` : ''].filter(Boolean).join(' ')}
        aria-invalid={p.error ? 'true' : undefined}
      />
    </div>
  );
};

export const FilterForm: FC<{ f: Filters; errors: FieldErrors }> = ({ f, errors }) => (
  <form method="get" action="/console/audit" class="audit-filters" role="search" aria-label="Filter the audit trail">
    <DateTimeField label="From (UTC)" name="since" value={f.since} error={errors.since} />
    <DateTimeField label="Before (UTC)" name="until" value={f.until} error={errors.until} />
    <TextField label="Action" name="action" value={f.action} mono error={errors.action} hint="For example iam:CreateUser" />
    <TextField
      label="Actor ARN"
      name="actor"
      value={f.actor}
      mono
      error={errors.actor}
      hint="Who acted, for example arn:aws:iam::123456789012:user/tom"
    />
    <SelectField label="Outcome" name="outcome" value={f.outcome} options={[['', 'Any outcome'], ...OUTCOMES]} error={errors.outcome} />
    <TextField
      label="Entries per page"
      name="maxItems"
      type="number"
      inputmode="numeric"
      min={1}
      max={MAX_ITEMS}
      value={f.maxItems || String(DEFAULT_MAX_ITEMS)}
      error={errors.maxItems}
    />
    <div class="button-row">
      <button type="submit">Show entries</button>
      <a href="/console/audit">Clear filters</a>
    </div>
  </form>
);

const orNone = (v: string | null | undefined) => (v ? v : <span class="muted">None</span>);

const Outcome: FC<{ e: AuditEntry }> = ({ e }) => (
  <span class={e.outcome === 'Success' ? 'audit-outcome ok' : 'audit-outcome bad'}>
    <strong>{OUTCOME_WORDS[e.outcome] ?? e.outcome}</strong>
    {e.errorCode && e.errorCode !== e.outcome ? <span class="hint">{e.errorCode}</span> : null}
  </span>
);

const Entry: FC<{ e: AuditEntry }> = ({ e }) => (
  <details class="audit-entry">
    <summary>
      Full entry
      <span class="visually-hidden">
        : {e.action} at {e.at}
      </span>
    </summary>
    <SummaryList
      rows={[
        ['Time', <Time value={e.at} />],
        ['Actor', <code>{e.actor}</code>],
        ['Action', <code>{e.action}</code>],
        ['Target', e.target ? <code>{e.target}</code> : orNone(null)],
        ['Outcome', e.outcome],
        ['Error code', orNone(e.errorCode)],
        ...(e.errorMessage ? [['Error message', e.errorMessage] as const] : []),
        ['Request ID', e.requestId ? <code>{e.requestId}</code> : orNone(null)],
        ['Source IP', orNone(e.sourceIp)],
        ['User agent', orNone(e.userAgent)],
      ]}
    />
  </details>
);

export const EntriesTable: FC<{ entries: readonly AuditEntry[]; f: Filters; filtered: boolean }> = ({ entries, f, filtered }) => (
  <div class="table-wrap audit-table" role="region" aria-label="Audit trail entries, newest first" tabindex={0}>
    <table>
      <caption class="visually-hidden">Audit trail entries, newest first</caption>
      <thead>
        <tr>
          {['Time (UTC)', 'Actor', 'Action', 'Target', 'Outcome', 'Source IP', 'User agent', 'Entry'].map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {entries.length === 0 ? (
          <tr>
            <td colspan={8} class="empty">
              {filtered ? 'No entries match the filters.' : 'The audit trail has no entries yet.'}
            </td>
          </tr>
        ) : (
          entries.map((e) => (
            <tr>
              <td class="audit-time">
                <Time value={e.at} />
              </td>
              <td>
                <a href={pageLink(f, { actor: e.actor, marker: '' })} class="mono">
                  {e.actor}
                  <span class="visually-hidden"> (show only this actor's entries)</span>
                </a>
              </td>
              <td>
                <a href={pageLink(f, { action: e.action, marker: '' })} class="mono">
                  {e.action}
                  <span class="visually-hidden"> (show only this action)</span>
                </a>
              </td>
              <td class="mono">{orNone(e.target)}</td>
              <td>
                <Outcome e={e} />
              </td>
              <td>{orNone(e.sourceIp)}</td>
              <td class="audit-agent">{orNone(e.userAgent)}</td>
              <td>
                <Entry e={e} />
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  </div>
);

/** Paging through time: the API's marker continues after this page's oldest entry. */
export const OlderNewer: FC<{ older: string | null; newest: string | null }> = ({ older, newest }) =>
  older || newest ? (
    <nav class="pager" aria-label="More entries">
      {newest ? <a href={newest}>Newest entries</a> : null}
      {older ? <a href={older}>Older entries</a> : null}
    </nav>
  ) : null;
