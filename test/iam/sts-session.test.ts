import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { temporaryCredentials } from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { iam, rootClient, sts } from './clients';
import { codeAt, seedText, wrongCode } from './totp';

/** Allows iam:ListUsers only to callers who proved MFA within the last hour. */
const MFA_REQUIRED = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 'iam:ListUsers',
      Resource: '*',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
    },
  ],
});

/** tom with an access key, the MFA-required policy and an enabled virtual device (codes of steps s-1, s). */
async function tomWithMfa(root: IAMClient) {
  await root.send(new CreateUserCommand({ UserName: 'tom' }));
  await root.send(new PutUserPolicyCommand({ UserName: 'tom', PolicyName: 'mfa-required', PolicyDocument: MFA_REQUIRED }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: 'tom' }));
  const { VirtualMFADevice } = await root.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'tom' }));
  const serial = VirtualMFADevice!.SerialNumber!;
  const seed = seedText(VirtualMFADevice!.Base32StringSeed);
  // Kept as sent: the clock may pass a 30-second step before a test replays it.
  const lastCode = codeAt(seed, 0);
  await root.send(
    new EnableMFADeviceCommand({
      UserName: 'tom',
      SerialNumber: serial,
      AuthenticationCode1: codeAt(seed, -1),
      AuthenticationCode2: lastCode,
    }),
  );
  const creds = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  return { creds, serial, seed, lastCode };
}

const sessionCreds = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }) => ({
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: c.SecretAccessKey!,
  sessionToken: c.SessionToken!,
});

describe('STS GetSessionToken', () => {
  it('with MFA: the session satisfies a policy that requires aws:MultiFactorAuthPresent; without MFA it does not', async () => {
    const { iam: root, account } = await rootClient();
    const tom = await tomWithMfa(root);
    // tom's long-term key never carries MFA.
    await expect(iam(tom.creds).send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });

    const plain = await sts(tom.creds).send(new GetSessionTokenCommand({}));
    expect(plain.Credentials).toMatchObject({
      AccessKeyId: expect.stringMatching(/^ASIA/),
      SessionToken: expect.any(String),
      Expiration: expect.any(Date),
    });
    // 12 hours by default.
    expect(Math.abs(plain.Credentials!.Expiration!.getTime() - Date.now() - 43_200_000)).toBeLessThan(60_000);
    await expect(iam(sessionCreds(plain.Credentials!)).send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });

    // The step after the one EnableMFADevice used.
    const withMfa = await sts(tom.creds).send(
      new GetSessionTokenCommand({ SerialNumber: tom.serial, TokenCode: codeAt(tom.seed, 1), DurationSeconds: 900 }),
    );
    const session = sessionCreds(withMfa.Credentials!);
    expect((await sts(session).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${account.accountId}:user/tom`);
    expect((await iam(session).send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toEqual(['tom']);
    const row = await db().select().from(temporaryCredentials).where(eq(temporaryCredentials.id, session.accessKeyId)).get();
    expect(row!.mfaAuthenticatedAt).toBeInstanceOf(Date);
    expect(row!.sessionTokenHash).not.toContain(session.sessionToken);
  });

  it('refuses a wrong code, a replayed code and a device that is not the caller’s (AccessDenied, as AWS)', async () => {
    const { iam: root } = await rootClient();
    const tom = await tomWithMfa(root);
    const client = sts(tom.creds);
    await expect(
      client.send(new GetSessionTokenCommand({ SerialNumber: tom.serial, TokenCode: wrongCode(tom.seed) })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
      $metadata: { httpStatusCode: 403 },
    });
    // The code EnableMFADevice accepted last cannot be replayed.
    await expect(client.send(new GetSessionTokenCommand({ SerialNumber: tom.serial, TokenCode: tom.lastCode }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    const fresh = codeAt(tom.seed, 1);
    await client.send(new GetSessionTokenCommand({ SerialNumber: tom.serial, TokenCode: fresh }));
    await expect(client.send(new GetSessionTokenCommand({ SerialNumber: tom.serial, TokenCode: fresh }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    });

    // Another user's device (or a made-up serial) does not validate tom's session.
    const other = await rootClient();
    await expect(
      client.send(
        new GetSessionTokenCommand({ SerialNumber: tom.serial.replace(/mfa\/tom$/, 'mfa/nobody'), TokenCode: codeAt(tom.seed, 1) }),
      ),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      message:
        'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
    });
    await expect(
      other.sts.send(new GetSessionTokenCommand({ SerialNumber: tom.serial, TokenCode: codeAt(tom.seed, 1) })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('five wrong codes lock MFA for a while, even for the right code', async () => {
    const { iam: root } = await rootClient();
    const tom = await tomWithMfa(root);
    const client = sts(tom.creds);
    for (let i = 0; i < 5; i++) {
      await expect(
        client.send(new GetSessionTokenCommand({ SerialNumber: tom.serial, TokenCode: wrongCode(tom.seed) })),
      ).rejects.toMatchObject({ name: 'AccessDenied' });
    }
    await expect(
      client.send(new GetSessionTokenCommand({ SerialNumber: tom.serial, TokenCode: codeAt(tom.seed, 1) })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('DurationSeconds is 900-129600; the root user gets at most an hour', async () => {
    const root = await rootClient();
    await expect(root.sts.send(new GetSessionTokenCommand({ DurationSeconds: 899 }))).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(root.sts.send(new GetSessionTokenCommand({ DurationSeconds: 129_601 }))).rejects.toMatchObject({
      name: 'ValidationError',
    });
    const { Credentials } = await root.sts.send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
    expect(Math.abs(Credentials!.Expiration!.getTime() - Date.now() - 3_600_000)).toBeLessThan(60_000);
    // The root session is the account, and may administer it.
    const session = sessionCreds(Credentials!);
    expect((await sts(session).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${root.account.accountId}:root`);
    await iam(session).send(new ListUsersCommand({}));
  });

  it('session credentials cannot ask for another session', async () => {
    const root = await rootClient();
    const { Credentials } = await root.sts.send(new GetSessionTokenCommand({}));
    await expect(sts(sessionCreds(Credentials!)).send(new GetSessionTokenCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Cannot call GetSessionToken with session credentials',
    });
  });

  it('expired temporary credentials get ExpiredToken on IAM and STS', async () => {
    const root = await rootClient();
    const { Credentials } = await root.sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const session = sessionCreds(Credentials!);
    await iam(session).send(new ListUsersCommand({}));
    // Fifteen minutes pass (the clock of the credential, not of the test).
    await db()
      .update(temporaryCredentials)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(temporaryCredentials.id, session.accessKeyId));
    const expired = { name: 'ExpiredToken', message: 'The security token included in the request is expired' };
    await expect(iam(session).send(new ListUsersCommand({}))).rejects.toMatchObject(expired);
    await expect(sts(session).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject(expired);
  });
});
