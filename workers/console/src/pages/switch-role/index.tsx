// /console/switch-role: act as a role, as AWS's console does. GET shows the form (prefilled from the
// role page's link); POST calls STS AssumeRole as the signed-in person, so their own policies and the
// role's trust policy decide, and keeps the role's temporary credentials in a sealed cookie bound to
// this sign-in session (role-cookie.ts). From then on every page's IAM client signs as the role
// (session.ts, iam-api.ts). POST /back forgets the role. A link alone never switches anyone: only a
// POST with the CSRF token does.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { attempt, readForm, redirectWithNotice, text } from '../../render';
import { personName, roleLabel } from '../../ui/layout';
import { switchRoleForm } from './form';
import { clearRoleCookie, setRoleCookie } from './role-cookie';
import { roleArnFor, switchRequest } from './request';

export const switchRolePages = new Hono<ConsoleEnv>();

// AWS's console asks for one hour. STS caps it at the role's MaxSessionDuration (an hour at least) and,
// asked with a sign-in token, at that token's expiry: so the token for this one call may live as long.
const ROLE_SESSION_SECONDS = 3600;

interface AssumeRoleResult {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string };
  AssumedRoleUser: { Arn: string; AssumedRoleId: string };
}

switchRolePages.get('/', (c) =>
  switchRoleForm(
    c,
    switchRequest((name) => c.req.query(name)),
  ),
);

switchRolePages.post('/', async (c) => {
  const form = await readForm(c);
  const request = switchRequest((name) => text(form, name, 1024));
  const me = c.var.session.principal;
  const target = roleArnFor(request, me);
  if (!target.ok) return switchRoleForm(c, request, { errors: target.errors, status: 400 });

  const assumed = await attempt(() =>
    c.var.iam
      .asPerson(ROLE_SESSION_SECONDS)
      .call<AssumeRoleResult>(
        'AssumeRole',
        { RoleArn: target.roleArn, RoleSessionName: me.userName ?? 'root', DurationSeconds: ROLE_SESSION_SECONDS },
        'sts',
      ),
  );
  if (!assumed.ok) return switchRoleForm(c, request, { error: assumed.error });

  const { Credentials: cred, AssumedRoleUser: user } = assumed.value;
  const role = {
    accessKeyId: cred.AccessKeyId,
    secretAccessKey: cred.SecretAccessKey,
    sessionToken: cred.SessionToken,
    expiresAt: new Date(cred.Expiration),
    roleArn: target.roleArn,
    roleName: request.roleName.replace(/^\//, ''),
    account: request.account,
    displayName: request.displayName,
    arn: user.Arn,
  };
  await setRoleCookie(c, c.var.session.session.sessionId, role, new Date());
  const until = role.expiresAt.toISOString().slice(11, 16);
  return redirectWithNotice(
    c,
    '/console',
    `You are now acting as ${roleLabel(role)} (${role.arn}) until ${until} UTC. Use Switch back in the header to act as yourself again.`,
  );
});

switchRolePages.post('/back', (c) => {
  const was = c.var.session.principal.actingAs;
  clearRoleCookie(c);
  return redirectWithNotice(
    c,
    '/console',
    was ? `You left ${roleLabel(was)} and are acting as ${personName(c.var.session.principal)} again.` : undefined,
  );
});
