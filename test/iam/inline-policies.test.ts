import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteGroupPolicyCommand,
  DeleteRolePolicyCommand,
  DeleteUserPolicyCommand,
  GetGroupPolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  ListGroupPoliciesCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { rootClient } from './clients';
import { allow, clientForUserWithPolicy, identityPolicyOfSize, trustPolicy } from './fixtures';

/** The same four operations for each owner kind, so every test runs against users, groups and roles. */
const KINDS = [
  {
    kind: 'user',
    quota: 2048,
    create: (iam: IAMClient, name: string) => iam.send(new CreateUserCommand({ UserName: name })),
    put: (iam: IAMClient, owner: string, PolicyName: string, PolicyDocument: string) =>
      iam.send(new PutUserPolicyCommand({ UserName: owner, PolicyName, PolicyDocument })),
    get: (iam: IAMClient, owner: string, PolicyName: string) => iam.send(new GetUserPolicyCommand({ UserName: owner, PolicyName })),
    del: (iam: IAMClient, owner: string, PolicyName: string) => iam.send(new DeleteUserPolicyCommand({ UserName: owner, PolicyName })),
    list: (iam: IAMClient, owner: string, MaxItems?: number, Marker?: string) =>
      iam.send(new ListUserPoliciesCommand({ UserName: owner, MaxItems, Marker })),
    ownerName: (r: object) => (r as { UserName?: string }).UserName,
  },
  {
    kind: 'group',
    quota: 5120,
    create: (iam: IAMClient, name: string) => iam.send(new CreateGroupCommand({ GroupName: name })),
    put: (iam: IAMClient, owner: string, PolicyName: string, PolicyDocument: string) =>
      iam.send(new PutGroupPolicyCommand({ GroupName: owner, PolicyName, PolicyDocument })),
    get: (iam: IAMClient, owner: string, PolicyName: string) => iam.send(new GetGroupPolicyCommand({ GroupName: owner, PolicyName })),
    del: (iam: IAMClient, owner: string, PolicyName: string) => iam.send(new DeleteGroupPolicyCommand({ GroupName: owner, PolicyName })),
    list: (iam: IAMClient, owner: string, MaxItems?: number, Marker?: string) =>
      iam.send(new ListGroupPoliciesCommand({ GroupName: owner, MaxItems, Marker })),
    ownerName: (r: object) => (r as { GroupName?: string }).GroupName,
  },
  {
    kind: 'role',
    quota: 10240,
    create: (iam: IAMClient, name: string) => iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustPolicy() })),
    put: (iam: IAMClient, owner: string, PolicyName: string, PolicyDocument: string) =>
      iam.send(new PutRolePolicyCommand({ RoleName: owner, PolicyName, PolicyDocument })),
    get: (iam: IAMClient, owner: string, PolicyName: string) => iam.send(new GetRolePolicyCommand({ RoleName: owner, PolicyName })),
    del: (iam: IAMClient, owner: string, PolicyName: string) => iam.send(new DeleteRolePolicyCommand({ RoleName: owner, PolicyName })),
    list: (iam: IAMClient, owner: string, MaxItems?: number, Marker?: string) =>
      iam.send(new ListRolePoliciesCommand({ RoleName: owner, MaxItems, Marker })),
    ownerName: (r: object) => (r as { RoleName?: string }).RoleName,
  },
] as const;

describe.each(KINDS)('inline $kind policies through the AWS SDK', (k) => {
  it('puts, reads (URL-encoded), replaces, lists and deletes', async () => {
    const { iam } = await rootClient();
    await k.create(iam, 'Tom');
    const doc = JSON.stringify(
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/a b+c&d' }] },
      null,
      2,
    );
    await k.put(iam, 'tom', 'read', doc);
    const got = await k.get(iam, 'TOM', 'read');
    expect(k.ownerName(got)).toBe('Tom');
    expect(got.PolicyName).toBe('read');
    expect(got.PolicyDocument).toBe(encodeURIComponent(doc));
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(doc);

    // Putting the same name again replaces the document.
    await k.put(iam, 'tom', 'read', allow('s3:ListBucket'));
    expect(decodeURIComponent((await k.get(iam, 'tom', 'read')).PolicyDocument!)).toBe(allow('s3:ListBucket'));
    await k.put(iam, 'tom', 'alpha', allow('s3:*'));
    expect(await k.list(iam, 'tom')).toMatchObject({ PolicyNames: ['alpha', 'read'], IsTruncated: false });

    await k.del(iam, 'tom', 'read');
    expect((await k.list(iam, 'tom')).PolicyNames).toEqual(['alpha']);
    const missing = {
      name: 'NoSuchEntityException',
      message: `The ${k.kind} policy with name read cannot be found.`,
      $metadata: { httpStatusCode: 404 },
    };
    await expect(k.get(iam, 'tom', 'read')).rejects.toMatchObject(missing);
    await expect(k.del(iam, 'tom', 'read')).rejects.toMatchObject(missing);
  });

  it('answers NoSuchEntity for a missing owner', async () => {
    const { iam } = await rootClient();
    const noOwner = { name: 'NoSuchEntityException', message: `The ${k.kind} with name ghost cannot be found.` };
    await expect(k.put(iam, 'ghost', 'p', allow('s3:*'))).rejects.toMatchObject(noOwner);
    await expect(k.get(iam, 'ghost', 'p')).rejects.toMatchObject(noOwner);
    await expect(k.list(iam, 'ghost')).rejects.toMatchObject(noOwner);
  });

  it('validates the document as an identity policy: MalformedPolicyDocument names the problem', async () => {
    const { iam } = await rootClient();
    await k.create(iam, 'tom');
    await expect(k.put(iam, 'tom', 'p', '{"Version":')).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: expect.stringContaining('not valid JSON'),
      $metadata: { httpStatusCode: 400 },
    });
    await expect(k.put(iam, 'tom', 'p', trustPolicy())).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: expect.stringMatching(/^Statement\[0\]\.Principal: .*Principal/),
    });
    await expect(k.put(iam, 'tom', 'bad name', allow('s3:*'))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining("at 'policyName' failed to satisfy constraint"),
    });
    expect((await k.list(iam, 'tom')).PolicyNames).toEqual([]);
  });

  it(`caps the sum of all the ${k.kind}'s inline policies at ${k.quota} non-whitespace characters`, async () => {
    const { iam } = await rootClient();
    await k.create(iam, 'tom');
    const half = Math.floor(k.quota / 2);
    await k.put(iam, 'tom', 'one', identityPolicyOfSize(half, true));
    await k.put(iam, 'tom', 'two', identityPolicyOfSize(k.quota - half));
    await expect(k.put(iam, 'tom', 'three', allow('s3:*'))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: `Maximum policy size of ${k.quota} bytes exceeded for ${k.kind} tom`,
      $metadata: { httpStatusCode: 409 },
    });
    // Replacing a policy counts only the new version of it.
    await k.put(iam, 'tom', 'two', identityPolicyOfSize(k.quota - half));
    await expect(k.put(iam, 'tom', 'two', identityPolicyOfSize(k.quota - half + 1))).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
    expect((await k.list(iam, 'tom')).PolicyNames).toEqual(['one', 'two']);
  });

  it('pages the policy names with MaxItems and Marker', async () => {
    const { iam } = await rootClient();
    await k.create(iam, 'tom');
    for (const n of ['c', 'a', 'e', 'b', 'd']) await k.put(iam, 'tom', n, allow(`s3:${n}`));
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const res = await k.list(iam, 'tom', 2, marker);
      seen.push(...res.PolicyNames!);
      marker = res.IsTruncated ? res.Marker : undefined;
      pages++;
    } while (marker);
    expect([seen, pages]).toEqual([['a', 'b', 'c', 'd', 'e'], 3]);
  });
});

describe('inline policies decide what their owners may do', () => {
  it('a role may hold one inline policy larger than a managed policy (up to its 10,240 quota)', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateRoleCommand({ RoleName: 'big', AssumeRolePolicyDocument: trustPolicy() }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'big', PolicyName: 'p', PolicyDocument: identityPolicyOfSize(8000) }));
  });

  it("a group's inline policy grants its members, and stops when they leave", async () => {
    const { iam: root } = await rootClient();
    await root.send(new CreateRoleCommand({ RoleName: 'target', AssumeRolePolicyDocument: trustPolicy() }));
    const member = await clientForUserWithPolicy(root, 'member', allow('iam:GetGroup'));
    await expect(member.send(new GetRoleCommand({ RoleName: 'target' }))).rejects.toMatchObject({ name: 'AccessDenied' });

    await root.send(new CreateGroupCommand({ GroupName: 'readers' }));
    await root.send(new PutGroupPolicyCommand({ GroupName: 'readers', PolicyName: 'roles', PolicyDocument: allow('iam:GetRole') }));
    await root.send(new AddUserToGroupCommand({ GroupName: 'readers', UserName: 'member' }));
    expect((await member.send(new GetRoleCommand({ RoleName: 'target' }))).Role?.RoleName).toBe('target');

    await root.send(new DeleteGroupPolicyCommand({ GroupName: 'readers', PolicyName: 'roles' }));
    await expect(member.send(new GetRoleCommand({ RoleName: 'target' }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});
