// Service last accessed reports through the SDK: GenerateServiceLastAccessedDetails stores a job for a
// user, group, role or policy; GetServiceLastAccessedDetails lists the services its policies allow, with
// the last access from this service's audit log (so only iam and sts can show one); WithEntities lists
// who behind a group or policy used a service. Jobs are account-private; the unauthorized learn nothing.
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsWithEntitiesCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  TagUserCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { iam, rootClient, type Credentials } from './clients';

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

async function userWith(root: IAMClient, name: string, policy?: string): Promise<Credentials> {
  await root.send(new CreateUserCommand({ UserName: name }));
  if (policy) await root.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

/** A user allowed iam user actions, S3 reads and SQS, who has called TagUser on itself (an audited IAM call). */
async function activeUser(root: IAMClient, name: string) {
  const creds = await userWith(root, name, doc([{ Effect: 'Allow', Action: ['iam:*User*', 's3:GetObject', 'sqs:*'], Resource: '*' }]));
  await iam(creds).send(new TagUserCommand({ UserName: name, Tags: [{ Key: 'k', Value: 'v' }] }));
  return creds;
}

describe('GetServiceLastAccessedDetails', () => {
  it('lists the services the policies allow; iam with its last access by the user, the others never accessed', async () => {
    const { account, iam: root } = await rootClient();
    const acct = account.accountId;
    await activeUser(root, 'tom');
    const { JobId } = await root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${acct}:user/tom` }));
    expect(JobId).toMatch(/^[0-9a-f-]{36}$/);
    const res = await root.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
    expect(res.JobStatus).toBe('COMPLETED');
    expect(res.JobType).toBe('SERVICE_LEVEL');
    expect(res.JobCreationDate).toBeInstanceOf(Date);
    expect(res.JobCompletionDate).toBeInstanceOf(Date);
    expect(res.IsTruncated).toBe(false);
    const byNs = Object.fromEntries(res.ServicesLastAccessed!.map((s) => [s.ServiceNamespace, s]));
    expect(Object.keys(byNs).sort()).toEqual(['iam', 's3', 'sqs']);
    expect(byNs.iam!.ServiceName).toBe('AWS Identity and Access Management');
    expect(byNs.iam!.LastAuthenticated).toBeInstanceOf(Date);
    expect(byNs.iam!.LastAuthenticatedEntity).toBe(`arn:aws:iam::${acct}:user/tom`);
    expect(byNs.iam!.LastAuthenticatedRegion).toBe('us-east-1');
    expect(byNs.iam!.TotalAuthenticatedEntities).toBe(1);
    expect(byNs.iam!.TrackedActionsLastAccessed).toBeUndefined();
    expect(byNs.s3!.LastAuthenticated).toBeUndefined();
    expect(byNs.s3!.TotalAuthenticatedEntities).toBe(0);

    const first = await root.send(new GetServiceLastAccessedDetailsCommand({ JobId, MaxItems: 2 }));
    expect(first.ServicesLastAccessed!.map((s) => s.ServiceNamespace)).toEqual(['iam', 's3']);
    expect(first.IsTruncated).toBe(true);
    const rest = await root.send(new GetServiceLastAccessedDetailsCommand({ JobId, Marker: first.Marker }));
    expect(rest.ServicesLastAccessed!.map((s) => s.ServiceNamespace)).toEqual(['sqs']);
  });

  it('an ACTION_LEVEL job tracks the iam actions the policies allow, with the one used', async () => {
    const { account, iam: root } = await rootClient();
    const acct = account.accountId;
    await activeUser(root, 'tom');
    const { JobId } = await root.send(
      new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${acct}:user/tom`, Granularity: 'ACTION_LEVEL' }),
    );
    const res = await root.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
    expect(res.JobType).toBe('ACTION_LEVEL');
    const iamService = res.ServicesLastAccessed!.find((s) => s.ServiceNamespace === 'iam')!;
    const tracked = Object.fromEntries(iamService.TrackedActionsLastAccessed!.map((a) => [a.ActionName, a]));
    expect(tracked.TagUser!.LastAccessedTime).toBeInstanceOf(Date);
    expect(tracked.TagUser!.LastAccessedEntity).toBe(`arn:aws:iam::${acct}:user/tom`);
    expect(tracked.CreateUser!.LastAccessedTime).toBeUndefined();
    expect(tracked.ListRoles).toBeUndefined(); // not allowed by iam:*User*
  });

  it("a group's report counts its members' calls, and WithEntities lists the member who used the service", async () => {
    const { account, iam: root } = await rootClient();
    const acct = account.accountId;
    await activeUser(root, 'tom');
    await root.send(new CreateUserCommand({ UserName: 'idle' }));
    await root.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await root.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'tom' }));
    await root.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'idle' }));
    await root.send(
      new PutGroupPolicyCommand({
        GroupName: 'devs',
        PolicyName: 'g',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:Get*', Resource: '*' }]),
      }),
    );
    const { JobId } = await root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${acct}:group/devs` }));
    const res = await root.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
    expect(res.ServicesLastAccessed!.map((s) => s.ServiceNamespace)).toEqual(['iam']);
    expect(res.ServicesLastAccessed![0]!.LastAuthenticatedEntity).toBe(`arn:aws:iam::${acct}:user/tom`);
    const withEntities = await root.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 'iam' }));
    expect(withEntities.JobStatus).toBe('COMPLETED');
    expect(withEntities.EntityDetailsList!.map((e) => e.EntityInfo)).toEqual([
      { Arn: `arn:aws:iam::${acct}:user/tom`, Name: 'tom', Type: 'USER', Id: expect.stringMatching(/^AIDA/), Path: '/' },
    ]);
    expect(withEntities.EntityDetailsList![0]!.LastAuthenticated).toBeInstanceOf(Date);
    const s3 = await root.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 's3' }));
    expect(s3.EntityDetailsList ?? []).toEqual([]);
  });

  it("a policy's report lists the services it allows and the entities it is attached to that used them", async () => {
    const { account, iam: root } = await rootClient();
    const acct = account.accountId;
    await activeUser(root, 'tom');
    const { Policy } = await root.send(
      new CreatePolicyCommand({
        PolicyName: 'iam-and-ec2',
        PolicyDocument: doc([{ Effect: 'Allow', Action: ['iam:*', 'ec2:Describe*'], Resource: '*' }]),
      }),
    );
    await root.send(new AttachUserPolicyCommand({ UserName: 'tom', PolicyArn: Policy!.Arn! }));
    const { JobId } = await root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: Policy!.Arn! }));
    const res = await root.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
    expect(res.ServicesLastAccessed!.map((s) => [s.ServiceNamespace, s.TotalAuthenticatedEntities])).toEqual([
      ['ec2', 0],
      ['iam', 1],
    ]);
    const ents = await root.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 'iam' }));
    expect(ents.EntityDetailsList!.map((e) => e.EntityInfo!.Arn)).toEqual([`arn:aws:iam::${acct}:user/tom`]);
  });
});

describe('service last accessed errors', () => {
  it('an unknown job id is NoSuchEntity', async () => {
    const { iam: root } = await rootClient();
    const JobId = '00000000-0000-4000-8000-000000000000';
    await expect(root.send(new GetServiceLastAccessedDetailsCommand({ JobId }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    await expect(root.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 'iam' }))).rejects.toMatchObject(
      {
        name: 'NoSuchEntityException',
      },
    );
  });

  it("threat: another account's job id is NoSuchEntity, its report never shown", async () => {
    const a = await rootClient();
    const b = await rootClient();
    await a.iam.send(new CreateUserCommand({ UserName: 'tom' }));
    const { JobId } = await a.iam.send(
      new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${a.account.accountId}:user/tom` }),
    );
    await expect(b.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    await expect(
      b.iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 'iam' })),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });

  it('an entity that does not exist is NoSuchEntity; an ARN of something else is InvalidInput', async () => {
    const { account, iam: root } = await rootClient();
    const acct = account.accountId;
    for (const Arn of [
      `arn:aws:iam::${acct}:user/ghost`,
      `arn:aws:iam::${acct}:group/ghost`,
      `arn:aws:iam::${acct}:role/ghost`,
      `arn:aws:iam::${acct}:policy/ghost`,
    ]) {
      await expect(root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn }))).rejects.toMatchObject({
        name: 'NoSuchEntityException',
      });
    }
    await expect(
      root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${acct}:instance-profile/x` })),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
  });

  it('threat: a user without permission is denied before any lookup, whether the entity exists or not', async () => {
    const { account, iam: root } = await rootClient();
    const acct = account.accountId;
    await root.send(new CreateUserCommand({ UserName: 'tom' }));
    const { JobId } = await root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${acct}:user/tom` }));
    const eve = iam(await userWith(root, 'eve'));
    for (const Arn of [`arn:aws:iam::${acct}:user/tom`, `arn:aws:iam::${acct}:user/ghost`]) {
      await expect(eve.send(new GenerateServiceLastAccessedDetailsCommand({ Arn }))).rejects.toMatchObject({ name: 'AccessDenied' });
    }
    for (const id of [JobId!, '00000000-0000-4000-8000-000000000000']) {
      await expect(eve.send(new GetServiceLastAccessedDetailsCommand({ JobId: id }))).rejects.toMatchObject({ name: 'AccessDenied' });
      await expect(
        eve.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: id, ServiceNamespace: 'iam' })),
      ).rejects.toMatchObject({
        name: 'AccessDenied',
      });
    }
  });
});
