// The OpenID Connect provider's own pages: the broken-link page the authorization endpoint shows
// instead of redirecting when the app or its redirect URI is unknown, the sign-out confirmation of
// RP-initiated logout (a CSRF-protected form: an app's link alone never signs anyone out), and the
// page after signing out. Same frame and pieces as the sign-in pages; no script needed.
import type { FC } from 'hono/jsx';
import { COPY } from './copy';
import { CsrfField, ErrorAlert, Layout, Notice } from './layout';

/** Who reads what: the person gets the lead and the advice; the developer the exact reason. */
export const BadLinkPage: FC<{ title: string; lead: string; detail: string; link: { href: string; text: string } }> = (p) => (
  <Layout title={p.title}>
    <h1>{p.title}</h1>
    <p class="lead">{p.lead}</p>
    <p>{COPY.badLinkAdvice}</p>
    <h2 class="hint">{COPY.forDevelopers}</h2>
    <ErrorAlert message={p.detail} />
    <div class="actions">
      <a class="button" href={p.link.href}>
        {p.link.text}
      </a>
    </div>
  </Layout>
);

export const BadAuthorizationLinkPage: FC<{ detail: string }> = ({ detail }) => (
  <BadLinkPage title={COPY.badLinkTitle} lead={COPY.badLinkLead} detail={detail} link={{ href: '/account', text: COPY.goToAccount }} />
);

export const BadLogoutLinkPage: FC<{ detail: string }> = ({ detail }) => (
  <BadLinkPage title={COPY.badLogoutTitle} lead={COPY.badLogoutLead} detail={detail} link={{ href: '/signout', text: COPY.signOutHere }} />
);

export interface LogoutConfirmProps {
  csrf: string;
  /** the registered app's name, when the request named a known one */
  appName: string | null;
  /** the request's own parameters, posted back and checked again */
  fields: Record<string, string>;
}

export const LogoutConfirmPage: FC<LogoutConfirmProps> = (p) => (
  <Layout title={COPY.logoutTitle}>
    <h1>{COPY.logoutTitle}</h1>
    <p class="lead">{p.appName ? COPY.logoutLeadApp(p.appName) : COPY.logoutLeadUnknown}</p>
    <p>{COPY.logoutExplain}</p>
    <form method="post" action="/oauth2/logout/confirm">
      <CsrfField token={p.csrf} />
      {Object.entries(p.fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit">{COPY.signOut}</button>
    </form>
    <p class="switch">
      <a href="/account">{COPY.stayPut}</a>
    </p>
  </Layout>
);

export const SignedOutPage: FC = () => (
  <Layout title={COPY.signedOutTitle}>
    <h1>{COPY.signedOutTitle}</h1>
    <Notice message={COPY.signedOutLead} />
    <div class="actions">
      <a class="button" href="/signin">
        {COPY.signInAgain}
      </a>
    </div>
  </Layout>
);
