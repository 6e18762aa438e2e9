// The rest of the Security credentials section: SSH public keys for AWS CodeCommit, X.509 signing
// certificates and service-specific credentials (HTTPS Git for CodeCommit, Amazon Keyspaces), each a
// table with its one-button status change and links to its pages (routes-ssh-keys.tsx,
// routes-signing-certificates.tsx, routes-service-credentials.tsx). A list the person may not read
// shows AWS's refusal in its place.
import type { FC } from 'hono/jsx';
import { DataTable, Time } from '../../../ui/components';
import type { UserDetail } from './data';
import { PostButton, Unavailable } from './parts';
import { userUrl } from './shared';

/** The services the AWS console generates user-name-and-password credentials for, and their names there. */
export const PASSWORD_SERVICES: Readonly<Record<string, { label: string; file: string }>> = {
  'codecommit.amazonaws.com': { label: 'HTTPS Git credentials for AWS CodeCommit', file: 'codecommit' },
  'cassandra.amazonaws.com': { label: 'Credentials for Amazon Keyspaces (for Apache Cassandra)', file: 'keyspaces' },
};
export const serviceLabel = (service: string) => PASSWORD_SERVICES[service]?.label ?? service;

const Status: FC<{ value: string }> = ({ value }) => <span class={value === 'Active' ? 'status-ok' : 'status-warn'}>{value}</span>;
const next = (status: string) => (status === 'Active' ? 'Inactive' : 'Active');
const toggle = (status: string) => (status === 'Active' ? 'Deactivate' : 'Activate');
const q = (id: string) => `?id=${encodeURIComponent(id)}`;

const Link: FC<{ href: string; label: string; object: string }> = ({ href, label, object }) => (
  <a href={href}>
    {label}
    <span class="visually-hidden"> {object}</span>
  </a>
);

export const OtherCredentials: FC<{ d: UserDetail; csrf: string }> = ({ d, csrf }) => {
  const n = d.user.UserName;
  return (
    <>
      <h3 id="ssh-public-keys">SSH public keys for AWS CodeCommit</h3>
      {d.sshKeys.ok ? (
        <DataTable
          caption={`SSH public keys of ${n}`}
          hideCaption
          head={['SSH key ID', 'Status', 'Uploaded', 'Actions']}
          empty="No SSH public keys."
          rows={d.sshKeys.value.map((k) => [
            <span class="mono">{k.SSHPublicKeyId}</span>,
            <Status value={k.Status} />,
            <Time value={k.UploadDate} />,
            <div class="button-row">
              <PostButton
                action={userUrl(n, '/ssh-keys/status')}
                csrf={csrf}
                fields={{ ssh_public_key_id: k.SSHPublicKeyId, status: next(k.Status) }}
                label={toggle(k.Status)}
                object={`SSH public key ${k.SSHPublicKeyId}`}
              />
              <Link href={userUrl(n, `/ssh-keys/show${q(k.SSHPublicKeyId)}`)} label="Show" object={`SSH public key ${k.SSHPublicKeyId}`} />
              <Link
                href={userUrl(n, `/ssh-keys/delete${q(k.SSHPublicKeyId)}`)}
                label="Delete"
                object={`SSH public key ${k.SSHPublicKeyId}`}
              />
            </div>,
          ])}
        />
      ) : (
        <Unavailable error={d.sshKeys.error} />
      )}
      <p>
        <a class="button secondary" href={userUrl(n, '/ssh-keys/upload')}>
          Upload SSH public key
        </a>
      </p>

      <h3 id="signing-certificates">X.509 signing certificates</h3>
      {d.signingCertificates.ok ? (
        <DataTable
          caption={`Signing certificates of ${n}`}
          hideCaption
          head={['Certificate ID', 'Status', 'Uploaded', 'Actions']}
          empty="No signing certificates."
          rows={d.signingCertificates.value.map((s) => [
            <span class="mono">{s.CertificateId}</span>,
            <Status value={s.Status} />,
            <Time value={s.UploadDate} />,
            <div class="button-row">
              <PostButton
                action={userUrl(n, '/signing-certificates/status')}
                csrf={csrf}
                fields={{ certificate_id: s.CertificateId, status: next(s.Status) }}
                label={toggle(s.Status)}
                object={`signing certificate ${s.CertificateId}`}
              />
              <Link
                href={userUrl(n, `/signing-certificates/delete${q(s.CertificateId)}`)}
                label="Delete"
                object={`signing certificate ${s.CertificateId}`}
              />
            </div>,
          ])}
        />
      ) : (
        <Unavailable error={d.signingCertificates.error} />
      )}
      <p>
        <a class="button secondary" href={userUrl(n, '/signing-certificates/upload')}>
          Upload signing certificate
        </a>
      </p>

      <h3 id="service-credentials">HTTPS Git credentials and other service-specific credentials</h3>
      {d.serviceCredentials.ok ? (
        <DataTable
          caption={`Service-specific credentials of ${n}`}
          hideCaption
          head={['Service', 'User name', 'Credential ID', 'Status', 'Created', 'Actions']}
          empty="No service-specific credentials."
          rows={d.serviceCredentials.value.map((s) => {
            const id = s.ServiceSpecificCredentialId;
            return [
              serviceLabel(s.ServiceName),
              <span class="mono">{s.ServiceUserName ?? s.ServiceCredentialAlias ?? ''}</span>,
              <span class="mono">{id}</span>,
              <Status value={s.Status} />,
              <Time value={s.CreateDate} />,
              <div class="button-row">
                <PostButton
                  action={userUrl(n, '/service-credentials/status')}
                  csrf={csrf}
                  fields={{ credential_id: id, status: next(s.Status) }}
                  label={toggle(s.Status)}
                  object={`credential ${id}`}
                />
                <Link href={userUrl(n, `/service-credentials/reset${q(id)}`)} label="Reset password" object={`of credential ${id}`} />
                <Link href={userUrl(n, `/service-credentials/delete${q(id)}`)} label="Delete" object={`credential ${id}`} />
              </div>,
            ];
          })}
        />
      ) : (
        <Unavailable error={d.serviceCredentials.error} />
      )}
      <p>
        <a class="button secondary" href={userUrl(n, '/service-credentials/create')}>
          Generate credentials
        </a>
      </p>
    </>
  );
};
