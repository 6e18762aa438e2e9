// AssumeRole with SerialNumber and TokenCode: the code is verified on an enabled MFA device of the
// caller (once per step, as GetSessionToken verifies it), the trust policy sees
// aws:MultiFactorAuthPresent, and the session it issues carries MFA for later decisions.
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { authorizeCall, forwardedRequest } from '../policy/client';
import { iam, rootClient, sts } from './clients';
import { codeAt, seedText, wrongCode } from './totp';

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const MFA_PRESENT = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
/** The role may list users only in a session that proved MFA within the hour. */
const LIST_USERS_WITH_MFA = doc([
  {
    Effect: 'Allow',
    Action: 'iam:ListUsers',
    Resource: '*',
    Condition: { ...MFA_PRESENT, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
  },
]);

/** `name` with an access key and an enabled virtual MFA device (EnableMFADevice used steps s-1 and s). */
async function userWithMfa(root: IAMClient, name: string) {
  await root.send(new CreateUserCommand({ UserName: name }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: name }));
  const { VirtualMFADevice } = await root.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }));
  const serial = VirtualMFADevice!.SerialNumber!;
  const seed = seedText(VirtualMFADevice!.Base32StringSeed);
  // The codes are fixed at one instant, so a replay below uses exactly the code the device last took,
  // even when a step boundary passes in between.
  const enabledAt = Date.now();
  const lastCode = codeAt(seed, 0, enabledAt);
  await root.send(
    new EnableMFADeviceCommand({
      UserName: name,
      SerialNumber: serial,
      AuthenticationCode1: codeAt(seed, -1, enabledAt),
      AuthenticationCode2: lastCode,
    }),
  );
  return { creds: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }, serial, seed, lastCode };
}

async function mfaRole(root: IAMClient, acct: string, name: string, condition?: object) {
  await root.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: doc([
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${acct}:user/tom` },
          Action: 'sts:AssumeRole',
          ...(condition && { Condition: condition }),
        },
      ]),
    }),
  );
  await root.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'list-users', PolicyDocument: LIST_USERS_WITH_MFA }));
  return `arn:aws:iam::${acct}:role/${name}`;
}

const session = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined) => ({
  accessKeyId: c!.AccessKeyId!,
  secretAccessKey: c!.SecretAccessKey!,
  sessionToken: c!.SessionToken!,
});

describe('STS AssumeRole with MFA', () => {
  it('a trust policy that requires MFA admits only a verified code, and the session carries MFA', async () => {
    // Threat: AssumeRole ignored SerialNumber/TokenCode, so a role that requires MFA was either
    // unusable or (with a forged flag) open to a stolen access key alone.
    const { iam: root, account, creds: rootCreds } = await rootClient();
    const acct = account.accountId;
    const tom = await userWithMfa(root, 'tom');
    const roleArn = await mfaRole(root, acct, 'Admin', MFA_PRESENT);
    const assume = (extra: { SerialNumber?: string; TokenCode?: string } = {}) =>
      sts(tom.creds).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'mfa', ...extra }));

    await expect(assume()).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${acct}:user/tom is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    });
    await expect(assume({ SerialNumber: tom.serial, TokenCode: wrongCode(tom.seed) })).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    });
    // The code EnableMFADevice used last cannot be replayed.
    await expect(assume({ SerialNumber: tom.serial, TokenCode: tom.lastCode })).rejects.toMatchObject({ name: 'AccessDenied' });

    const code = codeAt(tom.seed, 1);
    const out = await assume({ SerialNumber: tom.serial, TokenCode: code });
    const creds = session(out.Credentials);
    // The role's policy asks for aws:MultiFactorAuthPresent and a fresh aws:MultiFactorAuthAge.
    expect((await iam(creds).send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toEqual(['tom']);
    const signedRequest = await forwardedRequest(creds, 'GET', 'https://api.example.com/x');
    const decided = await authorizeCall({ signedRequest, action: 'iam:ListUsers', resource: '*' }, { signWith: rootCreds });
    expect(decided.json).toMatchObject({ decision: 'Allow' });

    // The same code a second time is a replay.
    await expect(assume({ SerialNumber: tom.serial, TokenCode: code })).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    });
  });

  it('without a code the session has no MFA; a code needs its serial number; another user’s device never counts', async () => {
    // Threat: a session issued without proof passes MFA conditions, or one user's device vouches for another.
    const { iam: root, account } = await rootClient();
    const acct = account.accountId;
    const tom = await userWithMfa(root, 'tom');
    const ann = await userWithMfa(root, 'ann');
    const roleArn = await mfaRole(root, acct, 'Reader');

    const plain = await sts(tom.creds).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'plain' }));
    await expect(iam(session(plain.Credentials)).send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });

    await expect(
      sts(tom.creds).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'ss', TokenCode: codeAt(tom.seed, 1) })),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(
      sts(tom.creds).send(
        new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'ss', SerialNumber: ann.serial, TokenCode: codeAt(ann.seed, 1) }),
      ),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      message:
        'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
    });
  });
});
