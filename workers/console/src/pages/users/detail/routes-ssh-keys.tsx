// The user's SSH public keys for AWS CodeCommit, under /console/users/:name/ssh-keys: upload a key
// (UploadSSHPublicKey: ssh-rsa or PEM, RSA of at least 2048 bits, five per user), show one with its
// fingerprint (GetSSHPublicKey), activate or deactivate it (UpdateSSHPublicKey) and delete it after a
// confirmation (DeleteSSHPublicKey). The key's ID is what the user puts as `User` in ~/.ssh/config.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../../env';
import { attempt, IamError, readForm } from '../../../render';
import { Copyable, CsrfField, ErrorSummary, PageHeader, SummaryList, Time } from '../../../ui/components';
import { PEM_LIMITS, PemArea, pemProblem, readPem } from '../../server-certificates/pem-field';
import { backToCredentials, credentialId, credentialPage, uploadRefusal, type UploadProblem } from './credential-pages';
import { credentialLifecycleRoutes } from './credential-lifecycle';
import { getUser } from './data';
import { backToSection, userUrl } from './shared';

export const sshKeyRoutes = new Hono<ConsoleEnv>();

const MIN_ID = 20;
const CHOOSE_FROM_LIST = 'Choose the SSH public key from the list of SSH public keys.';
const badId = () => new IamError('InvalidInput', CHOOSE_FROM_LIST);

function uploadForm(c: ConsoleContext, name: string, problem?: UploadProblem) {
  return credentialPage(
    c,
    name,
    { title: 'Upload SSH public key', status: problem?.status },
    <>
      <PageHeader title="Upload SSH public key" lead={`For AWS CodeCommit, for user ${name}`} />
      <ErrorSummary message={problem?.message} errors={problem?.error ? { ssh_public_key: problem.error } : undefined} />
      <form method="post" action={userUrl(name, '/ssh-keys/upload')} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <PemArea
          label="SSH public key"
          name="ssh_public_key"
          max={PEM_LIMITS.sshKey}
          value={problem?.value}
          error={problem?.error}
          rows={6}
          hint="The public half only, for example the contents of ~/.ssh/id_rsa.pub (ssh-rsa AAAA…), or a PEM public key. CodeCommit takes RSA keys of 2048 bits or more; a user can have five."
        />
        <div class="button-row">
          <button type="submit">Upload SSH public key</button>
          <a href={backToCredentials(name)}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

sshKeyRoutes.get('/:name/ssh-keys/upload', async (c) => uploadForm(c, (await getUser(c, c.req.param('name'))).UserName));

sshKeyRoutes.post('/:name/ssh-keys/upload', async (c) => {
  const name = c.req.param('name');
  const body = readPem(await readForm(c), 'ssh_public_key', PEM_LIMITS.sshKey);
  const problem = body ? pemProblem(body, PEM_LIMITS.sshKey, 'SSH public key') : 'Paste the SSH public key';
  if (problem) return uploadForm(c, name, { value: body, error: problem, status: 400 });
  const r = await attempt(() =>
    c.var.iam.call<{ SSHPublicKey: { SSHPublicKeyId: string; Fingerprint: string } }>('UploadSSHPublicKey', {
      UserName: name,
      SSHPublicKeyBody: body,
    }),
  );
  if (!r.ok) {
    if (r.error.code === 'NoSuchEntity') throw r.error;
    return uploadForm(c, name, uploadRefusal(r.error, body));
  }
  const k = r.value.SSHPublicKey;
  return backToSection(
    c,
    name,
    'security-credentials',
    `SSH public key ${k.SSHPublicKeyId} (fingerprint ${k.Fingerprint}) was uploaded for ${name}.`,
  );
});

sshKeyRoutes.get('/:name/ssh-keys/show', async (c) => {
  const name = c.req.param('name');
  const id = credentialId(c.req.query('id'), MIN_ID);
  if (!id) throw badId();
  const k = (
    await c.var.iam.call<{
      SSHPublicKey: { SSHPublicKeyId: string; Fingerprint: string; SSHPublicKeyBody: string; Status: string; UploadDate: string };
    }>('GetSSHPublicKey', { UserName: name, SSHPublicKeyId: id, Encoding: 'SSH' })
  ).SSHPublicKey;
  return credentialPage(
    c,
    name,
    { title: `SSH public key ${k.SSHPublicKeyId}` },
    <>
      <PageHeader title="SSH public key" lead={`For AWS CodeCommit, for user ${name}`} />
      <div class="panel">
        <SummaryList
          rows={[
            ['SSH key ID', <Copyable value={k.SSHPublicKeyId} id="ssh-key-id" label="SSH key ID" />],
            ['Fingerprint (MD5)', <span class="mono">{k.Fingerprint}</span>],
            ['Status', k.Status],
            ['Uploaded', <Time value={k.UploadDate} />],
          ]}
        />
        <h2>Public key</h2>
        <pre id="ssh-public-key-body">{k.SSHPublicKeyBody}</pre>
        <p class="hint">In ~/.ssh/config, use the SSH key ID as the User for git-codecommit.*.amazonaws.com.</p>
      </div>
      <p>
        <a href={backToCredentials(name)}>Back to the security credentials of user {name}</a>
      </p>
    </>,
  );
});

sshKeyRoutes.route(
  '/',
  credentialLifecycleRoutes({
    segment: 'ssh-keys',
    field: 'ssh_public_key_id',
    param: 'SSHPublicKeyId',
    minId: MIN_ID,
    updateAction: 'UpdateSSHPublicKey',
    deleteAction: 'DeleteSSHPublicKey',
    Noun: 'SSH public key',
    noun: 'SSH public key',
    chooseStatus: 'Choose an SSH public key and whether it should be Active or Inactive.',
    chooseFromList: CHOOSE_FROM_LIST,
    tickToConfirm: 'Tick the box to confirm the key should be deleted',
    deleteTitle: 'Delete SSH public key',
    deleteButton: 'Delete SSH public key',
    deleteWarning: (name) => (
      <p>Git clients that use this key can no longer reach CodeCommit as {name}. Deactivating it instead can be undone.</p>
    ),
  }),
);
