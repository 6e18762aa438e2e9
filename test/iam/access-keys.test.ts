import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as s from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { iam, rootClient } from './clients';

describe('access keys', () => {
  it('creates a key for a user, shows the secret once, stores it sealed, and lets the user authenticate', async () => {
    const root = await rootClient();
    await root.iam.send(new CreateUserCommand({ UserName: 'tom' }));
    const { AccessKey } = await root.iam.send(new CreateAccessKeyCommand({ UserName: 'tom' }));
    expect(AccessKey).toMatchObject({ UserName: 'tom', Status: 'Active' });
    expect(AccessKey!.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(AccessKey!.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);

    const [row] = await db().select().from(s.accessKeys).where(eq(s.accessKeys.id, AccessKey!.AccessKeyId!));
    expect(row!.secretCiphertext).not.toContain(AccessKey!.SecretAccessKey);
    const listed = await root.iam.send(new ListAccessKeysCommand({ UserName: 'tom' }));
    expect(listed.AccessKeyMetadata).toEqual([
      { UserName: 'tom', AccessKeyId: AccessKey!.AccessKeyId, Status: 'Active', CreateDate: expect.any(Date) },
    ]);
    expect(JSON.stringify(listed)).not.toContain(AccessKey!.SecretAccessKey);

    const tom = iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    // tom has no policies yet: authenticated, but not authorized (even to read himself)
    await expect(tom.send(new GetUserCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${root.account.accountId}:user/tom is not authorized to perform: iam:GetUser on resource: arn:aws:iam::${root.account.accountId}:user/tom because no identity-based policy allows the iam:GetUser action`,
      $metadata: { httpStatusCode: 403 },
    });
    await expect(tom.send(new CreateUserCommand({ UserName: 'mallory' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    expect((await root.iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toEqual(['tom']);
  });

  it('records the last use of a key (time, service, region)', async () => {
    const root = await rootClient();
    const before = await root.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: root.creds.accessKeyId }));
    // the call above itself used the key; its use is recorded after the response
    await new Promise((r) => setTimeout(r, 50));
    const after = await root.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: root.creds.accessKeyId }));
    expect(before.AccessKeyLastUsed).toBeDefined();
    expect(after.AccessKeyLastUsed).toMatchObject({ ServiceName: 'iam', Region: 'us-east-1', LastUsedDate: expect.any(Date) });
  });

  it('at most 2 keys per user, even when created concurrently', async () => {
    const root = await rootClient();
    await root.iam.send(new CreateUserCommand({ UserName: 'busy' }));
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => root.iam.send(new CreateAccessKeyCommand({ UserName: 'busy' }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({
        name: 'LimitExceededException',
        message: 'Cannot exceed quota for AccessKeysPerUser: 2',
      });
    }
    expect((await root.iam.send(new ListAccessKeysCommand({ UserName: 'busy' }))).AccessKeyMetadata).toHaveLength(2);
  });

  it('inactive keys authenticate nothing; reactivated keys work again', async () => {
    const root = await rootClient();
    await root.iam.send(new CreateUserCommand({ UserName: 'sleepy' }));
    const { AccessKey } = await root.iam.send(new CreateAccessKeyCommand({ UserName: 'sleepy' }));
    const sleepy = iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    await root.iam.send(new UpdateAccessKeyCommand({ UserName: 'sleepy', AccessKeyId: AccessKey!.AccessKeyId!, Status: 'Inactive' }));
    await expect(sleepy.send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      $metadata: { httpStatusCode: 403 },
    });
    await root.iam.send(new UpdateAccessKeyCommand({ UserName: 'sleepy', AccessKeyId: AccessKey!.AccessKeyId!, Status: 'Active' }));
    await expect(sleepy.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('a user with keys cannot be deleted until they are gone (DeleteConflict)', async () => {
    const root = await rootClient();
    await root.iam.send(new CreateUserCommand({ UserName: 'leaver' }));
    const { AccessKey } = await root.iam.send(new CreateAccessKeyCommand({ UserName: 'leaver' }));
    await expect(root.iam.send(new DeleteUserCommand({ UserName: 'leaver' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must delete access keys first.',
      $metadata: { httpStatusCode: 409 },
    });
    await root.iam.send(new DeleteAccessKeyCommand({ UserName: 'leaver', AccessKeyId: AccessKey!.AccessKeyId! }));
    await root.iam.send(new DeleteUserCommand({ UserName: 'leaver' }));
  });

  it("another account's key id is indistinguishable from a missing one", async () => {
    const a = await rootClient();
    const b = await rootClient();
    await expect(a.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: b.creds.accessKeyId }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `The Access Key with id ${b.creds.accessKeyId} cannot be found.`,
    });
    await expect(a.iam.send(new DeleteAccessKeyCommand({ AccessKeyId: b.creds.accessKeyId }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });
});
