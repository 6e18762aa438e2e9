// Instance profiles through the AWS SDK: the one-role container EC2 uses to hand a role to an
// instance. Checked against AWS's shapes and wording, including the DeleteConflict rules that tie
// roles and profiles together and the PassRole check on AddRoleToInstanceProfile.
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountSummaryCommand,
  GetInstanceProfileCommand,
  ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand,
  ListInstanceProfileTagsCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagInstanceProfileCommand,
  UntagInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tags } from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { rootClient } from './clients';
import { allow, clientForUserWithPolicy, trustPolicy } from './fixtures';

describe('IAM instance profiles through the AWS SDK', () => {
  it('creates a profile and reads it back, with an empty Roles list and its tags', async () => {
    const { iam, account } = await rootClient();
    const created = await iam.send(
      new CreateInstanceProfileCommand({ InstanceProfileName: 'WebServer', Path: '/web/', Tags: [{ Key: 'team', Value: 'web' }] }),
    );
    expect(created.InstanceProfile).toMatchObject({
      InstanceProfileName: 'WebServer',
      Path: '/web/',
      Arn: `arn:aws:iam::${account.accountId}:instance-profile/web/WebServer`,
      Roles: [],
      Tags: [{ Key: 'team', Value: 'web' }],
    });
    expect(created.InstanceProfile?.InstanceProfileId).toMatch(/^AIPA[A-Z2-7]{17}$/);
    expect(created.InstanceProfile?.CreateDate).toBeInstanceOf(Date);

    const got = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'webserver' }));
    expect(got.InstanceProfile).toMatchObject({
      InstanceProfileName: 'WebServer',
      InstanceProfileId: created.InstanceProfile?.InstanceProfileId,
      Roles: [],
      Tags: [{ Key: 'team', Value: 'web' }],
    });

    const plain = await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'plain' }));
    expect(plain.InstanceProfile).toMatchObject({ Path: '/', Arn: `arn:aws:iam::${account.accountId}:instance-profile/plain` });
    expect(plain.InstanceProfile?.Tags).toBeUndefined();
  });

  it('names clash case-insensitively; a missing profile is NoSuchEntity', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'worker' }));
    await expect(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'WORKER' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Instance Profile WORKER already exists.',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'ghost' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'Instance Profile ghost cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('rejects bad names and paths with ValidationError', async () => {
    const { iam } = await rootClient();
    await expect(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'has space' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value 'has space' at 'instanceProfileName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    });
    await expect(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'p'.repeat(129) }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining(
        "at 'instanceProfileName' failed to satisfy constraint: Member must have length less than or equal to 128",
      ),
    });
    await expect(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'p', Path: 'no-slashes' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('The specified value for path is invalid.'),
    });
    // 128 characters is within AWS's limit for instance profiles (roles stop at 64).
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'p'.repeat(128) }));
  });

  it('pages ListInstanceProfiles in name order, filtered by PathPrefix, each with its roles', async () => {
    const { iam } = await rootClient();
    for (const n of ['carol', 'Alice', 'dave', 'bob', 'eve']) {
      await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: n, Path: n === 'eve' ? '/svc/' : '/' }));
    }
    await iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: trustPolicy() }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'bob', RoleName: 'app' }));

    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const res = await iam.send(new ListInstanceProfilesCommand({ MaxItems: 2, Marker: marker }));
      for (const ip of res.InstanceProfiles!) {
        expect(ip.Roles!.map((r) => r.RoleName)).toEqual(ip.InstanceProfileName === 'bob' ? ['app'] : []);
      }
      seen.push(...res.InstanceProfiles!.map((ip) => ip.InstanceProfileName!));
      marker = res.IsTruncated ? res.Marker : undefined;
      pages++;
    } while (marker);
    expect(seen).toEqual(['Alice', 'bob', 'carol', 'dave', 'eve']);
    expect(pages).toBe(3);
    expect(
      (await iam.send(new ListInstanceProfilesCommand({ PathPrefix: '/svc/' }))).InstanceProfiles!.map((ip) => ip.InstanceProfileName),
    ).toEqual(['eve']);
  });

  it('adds a role (trust policy URL-encoded, as GetRole), lists profiles for the role, and removes it', async () => {
    const { iam, account } = await rootClient();
    const doc = trustPolicy('ec2.amazonaws.com');
    const { Role } = await iam.send(new CreateRoleCommand({ RoleName: 'Web', Path: '/app/', AssumeRolePolicyDocument: doc }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web-a' }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web-b' }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'WEB-A', RoleName: 'web' }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-b', RoleName: 'Web' }));

    const got = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web-a' }));
    expect(got.InstanceProfile?.Roles).toEqual([
      expect.objectContaining({
        RoleName: 'Web',
        RoleId: Role!.RoleId,
        Path: '/app/',
        Arn: `arn:aws:iam::${account.accountId}:role/app/Web`,
        AssumeRolePolicyDocument: encodeURIComponent(doc),
      }),
    ]);

    const first = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'web', MaxItems: 1 }));
    expect([first.InstanceProfiles!.map((ip) => ip.InstanceProfileName), first.IsTruncated]).toEqual([['web-a'], true]);
    const second = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'web', MaxItems: 1, Marker: first.Marker }));
    expect([second.InstanceProfiles!.map((ip) => ip.InstanceProfileName), second.IsTruncated]).toEqual([['web-b'], false]);
    expect(second.InstanceProfiles![0]!.Roles!.map((r) => r.RoleName)).toEqual(['Web']);

    await iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'web-a', RoleName: 'WEB' }));
    expect((await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web-a' }))).InstanceProfile?.Roles).toEqual([]);
    expect(
      (await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'Web' }))).InstanceProfiles!.map((ip) => ip.InstanceProfileName),
    ).toEqual(['web-b']);
    // Removing a role the profile does not hold, or naming a role that does not exist, is NoSuchEntity.
    await expect(
      iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'web-a', RoleName: 'Web' })),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role with name Web cannot be found.',
    });
    await expect(iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-a', RoleName: 'ghost' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role with name ghost cannot be found.',
    });
    await expect(iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ghost', RoleName: 'Web' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'Instance Profile ghost cannot be found.',
    });
  });

  it('holds at most one role: a second role, or the same one again, is LimitExceeded', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'one', AssumeRolePolicyDocument: trustPolicy() }));
    await iam.send(new CreateRoleCommand({ RoleName: 'two', AssumeRolePolicyDocument: trustPolicy() }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ip', RoleName: 'one' }));
    const overQuota = {
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
      $metadata: { httpStatusCode: 409 },
    };
    await expect(iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ip', RoleName: 'two' }))).rejects.toMatchObject(
      overQuota,
    );
    await expect(iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ip', RoleName: 'one' }))).rejects.toMatchObject(
      overQuota,
    );
    expect(
      (await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'ip' }))).InstanceProfile?.Roles?.map((r) => r.RoleName),
    ).toEqual(['one']);
  });

  it('concurrent adds of two roles: exactly one wins, the other is LimitExceeded', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'one', AssumeRolePolicyDocument: trustPolicy() }));
    await iam.send(new CreateRoleCommand({ RoleName: 'two', AssumeRolePolicyDocument: trustPolicy() }));
    const results = await Promise.allSettled(
      ['one', 'two'].map((RoleName) => iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ip', RoleName }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { name: 'LimitExceededException' } });
    expect((await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'ip' }))).InstanceProfile?.Roles).toHaveLength(1);
  });

  it('DeleteConflict both ways: a profile holding a role, and a role held by a profile', async () => {
    const { iam } = await rootClient();
    const { InstanceProfile } = await iam.send(
      new CreateInstanceProfileCommand({ InstanceProfileName: 'ip', Tags: [{ Key: 'k', Value: 'v' }] }),
    );
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustPolicy() }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ip', RoleName: 'r' }));
    const conflict = {
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must remove roles from instance profile first.',
      $metadata: { httpStatusCode: 409 },
    };
    await expect(iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'ip' }))).rejects.toMatchObject(conflict);
    await expect(iam.send(new DeleteRoleCommand({ RoleName: 'r' }))).rejects.toMatchObject(conflict);

    await iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'ip', RoleName: 'r' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'r' }));
    await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'IP' }));
    await expect(iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'ip' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
    expect(await db().select().from(tags).where(eq(tags.resourceId, InstanceProfile!.InstanceProfileId!))).toEqual([]);
    await expect(iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'ip' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'Instance Profile ip cannot be found.',
    });
  });

  it('tags and untags a profile, case-insensitively, capped at 50', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip', Tags: [{ Key: 'team', Value: 'a' }] }));
    await iam.send(
      new TagInstanceProfileCommand({
        InstanceProfileName: 'ip',
        Tags: [
          { Key: 'TEAM', Value: 'b' },
          { Key: 'cost', Value: '1' },
        ],
      }),
    );
    expect((await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'ip' }))).Tags).toEqual([
      { Key: 'cost', Value: '1' },
      { Key: 'TEAM', Value: 'b' },
    ]);
    await iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: 'ip', TagKeys: ['team'] }));
    expect((await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'ip' }))).Tags).toEqual([{ Key: 'cost', Value: '1' }]);
    await iam.send(
      new TagInstanceProfileCommand({
        InstanceProfileName: 'ip',
        Tags: Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })),
      }),
    );
    await expect(
      iam.send(new TagInstanceProfileCommand({ InstanceProfileName: 'ip', Tags: [{ Key: 'one-more', Value: 'v' }] })),
    ).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for TagsPerInstanceProfile: 50.',
    });
  });

  it('threat: a user allowed only to read profiles must not create, delete or change them', async () => {
    const { iam: root, account } = await rootClient();
    await root.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip' }));
    const reader = await clientForUserWithPolicy(root, 'reader', allow(['iam:GetInstanceProfile', 'iam:ListInstanceProfiles']));
    expect((await reader.send(new GetInstanceProfileCommand({ InstanceProfileName: 'ip' }))).InstanceProfile?.InstanceProfileName).toBe(
      'ip',
    );
    expect((await reader.send(new ListInstanceProfilesCommand({}))).InstanceProfiles).toHaveLength(1);
    await expect(reader.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'mine', Path: '/x/' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${account.accountId}:user/reader is not authorized to perform: iam:CreateInstanceProfile on resource: arn:aws:iam::${account.accountId}:instance-profile/x/mine because no identity-based policy allows the iam:CreateInstanceProfile action`,
      $metadata: { httpStatusCode: 403 },
    });
    await expect(reader.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'ip' }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    await expect(
      reader.send(new TagInstanceProfileCommand({ InstanceProfileName: 'ip', Tags: [{ Key: 'k', Value: 'v' }] })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    expect((await root.send(new ListInstanceProfilesCommand({}))).InstanceProfiles!.map((ip) => ip.InstanceProfileName)).toEqual(['ip']);
  });

  it('threat: AddRoleToInstanceProfile without iam:PassRole on the role must not hand the role out', async () => {
    const { iam: root, account } = await rootClient();
    await root.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip' }));
    await root.send(new CreateRoleCommand({ RoleName: 'admin', AssumeRolePolicyDocument: trustPolicy() }));
    const adder = await clientForUserWithPolicy(root, 'adder', allow('iam:AddRoleToInstanceProfile'));
    await expect(adder.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ip', RoleName: 'admin' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining(`iam:PassRole on resource: arn:aws:iam::${account.accountId}:role/admin`),
    });
    expect((await root.send(new GetInstanceProfileCommand({ InstanceProfileName: 'ip' }))).InstanceProfile?.Roles).toEqual([]);

    const passer = await clientForUserWithPolicy(root, 'passer', allow(['iam:AddRoleToInstanceProfile', 'iam:PassRole']));
    await passer.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ip', RoleName: 'admin' }));
    expect(
      (await root.send(new GetInstanceProfileCommand({ InstanceProfileName: 'ip' }))).InstanceProfile?.Roles?.map((r) => r.RoleName),
    ).toEqual(['admin']);
  });

  it('shows up in GetAccountAuthorizationDetails (under its role) and GetAccountSummary', async () => {
    const { iam, account } = await rootClient();
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustPolicy() }));
    await iam.send(new CreateRoleCommand({ RoleName: 'lonely', AssumeRolePolicyDocument: trustPolicy() }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip', Tags: [{ Key: 'k', Value: 'v' }] }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'empty' }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ip', RoleName: 'r' }));

    const details = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    const byName = new Map(details.RoleDetailList!.map((r) => [r.RoleName, r]));
    expect(byName.get('lonely')!.InstanceProfileList).toEqual([]);
    expect(byName.get('r')!.InstanceProfileList).toEqual([
      expect.objectContaining({
        InstanceProfileName: 'ip',
        Arn: `arn:aws:iam::${account.accountId}:instance-profile/ip`,
        Roles: [expect.objectContaining({ RoleName: 'r', AssumeRolePolicyDocument: encodeURIComponent(trustPolicy()) })],
        Tags: [{ Key: 'k', Value: 'v' }],
      }),
    ]);
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap).toMatchObject({
      InstanceProfiles: 2,
      InstanceProfilesQuota: 1000,
    });
  });
});
