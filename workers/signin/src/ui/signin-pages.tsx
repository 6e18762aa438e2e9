// The pages of the sign-in flow, one component per step: credentials, MFA challenge, new password,
// the hand-off back to an app, and a plain message page for outcomes that end the flow.
import type { FC } from 'hono/jsx';
import { COPY } from './copy';
import { CsrfField, ErrorAlert, Field, Layout, Notice } from './layout';

export interface SigninFormProps {
  csrf: string;
  kind: 'user' | 'root';
  account?: string;
  /** the account was filled in from this browser's last sign-in */
  accountRemembered?: boolean;
  userName?: string;
  email?: string;
  redirectUri?: string | null;
  error?: string | null;
  notice?: string | null;
  /** an app asked for credentials again: say so, and keep asking when the person switches forms */
  reauth?: boolean;
}

const switchHref = (kind: 'user' | 'root', redirectUri?: string | null, reauth?: boolean) => {
  const q = new URLSearchParams();
  if (kind === 'user') q.set('as', 'root');
  if (redirectUri) q.set('redirect_uri', redirectUri);
  if (reauth) q.set('reauth', '1');
  const s = q.toString();
  return `/signin${s ? `?${s}` : ''}`;
};

export const SigninPage: FC<SigninFormProps> = (p) => (
  <Layout title={COPY.signinTitle}>
    <h1>{COPY.signinTitle}</h1>
    <p class="lead">{p.kind === 'user' ? COPY.signinLeadUser : COPY.signinLeadRoot}</p>
    {p.reauth ? <p>{COPY.reauthLead}</p> : null}
    <Notice message={p.notice} />
    <ErrorAlert message={p.error} />
    <form method="post" action="/signin">
      <CsrfField token={p.csrf} />
      <input type="hidden" name="kind" value={p.kind} />
      {p.redirectUri ? <input type="hidden" name="redirect_uri" value={p.redirectUri} /> : null}
      {p.reauth ? <input type="hidden" name="reauth" value="1" /> : null}
      {p.kind === 'user' ? (
        <>
          <Field
            label={COPY.account}
            name="account"
            value={p.account}
            autocomplete="organization"
            autofocus={!p.account}
            hint={p.accountRemembered ? COPY.accountRemembered : undefined}
          />
          <Field label={COPY.userName} name="username" value={p.userName} autocomplete="username" autofocus={!!p.account && !p.userName} />
        </>
      ) : (
        <Field label={COPY.email} name="email" type="email" value={p.email} autocomplete="username" autofocus />
      )}
      <Field
        label={COPY.password}
        name="password"
        type="password"
        autocomplete="current-password"
        autofocus={p.kind === 'user' && !!p.userName}
      />
      <button type="submit">{COPY.signinButton}</button>
    </form>
    <p class="switch">
      <a href={switchHref(p.kind, p.redirectUri, p.reauth)}>{p.kind === 'user' ? COPY.switchToRoot : COPY.switchToUser}</a>
    </p>
  </Layout>
);

export const MfaPage: FC<{ csrf: string; who: string; redirectUri?: string | null; error?: string | null }> = (p) => (
  <Layout title={COPY.mfaTitle}>
    <h1>{COPY.mfaTitle}</h1>
    <p class="lead">{COPY.mfaLead}</p>
    <p class="who">
      Signing in as <strong>{p.who}</strong>
    </p>
    <ErrorAlert message={p.error} />
    <form method="post" action="/signin/-/mfa">
      <CsrfField token={p.csrf} />
      {p.redirectUri ? <input type="hidden" name="redirect_uri" value={p.redirectUri} /> : null}
      <Field label={COPY.mfaCode} name="code" autocomplete="one-time-code" autofocus code />
      <button type="submit">{COPY.verify}</button>
    </form>
  </Layout>
);

export interface NewPasswordProps {
  csrf: string;
  action: string;
  lead: string;
  rules: readonly string[];
  askCurrent: boolean;
  redirectUri?: string | null;
  error?: string | null;
  errorItems?: readonly string[];
  userName?: string | null;
  /** the way back: the account page, or cancelling a sign-in that requires the change */
  back?: { href: string; text: string };
}

export const NewPasswordPage: FC<NewPasswordProps> = (p) => (
  <Layout title={COPY.newPasswordTitle}>
    <h1>{COPY.newPasswordTitle}</h1>
    <p class="lead">{p.lead}</p>
    <ErrorAlert message={p.error} items={p.errorItems} />
    <form method="post" action={p.action}>
      <CsrfField token={p.csrf} />
      {p.redirectUri ? <input type="hidden" name="redirect_uri" value={p.redirectUri} /> : null}
      {/* lets password managers file the new password under the right name */}
      {p.userName ? <input type="text" name="username" value={p.userName} autocomplete="username" hidden readonly /> : null}
      {p.askCurrent ? (
        <Field label={COPY.currentPassword} name="current_password" type="password" autocomplete="current-password" autofocus />
      ) : null}
      <Field label={COPY.newPassword} name="new_password" type="password" autocomplete="new-password" autofocus={!p.askCurrent} />
      <Field label={COPY.confirmPassword} name="confirm_password" type="password" autocomplete="new-password" />
      <div>
        <p class="hint">{COPY.rulesHeading}</p>
        <ul class="rules">
          {p.rules.map((r) => (
            <li>{r}</li>
          ))}
        </ul>
      </div>
      <button type="submit">{COPY.savePassword}</button>
    </form>
    {p.back ? (
      <p class="switch">
        <a href={p.back.href}>{p.back.text}</a>
      </p>
    ) : null}
  </Layout>
);

/** The hand-off to an app: a meta refresh (no script needed) plus a link, the token in the fragment. */
export const ContinuePage: FC<{ target: string; origin: string }> = ({ target, origin }) => (
  <Layout title={COPY.continueTitle} head={<meta http-equiv="refresh" content={`0;url=${target}`} />}>
    <h1>{COPY.continueTitle}</h1>
    <p class="lead">Taking you back to {origin}.</p>
    <div class="actions">
      <a class="button" href={target}>
        Continue to {origin}
      </a>
    </div>
  </Layout>
);

export const MessagePage: FC<{ title: string; message: string; tone?: 'error' | 'ok'; link?: { href: string; text: string } }> = (p) => (
  <Layout title={p.title}>
    <h1>{p.title}</h1>
    {p.tone === 'ok' ? <Notice message={p.message} /> : <ErrorAlert message={p.message} />}
    {p.link ? (
      <div class="actions">
        <a class="button" href={p.link.href}>
          {p.link.text}
        </a>
      </div>
    ) : null}
  </Layout>
);
