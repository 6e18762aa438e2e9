// /validate-policy: a policy's errors and warnings with their paths, including condition keys this
// service never sets for the IAM/STS actions a statement names (accepted on save, as AWS does, but a
// condition on an always-absent key silently never matches: a misspelt Deny denies nothing), and actions,
// services and wildcards the AWS Service Authorization Reference does not have (a misspelt action in an
// Allow grants nothing; in a Deny it denies nothing).
import { CreatePolicyCommand } from '@aws-sdk/client-iam';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sign, type Creds } from '../policy/forwarded';
import { rootClient } from './clients';

const URL_ = 'http://localhost:8787/validate-policy';

async function validate(creds: Creds | null, body: unknown) {
  const text = JSON.stringify(body);
  const base = { 'content-type': 'application/json' };
  const headers = creds ? await sign(creds, 'POST', URL_, base, text, 'iam') : base;
  const res = await exports.default.fetch(new Request(URL_, { method: 'POST', headers, body: text }));
  return {
    status: res.status,
    json: (await res.json()) as { valid: boolean; findings: { findingType: string; issueCode: string; path: string; message: string }[] },
  };
}

const doc = (statement: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

describe('policy validation warnings', () => {
  it('silent never-matching condition: a key IAM never sets for the statement’s actions is a warning, not an error', async () => {
    const { creds, iam } = await rootClient();
    const misspelt = doc({
      Effect: 'Deny',
      Action: 'iam:CreateAccessKey',
      Resource: '*',
      Condition: { StringEquals: { 'iam:ResoureTag/Protected': 'true', 'aws:ResourceTag/Protected': 'true' } },
    });
    const res = await validate(creds, { policyDocument: misspelt });
    expect(res.status).toBe(200);
    expect(res.json.valid).toBe(true);
    expect(res.json.findings).toEqual([
      expect.objectContaining({
        findingType: 'WARNING',
        issueCode: 'condition-key-never-set',
        path: 'Statement[0].Condition.StringEquals.iam:ResoureTag/Protected',
      }),
    ]);
    expect(res.json.findings[0]!.message).toContain('`iam:CreateAccessKey`');
    // AWS accepts the document, and so does the service.
    await iam.send(new CreatePolicyCommand({ PolicyName: 'Misspelt', PolicyDocument: misspelt }));
  });

  it('keys of other services are not judged (apps set them at /authorize), nor global keys IAM sets', async () => {
    const { creds } = await rootClient();
    const res = await validate(creds, {
      policyDocument: doc({
        Effect: 'Allow',
        Action: ['s3:GetObject', 'iam:GetUser'],
        Resource: '*',
        Condition: { StringEquals: { 's3:prefix': 'home/', 'aws:username': 'tom' } },
      }),
    });
    expect(res.json.findings).toEqual([]);
    const ours = await validate(creds, {
      policyDocument: doc({
        Effect: 'Allow',
        Action: 'iam:*User*',
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:PrincipalTag/team': 'a', 'iam:PermissionsBoundary': 'x' },
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        },
      }),
    });
    expect(ours.json.findings).toEqual([]);
  });

  it('misspelt action grants nothing: unknown actions, services and empty wildcards are warnings at their paths', async () => {
    const { creds, iam } = await rootClient();
    const typo = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:getobject', 's3:GetObjet'], Resource: 'arn:aws:s3:::reports/*' },
        { Effect: 'Deny', Action: 's4:DeleteBucket', Resource: '*' },
        { Effect: 'Allow', Action: ['ec2:Describe*', 'ec2:Descibe*'], Resource: '*' },
      ],
    });
    const res = await validate(creds, { policyDocument: typo });
    expect(res.json.valid).toBe(true);
    expect(res.json.findings).toEqual([
      {
        findingType: 'WARNING',
        issueCode: 'unknown-action',
        path: 'Statement[0].Action[1]',
        message: 'Action `s3:GetObjet` does not exist: did you mean `s3:GetObject`?',
      },
      {
        findingType: 'WARNING',
        issueCode: 'unknown-service',
        path: 'Statement[1].Action',
        message:
          'Service `s4` in Action `s4:DeleteBucket` is not in the AWS Service Authorization Reference: did you mean `s3:DeleteBucket`?',
      },
      {
        findingType: 'WARNING',
        issueCode: 'action-matches-nothing',
        path: 'Statement[2].Action[1]',
        message: 'Action `ec2:Descibe*` matches no action of `ec2`, so it allows and denies nothing',
      },
    ]);
    // IAM saves such a policy, and so does the service: these are warnings.
    await iam.send(new CreatePolicyCommand({ PolicyName: 'Typo', PolicyDocument: typo }));
    // An invalid document still gets them beside its errors.
    const broken = await validate(creds, { policyDocument: doc({ Effect: 'Maybe', Action: 'iam:CreatUser', Resource: '*' }) });
    expect(broken.json.valid).toBe(false);
    expect(broken.json.findings).toContainEqual(
      expect.objectContaining({
        issueCode: 'unknown-action',
        message: 'Action `iam:CreatUser` does not exist: did you mean `iam:CreateUser`?',
      }),
    );
  });

  it('reports errors with their paths and refuses anonymous callers', async () => {
    const { creds } = await rootClient();
    const bad = await validate(creds, {
      policyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"*","Resource":"*"}]}',
    });
    expect(bad.json.valid).toBe(false);
    expect(bad.json.findings.some((f) => f.findingType === 'ERROR' && f.path.startsWith('Statement[0]'))).toBe(true);
    expect((await validate(null, { policyDocument: '{}' })).status).toBe(403);
    expect((await validate(creds, { policyDocument: '{}', policyType: 'NOPE' })).status).toBe(400);
  });
});
