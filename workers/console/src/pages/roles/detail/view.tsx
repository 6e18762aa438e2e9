// The role page (GET /console/roles/:name), also what a refused one-button change answers with: the
// same page, the API's message on top and the fields' messages beside them, under the API's status.
// Sections follow the AWS console's tabs, as in-page anchors so the page works without script. A
// service-linked role is shown whole, but offers only what the API lets the account change.
import type { ConsoleContext } from '../../../env';
import { noticeOf } from '../../../render';
import { ButtonLink, Copyable, ErrorSummary, Notice, PageHeader, Section, SummaryList, Time } from '../../../ui/components';
import { duration, isServiceLinked, roleUrl, ROLES_CRUMB, type Problem } from '../shared';
import { describeTrust } from '../trust';
import { TrustWords } from '../trust-words';
import { loadRole } from './data';
import { PermissionsSection } from './view-permissions';
import { TagsSection, Unavailable } from './view-tags';
import { rolePage } from '../frame';

/** The link AWS's console shows for switching to a role: account and role name (with its path). */
export function switchRoleLink(c: ConsoleContext, role: { RoleName: string; Path: string }): string {
  const q = new URLSearchParams({ account: c.var.session.principal.accountId, roleName: `${role.Path.slice(1)}${role.RoleName}` });
  return `${new URL(c.req.url).origin}/console/switch-role?${q}`;
}

export async function renderRole(c: ConsoleContext, name: string, problem?: Problem): Promise<Response> {
  const d = await loadRole(c, name);
  const r = d.role;
  const n = r.RoleName;
  const linked = isServiceLinked(r);
  const csrf = c.var.csrfToken;
  const statements = describeTrust(d.trust, c.var.session.principal.accountId);
  const toc = [
    ['summary', 'Summary'],
    ['trust', 'Trust relationships'],
    ['permissions', 'Permissions'],
    ['tags', 'Tags'],
    ...(linked ? [] : [['switch-role', 'Switch role link'] as const]),
    ['delete', 'Delete role'],
  ] as const;
  return rolePage(
    c,
    { title: `Role ${n}`, crumbs: [ROLES_CRUMB], ...(problem ? { status: problem.status } : {}) },
    <>
      <PageHeader title={n} lead={linked ? 'Service-linked role' : 'IAM role'} />
      {problem ? <ErrorSummary message={problem.message} errors={problem.errors} /> : <Notice message={noticeOf(c)} />}
      {linked ? (
        <p class="warning">
          This role is linked to an AWS service: the service defines its trust policy and permissions, and only the service can use it. You
          can change its description and tags.
        </p>
      ) : null}
      <nav class="role-toc" aria-label="On this page">
        <ul>
          {toc.map(([id, label]) => (
            <li>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <Section title="Summary" id="summary" actions={<ButtonLink href={roleUrl(n, '/edit')} label="Edit" secondary />}>
        <SummaryList
          rows={[
            ['ARN', <Copyable value={r.Arn} id="role-arn" label="ARN" />],
            ['Role ID', <span class="mono">{r.RoleId}</span>],
            ['Path', <span class="mono">{r.Path}</span>],
            ['Created', <Time value={r.CreateDate} />],
            ['Description', r.Description ? r.Description : <span class="muted">None</span>],
            ['Maximum session duration', duration(r.MaxSessionDuration)],
            [
              'Last activity',
              r.RoleLastUsed?.LastUsedDate ? (
                <>
                  <Time value={r.RoleLastUsed.LastUsedDate} />
                  {r.RoleLastUsed.Region ? ` in ${r.RoleLastUsed.Region}` : ''}
                </>
              ) : (
                <span class="muted">Not used yet</span>
              ),
            ],
            [
              'Instance profiles',
              d.profiles.ok ? (
                d.profiles.value.length ? (
                  d.profiles.value.join(', ')
                ) : (
                  <span class="muted">None</span>
                )
              ) : (
                <Unavailable error={d.profiles.error} />
              ),
            ],
          ]}
        />
      </Section>
      <Section
        title="Trust relationships"
        id="trust"
        actions={linked ? undefined : <ButtonLink href={roleUrl(n, '/trust')} label="Edit trust policy" secondary />}
      >
        {statements ? <TrustWords statements={statements} /> : <p class="muted">The trust policy could not be read as JSON.</p>}
        <h3>Trust policy</h3>
        <pre class="role-policy">{d.trust}</pre>
      </Section>
      <PermissionsSection d={d} csrf={csrf} />
      <TagsSection role={r} csrf={csrf} problem={problem} />
      {linked ? null : (
        <Section title="Switch role link" id="switch-role">
          <p>Give this link to people who may assume the role, so they can switch to it in the console.</p>
          <Copyable value={switchRoleLink(c, r)} id="switch-role-link" label="switch role link" />
        </Section>
      )}
      <Section title="Delete role" id="delete">
        <p>
          {linked
            ? 'A service-linked role is deleted through its service (DeleteServiceLinkedRole). The service refuses while it still uses the role.'
            : 'Deleting a role detaches its managed policies, deletes its inline policies and removes it from its instance profiles first, then deletes it. Anyone using it loses access at once; this cannot be undone.'}
        </p>
        <p>
          <a class="button secondary role-danger" href={roleUrl(n, '/delete')}>
            Delete role {n}
          </a>
        </p>
      </Section>
    </>,
  );
}
