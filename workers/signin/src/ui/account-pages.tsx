// Pages for a signed-in person: who they are, their token for apps, MFA enrollment, and sign-out.
import type { FC } from 'hono/jsx';
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
  canChangePassword: boolean;
  canEnrollMfa: boolean;
  notice?: string | null;
}

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
      {p.canChangePassword ? (
        <a class="button" href="/account/password">
          Change password
        </a>
      ) : null}
      {!p.mfaEnabled && p.canEnrollMfa ? (
        <a class="button" href="/account/mfa">
          Set up MFA
        </a>
      ) : null}
      <SignOutForm csrf={p.csrf} />
    </div>
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
  </Layout>
);

export const SignOutPage: FC<{ csrf: string }> = ({ csrf }) => (
  <Layout title={COPY.signOut}>
    <h1>{COPY.signOut}</h1>
    <p class="lead">Sign out of this browser? Tokens already given to apps stay valid until they expire.</p>
    <SignOutForm csrf={csrf} />
  </Layout>
);
