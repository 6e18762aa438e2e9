// The dashboard's "IAM resources" panel: how many users, groups, roles and customer managed policies
// the account has (GetAccountSummary), each linking to its list where the console has one, and the way
// to the signed-in person's own credentials.
import type { FC } from 'hono/jsx';
import type { ConsoleSession } from '../../session';
import { Section } from '../../ui/components';
import { type Read, Unavailable } from './unavailable';

export type SummaryMap = Readonly<Record<string, number>>;

/** [SummaryMap key, label, list page or null while the console has none]. */
const COUNTS: readonly (readonly [string, string, string | null])[] = [
  ['Users', 'Users', '/console/users'],
  ['Groups', 'User groups', '/console/groups'],
  ['Roles', 'Roles', null],
  ['Policies', 'Customer managed policies', null],
];

export const ResourcesPanel: FC<{ summary: Read<SummaryMap> }> = ({ summary }) => (
  <Section title="IAM resources" id="resources">
    {summary.ok ? (
      <ul class="cards resource-counts">
        {COUNTS.map(([key, label, href]) => {
          const count = summary.value[key] ?? 0;
          const body = (
            <>
              <span class="count">{count}</span>
              <span class="label">{label}</span>
            </>
          );
          return <li>{href ? <a href={href}>{body}</a> : <div class="card">{body}</div>}</li>;
        })}
      </ul>
    ) : (
      <Unavailable error={summary.error} />
    )}
  </Section>
);

export const MyCredentialsPanel: FC<{ principal: ConsoleSession['principal'] }> = ({ principal }) => (
  <Section title="Your security credentials" id="my-credentials">
    <p>
      {principal.kind === 'root'
        ? 'You are signed in as the root user, which can do anything in the account. Use it only for the tasks that need it.'
        : `You are signed in as the IAM user ${principal.userName ?? ''}.`}
    </p>
    <p>
      <a href="/console/security-credentials">Manage your password, access keys and MFA device</a>
    </p>
  </Section>
);
