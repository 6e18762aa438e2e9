// Validation as AWS does it, no more and no less. Scripts and infrastructure-as-code tools written against
// AWS expect the documents AWS refuses to be refused here (with AWS's words, which they match on), and the
// documents AWS accepts to be accepted: a stricter emulator breaks deployments that work against AWS.
import {
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  GetUserPolicyCommand,
  ListPoliciesCommand,
  ListUserTagsCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sign, type Creds } from '../policy/forwarded';
import { trustAccount } from './action-params';
import { rootClient } from './clients';

const statement = (extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::b/*',
  ...extra,
});
const doc = (s: Record<string, unknown>, version: string | null = '2012-10-17') =>
  JSON.stringify({ ...(version && { Version: version }), Statement: [s] });
const malformed = (message: string) => ({ name: 'MalformedPolicyDocumentException', message, $metadata: { httpStatusCode: 400 } });
const PATH_MESSAGE =
  'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.';

describe('documents AWS refuses are refused, in AWS words', () => {
  it('Resource must be `*` or an ARN, in inline and managed policies alike', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'tom' }));
    const cases: [string, string][] = [
      ['invalid resource', 'Resource invalid resource must be in ARN format or "*".'],
      ['arn:aws', 'Resource vendor must be fully qualified and cannot contain regexes.'],
      ['arn:aws:*:*:*:thing', 'Resource vendor must be fully qualified and cannot contain regexes.'],
      ['arn:aws-cn:s3:::bucket', 'Partition "aws-cn" is not valid for resource "arn:aws-cn:s3:::bucket".'],
      [
        'arn:aws:iam:us-east-1:123456789012:user/tom',
        'IAM resource arn:aws:iam:us-east-1:123456789012:user/tom cannot contain region information.',
      ],
    ];
    for (const [resource, message] of cases) {
      const document = doc(statement({ Resource: resource }));
      await expect(
        iam.send(new PutUserPolicyCommand({ UserName: 'tom', PolicyName: 'p', PolicyDocument: document })),
      ).rejects.toMatchObject(malformed(message));
      await expect(iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: document }))).rejects.toMatchObject(
        malformed(message),
      );
    }
    const notResource = doc({ Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::ok', 'nope'] });
    await expect(
      iam.send(new PutUserPolicyCommand({ UserName: 'tom', PolicyName: 'p', PolicyDocument: notResource })),
    ).rejects.toMatchObject(malformed('Resource nope must be in ARN format or "*".'));
    expect((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies).toEqual([]);
  });

  it('managed policies need Version 2012-10-17; inline policies do not', async () => {
    const { account, iam } = await rootClient();
    for (const version of [null, '2008-10-17']) {
      await expect(
        iam.send(new CreatePolicyCommand({ PolicyName: 'old', PolicyDocument: doc(statement(), version) })),
      ).rejects.toMatchObject(malformed('Policy document must be version 2012-10-17 or greater.'));
    }
    await iam.send(new CreatePolicyCommand({ PolicyName: 'new', PolicyDocument: doc(statement()) }));
    await expect(
      iam.send(
        new CreatePolicyVersionCommand({
          PolicyArn: `arn:aws:iam::${account.accountId}:policy/new`,
          PolicyDocument: doc(statement(), null),
        }),
      ),
    ).rejects.toMatchObject(malformed('Policy document must be version 2012-10-17 or greater.'));
    await iam.send(new CreateUserCommand({ UserName: 'tom' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'tom', PolicyName: 'legacy', PolicyDocument: doc(statement(), null) }));
  });

  it('trust policies allow only the sts:AssumeRole family, TagSession and SetSourceIdentity', async () => {
    const { account, iam } = await rootClient();
    const trust = (action: string | string[]) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account.accountId}:root` }, Action: action }],
      });
    const refused = 'Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity';
    await expect(iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust('s3:GetObject') }))).rejects.toMatchObject(
      malformed(refused),
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'r',
        AssumeRolePolicyDocument: trust(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']),
      }),
    );
    await expect(
      iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: trust(['sts:AssumeRole', 'sts:GetCallerIdentity']) })),
    ).rejects.toMatchObject(malformed(refused));
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: trust('sts:AssumeRole*') }));
  });

  it('Untag* checks its tag keys: at most 50, 1 to 128 characters of the tag alphabet', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'tom', Tags: [{ Key: 'team', Value: 'ops' }] }));
    const keys = Array.from({ length: 51 }, (_, i) => `k${i}`);
    await expect(iam.send(new UntagUserCommand({ UserName: 'tom', TagKeys: keys }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(
        /^1 validation error detected: Value .* at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50$/,
      ),
    });
    await expect(iam.send(new UntagUserCommand({ UserName: 'tom', TagKeys: ['team', 'bad!key'] }))).rejects.toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value 'bad!key' at 'tagKeys.2.member' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
    });
    await expect(iam.send(new UntagUserCommand({ UserName: 'tom', TagKeys: ['k'.repeat(129)] }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining(
        "at 'tagKeys.1.member' failed to satisfy constraint: Member must have length less than or equal to 128",
      ),
    });
    await expect(iam.send(new TagUserCommand({ UserName: 'tom', Tags: [{ Key: 'team', Value: 'R&D (core)' }] }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining(
        "at 'tags.1.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern",
      ),
    });
    // Nothing changed, and 50 valid keys are fine.
    expect((await iam.send(new ListUserTagsCommand({ UserName: 'tom' }))).Tags).toEqual([{ Key: 'team', Value: 'ops' }]);
    await iam.send(new UntagUserCommand({ UserName: 'tom', TagKeys: keys.slice(0, 50) }));
  });

  it('MFA device paths follow the IAM path rule', async () => {
    const { iam } = await rootClient();
    for (const bad of ['test', '/test', '/test//test/']) {
      await expect(iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'phone', Path: bad }))).rejects.toMatchObject({
        name: 'ValidationError',
        message: PATH_MESSAGE,
      });
    }
    const { VirtualMFADevice } = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'phone', Path: '/team/a/' }));
    expect(VirtualMFADevice?.SerialNumber).toMatch(/:mfa\/team\/a\/phone$/);
  });
});

const URL_ = 'http://localhost:8787/validate-policy';

async function validate(creds: Creds, policyDocument: string) {
  const text = JSON.stringify({ policyDocument });
  const headers = await sign(creds, 'POST', URL_, { 'content-type': 'application/json' }, text, 'iam');
  const res = await exports.default.fetch(new Request(URL_, { method: 'POST', headers, body: text }));
  return (await res.json()) as { valid: boolean; findings: { findingType: string; issueCode: string }[] };
}

describe('documents AWS accepts are accepted, with a warning where they are probably a mistake', () => {
  const accepted: [string, Record<string, unknown>, string | undefined][] = [
    ['an unknown operator with no keys', statement({ Condition: { a: {} } }), 'empty-unknown-operator'],
    ['a Date condition with no values', statement({ Condition: { DateGreaterThan: { 'aws:CurrentTime': [] } } }), 'empty-values'],
    ['whitespace inside an action name', statement({ Action: 's3:Get Object' }), 'action-whitespace'],
    [
      'an ISO date with a lowercase t',
      statement({ Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01t00:00:00z' } } }),
      undefined,
    ],
  ];

  it.each(accepted)('%s: stored inline and as a managed policy, and reported by /validate-policy', async (_name, s, warning) => {
    const { creds, iam } = await rootClient();
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustAccount('123456789012') }));
    const document = doc(s);
    await iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'p', PolicyDocument: document }));
    await iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: document }));
    const report = await validate(creds, document);
    expect(report.valid).toBe(true);
    if (warning) expect(report.findings).toContainEqual(expect.objectContaining({ findingType: 'WARNING', issueCode: warning }));
  });

  it('/validate-policy reports IAM’s resource rule as an error', async () => {
    const { creds, iam } = await rootClient();
    const report = await validate(creds, doc(statement({ Resource: 'invalid resource' })));
    expect(report.valid).toBe(false);
    expect(report.findings).toContainEqual(expect.objectContaining({ findingType: 'ERROR', issueCode: 'invalid-resource-arn' }));
    await iam.send(new CreateUserCommand({ UserName: 'tom' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'tom', PolicyName: 'ok', PolicyDocument: doc(statement({ Resource: '*' })) }));
    expect((await iam.send(new GetUserPolicyCommand({ UserName: 'tom', PolicyName: 'ok' }))).PolicyName).toBe('ok');
  });
});
