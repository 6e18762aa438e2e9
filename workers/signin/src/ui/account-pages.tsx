// Pages for a signed-in person: who they are, their token for apps, MFA enrollment, and sign-out.
import type { FC } from 'hono/jsx';
import type { MissingPermission, SelfServicePermission } from '../flow/permissions';
import { COPY } from './copy';
import { CsrfField, ErrorAlert, Field, Layout, Notice } from './layout';
import { QrCode } from './qr';

export interface AccountProps {
  csrf: string;
  accountId: string;
  accountAlias: string | null;
  who: string;
  arn: string;
  mfaEnabled: boolean;
  mfaUsed: boolean;
  changePassword: SelfServicePermission;
  enrollMfa: SelfServicePermission;
  notice?: string | null;
}

const how = (m: MissingPermission) =>
  m.decision === 'ExplicitDeny' ? 'an explicit Deny in your policies refuses' : 'no policy of yours allows';

/** One missing permission as a person reads it: which action, on which resource, and why. */
const Missing: FC<{ m: MissingPermission }> = ({ m }) => (
  <>
    {how(m)} <code>{m.action}</code> on <code>{m.resource}</code>
  </>
);

/** Why an option is not offered: the permissions missing, joined in a sentence. */
const WhyMissing: FC<{ what: string; permission: SelfServicePermission; accountSettingNote?: string }> = ({
  what,
  permission,
  accountSettingNote,
}) =>
  permission.allowed ? null : (
    <li>
      <strong>{what}</strong>:{' '}
      {permission.missing.map((m, i) => (
        <>
          {i > 0 ? '; ' : ''}
          <Missing m={m} />
        </>
      ))}
      {permission.accountSettingOff && accountSettingNote ? `, and ${accountSettingNote}` : ''}.
    </li>
  );

const SignOutForm: FC<{ csrf: string }> = ({ csrf }) => (
  <form method="post" action="/signout">
    <CsrfField token={csrf} />
    <button type="submit" class="secondary">
      {COPY.signOut}
    </button>
  </form>
);

export const AccountPage: FC<AccountProps> = (p) => (
  <Layout title={COPY.accountTitle}>
    <h1>{COPY.accountTitle}</h1>
    <p class="lead">{p.who}</p>
    <Notice message={p.notice} />
    <dl class="facts">
      <dt>Account</dt>
      <dd>{p.accountAlias ? `${p.accountAlias} (${p.accountId})` : p.accountId}</dd>
      <dt>ARN</dt>
      <dd>{p.arn}</dd>
      <dt>MFA</dt>
      <dd>{p.mfaEnabled ? (p.mfaUsed ? 'Enabled, used for this sign-in' : 'Enabled') : 'Not set up'}</dd>
    </dl>
    <div class="actions">
      <a class="button" href="/console">
        Open the IAM console
      </a>
      <form method="post" action="/account/token">
        <CsrfField token={p.csrf} />
        <button type="submit">{COPY.issueToken}</button>
      </form>
      {p.changePassword.allowed ? (
        <a class="button" href="/account/password">
          Change password
        </a>
      ) : null}
      {!p.mfaEnabled && p.enrollMfa.allowed ? (
        <a class="button" href="/account/mfa">
          Set up MFA
        </a>
      ) : null}
      <SignOutForm csrf={p.csrf} />
    </div>
    {!p.changePassword.allowed || (!p.mfaEnabled && !p.enrollMfa.allowed) ? (
      <section class="missing" aria-labelledby="missing-title">
        <h2 id="missing-title">{COPY.missingTitle}</h2>
        <ul>
          <WhyMissing
            what="Change password"
            permission={p.changePassword}
            accountSettingNote="the account's password policy does not let users change their own password"
          />
          {p.mfaEnabled ? null : <WhyMissing what="Set up MFA" permission={p.enrollMfa} />}
        </ul>
        <p class="hint">{COPY.askAdministrator}</p>
      </section>
    ) : null}
  </Layout>
);

export const TokenPage: FC<{ token: string; expiresAt: string }> = ({ token, expiresAt }) => (
  <Layout title={COPY.tokenTitle}>
    <h1>{COPY.tokenTitle}</h1>
    <p class="lead">
      A signed JWT for apps, valid until <time datetime={expiresAt}>{expiresAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}</time>. Apps
      verify it against <a href="/.well-known/jwks.json">/.well-known/jwks.json</a>.
    </p>
    <label>
      Token
      <textarea class="token" id="token" readonly spellcheck={false} aria-label="Token">
        {token}
      </textarea>
    </label>
    <div class="actions">
      <a class="button" href="/account">
        Back to your account
      </a>
    </div>
  </Layout>
);

export interface MfaEnrollProps {
  csrf: string;
  /** the otpauth:// URI the QR code encodes, also offered as a link for a phone's own authenticator app */
  serialNumber: string;
  secret: string;
  uri: string;
  error?: string | null;
}

/** The secret grouped in fours, the way authenticator apps show keys, so it is easy to type. */
const grouped = (s: string) => s.match(/.{1,4}/g)?.join(' ') ?? s;

export const MfaEnrollPage: FC<MfaEnrollProps> = (p) => (
  <Layout title={COPY.mfaEnrollTitle}>
    <h1>{COPY.mfaEnrollTitle}</h1>
    <ol class="steps">
      {COPY.mfaEnrollSteps.map((s) => (
        <li>{s}</li>
      ))}
    </ol>
    <ErrorAlert message={p.error} />
    <div class="qr">
      <QrCode text={p.uri} label="QR code to add this account to an authenticator app" />
    </div>
    <p class="open-in-app">
      <a href={p.uri} id="otpauth-link">
        {COPY.openInApp}
      </a>
      <span class="hint">{COPY.openInAppHint}</span>
    </p>
    <p class="hint">{COPY.secretKey}</p>
    <p class="secret" id="mfa-secret" data-secret={p.secret}>
      {grouped(p.secret)}
    </p>
    <form method="post" action="/account/mfa">
      <CsrfField token={p.csrf} />
      <input type="hidden" name="serial" value={p.serialNumber} />
      <Field label={COPY.firstCode} name="code1" autocomplete="one-time-code" code />
      <Field label={COPY.secondCode} name="code2" autocomplete="one-time-code" code />
      <button type="submit">{COPY.enableMfa}</button>
    </form>
    <p class="switch">
      <a href="/account">{COPY.backToAccount}</a>
    </p>
  </Layout>
);

export const SignOutPage: FC<{ csrf: string }> = ({ csrf }) => (
  <Layout title={COPY.signOut}>
    <h1>{COPY.signOut}</h1>
    <p class="lead">Sign out of this browser? Tokens already given to apps stay valid until they expire.</p>
    <SignOutForm csrf={csrf} />
  </Layout>
);
