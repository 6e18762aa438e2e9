// The user detail page (GET /console/users/:name), also what a refused change on it answers with: the
// same page, the API's message in the error summary on top, the typed values kept, under the API's
// status. Sections follow the AWS console's tabs, as in-page anchors so the page works without script.
import type { ConsoleContext } from '../../../env';
import { noticeOf, page } from '../../../render';
import { ErrorSummary, Notice, PageHeader, Section, SummaryList, Time } from '../../../ui/components';
import { loadUserDetail } from './data';
import { signinUrl } from './parts';
import { userUrl, type Problem } from './shared';
import { CredentialsSection } from './view-credentials';
import { GroupsSection, TagsSection } from './view-membership';
import { PermissionsSection } from './view-permissions';

const TOC = [
  ['summary', 'Summary'],
  ['permissions', 'Permissions'],
  ['groups', 'Groups'],
  ['tags', 'Tags'],
  ['security-credentials', 'Security credentials'],
  ['delete', 'Delete user'],
] as const;

export async function renderUserDetail(c: ConsoleContext, name: string, problem?: Problem): Promise<Response> {
  const d = await loadUserDetail(c, name);
  const u = d.user;
  const csrf = c.var.csrfToken;
  const signin = signinUrl(c);
  return page(
    c,
    {
      title: `User ${u.UserName}`,
      section: 'users',
      crumbs: [['Users', '/console/users']],
      ...(problem ? { status: problem.status } : {}),
    },
    <>
      <PageHeader title={u.UserName} lead="IAM user" />
      {problem ? null : <Notice message={noticeOf(c)} />}
      {problem ? <ErrorSummary message={problem.message} errors={problem.errors} /> : null}
      <nav class="user-detail-toc" aria-label="On this page">
        <ul>
          {TOC.map(([id, label]) => (
            <li>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <Section title="Summary" id="summary">
        <SummaryList
          rows={[
            ['ARN', <span class="mono">{u.Arn}</span>],
            ['Path', <span class="mono">{u.Path}</span>],
            ['User ID', <span class="mono">{u.UserId}</span>],
            ['Created', <Time value={u.CreateDate} />],
            ['Console sign-in link', <a href={signin}>{signin}</a>],
            ['Last activity (console sign-in)', <Time value={u.PasswordLastUsed} />],
          ]}
        />
      </Section>
      <PermissionsSection d={d} csrf={csrf} problem={problem} />
      <GroupsSection d={d} csrf={csrf} problem={problem} />
      <TagsSection d={d} csrf={csrf} problem={problem} />
      <CredentialsSection d={d} csrf={csrf} signin={signin} />
      <Section title="Delete user" id="delete">
        <p>
          Deleting a user removes its console password, access keys, MFA devices, SSH keys, signing certificates, service-specific
          credentials, group memberships and policies first, then the user. It cannot be undone.
        </p>
        <p>
          <a class="button secondary user-detail-danger" href={userUrl(u.UserName, '/delete')}>
            Delete user {u.UserName}
          </a>
        </p>
      </Section>
    </>,
  );
}
