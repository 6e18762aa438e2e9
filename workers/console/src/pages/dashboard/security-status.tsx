// The dashboard's "Security status" panel: the five checks an administrator works through on a new
// account (the AWS IAM tutorial's first steps), each marked done or needing attention in words as well
// as colour, with what was found, what to do next and, for a warning, a link to the console page that
// fixes it. The checks themselves are computed by the identity worker (GET /security-status).
import type { FC } from 'hono/jsx';
import { Section } from '../../ui/components';
import { type Read, Unavailable } from './unavailable';

/** GET /security-status as JSON (core account/security-status.ts computes it). */
export type SecurityCheckId =
  'root-access-keys-deleted' | 'root-mfa-enabled' | 'individual-users' | 'groups-assign-permissions' | 'password-policy-applied';

interface SecurityCheck {
  check: SecurityCheckId;
  title: string;
  state: 'ok' | 'warning';
  detail: string;
  nextStep: string;
}

export interface SecurityStatus {
  state: 'ok' | 'warning';
  checks: SecurityCheck[];
}

/** Where each check is fixed in the console, and the link's words. */
const FIXES: Record<SecurityCheckId, { href: string; label: string; rootOnly?: boolean }> = {
  'root-access-keys-deleted': { href: '/console/security-credentials#access-keys', label: 'Manage the root access keys', rootOnly: true },
  'root-mfa-enabled': { href: '/console/security-credentials#mfa', label: 'Activate MFA for the root user', rootOnly: true },
  'individual-users': { href: '/console/users/new', label: 'Add a user' },
  'groups-assign-permissions': { href: '/console/groups', label: 'Manage user groups' },
  'password-policy-applied': { href: '/console/account-settings', label: 'Set a password policy' },
};

export type StatusResult = Read<SecurityStatus>;

const Check: FC<{ check: SecurityCheck; asRoot: boolean }> = ({ check, asRoot }) => {
  const ok = check.state === 'ok';
  // A check this console does not know yet still shows, without a link.
  const fix = FIXES[check.check] as (typeof FIXES)[SecurityCheckId] | undefined;
  return (
    <li class={ok ? 'ok' : 'warning'} id={`check-${check.check}`}>
      <span class="mark" aria-hidden="true">
        {ok ? '✓' : '!'}
      </span>
      <div class="check-body">
        <h3>
          {check.title}{' '}
          <span class={ok ? 'status-ok' : 'status-warn'}>
            <span class="visually-hidden">: </span>
            {ok ? 'Done' : 'Needs attention'}
          </span>
        </h3>
        <p>{check.detail}</p>
        <p class="muted">{check.nextStep}</p>
        {ok || !fix ? null : (
          <p>
            <a href={fix.href}>{fix.label}</a>
            {/* Root credentials can only be changed by the root user itself: say so before the click. */}
            {fix.rootOnly && !asRoot ? <span class="muted"> (sign in as the root user to do this)</span> : null}
          </p>
        )}
      </div>
    </li>
  );
};

export const SecurityStatusPanel: FC<{ result: StatusResult; asRoot: boolean }> = ({ result, asRoot }) => {
  if (!result.ok) {
    return (
      <Section title="Security status" id="security-status">
        <Unavailable error={result.error} />
      </Section>
    );
  }
  const open = result.value.checks.filter((c) => c.state !== 'ok').length;
  return (
    <Section title="Security status" id="security-status">
      <p class={open === 0 ? 'status-ok' : 'status-warn'}>
        {open === 0
          ? `All ${result.value.checks.length} checks are done.`
          : `${open} of ${result.value.checks.length} checks need attention.`}
      </p>
      <ul class="checks">
        {result.value.checks.map((check) => (
          <Check check={check} asRoot={asRoot} />
        ))}
      </ul>
    </Section>
  );
};
