// `GET /security-status` through the gateway, signed with SigV4 like the Query API: a new account
// starts with warnings, and each check turns ok as the administrator fixes what it names.
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserPolicyCommand,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { Sha256Js } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { awsManagedPolicyArn } from '../../packages/core/src/db/aws-managed-policies';
import { mfaDevices } from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { ENDPOINT, iam as clientFor, rootClient, type Credentials } from './clients';
import { allow } from './fixtures';

async function securityStatus(creds: Credentials, service = 'iam') {
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials: creds, sha256: Sha256Js });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'GET',
      protocol: 'http:',
      hostname: 'localhost',
      port: 8787,
      path: '/security-status',
      headers: { host: 'localhost:8787' },
    }),
  );
  return exports.default.fetch(new Request(`${ENDPOINT}/security-status`, { method: 'GET', headers: signed.headers }));
}

type Status = { accountId: string; state: string; checks: { check: string; state: string; detail: string; nextStep: string }[] };
async function states(creds: Credentials) {
  const res = await securityStatus(creds);
  expect(res.status).toBe(200);
  const body = (await res.json()) as Status;
  return { body, by: Object.fromEntries(body.checks.map((c) => [c.check, c.state])) };
}

describe('GET /security-status', () => {
  it('turns each check ok as the account is fixed', async () => {
    const root = await rootClient();
    const first = await states(root.creds);
    expect(first.body).toMatchObject({ accountId: root.account.accountId, state: 'warning' });
    expect(first.by).toEqual({
      'root-access-keys-deleted': 'warning',
      'root-mfa-enabled': 'warning',
      'individual-users': 'warning',
      'groups-assign-permissions': 'warning',
      'password-policy-applied': 'warning',
    });
    expect(first.body.checks[0]).toMatchObject({
      detail: 'The root user has 1 access key; a leaked root key can do anything in the account.',
      nextStep: expect.stringContaining('aws iam delete-access-key'),
    });

    // An administrator user with a policy of its own: users exist, but not through groups yet.
    await root.iam.send(new CreateUserCommand({ UserName: 'admin' }));
    await root.iam.send(new PutUserPolicyCommand({ UserName: 'admin', PolicyName: 'all', PolicyDocument: allow('iam:*') }));
    const key = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'admin' }))).AccessKey!;
    const adminCreds = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    let s = await states(root.creds);
    expect(s.by).toMatchObject({ 'individual-users': 'ok', 'groups-assign-permissions': 'warning' });
    expect(s.body.checks.find((c) => c.check === 'groups-assign-permissions')!.detail).toBe('1 user has policies attached directly.');

    // Move the permissions to a group.
    await root.iam.send(new CreateGroupCommand({ GroupName: 'Admins' }));
    await root.iam.send(new AttachGroupPolicyCommand({ GroupName: 'Admins', PolicyArn: awsManagedPolicyArn('IAMFullAccess') }));
    await root.iam.send(new AddUserToGroupCommand({ GroupName: 'Admins', UserName: 'admin' }));
    await root.iam.send(new DeleteUserPolicyCommand({ UserName: 'admin', PolicyName: 'all' }));
    expect((await states(root.creds)).by['groups-assign-permissions']).toBe('ok');

    const admin = clientFor(adminCreds);
    await admin.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireSymbols: true }));
    expect((await states(adminCreds)).by['password-policy-applied']).toBe('ok');

    // Root MFA, written directly (the enrolment flow with real codes is tested with MFA).
    await db()
      .insert(mfaDevices)
      .values({
        serialNumber: `arn:aws:iam::${root.account.accountId}:mfa/root-account-mfa-device`,
        accountId: root.account.accountId,
        name: 'root-account-mfa-device',
        seedCiphertext: 'x',
        isRoot: true,
        enabledAt: new Date(),
        createdAt: new Date(),
      });
    expect((await states(adminCreds)).by['root-mfa-enabled']).toBe('ok');

    await root.iam.send(new DeleteAccessKeyCommand({ AccessKeyId: root.creds.accessKeyId }));
    s = await states(adminCreds);
    expect(s.body.state).toBe('ok');
    expect(Object.values(s.by)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('needs iam:GetAccountSummary, and answers denials as JSON', async () => {
    const root = await rootClient();
    await root.iam.send(new CreateUserCommand({ UserName: 'nobody' }));
    const key = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' }))).AccessKey!;
    const res = await securityStatus({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toMatchObject({
      error: { code: 'AccessDenied', message: expect.stringContaining('iam:GetAccountSummary on resource: *') },
    });
  });

  it('unauthenticated and forged requests learn nothing', async () => {
    // Threat: the status tells an attacker where an account is weak (no MFA, root keys present).
    const root = await rootClient();
    const unsigned = await exports.default.fetch(new Request(`${ENDPOINT}/security-status`));
    expect(unsigned.status).toBe(403);
    expect(JSON.stringify(await unsigned.json())).not.toContain('root-mfa-enabled');
    const forged = await securityStatus({ accessKeyId: root.creds.accessKeyId, secretAccessKey: 'x'.repeat(40) });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: { code: 'SignatureDoesNotMatch' } });
    const wrongService = await securityStatus(root.creds, 's3');
    expect(wrongService.status).toBe(403);
  });
});
