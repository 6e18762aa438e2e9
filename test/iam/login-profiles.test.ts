import {
  AttachUserPolicyCommand,
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  GetLoginProfileCommand,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
  UpdateLoginProfileCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../packages/core/src/crypto/password-hash';
import { checkPasswordAgainstPolicy } from '../../packages/core/src/passwords/policy';
import { awsManagedPolicyArn } from '../../packages/core/src/db/aws-managed-policies';
import { loginProfiles, passwordHistory, users } from '../../packages/core/src/db/schema';
import { getAccountPasswordPolicy } from '../../packages/core/src/repo/password-policy';
import { db, serviceKeys } from '../helpers';
import { iam, rootClient, signedQuery } from './clients';
import { allow, clientForUserWithPolicy } from './fixtures';

const TOM_PASSWORD = 'Welcome-to-the-team-42';

async function profileRow(accountId: string, userName: string) {
  const user = await db().select().from(users).where(eq(users.name, userName)).all();
  const u = user.find((x) => x.accountId === accountId)!;
  return db().select().from(loginProfiles).where(eq(loginProfiles.userId, u.id)).get();
}

/** tom, with an access key and a console password, signed in to the API as himself. */
async function tomWithPassword(root: IAMClient, password = TOM_PASSWORD) {
  await root.send(new CreateUserCommand({ UserName: 'tom' }));
  await root.send(new CreateLoginProfileCommand({ UserName: 'tom', Password: password }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: 'tom' }));
  return iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
}

describe('login profiles (console passwords)', () => {
  it('gives tom a console password he must reset, stored only as a hash, and blocks DeleteUser until it is gone', async () => {
    const { iam: root, account } = await rootClient();
    await root.send(new CreateUserCommand({ UserName: 'tom' }));
    const created = await root.send(
      new CreateLoginProfileCommand({ UserName: 'tom', Password: TOM_PASSWORD, PasswordResetRequired: true }),
    );
    expect(created.LoginProfile).toEqual({ UserName: 'tom', CreateDate: expect.any(Date), PasswordResetRequired: true });
    expect((await root.send(new GetLoginProfileCommand({ UserName: 'TOM' }))).LoginProfile).toEqual(created.LoginProfile);

    const row = await profileRow(account.accountId, 'tom');
    expect(row!.passwordHash).not.toContain(TOM_PASSWORD);
    expect((await verifyPassword((await serviceKeys()).pepper, TOM_PASSWORD, row!.passwordHash)).ok).toBe(true);

    await expect(root.send(new CreateLoginProfileCommand({ UserName: 'tom', Password: TOM_PASSWORD }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Login Profile for user tom already exists.',
    });
    await expect(root.send(new DeleteUserCommand({ UserName: 'tom' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must delete login profile first.',
    });
    await root.send(new UpdateLoginProfileCommand({ UserName: 'tom', PasswordResetRequired: false }));
    expect((await root.send(new GetLoginProfileCommand({ UserName: 'tom' }))).LoginProfile?.PasswordResetRequired).toBe(false);

    await root.send(new DeleteLoginProfileCommand({ UserName: 'tom' }));
    await expect(root.send(new GetLoginProfileCommand({ UserName: 'tom' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'Login Profile for User tom cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(root.send(new DeleteLoginProfileCommand({ UserName: 'tom' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    await root.send(new DeleteUserCommand({ UserName: 'tom' }));
  });

  it('autogenerates a password that satisfies the account policy when Password is left out, shown once', async () => {
    const { iam: root, creds, account } = await rootClient();
    await root.send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 24,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
      }),
    );
    await root.send(new CreateUserCommand({ UserName: 'tom' }));
    // The SDKs and the CLI drop fields AWS does not model, so the extension is read from the raw XML.
    const res = await signedQuery(creds, 'Action=CreateLoginProfile&Version=2010-05-08&UserName=tom');
    const xml = await res.text();
    expect(res.status).toBe(200);
    const password = /<Password>([^<]*)<\/Password>/
      .exec(xml)?.[1]
      ?.replace(/&amp;/g, '&')
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
    expect(password).toBeDefined();
    expect(password!.length).toBeGreaterThanOrEqual(24);
    expect(checkPasswordAgainstPolicy(password!, (await getAccountPasswordPolicy(db(), account.accountId))!)).toEqual([]);
    // Someone else has seen it: by default tom must choose his own at first sign-in.
    expect(xml).toContain('<PasswordResetRequired>true</PasswordResetRequired>');
    const row = await profileRow(account.accountId, 'tom');
    expect((await verifyPassword((await serviceKeys()).pepper, password!, row!.passwordHash)).ok).toBe(true);
    // Afterwards it is never shown again.
    expect((await root.send(new GetLoginProfileCommand({ UserName: 'tom' }))).LoginProfile).not.toHaveProperty('Password');
  });

  it('never echoes a password in a validation error', async () => {
    const { iam: root } = await rootClient();
    await root.send(new CreateUserCommand({ UserName: 'tom' }));
    const secret = `Secret-${'x'.repeat(130)}`;
    const err = await root.send(new CreateLoginProfileCommand({ UserName: 'tom', Password: secret })).catch((e: Error) => e);
    expect(err).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128",
    });
  });

  it('an administrator reset replaces the password, remembers the old one and can force a change', async () => {
    const { iam: root, account } = await rootClient();
    await root.send(new UpdateAccountPasswordPolicyCommand({ PasswordReusePrevention: 5 }));
    await root.send(new CreateUserCommand({ UserName: 'tom' }));
    await root.send(new CreateLoginProfileCommand({ UserName: 'tom', Password: TOM_PASSWORD }));
    await root.send(new UpdateLoginProfileCommand({ UserName: 'tom', Password: 'Second-password-of-tom', PasswordResetRequired: true }));
    expect((await root.send(new GetLoginProfileCommand({ UserName: 'tom' }))).LoginProfile?.PasswordResetRequired).toBe(true);
    const row = await profileRow(account.accountId, 'tom');
    expect((await verifyPassword((await serviceKeys()).pepper, 'Second-password-of-tom', row!.passwordHash)).ok).toBe(true);
    expect(await db().select().from(passwordHistory).where(eq(passwordHistory.userId, row!.userId)).all()).toHaveLength(1);
    await expect(root.send(new UpdateLoginProfileCommand({ UserName: 'tom', Password: TOM_PASSWORD }))).rejects.toMatchObject({
      name: 'PasswordPolicyViolationException',
      message: expect.stringContaining('PasswordReusePrevention'),
    });
  });

  describe('ChangePassword (a user changes their own)', () => {
    it('is denied without IAMUserChangePassword or AllowUsersToChangePassword', async () => {
      const { iam: root, account } = await rootClient();
      const tom = await tomWithPassword(root);
      await expect(
        tom.send(new ChangePasswordCommand({ OldPassword: TOM_PASSWORD, NewPassword: 'Brand-new-password-1' })),
      ).rejects.toMatchObject({
        name: 'AccessDenied',
        message: `User: arn:aws:iam::${account.accountId}:user/tom is not authorized to perform: iam:ChangePassword on resource: arn:aws:iam::${account.accountId}:user/tom because no identity-based policy allows the iam:ChangePassword action`,
      });
    });

    it("is allowed by the account's AllowUsersToChangePassword, and clears a required reset", async () => {
      const { iam: root, account } = await rootClient();
      await root.send(new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: true }));
      const tom = await tomWithPassword(root);
      await root.send(new UpdateLoginProfileCommand({ UserName: 'tom', PasswordResetRequired: true }));
      await tom.send(new ChangePasswordCommand({ OldPassword: TOM_PASSWORD, NewPassword: 'Brand-new-password-1' }));
      const row = await profileRow(account.accountId, 'tom');
      expect(row!.passwordResetRequired).toBe(false);
      expect((await verifyPassword((await serviceKeys()).pepper, 'Brand-new-password-1', row!.passwordHash)).ok).toBe(true);
    });

    it('is allowed by the IAMUserChangePassword managed policy (iam:ChangePassword on user/${aws:username})', async () => {
      const { iam: root } = await rootClient();
      const tom = await tomWithPassword(root);
      await root.send(new AttachUserPolicyCommand({ UserName: 'tom', PolicyArn: awsManagedPolicyArn('IAMUserChangePassword') }));
      await tom.send(new ChangePasswordCommand({ OldPassword: TOM_PASSWORD, NewPassword: 'Brand-new-password-1' }));
    });

    it('an explicit Deny wins over AllowUsersToChangePassword', async () => {
      const { iam: root } = await rootClient();
      await root.send(new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: true }));
      const tom = await tomWithPassword(root);
      await root.send(
        new PutUserPolicyCommand({
          UserName: 'tom',
          PolicyName: 'no',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Deny', Action: 'iam:ChangePassword', Resource: '*' }],
          }),
        }),
      );
      await expect(
        tom.send(new ChangePasswordCommand({ OldPassword: TOM_PASSWORD, NewPassword: 'Brand-new-password-1' })),
      ).rejects.toMatchObject({
        name: 'AccessDenied',
        message: expect.stringContaining('with an explicit deny in an identity-based policy'),
      });
    });

    it('password oracle through stolen keys: five wrong old passwords lock ChangePassword, even for the right one', async () => {
      // Threat: someone holding a user's access keys guesses the console password through ChangePassword.
      const { iam: root } = await rootClient();
      await root.send(new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: true }));
      const tom = await tomWithPassword(root);
      for (let i = 0; i < 5; i++) {
        await expect(
          tom.send(new ChangePasswordCommand({ OldPassword: `guess-number-${i}-x`, NewPassword: 'Brand-new-password-1' })),
        ).rejects.toMatchObject({ name: 'AccessDenied' });
      }
      await expect(
        tom.send(new ChangePasswordCommand({ OldPassword: TOM_PASSWORD, NewPassword: 'Brand-new-password-1' })),
      ).rejects.toMatchObject({
        name: 'TooManyAttempts',
        $metadata: { httpStatusCode: 429 },
      });
    });

    it('needs the right old password, and refuses reuse of the current and remembered passwords', async () => {
      const { iam: root } = await rootClient();
      await root.send(new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: true, PasswordReusePrevention: 3 }));
      const tom = await tomWithPassword(root);
      await expect(
        tom.send(new ChangePasswordCommand({ OldPassword: 'not-my-password-at-all', NewPassword: 'Brand-new-password-1' })),
      ).rejects.toMatchObject({
        name: 'AccessDenied',
        message: 'The old password is incorrect.',
      });
      await expect(tom.send(new ChangePasswordCommand({ OldPassword: TOM_PASSWORD, NewPassword: TOM_PASSWORD }))).rejects.toMatchObject({
        name: 'PasswordPolicyViolationException',
        message: expect.stringContaining('PasswordReusePrevention'),
      });
      await tom.send(new ChangePasswordCommand({ OldPassword: TOM_PASSWORD, NewPassword: 'Second-password-of-tom' }));
      await tom.send(new ChangePasswordCommand({ OldPassword: 'Second-password-of-tom', NewPassword: 'Third-password-of-tom' }));
      // TOM_PASSWORD is two changes back: still among the last 3.
      await expect(
        tom.send(new ChangePasswordCommand({ OldPassword: 'Third-password-of-tom', NewPassword: TOM_PASSWORD })),
      ).rejects.toMatchObject({
        name: 'PasswordPolicyViolationException',
        message: expect.stringContaining('must not be one of your last 3 passwords'),
      });
      await tom.send(new ChangePasswordCommand({ OldPassword: 'Third-password-of-tom', NewPassword: 'Fourth-password-of-tom' }));
      // Now it is three changes back, beyond PasswordReusePrevention 3.
      await tom.send(new ChangePasswordCommand({ OldPassword: 'Fourth-password-of-tom', NewPassword: TOM_PASSWORD }));
    });

    it('checks the new password against the policy like every other change', async () => {
      const { iam: root } = await rootClient();
      await root.send(
        new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: true, RequireSymbols: true, MinimumPasswordLength: 20 }),
      );
      const tom = await tomWithPassword(root, 'Welcome-to-the-team-4242');
      const err = await tom
        .send(new ChangePasswordCommand({ OldPassword: 'Welcome-to-the-team-4242', NewPassword: 'short1A' }))
        .catch((e: Error) => e);
      expect(err).toMatchObject({ name: 'PasswordPolicyViolationException' });
      expect((err as Error).message).toContain('MinimumPasswordLength');
      expect((err as Error).message).toContain('RequireSymbols');
    });

    it('expiry counts from the last change; with HardExpiry an expired password is reset only by an administrator', async () => {
      const { iam: root, account } = await rootClient();
      await root.send(new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: true, MaxPasswordAge: 1, HardExpiry: true }));
      const tom = await tomWithPassword(root);
      const row = await profileRow(account.accountId, 'tom');
      await db()
        .update(loginProfiles)
        .set({ passwordLastChangedAt: new Date(Date.now() - 2 * 86_400_000) })
        .where(eq(loginProfiles.userId, row!.userId));
      await expect(
        tom.send(new ChangePasswordCommand({ OldPassword: TOM_PASSWORD, NewPassword: 'Brand-new-password-1' })),
      ).rejects.toMatchObject({
        name: 'AccessDenied',
        message: expect.stringContaining('HardExpiry'),
      });
      // The administrator's reset starts a new age.
      await root.send(new UpdateLoginProfileCommand({ UserName: 'tom', Password: 'Reset-by-the-admin-7' }));
      expect((await profileRow(account.accountId, 'tom'))!.passwordLastChangedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
      await tom.send(new ChangePasswordCommand({ OldPassword: 'Reset-by-the-admin-7', NewPassword: 'Brand-new-password-1' }));
    });

    it('is for IAM users only: the root user gets InvalidUserType', async () => {
      const { iam: root } = await rootClient();
      await expect(
        root.send(new ChangePasswordCommand({ OldPassword: 'whatever-it-is', NewPassword: 'Brand-new-password-1' })),
      ).rejects.toMatchObject({
        name: 'InvalidUserTypeException',
        message: 'Only IAM Users can change their own password.',
      });
    });
  });

  it('a user without permission cannot create, read, update or delete login profiles', async () => {
    const { iam: root } = await rootClient();
    await root.send(new CreateUserCommand({ UserName: 'victim' }));
    await root.send(new CreateLoginProfileCommand({ UserName: 'victim', Password: TOM_PASSWORD }));
    const mallory = await clientForUserWithPolicy(root, 'mallory', allow('iam:ListUsers'));
    await root.send(new CreateUserCommand({ UserName: 'other' }));
    await expect(mallory.send(new CreateLoginProfileCommand({ UserName: 'other', Password: TOM_PASSWORD }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    await expect(mallory.send(new GetLoginProfileCommand({ UserName: 'victim' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(
      mallory.send(new UpdateLoginProfileCommand({ UserName: 'victim', Password: 'Taken-over-by-mallory-1' })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(mallory.send(new DeleteLoginProfileCommand({ UserName: 'victim' }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});
