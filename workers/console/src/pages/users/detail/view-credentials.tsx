// The Security credentials section of the user detail page: the console password (enable, manage,
// disable: routes-password.tsx), the sign-in link to give the user, MFA devices (the MFA flow owns
// assigning and removing them), access keys (the access-key flow's table and routes), then SSH keys,
// signing certificates and service-specific credentials (view-service-credentials.tsx).
import type { FC } from 'hono/jsx';
import { Copyable, DataTable, Section, SummaryList, Time } from '../../../ui/components';
import { AccessKeysTable } from '../../flows/access-keys';
import type { UserDetail } from './data';
import { PostButton, Unavailable } from './parts';
import { userUrl } from './shared';
import { OtherCredentials } from './view-service-credentials';

export const CredentialsSection: FC<{ d: UserDetail; csrf: string; signin: string }> = ({ d, csrf, signin }) => {
  const n = d.user.UserName;
  const lp = d.loginProfile;
  return (
    <Section title="Security credentials" id="security-credentials">
      <h3 id="console-access">Console sign-in</h3>
      {lp.ok ? (
        <SummaryList
          rows={[
            ['Console password', lp.value ? <span class="status-ok">Enabled</span> : <span class="muted">Disabled</span>],
            ...(lp.value
              ? ([
                  ['Password set', <Time value={lp.value.CreateDate} />],
                  ['Must change password at next sign-in', lp.value.PasswordResetRequired ? 'Yes' : 'No'],
                ] as const)
              : []),
            ['Last console sign-in', <Time value={d.user.PasswordLastUsed} />],
            ['Console sign-in link', <Copyable value={signin} id="console-signin-link" label="console sign-in link" />],
          ]}
        />
      ) : (
        <Unavailable error={lp.error} />
      )}
      <div class="button-row user-detail-actions">
        <a class="button secondary" href={userUrl(n, '/console-password')}>
          {lp.ok && !lp.value ? 'Enable console access' : 'Manage console access'}
        </a>
        {lp.ok && lp.value ? (
          <PostButton
            action={userUrl(n, '/console-password/disable')}
            csrf={csrf}
            fields={{}}
            label="Disable console access"
            object={`for ${n}`}
            danger
          />
        ) : null}
      </div>

      <h3>Multi-factor authentication (MFA)</h3>
      {d.mfa.ok ? (
        <DataTable
          caption={`MFA devices of ${n}`}
          hideCaption
          head={['Device', 'Assigned', 'Action']}
          empty="No MFA device is assigned. AWS recommends one for every user who signs in to the console."
          rows={d.mfa.value.map((m) => [
            <span class="mono">{m.SerialNumber}</span>,
            <Time value={m.EnableDate} />,
            <PostButton
              action={userUrl(n, '/mfa/remove')}
              csrf={csrf}
              fields={{ serial_number: m.SerialNumber }}
              label="Remove"
              object={`MFA device ${m.SerialNumber}`}
              danger
            />,
          ])}
        />
      ) : (
        <Unavailable error={d.mfa.error} />
      )}
      <p>
        <a class="button secondary" href={userUrl(n, '/mfa/new')}>
          Assign MFA device
        </a>
      </p>

      <h3>Access keys</h3>
      {d.keys.ok ? (
        <AccessKeysTable keys={d.keys.value} base={userUrl(n, '/access-keys')} csrf={csrf} />
      ) : (
        <Unavailable error={d.keys.error} />
      )}

      <OtherCredentials d={d} csrf={csrf} />
    </Section>
  );
};
