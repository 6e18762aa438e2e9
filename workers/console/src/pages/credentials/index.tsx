// /console/security-credentials: "My security credentials" for whoever is signed in, root included —
// who they are, their password (an IAM user changes it here with ChangePassword; root's is changed on
// the hosted /account/password page), their MFA devices and their access keys. Every call goes
// without UserName, which the API reads as the caller. Each section reads on its own, so a person
// allowed to change their password but not to list their keys still gets the page, with the reason.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, encode, noticeOf, page } from '../../render';
import { roleLabel } from '../../ui/layout';
import { ButtonLink, Copyable, DataTable, Notice, PageHeader, Section, SummaryList, Time } from '../../ui/components';
import { AccessKeysTable, accessKeyPages, loadAccessKeys } from '../flows/access-keys';
import { mfaPages } from '../flows/mfa';
import { passwordPages } from './password';

export const credentialPages = new Hono<ConsoleEnv>();

// The same credential flows as for a named user, for whoever is signed in (root included).
// A person acting as a role has no credentials of the role to manage, and their own are not the role's
// to change: as in AWS's console, these pages wait until they switch back.
credentialPages.use('*', async (c, next) => {
  const role = c.var.session.principal.actingAs;
  if (!role) return next();
  return page(
    c,
    { title: 'My security credentials', section: 'credentials' },
    <>
      <PageHeader title="My security credentials" />
      <p class="warning">
        You are acting as {roleLabel(role)}. Your password, MFA devices and access keys are yours, not the role's: switch back to manage
        them.
      </p>
    </>,
  );
});

credentialPages.route('/access-keys', accessKeyPages);
credentialPages.route('/mfa', mfaPages);
credentialPages.route('/password', passwordPages);

const BASE = '/console/security-credentials';

interface MfaDevice {
  SerialNumber: string;
  EnableDate: string;
}

async function mfaSection(c: ConsoleContext) {
  const listed = await attempt(() => c.var.iam.call<{ MFADevices?: MfaDevice[] }>('ListMFADevices', {}));
  return (
    <Section title="Multi-factor authentication (MFA)" id="mfa" actions={<ButtonLink href={`${BASE}/mfa/new`} label="Assign MFA device" />}>
      <p>With MFA, signing in asks for a code from your authenticator app as well as your password.</p>
      {listed.ok ? (
        <DataTable
          caption="Your MFA devices"
          hideCaption
          head={['Device', 'Assigned', 'Actions']}
          empty="No MFA device is assigned. Assign one to protect your sign-in."
          rows={(listed.value.MFADevices ?? []).map((d) => {
            const q = `serial=${encode(d.SerialNumber)}`;
            return [
              <span class="mono">{d.SerialNumber}</span>,
              <Time value={d.EnableDate} />,
              <div class="button-row">
                <a href={`${BASE}/mfa/resync?${q}`}>
                  Resync<span class="visually-hidden"> MFA device {d.SerialNumber}</span>
                </a>
                <a href={`${BASE}/mfa/remove?${q}`}>
                  Remove<span class="visually-hidden"> MFA device {d.SerialNumber}</span>
                </a>
              </div>,
            ];
          })}
        />
      ) : (
        <p class="warning">{listed.error.message}</p>
      )}
    </Section>
  );
}

async function accessKeySection(c: ConsoleContext, root: boolean) {
  const keys = await attempt(() => loadAccessKeys(c));
  return (
    <Section title="Access keys" id="access-keys">
      <p>Access keys sign requests from the AWS CLI and SDKs as you.</p>
      {root ? (
        <p class="warning">
          AWS recommends that the root user has no access keys: a root key can do anything in the account and no policy limits it. Use an
          IAM user or a role for programs, and delete root keys you no longer need (the dashboard's first security check).
        </p>
      ) : null}
      {keys.ok ? (
        <AccessKeysTable keys={keys.value} base={`${BASE}/access-keys`} csrf={c.var.csrfToken} />
      ) : (
        <p class="warning">{keys.error.message}</p>
      )}
    </Section>
  );
}

credentialPages.get('/', async (c) => {
  const me = c.var.session.principal;
  const root = me.kind === 'root';
  const [mfa, keys] = await Promise.all([mfaSection(c), accessKeySection(c, root)]);
  return page(
    c,
    { title: 'My security credentials', section: 'credentials' },
    <>
      <Notice message={noticeOf(c)} />
      <PageHeader
        title="My security credentials"
        lead={root ? 'The credentials of the root user of this account.' : `The credentials of IAM user ${me.userName}.`}
      />
      <Section title="Who you are" id="identity">
        <SummaryList
          rows={[
            ['ARN', <Copyable value={me.arn} id="my-arn" label="ARN" />],
            ['Account', me.accountAlias ? `${me.accountAlias} (${me.accountId})` : me.accountId],
            ['Signed in as', root ? 'Root user' : 'IAM user'],
          ]}
        />
      </Section>
      <Section title="Console password" id="password">
        {root ? (
          <>
            <p>The root user's password is changed on the account page, which asks for the current password first.</p>
            <ButtonLink href="/account/password" label="Change root user password" secondary />
          </>
        ) : (
          <>
            <p>
              Password last changed: <Time value={me.passwordChangedAt?.toISOString()} never="Unknown" />. Changing it signs you out
              everywhere, so you sign in again with the new one.
            </p>
            <ButtonLink href={`${BASE}/password`} label="Change password" secondary />
          </>
        )}
      </Section>
      {mfa}
      {keys}
    </>,
  );
});
