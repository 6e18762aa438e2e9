// The page after "Create user": the answer to that POST itself, never a redirect, so the password and
// secret access key exist only in this one response (no-store) and are never kept on the server. Each
// secret is behind a disclosure, with AWS's credentials CSV to download and a ready email that tells
// the user where to sign in (never the password: that goes by another way). If a call after
// CreateUser failed, the page says what was done and what was not, in the API's words.
import type { Child } from 'hono/jsx';
import type { ConsoleContext } from '../../../env';
import { encode, page, statusFor } from '../../../render';
import { Copyable, SecretValue, SummaryList } from '../../../ui/components';
import { DownloadCsv } from '../../../ui/csv';
import type { Created } from './create';

// AWS's credentials.csv, column for column.
export const CSV_HEADER = ['User name', 'Password', 'Access key ID', 'Secret access key', 'Console login link'] as const;

/** Where this account's users sign in: `/signin/<alias or account id>` on this origin. */
export function signinLink(c: ConsoleContext): string {
  const p = c.var.session.principal;
  return `${new URL(c.req.url).origin}/signin/${encode(p.accountAlias ?? p.accountId)}`;
}

/** A mailto: link with the user name and sign-in link; the password is deliberately not in it. */
export function mailtoFor(userName: string, link: string): string {
  const subject = 'Your new console sign-in';
  const body = [
    'Hello,',
    '',
    'You now have a user in our account.',
    `User name: ${userName}`,
    `Sign in at: ${link}`,
    '',
    'Your password will reach you separately. You may be asked to choose a new one when you first sign in.',
  ].join('\r\n');
  // encodeURIComponent, not URLSearchParams: mail programs show a "+" literally.
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

export function successPage(c: ConsoleContext, created: Created) {
  const name = created.userName;
  const link = signinLink(c);
  const failed = created.outcomes.filter((o) => o.error);
  const title = failed.length ? `User ${name} was created, but not everything worked` : `User ${name} was created`;
  const rows: [string, Child][] = [
    ['User name', <a href={`/console/users/${encode(name)}`}>{name}</a>],
    ['Console sign-in URL', <Copyable value={link} id="signin-url" label="sign-in URL" />],
  ];
  if (created.password) rows.push(['Console password', <SecretValue label="Password" value={created.password} id="new-password" />]);
  if (created.accessKey) {
    rows.push(['Access key ID', <Copyable value={created.accessKey.AccessKeyId} id="access-key-id" label="access key ID" />]);
    rows.push([
      'Secret access key',
      <SecretValue label="Secret access key" value={created.accessKey.SecretAccessKey} id="secret-access-key" />,
    ]);
  }
  const hasSecrets = Boolean(created.password || created.accessKey);
  return page(
    c,
    {
      title,
      section: 'users',
      crumbs: [['Users', '/console/users']],
      status: created.firstError ? statusFor(created.firstError) : undefined,
    },
    <>
      <h1>{title}</h1>
      {failed.length ? (
        <div class="warning" role="alert">
          <p>
            The user exists, but {failed.length === 1 ? 'one step' : `${failed.length} steps`} failed. Finish them on{' '}
            <a href={`/console/users/${encode(name)}`}>the page of user {name}</a>.
          </p>
        </div>
      ) : null}
      {hasSecrets ? (
        <p class="notice" role="status">
          This is the only time the {created.password ? 'password' : ''}
          {created.password && created.accessKey ? ' and ' : ''}
          {created.accessKey ? 'secret access key' : ''} can be seen. Download the .csv file or copy them now.
        </p>
      ) : null}
      <section class="panel" aria-labelledby="credentials-title">
        <h2 id="credentials-title">Sign-in details</h2>
        <SummaryList rows={rows} />
        <div class="button-row wizard-done-actions">
          <DownloadCsv
            filename={`${name}_credentials.csv`}
            header={CSV_HEADER}
            rows={[[name, created.password ?? '', created.accessKey?.AccessKeyId ?? '', created.accessKey?.SecretAccessKey ?? '', link]]}
          />
          <a class="button secondary" href={mailtoFor(name, link)}>
            Email sign-in instructions<span class="visually-hidden"> to {name}</span>
          </a>
        </div>
      </section>
      <section class="panel" aria-labelledby="outcomes-title">
        <h2 id="outcomes-title">What was done</h2>
        <ul class="wizard-outcomes">
          {created.outcomes.map((o) =>
            o.error ? (
              <li class="wizard-failed">
                <strong>Not done:</strong> {o.what}. {o.error}
              </li>
            ) : (
              <li class="wizard-done">
                <span class="visually-hidden">Done: </span>
                {o.what}
              </li>
            ),
          )}
        </ul>
      </section>
      <p class="button-row">
        <a href={`/console/users/${encode(name)}`}>View user {name}</a>
        <a href="/console/users/new">Add another user</a>
        <a href="/console/users">Back to users</a>
      </p>
    </>,
  );
}
