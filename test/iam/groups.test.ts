import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DeleteUserCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
  UpdateGroupCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { policyAttachments } from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { rootClient } from './clients';
import { allow, attachDirectly, clientForUserWithPolicy } from './fixtures';

async function drain<T>(fetch: (marker?: string) => Promise<{ items: T[]; IsTruncated?: boolean; Marker?: string }>) {
  const seen: T[] = [];
  let marker: string | undefined;
  let pages = 0;
  do {
    const res = await fetch(marker);
    seen.push(...res.items);
    marker = res.IsTruncated ? res.Marker : undefined;
    pages++;
  } while (marker);
  return { seen, pages };
}

const createUsers = (iam: IAMClient, names: string[]) => Promise.all(names.map((n) => iam.send(new CreateUserCommand({ UserName: n }))));

describe('IAM groups through the AWS SDK', () => {
  it('creates, reads, moves, renames and deletes a group', async () => {
    const { iam, account } = await rootClient();
    const created = await iam.send(new CreateGroupCommand({ GroupName: 'Devs', Path: '/eng/' }));
    expect(created.Group).toMatchObject({ GroupName: 'Devs', Path: '/eng/', Arn: `arn:aws:iam::${account.accountId}:group/eng/Devs` });
    expect(created.Group?.GroupId).toMatch(/^AGPA[A-Z2-7]{17}$/);
    expect(created.Group?.CreateDate).toBeInstanceOf(Date);

    const got = await iam.send(new GetGroupCommand({ GroupName: 'devs' }));
    expect(got.Group).toEqual(created.Group);
    expect(got.Users).toEqual([]);
    expect(got.IsTruncated).toBe(false);

    await iam.send(new UpdateGroupCommand({ GroupName: 'devs', NewGroupName: 'Engineers', NewPath: '/' }));
    expect((await iam.send(new GetGroupCommand({ GroupName: 'engineers' }))).Group?.Arn).toBe(
      `arn:aws:iam::${account.accountId}:group/Engineers`,
    );
    await expect(iam.send(new GetGroupCommand({ GroupName: 'Devs' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The group with name Devs cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });

    await iam.send(new DeleteGroupCommand({ GroupName: 'Engineers' }));
    await expect(iam.send(new DeleteGroupCommand({ GroupName: 'Engineers' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('names clash case-insensitively on create and on rename', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateGroupCommand({ GroupName: 'admins' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'ops' }));
    await expect(iam.send(new CreateGroupCommand({ GroupName: 'Admins' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Group with name Admins already exists.',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(iam.send(new UpdateGroupCommand({ GroupName: 'ops', NewGroupName: 'ADMINS' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Group with name ADMINS already exists.',
    });
    // Changing only the case of one's own name is a rename, not a clash.
    await iam.send(new UpdateGroupCommand({ GroupName: 'ops', NewGroupName: 'Ops' }));
    expect((await iam.send(new GetGroupCommand({ GroupName: 'ops' }))).Group?.GroupName).toBe('Ops');
  });

  it('rejects bad names with AWS ValidationError wording', async () => {
    const { iam } = await rootClient();
    await expect(iam.send(new CreateGroupCommand({ GroupName: 'no spaces' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value 'no spaces' at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    });
    // Group names may be up to 128 characters (user and role names only 64).
    await iam.send(new CreateGroupCommand({ GroupName: 'g'.repeat(128) }));
    await expect(iam.send(new CreateGroupCommand({ GroupName: 'g'.repeat(129) }))).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(iam.send(new ListGroupsCommand({ MaxItems: 0 }))).rejects.toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
  });

  it('adds and removes members; adding twice or removing a non-member changes nothing', async () => {
    const { iam, account } = await rootClient();
    await iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await createUsers(iam, ['tom', 'ann']);
    await iam.send(new AddUserToGroupCommand({ GroupName: 'DEVS', UserName: 'TOM' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'tom' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'ann' }));

    const got = await iam.send(new GetGroupCommand({ GroupName: 'devs' }));
    expect(got.Users?.map((u) => u.UserName)).toEqual(['ann', 'tom']);
    expect(got.Users?.[1]).toMatchObject({ Arn: `arn:aws:iam::${account.accountId}:user/tom`, Path: '/' });
    expect((await iam.send(new ListGroupsForUserCommand({ UserName: 'tom' }))).Groups?.map((g) => g.GroupName)).toEqual(['devs']);

    await expect(iam.send(new DeleteUserCommand({ UserName: 'tom' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must remove users from group first.',
    });
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'devs', UserName: 'tom' }));
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'devs', UserName: 'tom' }));
    expect((await iam.send(new ListGroupsForUserCommand({ UserName: 'tom' }))).Groups).toEqual([]);
    expect((await iam.send(new GetGroupCommand({ GroupName: 'devs' }))).Users?.map((u) => u.UserName)).toEqual(['ann']);
  });

  it('answers NoSuchEntity for a missing group or user', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await expect(iam.send(new AddUserToGroupCommand({ GroupName: 'nope', UserName: 'tom' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The group with name nope cannot be found.',
    });
    await expect(iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'ghost' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name ghost cannot be found.',
    });
    await expect(iam.send(new RemoveUserFromGroupCommand({ GroupName: 'devs', UserName: 'ghost' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
    await expect(iam.send(new ListGroupsForUserCommand({ UserName: 'ghost' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    await expect(iam.send(new UpdateGroupCommand({ GroupName: 'nope', NewPath: '/x/' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });

  it('refuses to delete a group with members, attached policies or inline policies', async () => {
    const { iam, account } = await rootClient();
    const { Group } = await iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await createUsers(iam, ['tom']);
    await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'tom' }));
    const conflict = (message: string) =>
      expect(iam.send(new DeleteGroupCommand({ GroupName: 'devs' }))).rejects.toMatchObject({
        name: 'DeleteConflictException',
        message,
        $metadata: { httpStatusCode: 409 },
      });
    await conflict('Cannot delete entity, must remove users from group first.');
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'devs', UserName: 'tom' }));

    await attachDirectly({ groupId: Group!.GroupId! });
    await conflict('Cannot delete entity, must detach all policies first.');
    await db().delete(policyAttachments).where(eq(policyAttachments.groupId, Group!.GroupId!));

    await iam.send(new PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'p', PolicyDocument: allow('s3:*') }));
    await conflict('Cannot delete entity, must delete policies first.');
    await iam.send(new DeleteGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'p' }));

    await iam.send(new DeleteGroupCommand({ GroupName: 'devs' }));
    expect((await iam.send(new ListGroupsCommand({}))).Groups).toEqual([]);
    expect(account.accountId).toMatch(/^\d{12}$/);
  });

  it('caps a user at 10 groups (GroupsPerUser), also under concurrent adds', async () => {
    const { iam } = await rootClient();
    await createUsers(iam, ['tom']);
    const names = Array.from({ length: 12 }, (_, i) => `g${String(i).padStart(2, '0')}`);
    await Promise.all(names.map((n) => iam.send(new CreateGroupCommand({ GroupName: n }))));
    for (const n of names.slice(0, 8)) await iam.send(new AddUserToGroupCommand({ GroupName: n, UserName: 'tom' }));

    // Four concurrent adds for the last two slots: exactly two win.
    const results = await Promise.allSettled(
      names.slice(8).map((n) => iam.send(new AddUserToGroupCommand({ GroupName: n, UserName: 'tom' }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({
        name: 'LimitExceededException',
        message: 'Cannot exceed quota for GroupsPerUser: 10',
        $metadata: { httpStatusCode: 409 },
      });
    }
    expect((await iam.send(new ListGroupsForUserCommand({ UserName: 'tom' }))).Groups).toHaveLength(10);
    // Re-adding to a group the user is already in is still a no-op success at the quota.
    await iam.send(new AddUserToGroupCommand({ GroupName: 'g00', UserName: 'tom' }));
  });

  it('pages ListGroups (with PathPrefix), GetGroup members and ListGroupsForUser in name order', async () => {
    const { iam } = await rootClient();
    const groups = ['carol', 'Alice', 'dave', 'bob', 'eve'];
    for (const g of groups) await iam.send(new CreateGroupCommand({ GroupName: g, Path: g === 'eve' ? '/ops/' : '/' }));
    const listed = await drain(async (Marker) => {
      const r = await iam.send(new ListGroupsCommand({ MaxItems: 2, Marker }));
      return { ...r, items: r.Groups!.map((g) => g.GroupName!) };
    });
    expect(listed).toEqual({ seen: ['Alice', 'bob', 'carol', 'dave', 'eve'], pages: 3 });
    expect((await iam.send(new ListGroupsCommand({ PathPrefix: '/ops/' }))).Groups!.map((g) => g.GroupName)).toEqual(['eve']);

    const users = ['u3', 'U1', 'u2', 'u5', 'u4'];
    await createUsers(iam, users);
    for (const u of users) await iam.send(new AddUserToGroupCommand({ GroupName: 'alice', UserName: u }));
    const members = await drain(async (Marker) => {
      const r = await iam.send(new GetGroupCommand({ GroupName: 'alice', MaxItems: 2, Marker }));
      expect(r.Group?.GroupName).toBe('Alice');
      return { ...r, items: r.Users!.map((u) => u.UserName!) };
    });
    expect(members).toEqual({ seen: ['U1', 'u2', 'u3', 'u4', 'u5'], pages: 3 });

    for (const g of groups) await iam.send(new AddUserToGroupCommand({ GroupName: g, UserName: 'u2' }));
    const mine = await drain(async (Marker) => {
      const r = await iam.send(new ListGroupsForUserCommand({ UserName: 'u2', MaxItems: 3, Marker }));
      return { ...r, items: r.Groups!.map((g) => g.GroupName!) };
    });
    expect(mine).toEqual({ seen: ['Alice', 'bob', 'carol', 'dave', 'eve'], pages: 2 });
  });

  it('threat: a user allowed only iam:GetGroup must not delete groups', async () => {
    const { iam: root, account } = await rootClient();
    await root.send(new CreateGroupCommand({ GroupName: 'devs' }));
    const reader = await clientForUserWithPolicy(root, 'reader', allow('iam:GetGroup'));

    expect((await reader.send(new GetGroupCommand({ GroupName: 'devs' }))).Group?.GroupName).toBe('devs');
    await expect(reader.send(new DeleteGroupCommand({ GroupName: 'devs' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${account.accountId}:user/reader is not authorized to perform: iam:DeleteGroup on resource: arn:aws:iam::${account.accountId}:group/devs because no identity-based policy allows the iam:DeleteGroup action`,
      $metadata: { httpStatusCode: 403 },
    });
    await expect(reader.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'reader' }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    expect((await root.send(new GetGroupCommand({ GroupName: 'devs' }))).Users).toEqual([]);
  });
});
