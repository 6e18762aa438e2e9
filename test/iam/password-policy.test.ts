import {
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccountPasswordPolicyCommand,
  GetAccountPasswordPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { rootClient } from './clients';
import { allow, clientForUserWithPolicy } from './fixtures';

describe('account password policy', () => {
  it('answers NoSuchEntity in AWS words while none is set', async () => {
    const { iam, account } = await rootClient();
    await expect(iam.send(new GetAccountPasswordPolicyCommand({}))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `The Password Policy with domain name ${account.accountId} cannot be found.`,
      $metadata: { httpStatusCode: 404 },
    });
    await expect(iam.send(new DeleteAccountPasswordPolicyCommand({}))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('sets every field, reads them back with ExpirePasswords, and an update replaces the whole policy', async () => {
    const { iam } = await rootClient();
    await iam.send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 14,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        MaxPasswordAge: 90,
        PasswordReusePrevention: 24,
        HardExpiry: true,
      }),
    );
    expect((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy).toEqual({
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 24,
      HardExpiry: true,
    });
    // As in AWS, fields left out go back to their defaults rather than keeping their old values.
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 10 }));
    expect((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy).toEqual({
      MinimumPasswordLength: 10,
      RequireSymbols: false,
      RequireNumbers: false,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: false,
      HardExpiry: false,
    });
    await iam.send(new DeleteAccountPasswordPolicyCommand({}));
    await expect(iam.send(new GetAccountPasswordPolicyCommand({}))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it.each([
    [
      { MinimumPasswordLength: 5 },
      "at 'minimumPasswordLength' failed to satisfy constraint: Member must have value greater than or equal to 6",
    ],
    [
      { MinimumPasswordLength: 129 },
      "at 'minimumPasswordLength' failed to satisfy constraint: Member must have value less than or equal to 128",
    ],
    [{ MaxPasswordAge: 0 }, "at 'maxPasswordAge' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    [{ MaxPasswordAge: 1096 }, "at 'maxPasswordAge' failed to satisfy constraint: Member must have value less than or equal to 1095"],
    [
      { PasswordReusePrevention: 0 },
      "at 'passwordReusePrevention' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ],
    [
      { PasswordReusePrevention: 25 },
      "at 'passwordReusePrevention' failed to satisfy constraint: Member must have value less than or equal to 24",
    ],
  ])('refuses %j out of AWS range', async (input, message) => {
    const { iam } = await rootClient();
    await expect(iam.send(new UpdateAccountPasswordPolicyCommand(input))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining(message),
    });
  });

  describe('every rule is enforced with PasswordPolicyViolation naming it', async () => {
    const strict = {
      MinimumPasswordLength: 12,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
    };
    it.each([
      ['MinimumPasswordLength', strict, 'Sh0rt!pass'],
      ['RequireSymbols', strict, 'NoSymbolsHere123'],
      ['RequireNumbers', strict, 'No-Numbers-Here!'],
      ['RequireUppercaseCharacters', strict, 'no-upper-case-1!'],
      ['RequireLowercaseCharacters', strict, 'NO-LOWER-CASE-1!'],
      // The service floor: AWS would accept 7 characters under MinimumPasswordLength 6; NIST SP 800-63B asks for 8.
      ['MinimumPasswordLength', { MinimumPasswordLength: 6 }, 'aB3$efg'],
      // A commonly used password is refused whatever the policy says.
      ['CommonPassword', null, 'P@ssw0rd'],
      // Without a policy, AWS's default asks for three of the four character types.
      ['CharacterTypes', null, 'onlylowercaseletters'],
    ])('%s (policy %j, password %s)', async (rule, policy, password) => {
      const { iam } = await rootClient();
      if (policy) await iam.send(new UpdateAccountPasswordPolicyCommand(policy));
      await iam.send(new CreateUserCommand({ UserName: 'tom' }));
      const err = await iam.send(new CreateLoginProfileCommand({ UserName: 'tom', Password: password })).catch((e: unknown) => e);
      expect(err).toMatchObject({ name: 'PasswordPolicyViolationException', $metadata: { httpStatusCode: 400 } });
      expect((err as Error).message).toContain(rule);
      expect((err as Error).message).not.toContain(password);
    });
  });

  it('is not for everyone to change (AccessDenied without iam:UpdateAccountPasswordPolicy)', async () => {
    const { iam: root, account } = await rootClient();
    const reader = await clientForUserWithPolicy(root, 'reader', allow('iam:GetAccountPasswordPolicy'));
    await expect(reader.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 6 }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${account.accountId}:user/reader is not authorized to perform: iam:UpdateAccountPasswordPolicy on resource: * because no identity-based policy allows the iam:UpdateAccountPasswordPolicy action`,
    });
    await expect(reader.send(new DeleteAccountPasswordPolicyCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(reader.send(new GetAccountPasswordPolicyCommand({}))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});
