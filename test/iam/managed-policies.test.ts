// Customer-managed and AWS-managed policies through the AWS SDK: create, read, list, delete, tags,
// and the version lifecycle (five versions at most, exactly one default, never deleting the default).
import {
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListPoliciesCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  SetDefaultPolicyVersionCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { AWS_MANAGED_POLICIES, awsManagedPolicyArn } from '../../packages/core/src/db/aws-managed-policies';
import { rootClient } from './clients';
import { allow, identityPolicyOfSize } from './fixtures';

const doc = (action: string) => allow(action);

async function listAll(iam: IAMClient, input: ConstructorParameters<typeof ListPoliciesCommand>[0], pageSize = 100) {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const res = await iam.send(new ListPoliciesCommand({ ...input, MaxItems: pageSize, Marker: marker }));
    names.push(...res.Policies!.map((p) => p.PolicyName!));
    marker = res.IsTruncated ? res.Marker : undefined;
  } while (marker);
  return names;
}

describe('managed policies', () => {
  it('creates a policy with path, description and tags, and reads it back', async () => {
    const { iam, account } = await rootClient();
    const created = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'ReadBuckets',
        Path: '/team/',
        PolicyDocument: doc('s3:GetObject'),
        Description: 'read',
        Tags: [{ Key: 'team', Value: 'data' }],
      }),
    );
    const arn = `arn:aws:iam::${account.accountId}:policy/team/ReadBuckets`;
    expect(created.Policy).toMatchObject({
      PolicyName: 'ReadBuckets',
      Path: '/team/',
      Arn: arn,
      DefaultVersionId: 'v1',
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      Tags: [{ Key: 'team', Value: 'data' }],
    });
    expect(created.Policy!.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect(created.Policy!.CreateDate).toBeInstanceOf(Date);

    const got = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    expect(got.Policy).toMatchObject({
      PolicyName: 'ReadBuckets',
      Description: 'read',
      DefaultVersionId: 'v1',
      Tags: [{ Key: 'team', Value: 'data' }],
    });

    await iam.send(
      new TagPolicyCommand({
        PolicyArn: arn,
        Tags: [
          { Key: 'TEAM', Value: 'ops' },
          { Key: 'cost', Value: '1' },
        ],
      }),
    );
    await iam.send(new UntagPolicyCommand({ PolicyArn: arn, TagKeys: ['cost'] }));
    expect((await iam.send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags).toEqual([{ Key: 'TEAM', Value: 'ops' }]);

    await expect(
      iam.send(new CreatePolicyCommand({ PolicyName: 'readbuckets', PolicyDocument: doc('s3:GetObject') })),
    ).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'A policy called readbuckets already exists. Duplicate names are not allowed.',
    });

    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    await expect(iam.send(new GetPolicyCommand({ PolicyArn: arn }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `Policy ${arn} was not found.`,
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('reads AWS-managed policies but refuses to change them', async () => {
    const { iam } = await rootClient();
    const arn = awsManagedPolicyArn('AmazonS3ReadOnlyAccess');
    const got = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    expect(got.Policy).toMatchObject({
      PolicyName: 'AmazonS3ReadOnlyAccess',
      Arn: arn,
      DefaultVersionId: 'v3',
      AttachmentCount: 0,
      IsAttachable: true,
    });
    const v = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' }));
    expect(JSON.parse(decodeURIComponent(v.PolicyVersion!.Document!)).Statement[0].Action).toContain('s3:Get*');

    for (const write of [
      new DeletePolicyCommand({ PolicyArn: arn }),
      new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('s3:*') }),
      new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' }),
      new TagPolicyCommand({ PolicyArn: arn, Tags: [{ Key: 'a', Value: 'b' }] }),
    ]) {
      await expect(iam.send(write as never)).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    }
  });

  it('rejects malformed documents with MalformedPolicyDocument naming the problem, creating nothing', async () => {
    const { iam } = await rootClient();
    const bad = {
      'missing Resource': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] }),
      'Principal in an identity policy': JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }],
      }),
      'unknown condition operator': JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { StringEqualz: { 'aws:username': 'tom' } } }],
      }),
      'not JSON': '{"Version": "2012-10-17", ',
    };
    const messages: Record<string, string> = {};
    for (const [what, document] of Object.entries(bad)) {
      const err = await iam.send(new CreatePolicyCommand({ PolicyName: 'Broken', PolicyDocument: document })).then(
        () => null,
        (e: Error) => e,
      );
      expect(err, what).toMatchObject({ name: 'MalformedPolicyDocumentException', $metadata: { httpStatusCode: 400 } });
      messages[what] = err!.message;
    }
    expect(messages['missing Resource']).toBe('Policy statement must contain resources.'); // AWS's words
    expect(messages['Principal in an identity policy']).toMatch(/Principal/);
    expect(messages['unknown condition operator']).toMatch(/StringEqualz/);
    expect(await listAll(iam, { Scope: 'Local' })).toEqual([]);
  });

  it('enforces the 6,144-character size quota on non-whitespace characters', async () => {
    const { iam } = await rootClient();
    // Whitespace does not count: a pretty-printed document at exactly the limit is accepted.
    await iam.send(new CreatePolicyCommand({ PolicyName: 'AtLimit', PolicyDocument: identityPolicyOfSize(6144, true) }));
    await expect(
      iam.send(new CreatePolicyCommand({ PolicyName: 'TooBig', PolicyDocument: identityPolicyOfSize(6145) })),
    ).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for PolicySize: 6144',
    });
  });

  it("lists AWS-managed policies with Scope=AWS, only the account's with Scope=Local, and pages through All", async () => {
    const { iam } = await rootClient();
    const other = await rootClient();
    for (const name of ['zeta', 'Alpha', 'mid'])
      await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: doc('s3:GetObject') }));
    await other.iam.send(new CreatePolicyCommand({ PolicyName: 'NotMine', PolicyDocument: doc('s3:GetObject') }));
    // A local policy may share an AWS-managed policy's name; paging by (name, arn) keeps both.
    await iam.send(new CreatePolicyCommand({ PolicyName: 'AdministratorAccess', Path: '/mine/', PolicyDocument: doc('s3:GetObject') }));

    // The AWS-managed set is shared by every account (and by the other test files, which may load more of
    // the catalogue): the seeded ones are all there, and none of any account's own.
    const aws = await listAll(iam, { Scope: 'AWS' });
    expect(aws).toEqual(expect.arrayContaining(AWS_MANAGED_POLICIES.map((p) => p.name)));
    for (const mine of ['Alpha', 'mid', 'zeta', 'NotMine']) expect(aws).not.toContain(mine);
    expect(aws.filter((n) => n === 'AdministratorAccess')).toHaveLength(1);
    expect(await listAll(iam, { Scope: 'Local' })).toEqual(['AdministratorAccess', 'Alpha', 'mid', 'zeta']);
    const all = await listAll(iam, {}, 2);
    expect(all).toHaveLength(aws.length + 4);
    expect(all.filter((n) => n === 'AdministratorAccess')).toHaveLength(2);
    expect(all).not.toContain('NotMine');
    expect(all.map((n) => n.toLowerCase())).toEqual([...all.map((n) => n.toLowerCase())].sort());
    expect(await listAll(iam, { Scope: 'Local', PathPrefix: '/mine/' })).toEqual(['AdministratorAccess']);
    expect(await listAll(iam, { OnlyAttached: true })).toEqual([]);
  });

  it('versions: at most five, one default, the default cannot be deleted, ids are never reused', async () => {
    const { iam, account } = await rootClient();
    const v1 = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [{ Sid: 'One', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::bucket/a b+c%/*' }],
      },
      null,
      2,
    );
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'Versioned', PolicyDocument: v1 }));
    const arn = Policy!.Arn!;
    expect(arn).toBe(`arn:aws:iam::${account.accountId}:policy/Versioned`);

    for (const n of [2, 3, 4, 5]) {
      const res = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc(`s3:Action${n}`) }));
      expect(res.PolicyVersion).toMatchObject({ VersionId: `v${n}`, IsDefaultVersion: false });
    }
    await expect(iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('s3:Six') }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    });

    const listed = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    expect(listed.Versions!.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v5', false],
      ['v4', false],
      ['v3', false],
      ['v2', false],
      ['v1', true],
    ]);
    expect(listed.Versions![0]!.Document).toBeUndefined();

    // The document comes back URL-encoded, exactly as sent once decoded.
    const got = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    expect(decodeURIComponent(got.PolicyVersion!.Document!)).toBe(v1);
    expect(got.PolicyVersion).toMatchObject({ VersionId: 'v1', IsDefaultVersion: true, CreateDate: expect.any(Date) });

    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' }));
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.DefaultVersionId).toBe('v3');
    const defaults = (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions!.filter((v) => v.IsDefaultVersion);
    expect(defaults.map((v) => v.VersionId)).toEqual(['v3']);

    await expect(iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete the default version of a policy.',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(iam.send(new DeletePolicyCommand({ PolicyArn: arn }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: expect.stringMatching(/more than one version/),
    });

    for (const v of ['v1', 'v2', 'v4', 'v5']) await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v }));
    await expect(iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `Policy ${arn} version v1 does not exist or is not attachable.`,
    });
    // Numbers are never reused: the next version is v6, and SetAsDefault moves the default in the same change.
    const v6 = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('s3:PutObject'), SetAsDefault: true }));
    expect(v6.PolicyVersion).toMatchObject({ VersionId: 'v6', IsDefaultVersion: true });
    const after = (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions!;
    expect(after.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v6', true],
      ['v3', false],
    ]);

    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    expect(await listAll(iam, { Scope: 'Local' })).toEqual([]);
  });

  it('concurrent CreatePolicyVersion calls never leave more than five versions', async () => {
    const { iam } = await rootClient();
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'Raced', PolicyDocument: doc('s3:GetObject') }));
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        iam.send(new CreatePolicyVersionCommand({ PolicyArn: Policy!.Arn!, PolicyDocument: doc(`s3:A${i}`) })),
      ),
    );
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect(['LimitExceededException', 'ConcurrentModificationException']).toContain((r as PromiseRejectedResult).reason.name);
    }
    const versions = (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: Policy!.Arn! }))).Versions!;
    expect(versions.length).toBeLessThanOrEqual(5);
    expect(versions.filter((v) => v.IsDefaultVersion)).toHaveLength(1);
  });

  it('answers bad ARNs and version ids as AWS does', async () => {
    const { iam, account } = await rootClient();
    await expect(iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::123456789012:user/tom' }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: 'ARN arn:aws:iam::123456789012:user/tom is not valid.',
    });
    const missing = `arn:aws:iam::${account.accountId}:policy/Nope`;
    await expect(iam.send(new ListPolicyVersionsCommand({ PolicyArn: missing }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `Policy ${missing} was not found.`,
    });
    await expect(iam.send(new GetPolicyVersionCommand({ PolicyArn: missing, VersionId: 'one' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining("at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern"),
    });
    // Another account's policy is invisible, not forbidden.
    const other = await rootClient();
    const { Policy } = await other.iam.send(new CreatePolicyCommand({ PolicyName: 'Theirs', PolicyDocument: doc('s3:GetObject') }));
    await expect(iam.send(new GetPolicyCommand({ PolicyArn: Policy!.Arn! }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});
