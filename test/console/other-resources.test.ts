// The console's pages for the remaining IAM object kinds: instance profiles (create, add and remove the
// role, tags, delete with the role removed first), server certificates (upload with a certificate and
// key made here, rename/move, tags, delete; a key that is not the certificate's is refused and nothing
// is stored) and a user's SSH public keys, signing certificates and service-specific credentials.
// Effects are checked through the AWS SDK; refused requests change nothing.
import {
  CreateRoleCommand,
  CreateUserCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  GetServerCertificateCommand,
  ListInstanceProfilesCommand,
  ListServerCertificatesCommand,
  ListServiceSpecificCredentialsCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { certificate, EC, generateKeys, opensshPublicKey } from '../iam/certs';
import { iam } from '../iam/clients';
import { consoleAsRoot, consoleAsUser, open, submit } from './fixtures';

const EC2_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

async function setup() {
  const { browser, account: a } = await consoleAsRoot();
  const sdk = iam({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });
  return { browser, a, sdk };
}

const profileNames = async (sdk: IAMClient) =>
  ((await sdk.send(new ListInstanceProfilesCommand({}))).InstanceProfiles ?? []).map((p) => p.InstanceProfileName);
const profileRoles = async (sdk: IAMClient, name: string) =>
  ((await sdk.send(new GetInstanceProfileCommand({ InstanceProfileName: name }))).InstanceProfile?.Roles ?? []).map((r) => r.RoleName);
const certificateNames = async (sdk: IAMClient) =>
  ((await sdk.send(new ListServerCertificatesCommand({}))).ServerCertificateMetadataList ?? []).map((m) => m.ServerCertificateName);
const sshKeys = async (sdk: IAMClient, user: string) =>
  (await sdk.send(new ListSSHPublicKeysCommand({ UserName: user }))).SSHPublicKeys ?? [];
const signingCertificates = async (sdk: IAMClient, user: string) =>
  (await sdk.send(new ListSigningCertificatesCommand({ UserName: user }))).Certificates ?? [];
const serviceCredentials = async (sdk: IAMClient, user: string) =>
  (await sdk.send(new ListServiceSpecificCredentialsCommand({ UserName: user }))).ServiceSpecificCredentials ?? [];

describe('console: instance profiles', () => {
  it('creates a profile with tags, adds a role (one at most), removes it, and deletes the profile with its role removed first', async () => {
    const { browser, a, sdk } = await setup();
    await sdk.send(new CreateRoleCommand({ RoleName: 'web-role', AssumeRolePolicyDocument: EC2_TRUST }));
    await sdk.send(new CreateRoleCommand({ RoleName: 'batch-role', AssumeRolePolicyDocument: EC2_TRUST }));

    expect((await open(browser, '/console/instance-profiles/new')).status).toBe(200);
    // Bad input: each field's message, status 400, nothing created.
    const bad = await submit(browser, '/console/instance-profiles/new', {
      name: 'has space',
      path: 'web',
      'tag-key-0': '',
      'tag-value-0': 'orphan',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('The instance profile name may contain only letters, digits and + = , . @ _ -');
    expect(bad.text).toContain('Enter a path that starts and ends with /');
    expect(bad.text).toContain('Enter a key for tag 1, or clear its value');
    expect(bad.html).toContain('value="has space"');
    expect(await profileNames(sdk)).toEqual([]);

    const made = await submit(browser, '/console/instance-profiles/new', {
      name: 'WebServer',
      path: '/web/',
      'tag-key-0': 'team',
      'tag-value-0': 'web',
    });
    expect(made.status).toBe(303);
    expect(made.location).toMatch(/^\/console\/instance-profiles\/WebServer\?notice=/);
    const taken = await submit(browser, '/console/instance-profiles/new', { name: 'webserver' });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('Instance Profile webserver already exists.');
    expect(await profileNames(sdk)).toEqual(['WebServer']);

    let detail = await open(browser, '/console/instance-profiles/WebServer');
    expect(detail.status).toBe(200);
    expect(detail.text).toContain(`arn:aws:iam::${a.accountId}:instance-profile/web/WebServer`);
    expect(detail.text).toContain('This profile holds no role');
    expect(detail.html).toContain('<option value="web-role">web-role</option>');
    expect(detail.text).toMatch(/team\s+web/);

    // A role that does not exist is refused beside the field, with AWS's words.
    const ghost = await submit(browser, '/console/instance-profiles/WebServer/role', { role: 'ghost' });
    expect(ghost.status).toBe(404);
    expect(ghost.text).toContain('The role with name ghost cannot be found.');
    expect(await profileRoles(sdk, 'WebServer')).toEqual([]);

    const added = await submit(browser, '/console/instance-profiles/WebServer/role', { role: 'web-role' });
    expect(added.status).toBe(303);
    expect(await profileRoles(sdk, 'WebServer')).toEqual(['web-role']);
    const list = await open(browser, '/console/instance-profiles');
    expect(list.status).toBe(200);
    expect(list.html).toContain('href="/console/roles/web-role"');
    expect(list.text).toContain('WebServer');
    // AWS's quota: one role per profile.
    const second = await submit(browser, '/console/instance-profiles/WebServer/role', { role: 'batch-role' });
    expect(second.status).toBe(409);
    expect(second.text).toContain('Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1');
    expect(await profileRoles(sdk, 'WebServer')).toEqual(['web-role']);

    const removed = await submit(browser, '/console/instance-profiles/WebServer/role/remove', { role: 'web-role' });
    expect(removed.status).toBe(303);
    expect(await profileRoles(sdk, 'WebServer')).toEqual([]);

    // Tags: a bad key changes nothing; then add and remove one.
    const badTag = await submit(browser, '/console/instance-profiles/WebServer/tags', { tag_key: 'no#hash', tag_value: 'x' });
    expect(badTag.status).toBe(400);
    expect(badTag.text).toContain('The key can only contain letters, numbers, spaces and _ . : / = + - @');
    expect((await submit(browser, '/console/instance-profiles/WebServer/tags', { tag_key: 'env', tag_value: 'prod' })).status).toBe(303);
    expect((await submit(browser, '/console/instance-profiles/WebServer/tags/remove', { tag_key: 'team' })).status).toBe(303);
    detail = await open(browser, '/console/instance-profiles/WebServer');
    expect(detail.text).toMatch(/env\s+prod/);
    expect(detail.text).not.toMatch(/team\s+web/);

    // Deleting a profile that holds a role: the confirm page says the role goes first, and it does.
    await submit(browser, '/console/instance-profiles/WebServer/role', { role: 'web-role' });
    const confirm = await open(browser, '/console/instance-profiles/WebServer/delete');
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('This profile holds role web-role');
    expect(confirm.text).toContain('first remove the role from it, then delete the profile');
    const wrong = await submit(browser, '/console/instance-profiles/WebServer/delete', { confirm: 'Web' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('The text you typed is not WebServer');
    expect(await profileRoles(sdk, 'WebServer')).toEqual(['web-role']);
    const deleted = await submit(browser, '/console/instance-profiles/WebServer/delete', { confirm: 'WebServer' });
    expect(deleted.status).toBe(303);
    expect(deleted.location).toMatch(/^\/console\/instance-profiles\?notice=/);
    const after = await open(browser, deleted.location!);
    expect(after.text).toContain('Instance profile WebServer was deleted. Role web-role was removed from it first.');
    expect(await profileNames(sdk)).toEqual([]);
    expect((await sdk.send(new GetRoleCommand({ RoleName: 'web-role' }))).Role?.RoleName).toBe('web-role');

    const missing = await open(browser, '/console/instance-profiles/WebServer');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Instance Profile WebServer cannot be found.');
    expect((await submit(browser, '/console/instance-profiles/WebServer/delete', { confirm: 'WebServer' })).status).toBe(404);
  });
});

describe('console: server certificates', () => {
  it('uploads a generated certificate with its chain, shows it, renames and moves it, tags it and deletes it; a wrong key stores nothing', async () => {
    const { browser, a, sdk } = await setup();
    const ca = await certificate('Test CA', { ca: true });
    const leaf = await certificate('www.example.com', { issuer: ca, days: 90 });
    const stranger = await certificate('other.example.com');

    expect((await open(browser, '/console/server-certificates/upload')).status).toBe(200);
    // Bad input at the edge: messages beside the fields, nothing stored.
    const bad = await submit(browser, '/console/server-certificates/upload', {
      name: 'www cert',
      certificate_body: 'not a certificate',
      private_key: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('The server certificate name may contain only letters');
    expect(bad.text).toContain('Paste the certificate in PEM form, starting -----BEGIN CERTIFICATE-----');
    expect(bad.text).toContain('Paste the private key');

    // A private key that is not the certificate's: AWS's KeyPairMismatch words, the key never echoed back.
    const mismatched = await submit(browser, '/console/server-certificates/upload', {
      name: 'www',
      certificate_body: leaf.pem,
      private_key: stranger.keyPem,
      certificate_chain: ca.pem,
    });
    expect(mismatched.status).toBe(400);
    expect(mismatched.text).toContain(
      'The private key did not match the public key provided. Please verify the key material and try again.',
    );
    expect(mismatched.text).toContain('Paste the private key again');
    const keyBody = stranger.keyPem.split('\n')[1]!;
    expect(mismatched.html).not.toContain(keyBody);
    expect(mismatched.html).toContain(leaf.pem.split('\n')[1]!);
    expect(await certificateNames(sdk)).toEqual([]);

    const uploaded = await submit(browser, '/console/server-certificates/upload', {
      name: 'www',
      path: '/',
      certificate_body: leaf.pem,
      private_key: leaf.keyPem.replace(/\n/g, '\r\n'),
      certificate_chain: ca.pem,
    });
    expect(uploaded.status, uploaded.text).toBe(303);
    expect(uploaded.location).toMatch(/^\/console\/server-certificates\/www\?notice=/);
    const stored = (await sdk.send(new GetServerCertificateCommand({ ServerCertificateName: 'www' }))).ServerCertificate!;

    const detail = await open(browser, '/console/server-certificates/www');
    expect(detail.status).toBe(200);
    expect(detail.text).toContain(`arn:aws:iam::${a.accountId}:server-certificate/www`);
    expect(detail.text).toContain(stored.ServerCertificateMetadata!.ServerCertificateId!);
    expect(detail.html).toContain(`datetime="${leaf.cert.notAfter.toISOString().replace(/\.\d+Z$/, '')}`);
    expect(detail.text).toContain('Certificate chain 1 certificate');
    expect(detail.text).toContain('Stored encrypted; it cannot be viewed or downloaded');
    expect(detail.html).not.toContain(leaf.keyPem.split('\n')[1]!);
    const list = await open(browser, '/console/server-certificates');
    expect(list.status).toBe(200);
    expect(list.html).toContain('href="/console/server-certificates/www"');

    // Rename and move: bad input first, then the change lands.
    const same = await submit(browser, '/console/server-certificates/www/edit', { name: 'www', path: '/' });
    expect(same.status).toBe(400);
    expect(same.text).toContain('Enter a new name or a new path');
    const badPath = await submit(browser, '/console/server-certificates/www/edit', { name: 'www2', path: 'cloudfront' });
    expect(badPath.status).toBe(400);
    expect(await certificateNames(sdk)).toEqual(['www']);
    const renamed = await submit(browser, '/console/server-certificates/www/edit', { name: 'www2', path: '/cloudfront/' });
    expect(renamed.status).toBe(303);
    expect(renamed.location).toMatch(/^\/console\/server-certificates\/www2\?notice=/);
    const moved = (await sdk.send(new GetServerCertificateCommand({ ServerCertificateName: 'www2' }))).ServerCertificate!;
    expect(moved.ServerCertificateMetadata?.Path).toBe('/cloudfront/');
    expect((await open(browser, '/console/server-certificates/www')).status).toBe(404);

    expect((await submit(browser, '/console/server-certificates/www2/tags', { tag_key: 'env', tag_value: 'prod' })).status).toBe(303);
    expect((await open(browser, '/console/server-certificates/www2')).text).toMatch(/env\s+prod/);

    const wrong = await submit(browser, '/console/server-certificates/www2/delete', { confirm: 'www' });
    expect(wrong.status).toBe(400);
    expect(await certificateNames(sdk)).toEqual(['www2']);
    const deleted = await submit(browser, '/console/server-certificates/www2/delete', { confirm: 'www2' });
    expect(deleted.status).toBe(303);
    expect(await certificateNames(sdk)).toEqual([]);
    const gone = await open(browser, '/console/server-certificates/www2');
    expect(gone.status).toBe(404);
    expect(gone.text).toContain('The Server Certificate with name www2 cannot be found.');
  });
});

describe("console: a user's SSH keys, signing certificates and service-specific credentials", () => {
  it('uploads, deactivates and deletes an SSH public key and a signing certificate; refuses keys CodeCommit cannot take', async () => {
    const { browser, sdk } = await setup();
    await sdk.send(new CreateUserCommand({ UserName: 'tom' }));
    const ssh = await opensshPublicKey(await generateKeys(), 'tom@laptop');

    expect((await open(browser, '/console/users/tom/ssh-keys/upload')).status).toBe(200);
    expect((await open(browser, '/console/users/ghost/ssh-keys/upload')).status).toBe(404);
    const empty = await submit(browser, '/console/users/tom/ssh-keys/upload', { ssh_public_key: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Paste the SSH public key');
    // An EC key in PEM form: not RSA, so AWS's encoding message beside the field, nothing stored.
    const ec = await generateKeys(EC);
    const ecPem = `-----BEGIN PUBLIC KEY-----\n${btoa(String.fromCharCode(...new Uint8Array((await crypto.subtle.exportKey('spki', ec.publicKey)) as ArrayBuffer)))}\n-----END PUBLIC KEY-----`;
    const notRsa = await submit(browser, '/console/users/tom/ssh-keys/upload', { ssh_public_key: ecPem });
    expect(notRsa.status).toBe(400);
    expect(notRsa.text).toContain('The public key');
    const ed = await submit(browser, '/console/users/tom/ssh-keys/upload', {
      ssh_public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA tom@laptop',
    });
    expect(ed.status).toBe(400);
    expect(ed.text).toContain('The public key encoding format is unsupported or unrecognized. Use ssh-rsa or PEM.');
    expect(await sshKeys(sdk, 'tom')).toEqual([]);

    const up = await submit(browser, '/console/users/tom/ssh-keys/upload', { ssh_public_key: ssh.line });
    expect(up.status).toBe(303);
    expect(up.location).toMatch(/#security-credentials$/);
    const [key] = await sshKeys(sdk, 'tom');
    const id = key!.SSHPublicKeyId!;
    let detail = await open(browser, '/console/users/tom');
    expect(detail.text).toContain('SSH public keys for AWS CodeCommit');
    expect(detail.text).toContain(id);
    const shown = await open(browser, `/console/users/tom/ssh-keys/show?id=${id}`);
    expect(shown.status).toBe(200);
    expect(shown.text).toMatch(/Fingerprint \(MD5\) ([0-9a-f]{2}:){15}[0-9a-f]{2}/);
    expect(shown.text).toContain(ssh.line.split(' ')[1]!);
    expect((await submit(browser, '/console/users/tom/ssh-keys/status', { ssh_public_key_id: id, status: 'Inactive' })).status).toBe(303);
    expect((await sshKeys(sdk, 'tom'))[0]?.Status).toBe('Inactive');
    const badStatus = await submit(browser, '/console/users/tom/ssh-keys/status', { ssh_public_key_id: id, status: 'Paused' });
    expect(badStatus.status).toBe(400);
    expect((await sshKeys(sdk, 'tom'))[0]?.Status).toBe('Inactive');
    const unticked = await submit(browser, '/console/users/tom/ssh-keys/delete', { ssh_public_key_id: id });
    expect(unticked.status).toBe(400);
    expect(unticked.text).toContain('Tick the box to confirm the key should be deleted');
    expect(await sshKeys(sdk, 'tom')).toHaveLength(1);
    expect((await submit(browser, '/console/users/tom/ssh-keys/delete', { ssh_public_key_id: id, confirm: 'on' })).status).toBe(303);
    expect(await sshKeys(sdk, 'tom')).toEqual([]);
    const again = await submit(browser, '/console/users/tom/ssh-keys/delete', { ssh_public_key_id: id, confirm: 'on' });
    expect(again.status).toBe(404);
    expect(again.text).toContain(`The Public Key with id ${id} cannot be found.`);

    // Signing certificates: an unparsable PEM is refused in AWS's words; a real one is uploaded.
    const garbled = await submit(browser, '/console/users/tom/signing-certificates/upload', {
      certificate_body: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
    });
    expect(garbled.status).toBe(400);
    expect(garbled.text).toContain('Unable to parse certificate. Please ensure the certificate is in PEM format.');
    expect(await signingCertificates(sdk, 'tom')).toEqual([]);
    const signing = await certificate('tom-signing');
    const upCert = await submit(browser, '/console/users/tom/signing-certificates/upload', { certificate_body: signing.pem });
    expect(upCert.status).toBe(303);
    const [cert] = await signingCertificates(sdk, 'tom');
    const certId = cert!.CertificateId!;
    detail = await open(browser, '/console/users/tom');
    expect(detail.text).toContain('X.509 signing certificates');
    expect(detail.text).toContain(certId);
    expect(
      (await submit(browser, '/console/users/tom/signing-certificates/status', { certificate_id: certId, status: 'Inactive' })).status,
    ).toBe(303);
    expect((await signingCertificates(sdk, 'tom'))[0]?.Status).toBe('Inactive');
    expect((await open(browser, `/console/users/tom/signing-certificates/delete?id=${certId}`)).status).toBe(200);
    expect(
      (await submit(browser, '/console/users/tom/signing-certificates/delete', { certificate_id: certId, confirm: 'on' })).status,
    ).toBe(303);
    expect(await signingCertificates(sdk, 'tom')).toEqual([]);
  });

  it('generates HTTPS Git credentials, shows the password once with a download, resets it, deactivates and deletes it', async () => {
    const { browser, a, sdk } = await setup();
    await sdk.send(new CreateUserCommand({ UserName: 'tom' }));

    expect((await open(browser, '/console/users/tom/service-credentials/create')).status).toBe(200);
    const none = await submit(browser, '/console/users/tom/service-credentials/create', {});
    expect(none.status).toBe(400);
    expect(none.text).toContain('Choose the service the credentials are for');
    const other = await submit(browser, '/console/users/tom/service-credentials/create', { service: 'ec2.amazonaws.com' });
    expect(other.status).toBe(400);
    expect(await serviceCredentials(sdk, 'tom')).toEqual([]);

    const made = await submit(browser, '/console/users/tom/service-credentials/create', { service: 'codecommit.amazonaws.com' });
    expect(made.status).toBe(200);
    expect(made.text).toContain('This is the only time the password can be viewed or downloaded');
    const password = made.html.match(/<code id="service-password">([^<]+)<\/code>/)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
    expect(made.text).toContain(`tom-at-${a.accountId}`);
    expect(made.html).toContain('download="tom_codecommit_credentials.csv"');
    expect(made.html).toContain(encodeURIComponent(password!));
    const [cred] = await serviceCredentials(sdk, 'tom');
    expect(cred).toMatchObject({ ServiceName: 'codecommit.amazonaws.com', ServiceUserName: `tom-at-${a.accountId}`, Status: 'Active' });
    const id = cred!.ServiceSpecificCredentialId!;

    // Shown once: the user's page lists the credential, never the password.
    let detail = await open(browser, '/console/users/tom');
    expect(detail.text).toContain('HTTPS Git credentials for AWS CodeCommit');
    expect(detail.text).toContain(id);
    expect(detail.html).not.toContain(password!);

    const unticked = await submit(browser, '/console/users/tom/service-credentials/reset', { credential_id: id });
    expect(unticked.status).toBe(400);
    const reset = await submit(browser, '/console/users/tom/service-credentials/reset', { credential_id: id, confirm: 'on' });
    expect(reset.status).toBe(200);
    const fresh = reset.html.match(/<code id="service-password">([^<]+)<\/code>/)?.[1];
    expect(fresh).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
    expect(fresh).not.toBe(password);

    expect((await submit(browser, '/console/users/tom/service-credentials/status', { credential_id: id, status: 'Inactive' })).status).toBe(
      303,
    );
    expect((await serviceCredentials(sdk, 'tom'))[0]?.Status).toBe('Inactive');
    detail = await open(browser, '/console/users/tom');
    expect(detail.html).toContain('Activate<span class="visually-hidden"> credential');
    expect((await submit(browser, '/console/users/tom/service-credentials/delete', { credential_id: id, confirm: 'on' })).status).toBe(303);
    expect(await serviceCredentials(sdk, 'tom')).toEqual([]);
    expect((await open(browser, `/console/users/tom/service-credentials/reset?id=${id}`)).status).toBe(200);
    expect((await submit(browser, '/console/users/tom/service-credentials/reset', { credential_id: id, confirm: 'on' })).status).toBe(404);
  });
});

describe('console: denied user', () => {
  it('privilege check: a user with no IAM permissions creates, uploads and generates nothing here; each page shows AWS’s AccessDenied (403)', async () => {
    const { a, sdk } = await setup();
    await sdk.send(new CreateUserCommand({ UserName: 'tom' }));
    const leaf = await certificate('www.example.com');
    const { browser } = await consoleAsUser(a.accountId, 'eve');

    const profiles = await open(browser, '/console/instance-profiles');
    expect(profiles.status).toBe(403);
    expect(profiles.text).toContain('is not authorized to perform: iam:ListInstanceProfiles');
    const create = await submit(browser, '/console/instance-profiles/new', { name: 'Mine' });
    expect(create.status).toBe(403);
    expect(create.text).toContain('is not authorized to perform: iam:CreateInstanceProfile');
    expect(await profileNames(sdk)).toEqual([]);

    const certs = await open(browser, '/console/server-certificates');
    expect(certs.status).toBe(403);
    expect(certs.text).toContain('is not authorized to perform: iam:ListServerCertificates');
    const upload = await submit(browser, '/console/server-certificates/upload', {
      name: 'www',
      certificate_body: leaf.pem,
      private_key: leaf.keyPem,
    });
    expect(upload.status).toBe(403);
    expect(upload.text).toContain('is not authorized to perform: iam:UploadServerCertificate');
    expect(await certificateNames(sdk)).toEqual([]);

    const ssh = await opensshPublicKey(await generateKeys());
    const key = await submit(browser, '/console/users/tom/ssh-keys/upload', { ssh_public_key: ssh.line });
    expect(key.status).toBe(403);
    expect(key.text).toContain('is not authorized to perform: iam:UploadSSHPublicKey');
    expect(await sshKeys(sdk, 'tom')).toEqual([]);
    const cred = await submit(browser, '/console/users/tom/service-credentials/create', { service: 'codecommit.amazonaws.com' });
    expect(cred.status).toBe(403);
    expect(cred.text).toContain('is not authorized to perform: iam:CreateServiceSpecificCredential');
    expect(await serviceCredentials(sdk, 'tom')).toEqual([]);
    expect((await open(browser, '/console/users/tom/signing-certificates/upload')).status).toBe(403);
  });
});
