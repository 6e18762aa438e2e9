import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { awsManagedPolicyArn } from '../../packages/core/src/db/aws-managed-policies';
import { policyAttachments, tags } from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { rootClient } from './clients';
import { allow, attachDirectly, trustPolicy, trustPolicyOfSize } from './fixtures';

describe('IAM roles through the AWS SDK', () => {
  it('creates a role and reads it back with its trust policy URL-encoded, as AWS returns it', async () => {
    const { iam, account } = await rootClient();
    const doc = trustPolicy('lambda.amazonaws.com');
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: 'Deployer',
        Path: '/ci/',
        AssumeRolePolicyDocument: doc,
        Description: 'deploys things',
        MaxSessionDuration: 7200,
        Tags: [{ Key: 'team', Value: 'platform' }],
      }),
    );
    expect(created.Role).toMatchObject({
      RoleName: 'Deployer',
      Path: '/ci/',
      Arn: `arn:aws:iam::${account.accountId}:role/ci/Deployer`,
      Description: 'deploys things',
      MaxSessionDuration: 7200,
      AssumeRolePolicyDocument: encodeURIComponent(doc),
      Tags: [{ Key: 'team', Value: 'platform' }],
    });
    expect(created.Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);

    const got = await iam.send(new GetRoleCommand({ RoleName: 'deployer' }));
    expect(got.Role).toMatchObject({
      RoleName: 'Deployer',
      RoleId: created.Role?.RoleId,
      MaxSessionDuration: 7200,
      Tags: [{ Key: 'team', Value: 'platform' }],
    });
    expect(JSON.parse(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!))).toEqual(JSON.parse(doc));
    expect(got.Role?.CreateDate).toBeInstanceOf(Date);

    const plain = await iam.send(new CreateRoleCommand({ RoleName: 'plain', AssumeRolePolicyDocument: trustPolicy() }));
    expect(plain.Role).toMatchObject({ Path: '/', MaxSessionDuration: 3600 });
    expect(plain.Role?.Description).toBeUndefined();
    expect(plain.Role?.Tags).toBeUndefined();
  });

  it('names clash case-insensitively', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateRoleCommand({ RoleName: 'worker', AssumeRolePolicyDocument: trustPolicy() }));
    await expect(iam.send(new CreateRoleCommand({ RoleName: 'WORKER', AssumeRolePolicyDocument: trustPolicy() }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Role with name WORKER already exists.',
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('validates the trust policy as a trust policy: MalformedPolicyDocument names the problem', async () => {
    const { iam } = await rootClient();
    const create = (doc: string) => iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: doc }));
    await expect(create('{not json')).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: expect.stringContaining('not valid JSON'),
      $metadata: { httpStatusCode: 400 },
    });
    // An identity policy is not a trust policy: no Principal, and a Resource it may not have.
    await expect(create(allow('sts:AssumeRole'))).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: expect.stringMatching(/Statement\[0\]\.Principal: .*Principal.*; Has prohibited field Resource\.$/),
    });
    await expect(iam.send(new ListRolesCommand({}))).resolves.toMatchObject({ Roles: [] });
  });

  it('caps the trust policy at 2,048 non-whitespace characters (ACLSizePerRole)', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateRoleCommand({ RoleName: 'at-limit', AssumeRolePolicyDocument: trustPolicyOfSize(2048) }));
    // Whitespace does not count toward the quota.
    const spacious = JSON.stringify(JSON.parse(trustPolicyOfSize(2048)), null, 8);
    await iam.send(new CreateRoleCommand({ RoleName: 'spacious', AssumeRolePolicyDocument: spacious }));
    const tooBig = {
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for ACLSizePerRole: 2048',
      $metadata: { httpStatusCode: 409 },
    };
    await expect(
      iam.send(new CreateRoleCommand({ RoleName: 'over', AssumeRolePolicyDocument: trustPolicyOfSize(2049) })),
    ).rejects.toMatchObject(tooBig);
    await expect(
      iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'at-limit', PolicyDocument: trustPolicyOfSize(2049) })),
    ).rejects.toMatchObject(tooBig);
  });

  it('rejects out-of-range MaxSessionDuration and bad names with ValidationError', async () => {
    const { iam } = await rootClient();
    await expect(
      iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustPolicy(), MaxSessionDuration: 100 })),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value '100' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
    });
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustPolicy() }));
    await expect(iam.send(new UpdateRoleCommand({ RoleName: 'r', MaxSessionDuration: 43201 }))).rejects.toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value '43201' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200",
    });
    await expect(
      iam.send(new CreateRoleCommand({ RoleName: 'r'.repeat(65), AssumeRolePolicyDocument: trustPolicy() })),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining("at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64"),
    });
  });

  it('updates description, session duration and trust policy', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustPolicy(), Description: 'old' }));
    await iam.send(new UpdateRoleCommand({ RoleName: 'R', MaxSessionDuration: 43200 }));
    expect((await iam.send(new GetRoleCommand({ RoleName: 'r' }))).Role).toMatchObject({ Description: 'old', MaxSessionDuration: 43200 });
    await iam.send(new UpdateRoleCommand({ RoleName: 'r', Description: 'newer' }));
    expect((await iam.send(new GetRoleCommand({ RoleName: 'r' }))).Role).toMatchObject({ Description: 'newer', MaxSessionDuration: 43200 });

    const described = await iam.send(new UpdateRoleDescriptionCommand({ RoleName: 'r', Description: 'newest' }));
    expect(described.Role).toMatchObject({ RoleName: 'r', Description: 'newest', MaxSessionDuration: 43200 });

    const doc = trustPolicy('ecs-tasks.amazonaws.com');
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: doc }));
    expect(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: 'r' }))).Role!.AssumeRolePolicyDocument!)).toBe(doc);
    await expect(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: allow('s3:*') }))).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
    });
    await expect(iam.send(new UpdateRoleDescriptionCommand({ RoleName: 'ghost', Description: 'x' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role with name ghost cannot be found.',
    });
  });

  it('sets a permissions boundary at creation, and refuses one that does not exist', async () => {
    const { iam, account } = await rootClient();
    const boundary = awsManagedPolicyArn('IAMReadOnlyAccess');
    await iam.send(new CreateRoleCommand({ RoleName: 'bounded', AssumeRolePolicyDocument: trustPolicy(), PermissionsBoundary: boundary }));
    expect((await iam.send(new GetRoleCommand({ RoleName: 'bounded' }))).Role?.PermissionsBoundary).toEqual({
      PermissionsBoundaryType: 'Policy',
      PermissionsBoundaryArn: boundary,
    });
    const missing = `arn:aws:iam::${account.accountId}:policy/nope`;
    await expect(
      iam.send(new CreateRoleCommand({ RoleName: 'x', AssumeRolePolicyDocument: trustPolicy(), PermissionsBoundary: missing })),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `Scope ARN: ${missing} does not exist or is not attachable.`,
    });
  });

  it('pages ListRoles in name order, filtered by PathPrefix, without tags or boundary', async () => {
    const { iam } = await rootClient();
    const names = ['carol', 'Alice', 'dave', 'bob', 'eve'];
    for (const n of names) {
      await iam.send(
        new CreateRoleCommand({
          RoleName: n,
          AssumeRolePolicyDocument: trustPolicy(),
          Path: n === 'eve' ? '/svc/' : '/',
          Tags: [{ Key: 'k', Value: 'v' }],
        }),
      );
    }
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const res = await iam.send(new ListRolesCommand({ MaxItems: 2, Marker: marker }));
      for (const r of res.Roles!) {
        expect(r.Tags).toBeUndefined();
        expect(decodeURIComponent(r.AssumeRolePolicyDocument!)).toBe(trustPolicy());
      }
      seen.push(...res.Roles!.map((r) => r.RoleName!));
      marker = res.IsTruncated ? res.Marker : undefined;
      pages++;
    } while (marker);
    expect(seen).toEqual(['Alice', 'bob', 'carol', 'dave', 'eve']);
    expect(pages).toBe(3);
    expect((await iam.send(new ListRolesCommand({ PathPrefix: '/svc/' }))).Roles!.map((r) => r.RoleName)).toEqual(['eve']);
  });

  it('refuses to delete a role with attached or inline policies; deleting removes its tags', async () => {
    const { iam } = await rootClient();
    const { Role } = await iam.send(
      new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustPolicy(), Tags: [{ Key: 'k', Value: 'v' }] }),
    );
    const roleId = Role!.RoleId!;
    const conflict = (message: string) =>
      expect(iam.send(new DeleteRoleCommand({ RoleName: 'r' }))).rejects.toMatchObject({
        name: 'DeleteConflictException',
        message,
        $metadata: { httpStatusCode: 409 },
      });

    await attachDirectly({ roleId });
    await conflict('Cannot delete entity, must detach all policies first.');
    await db().delete(policyAttachments).where(eq(policyAttachments.roleId, roleId));

    await iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'p', PolicyDocument: allow('s3:*') }));
    await conflict('Cannot delete entity, must delete policies first.');
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'r', PolicyName: 'p' }));

    await iam.send(new DeleteRoleCommand({ RoleName: 'R' }));
    await expect(iam.send(new GetRoleCommand({ RoleName: 'r' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      $metadata: { httpStatusCode: 404 },
    });
    expect(await db().select().from(tags).where(eq(tags.resourceId, roleId))).toEqual([]);
    await expect(iam.send(new DeleteRoleCommand({ RoleName: 'r' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('tags and untags a role, case-insensitively, capped at 50', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustPolicy(), Tags: [{ Key: 'team', Value: 'a' }] }));
    await iam.send(
      new TagRoleCommand({
        RoleName: 'r',
        Tags: [
          { Key: 'TEAM', Value: 'b' },
          { Key: 'cost', Value: '1' },
        ],
      }),
    );
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: 'r' }))).Tags).toEqual([
      { Key: 'cost', Value: '1' },
      { Key: 'TEAM', Value: 'b' },
    ]);
    await iam.send(new UntagRoleCommand({ RoleName: 'r', TagKeys: ['team'] }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: 'r' }))).Tags).toEqual([{ Key: 'cost', Value: '1' }]);

    const many = Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await iam.send(new TagRoleCommand({ RoleName: 'r', Tags: many }));
    await expect(iam.send(new TagRoleCommand({ RoleName: 'r', Tags: [{ Key: 'one-more', Value: 'v' }] }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for TagsPerRole: 50.',
    });
    await expect(
      iam.send(
        new TagRoleCommand({
          RoleName: 'r',
          Tags: [
            { Key: 'a', Value: '1' },
            { Key: 'A', Value: '2' },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidInputException',
    });
    const page1 = await iam.send(new ListRoleTagsCommand({ RoleName: 'r', MaxItems: 30 }));
    const page2 = await iam.send(new ListRoleTagsCommand({ RoleName: 'r', MaxItems: 30, Marker: page1.Marker }));
    expect([page1.Tags!.length, page1.IsTruncated, page2.Tags!.length, page2.IsTruncated]).toEqual([30, true, 20, false]);
  });
});
