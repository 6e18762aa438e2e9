// The STS and IAM reads through the SDK: GetAccessKeyInfo (the account of any well-formed key id),
// DecodeAuthorizationMessage (the explanation sealed into our AccessDenied answers; forged or foreign
// messages refused) and ListPoliciesGrantingServiceAccess (which permissions policies grant a service).
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  ListPoliciesGrantingServiceAccessCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { DecodeAuthorizationMessageCommand, GetAccessKeyInfoCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { accountInAccessKeyId } from '../../packages/core/src/repo/access-key-info';
import { trustAccount } from './action-params';
import { rootClient, signedQuery, sts, type Credentials } from './clients';

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const rejects = (p: Promise<unknown>) => expect(p).rejects;

async function userWith(root: IAMClient, name: string, policy?: string): Promise<Credentials> {
  await root.send(new CreateUserCommand({ UserName: name }));
  if (policy) await root.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

describe('GetAccessKeyInfo', () => {
  it('tells the account of a key this service issued, of this account or another, and decodes AWS key ids', async () => {
    const a = await rootClient();
    const b = await rootClient();
    const mine = await a.sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: a.creds.accessKeyId }));
    expect(mine.Account).toBe(a.account.accountId);
    const theirs = await a.sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: b.creds.accessKeyId }));
    expect(theirs.Account).toBe(b.account.accountId);
    // A published example of how AWS's key ids carry their account.
    const aws = await a.sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'ASIAY34FZKBOKMUTVV7A' }));
    expect(aws.Account).toBe('609629065308');
  });

  it('refuses what is no key id at all, and asks for sts:GetAccessKeyInfo', async () => {
    const { sts: rootSts, iam: root } = await rootClient();
    await rejects(rootSts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'short' }))).toMatchObject({ name: 'ValidationError' });
    await rejects(rootSts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIA-not-base32-0000' }))).toMatchObject({
      name: 'ValidationError',
    });
    await rejects(rootSts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'XYZWABCDEFGHIJKLMNOP' }))).toMatchObject({
      name: 'InvalidParameterValue',
    });
    const nobody = await userWith(root, 'nobody');
    await rejects(sts(nobody).send(new GetAccessKeyInfoCommand({ AccessKeyId: nobody.accessKeyId }))).toMatchObject({
      name: 'AccessDenied',
    });
  });

  it('decodes the account as AWS lays it out in the id', () => {
    expect(accountInAccessKeyId('ASIAY34FZKBOKMUTVV7A')).toBe('609629065308');
    expect(accountInAccessKeyId('AKIAIOSFODNN7EXAMPLE')).toBe('581039954779');
  });
});

/** A denied CreateUser by `creds`, and the encoded message its AccessDenied carries. */
async function deniedMessage(creds: Credentials): Promise<string> {
  const res = await signedQuery(creds, new URLSearchParams({ Action: 'CreateUser', Version: '2010-05-08', UserName: 'x' }).toString());
  const xml = await res.text();
  expect(res.status).toBe(403);
  const m = /<EncodedAuthorizationMessage>([^<]+)<\/EncodedAuthorizationMessage>/.exec(xml);
  expect(m, xml).not.toBeNull();
  return m![1]!;
}

describe('DecodeAuthorizationMessage', () => {
  it('decodes the explanation of an AccessDenied this service answered, in AWS shape', async () => {
    const { account, iam: root, sts: rootSts } = await rootClient();
    const acct = account.accountId;
    const reader = await userWith(root, 'reader', doc([{ Sid: 'NoUsers', Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' }]));
    const encoded = await deniedMessage(reader);
    const { DecodedMessage } = await rootSts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
    const decoded = JSON.parse(DecodedMessage!);
    expect(decoded).toMatchObject({
      allowed: false,
      explicitDeny: true,
      matchedStatements: { items: [{ statementId: 'NoUsers', effect: 'DENY', policy: `arn:aws:iam::${acct}:user/reader#p` }] },
      context: {
        principal: { arn: `arn:aws:iam::${acct}:user/reader`, name: 'reader' },
        action: 'iam:CreateUser',
        resource: `arn:aws:iam::${acct}:user/x`,
      },
    });
    const keys = (decoded.context.conditions.items as { key: string }[]).map((c) => c.key);
    expect(keys).toEqual(expect.arrayContaining(['aws:username', 'aws:PrincipalArn', 'aws:CurrentTime']));
  });

  it('needs sts:DecodeAuthorizationMessage: the explanation may tell what the policies say', async () => {
    const { iam: root } = await rootClient();
    const reader = await userWith(root, 'reader');
    const encoded = await deniedMessage(reader);
    await rejects(sts(reader).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }))).toMatchObject({
      name: 'AccessDenied',
    });
    const decoder = await userWith(root, 'decoder', doc([{ Effect: 'Allow', Action: 'sts:DecodeAuthorizationMessage', Resource: '*' }]));
    await expect(sts(decoder).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }))).resolves.toBeDefined();
  });

  it('threat: a forged or altered message is refused, never decoded', async () => {
    const { iam: root, sts: rootSts } = await rootClient();
    const encoded = await deniedMessage(await userWith(root, 'reader'));
    const [v, iv, ct] = encoded.split('.') as [string, string, string];
    const flipped = `${v}.${iv}.${ct.slice(0, -2)}${ct.at(-2) === 'A' ? 'B' : 'A'}${ct.at(-1)}`;
    for (const EncodedMessage of [flipped, 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAA', 'not a message', '{"allowed":true}']) {
      await rejects(rootSts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage }))).toMatchObject({
        name: 'InvalidAuthorizationMessageException',
      });
    }
  });

  it("threat: another account cannot read this account's decisions (the message is bound to its account)", async () => {
    const a = await rootClient();
    const b = await rootClient();
    const encoded = await deniedMessage(await userWith(a.iam, 'reader'));
    await rejects(b.sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }))).toMatchObject({
      name: 'InvalidAuthorizationMessageException',
    });
  });
});

describe('ListPoliciesGrantingServiceAccess', () => {
  it('lists per namespace the user and group policies, managed and inline, that allow some action of it', async () => {
    const { account, iam: root } = await rootClient();
    const acct = account.accountId;
    await userWith(root, 'tom', doc([{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }]));
    await root.send(new CreateGroupCommand({ GroupName: 'admins' }));
    await root.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'tom' }));
    await root.send(
      new PutGroupPolicyCommand({
        GroupName: 'admins',
        PolicyName: 'all-but-iam',
        PolicyDocument: doc([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]),
      }),
    );
    const managed = await root.send(
      new CreatePolicyCommand({
        PolicyName: 'iam-read',
        PolicyDocument: doc([{ Effect: 'Allow', Action: ['IAM:List*', 'iam:Get*'], Resource: '*' }]),
      }),
    );
    await root.send(new AttachGroupPolicyCommand({ GroupName: 'admins', PolicyArn: managed.Policy!.Arn! }));
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'tom',
        PolicyName: 'deny-only',
        PolicyDocument: doc([{ Effect: 'Deny', Action: '*', Resource: '*' }]),
      }),
    );
    const res = await root.send(
      new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:iam::${acct}:user/tom`, ServiceNamespaces: ['s3', 'iam', 'ec2'] }),
    );
    expect(res.IsTruncated).toBe(false);
    const byNs = Object.fromEntries(res.PoliciesGrantingServiceAccess!.map((e) => [e.ServiceNamespace, e.Policies ?? []]));
    expect(byNs.s3).toEqual(
      expect.arrayContaining([
        { PolicyName: 'p', PolicyType: 'INLINE', EntityType: 'USER', EntityName: 'tom' },
        { PolicyName: 'all-but-iam', PolicyType: 'INLINE', EntityType: 'GROUP', EntityName: 'admins' },
      ]),
    );
    expect(byNs.s3).toHaveLength(2);
    expect(byNs.iam).toEqual([{ PolicyName: 'iam-read', PolicyType: 'MANAGED', PolicyArn: managed.Policy!.Arn! }]);
    expect(byNs.ec2).toEqual([{ PolicyName: 'all-but-iam', PolicyType: 'INLINE', EntityType: 'GROUP', EntityName: 'admins' }]);
  });

  it('a group counts only its own policies, a role its own', async () => {
    const { account, iam: root } = await rootClient();
    const acct = account.accountId;
    await userWith(root, 'tom', doc([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]));
    await root.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await root.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'tom' }));
    const group = await root.send(
      new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:iam::${acct}:group/devs`, ServiceNamespaces: ['s3'] }),
    );
    expect(group.PoliciesGrantingServiceAccess![0]!.ServiceNamespace).toBe('s3');
    expect(group.PoliciesGrantingServiceAccess![0]!.Policies ?? []).toEqual([]);
    await root.send(new CreateRoleCommand({ RoleName: 'worker', AssumeRolePolicyDocument: trustAccount(acct) }));
    await root.send(
      new PutRolePolicyCommand({
        RoleName: 'worker',
        PolicyName: 'q',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'sqs:Send*', Resource: '*' }]),
      }),
    );
    const role = await root.send(
      new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:iam::${acct}:role/worker`, ServiceNamespaces: ['sqs', 's3'] }),
    );
    expect(role.PoliciesGrantingServiceAccess![0]!.Policies).toEqual([
      { PolicyName: 'q', PolicyType: 'INLINE', EntityType: 'ROLE', EntityName: 'worker' },
    ]);
    expect(role.PoliciesGrantingServiceAccess![1]!.Policies ?? []).toEqual([]);
  });

  it('errors: an unknown entity is NoSuchEntity, an ARN of something else InvalidInput, 1-200 namespaces', async () => {
    const { account, iam: root } = await rootClient();
    const acct = account.accountId;
    await rejects(
      root.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:iam::${acct}:user/ghost`, ServiceNamespaces: ['s3'] })),
    ).toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name ghost cannot be found.',
    });
    await rejects(
      root.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:iam::${acct}:policy/p`, ServiceNamespaces: ['s3'] })),
    ).toMatchObject({
      name: 'InvalidInputException',
    });
    await userWith(root, 'tom');
    const tom = `arn:aws:iam::${acct}:user/tom`;
    await rejects(root.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: tom, ServiceNamespaces: [] }))).toMatchObject({
      name: 'ValidationError',
    });
    const many = Array.from({ length: 201 }, (_, i) => `svc${i}`);
    await rejects(root.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: tom, ServiceNamespaces: many }))).toMatchObject({
      name: 'ValidationError',
    });
    await rejects(root.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: tom, ServiceNamespaces: ['bad space'] }))).toMatchObject({
      name: 'ValidationError',
    });
  });
});
