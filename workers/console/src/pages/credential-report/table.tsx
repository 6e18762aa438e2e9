// The credential report as a table a person can read: AWS's columns under plain headings, times in
// UTC, `true`/`false` as Yes/No and AWS's placeholder words (`N/A`, `no_information`,
// `not_supported`) spelled out. Columns the report adds later are shown under their own names.
import type { Child, FC } from 'hono/jsx';
import { encode } from '../../render';
import { Time } from '../../ui/components';

const HEADINGS: Record<string, string> = {
  user: 'User',
  arn: 'ARN',
  user_creation_time: 'Created',
  password_enabled: 'Password enabled',
  password_last_used: 'Password last used',
  password_last_changed: 'Password last changed',
  password_next_rotation: 'Password next rotation',
  mfa_active: 'MFA active',
  access_key_1_active: 'Access key 1 active',
  access_key_1_last_rotated: 'Access key 1 last rotated',
  access_key_1_last_used_date: 'Access key 1 last used',
  access_key_1_last_used_region: 'Access key 1 last used region',
  access_key_1_last_used_service: 'Access key 1 last used service',
  access_key_2_active: 'Access key 2 active',
  access_key_2_last_rotated: 'Access key 2 last rotated',
  access_key_2_last_used_date: 'Access key 2 last used',
  access_key_2_last_used_region: 'Access key 2 last used region',
  access_key_2_last_used_service: 'Access key 2 last used service',
  cert_1_active: 'Certificate 1 active',
  cert_1_last_rotated: 'Certificate 1 last rotated',
  cert_2_active: 'Certificate 2 active',
  cert_2_last_rotated: 'Certificate 2 last rotated',
};

const WORDS: Record<string, string> = { 'N/A': 'N/A', no_information: 'No information', not_supported: 'Not supported' };
const ROOT = '<root_account>';

/** One cell: a time, a yes/no, a placeholder in words, or the text as it is. */
function cell(column: string, value: string): Child {
  if (column === 'user') return value === ROOT ? <>Root user</> : <a href={`/console/users/${encode(value)}`}>{value}</a>;
  if (column === 'arn') return <code>{value}</code>;
  if (value in WORDS) return <span class="muted">{WORDS[value]}</span>;
  if (value === 'true') return 'Yes';
  if (value === 'false') return 'No';
  // AWS writes `+00:00`; the console's Time shows `...Z` times as UTC.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|\+00:00)$/.test(value)) return <Time value={value.replace(/\+00:00$/, 'Z')} />;
  return value;
}

export const ReportTable: FC<{ header: readonly string[]; rows: readonly (readonly string[])[]; caption: string }> = ({
  header,
  rows,
  caption,
}) => (
  <div class="table-wrap cr-table" role="region" aria-label={caption} tabindex={0}>
    <table>
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {header.map((h) => (
            <th scope="col">{HEADINGS[h] ?? h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colspan={header.length} class="empty">
              The report has no rows.
            </td>
          </tr>
        ) : (
          rows.map((r) => (
            <tr>{header.map((h, i) => (i === 0 ? <th scope="row">{cell(h, r[i] ?? '')}</th> : <td>{cell(h, r[i] ?? '')}</td>))}</tr>
          ))
        )}
      </tbody>
    </table>
  </div>
);
