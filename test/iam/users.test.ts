import {
  CreateUserCommand,
  DeleteUserCommand,
  GetUserCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { rootClient } from './clients';

describe('IAM users through the AWS SDK', () => {
  it('creates, reads, renames, tags and deletes a user', async () => {
    const { iam, account } = await rootClient();
    const created = await iam.send(new CreateUserCommand({ UserName: 'tom', Path: '/sales/', Tags: [{ Key: 'team', Value: 'BisDev' }] }));
    expect(created.User).toMatchObject({ UserName: 'tom', Path: '/sales/', Arn: `arn:aws:iam::${account.accountId}:user/sales/tom` });
    expect(created.User?.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(created.User?.CreateDate).toBeInstanceOf(Date);

    const got = await iam.send(new GetUserCommand({ UserName: 'TOM' }));
    expect(got.User?.UserName).toBe('tom');
    expect(got.User?.Tags).toEqual([{ Key: 'team', Value: 'BisDev' }]);

    await iam.send(
      new TagUserCommand({
        UserName: 'tom',
        Tags: [
          { Key: 'TEAM', Value: 'Sales' },
          { Key: 'cost', Value: '42' },
        ],
      }),
    );
    expect((await iam.send(new ListUserTagsCommand({ UserName: 'tom' }))).Tags).toEqual([
      { Key: 'cost', Value: '42' },
      { Key: 'TEAM', Value: 'Sales' },
    ]);
    await iam.send(new UntagUserCommand({ UserName: 'tom', TagKeys: ['team'] }));
    expect((await iam.send(new ListUserTagsCommand({ UserName: 'tom' }))).Tags).toEqual([{ Key: 'cost', Value: '42' }]);

    await iam.send(new UpdateUserCommand({ UserName: 'tom', NewUserName: 'thomas', NewPath: '/' }));
    expect((await iam.send(new GetUserCommand({ UserName: 'thomas' }))).User?.Arn).toBe(`arn:aws:iam::${account.accountId}:user/thomas`);
    await iam.send(new DeleteUserCommand({ UserName: 'thomas' }));
    await expect(iam.send(new GetUserCommand({ UserName: 'thomas' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name thomas cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('names clash case-insensitively: tom and Tom are the same user', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'tom' }));
    await expect(iam.send(new CreateUserCommand({ UserName: 'Tom' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'User with name Tom already exists.',
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('concurrent creates of one name: exactly one succeeds, the rest get EntityAlreadyExists', async () => {
    const { iam } = await rootClient();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => iam.send(new CreateUserCommand({ UserName: 'racer' }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ name: 'EntityAlreadyExistsException' });
    }
  });

  it('rejects bad names and paths with AWS ValidationError wording, creating nothing', async () => {
    const { iam } = await rootClient();
    await expect(iam.send(new CreateUserCommand({ UserName: 'bad name!' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value 'bad name!' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
      $metadata: { httpStatusCode: 400 },
    });
    // The model's constraints first (all of them); IAM's own path rule only after they hold.
    await expect(iam.send(new CreateUserCommand({ UserName: 'x'.repeat(65), Path: 'nope' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(/^1 validation error detected: .*at 'userName' .*Member must have length less than or equal to 64$/),
    });
    for (const bad of ['nope', '/nope', '/a//b/']) {
      await expect(iam.send(new CreateUserCommand({ UserName: 'tom', Path: bad }))).rejects.toMatchObject({
        name: 'ValidationError',
        message:
          'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.',
      });
    }
    expect((await iam.send(new ListUsersCommand({}))).Users).toEqual([]);
  });

  it('pages ListUsers with MaxItems and Marker, in name order, filtered by PathPrefix', async () => {
    const { iam } = await rootClient();
    const names = ['carol', 'Alice', 'dave', 'bob', 'eve'];
    for (const n of names) await iam.send(new CreateUserCommand({ UserName: n, Path: n === 'eve' ? '/ops/' : '/' }));
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const res = await iam.send(new ListUsersCommand({ MaxItems: 2, Marker: marker }));
      seen.push(...res.Users!.map((u) => u.UserName!));
      marker = res.IsTruncated ? res.Marker : undefined;
      pages++;
    } while (marker);
    expect(seen).toEqual(['Alice', 'bob', 'carol', 'dave', 'eve']);
    expect(pages).toBe(3);
    expect((await iam.send(new ListUsersCommand({ PathPrefix: '/ops/' }))).Users!.map((u) => u.UserName)).toEqual(['eve']);
  });

  it('GetUser without a name describes the caller; GetCallerIdentity names the root', async () => {
    const { iam, sts, account } = await rootClient();
    const me = await iam.send(new GetUserCommand({}));
    expect(me.User).toMatchObject({ UserId: account.accountId, Arn: `arn:aws:iam::${account.accountId}:root` });
    const who = await sts.send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: account.accountId, Arn: `arn:aws:iam::${account.accountId}:root`, UserId: account.accountId });
  });

  it('caps tags at 50 per user and refuses duplicate keys', async () => {
    const { iam } = await rootClient();
    const tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await iam.send(new CreateUserCommand({ UserName: 'tagged', Tags: tags }));
    await expect(iam.send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'one-more', Value: 'v' }] }))).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
    await expect(
      iam.send(
        new TagUserCommand({
          UserName: 'tagged',
          Tags: [
            { Key: 'a', Value: '1' },
            { Key: 'A', Value: '2' },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidInputException',
    });
  });
});
