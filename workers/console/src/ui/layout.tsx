// The frame of every console page: a skip link, the header with who is acting (the signed-in person,
// or the role they switched to with a Switch back button) and a sign-out form, the navigation, and
// the page's main content. hono/jsx escapes every value it renders, so names, messages and policy
// text from the API can never become markup.
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import type { SigninPrincipal } from '@edge-iam/core/repo';
import { CSRF_FIELD } from '@edge-iam/core/web';

export const PRODUCT = 'edge IAM';

/** The role a person switched to (pages/switch-role), which the header names as the one acting. */
export interface ActingRole {
  /** with its path, as typed in the form (`ci/Deployer`) */
  roleName: string;
  displayName: string;
  /** the account id or alias, as typed in the form */
  account: string;
  /** the assumed-role session's ARN */
  arn: string;
  expiresAt: Date;
}

/** The signed-in person, the role they act as (if any) and, when a role session just ended, why. */
export type ConsolePrincipal = SigninPrincipal & { actingAs?: ActingRole | null; roleNotice?: string | null };

export interface PageFrame {
  /** the page's title, also its <h1> unless the page renders its own */
  title: string;
  principal: ConsolePrincipal;
  csrf: string;
  /** which navigation entry is current */
  section?: Section;
  /** breadcrumbs above the title: [label, href] */
  crumbs?: readonly (readonly [string, string])[];
  head?: Child;
}

export type Section =
  | 'dashboard'
  | 'users'
  | 'groups'
  | 'roles'
  | 'policies'
  | 'instance-profiles'
  | 'server-certificates'
  | 'settings'
  | 'simulator'
  | 'credential-report'
  | 'audit'
  | 'apps'
  | 'credentials';

const NAV: readonly (readonly [Section, string, string])[] = [
  ['dashboard', 'Dashboard', '/console'],
  ['users', 'Users', '/console/users'],
  ['groups', 'User groups', '/console/groups'],
  ['roles', 'Roles', '/console/roles'],
  ['policies', 'Policies', '/console/policies'],
  ['instance-profiles', 'Instance profiles', '/console/instance-profiles'],
  ['server-certificates', 'Server certificates', '/console/server-certificates'],
  ['settings', 'Account settings', '/console/account-settings'],
  ['simulator', 'Policy simulator', '/console/simulator'],
  ['credential-report', 'Credential report', '/console/credential-report'],
  ['audit', 'Audit trail', '/console/audit'],
  ['apps', 'Apps (OpenID Connect)', '/console/apps'],
  ['credentials', 'My security credentials', '/console/security-credentials'],
];

export const whoLabel = (p: SigninPrincipal) =>
  p.kind === 'root' ? `Root user · ${p.accountAlias ?? p.accountId}` : `${p.userName} @ ${p.accountAlias ?? p.accountId}`;

/** "Role Deployer @ 123456789012": the display name if one was given, else the role's name. */
export const roleLabel = (r: ActingRole) => `Role ${r.displayName || r.roleName} @ ${r.account}`;

/** How the notices and the Switch back button name the person. */
export const personName = (p: SigninPrincipal) => (p.kind === 'root' ? 'the root user' : (p.userName ?? 'yourself'));

/** Who is acting, with Switch back while in a role; Switch role for IAM users (roles refuse root). */
const Who: FC<{ principal: ConsolePrincipal; csrf: string }> = ({ principal, csrf }) => {
  const role = principal.actingAs;
  if (!role) {
    return (
      <>
        <span>{whoLabel(principal)}</span>
        {principal.kind === 'root' ? null : <a href="/console/switch-role">Switch role</a>}
      </>
    );
  }
  return (
    <>
      <span>
        <strong>{roleLabel(role)}</strong>{' '}
        <span>
          (signed in as {whoLabel(principal)}; until {role.expiresAt.toISOString().slice(11, 16)} UTC)
        </span>
      </span>
      <form method="post" action="/console/switch-role/back" class="inline">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <button type="submit" class="link">
          Switch back<span class="visually-hidden"> to {personName(principal)}</span>
        </button>
      </form>
    </>
  );
};

export const Layout: FC<PropsWithChildren<PageFrame>> = ({ title, principal, csrf, section, crumbs, head, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      <meta name="robots" content="noindex" />
      <title>{`${title} · ${PRODUCT} console`}</title>
      <link rel="stylesheet" href="/console/assets/console.css" />
      <script src="/console/assets/console.js" defer></script>
      {head}
    </head>
    <body>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="/console">
          <span class="logo" aria-hidden="true">
            e
          </span>
          <span>{PRODUCT}</span>
        </a>
        <div class="who">
          <Who principal={principal} csrf={csrf} />
          <form method="post" action="/signout" class="inline">
            <input type="hidden" name={CSRF_FIELD} value={csrf} />
            <button type="submit" class="link">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <nav class="side" aria-label="Console">
        <ul>
          {NAV.map(([key, label, href]) => (
            <li>
              <a href={href} aria-current={key === section ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main">
        {principal.roleNotice ? (
          <p class="warning" role="status">
            {principal.roleNotice}
          </p>
        ) : null}
        {crumbs && crumbs.length > 0 ? (
          <nav class="crumbs" aria-label="Breadcrumb">
            <ol>
              {crumbs.map(([label, href]) => (
                <li>
                  <a href={href}>{label}</a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        {children}
      </main>
    </body>
  </html>
);
