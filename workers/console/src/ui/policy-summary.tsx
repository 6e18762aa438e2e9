// A policy's summary as the AWS console shows it: one row per service with its access level ("Full
// access", "Full: List Limited: Read"), how many of the service's actions, the resources and the request
// conditions; what the policy explicitly denies in a table of its own; and the services and actions the
// Service Authorization Reference does not know, with the nearest real name. Any document shape renders:
// what cannot be read is said in words, never an error page.
import type { FC } from 'hono/jsx';
import { listServices, summarizePolicy, type ServiceSummary, type Unrecognized } from '@edge-iam/core/catalogue';
import { readablePolicy } from './components';

const ActionsCell: FC<{ row: ServiceSummary }> = ({ row }) => (
  <>
    {row.actionCount.toLocaleString('en')} of {row.totalActions.toLocaleString('en')}
    {row.serviceCount !== undefined ? (
      <span class="hint">
        in {row.serviceCount} of {listServices().length} services
      </span>
    ) : null}
  </>
);

const Values: FC<{ values: readonly string[]; none: string }> = ({ values, none }) =>
  values.length === 0 ? (
    <span class="muted">{none}</span>
  ) : values.length === 1 ? (
    <code>{values[0]}</code>
  ) : (
    <ul class="plain">
      {values.map((v) => (
        <li>
          <code>{v}</code>
        </li>
      ))}
    </ul>
  );

const SummaryTable: FC<{ caption: string; rows: readonly ServiceSummary[] }> = ({ caption, rows }) => (
  <div class="table-wrap" role="region" aria-label={caption} tabindex={0}>
    <table class="policy-summary">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Access level</th>
          <th scope="col">Actions</th>
          <th scope="col">Resource</th>
          <th scope="col">Request condition</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">
              {r.name}
              {r.prefix !== '*' ? <span class="hint">{r.prefix}</span> : null}
            </th>
            <td>{r.access}</td>
            <td>
              <ActionsCell row={r} />
            </td>
            <td>{r.allResources ? 'All resources' : <Values values={r.resources} none="None" />}</td>
            <td>
              <Values values={r.conditions} none="None" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

const UnrecognizedList: FC<{ items: readonly Unrecognized[] }> = ({ items }) => (
  <div class="warning" role="region" aria-label="Unrecognized services and actions">
    <p>
      <strong>Unrecognized services and actions.</strong> These are not in the AWS Service Authorization Reference, so they grant and deny
      nothing an AWS service checks:
    </p>
    <ul>
      {items.map((u) => (
        <li>
          <code>{u.value}</code> ({u.kind === 'service' ? 'unknown service' : 'unknown action'})
          {u.suggestion ? (
            <>
              : did you mean <code>{u.suggestion}</code>?
            </>
          ) : null}
        </li>
      ))}
    </ul>
  </div>
);

/** Parsed JSON, its text, or AWS's URL-encoded text: all render. */
function toDocument(document: unknown): unknown {
  if (typeof document !== 'string') return document;
  try {
    return JSON.parse(readablePolicy(document));
  } catch {
    return document;
  }
}

export const PolicySummary: FC<{ document: unknown }> = ({ document }) => {
  const summary = summarizePolicy(toDocument(document));
  if (summary.problem) return <p class="muted">No summary: {summary.problem.replace(/`/g, '')}.</p>;
  const nothing = summary.allow.length === 0 && summary.deny.length === 0 && summary.unrecognized.length === 0;
  return (
    <div class="policy-summary">
      {summary.allow.length > 0 ? <SummaryTable caption="Allowed by this policy" rows={summary.allow} /> : null}
      {summary.deny.length > 0 ? <SummaryTable caption="Explicitly denied by this policy" rows={summary.deny} /> : null}
      {summary.allow.length === 0 && summary.deny.length > 0 ? <p class="muted">This policy allows nothing.</p> : null}
      {summary.unrecognized.length > 0 ? <UnrecognizedList items={summary.unrecognized} /> : null}
      {nothing ? <p class="muted">This policy names no actions, so it allows and denies nothing.</p> : null}
    </div>
  );
};
