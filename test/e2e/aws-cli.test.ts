// The administrator's tools: the real AWS CLI (Debian's awscli) against `npm run dev` with the root
// keys it prints, following the IAM flow a new administrator follows.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportedCredentials, removeDir, startDevStack, type DevStack } from './dev-stack';

const AWS = '/usr/bin/aws';
const hasCli = spawnSync(AWS, ['--version']).status === 0;

describe.skipIf(!hasCli && !process.env.CI)('the AWS CLI against npm run dev', () => {
  let stack: DevStack;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    stack = await startDevStack();
    const creds = exportedCredentials(stack.output());
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ACCESS_KEY_ID: creds.accessKeyId,
      AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
  });
  afterAll(async () => {
    await stack?.stop();
    if (stack) removeDir(stack.persistDir);
  });

  const aws = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => {
    const res = spawnSync(AWS, [...args, '--endpoint-url', stack.url, '--output', 'json'], {
      env: { ...env, ...extraEnv },
      encoding: 'utf8',
    });
    return { status: res.status, json: res.stdout ? JSON.parse(res.stdout) : undefined, stderr: res.stderr };
  };

  it('runs the new administrator flow: user tom, group BisDev with S3 read-only, tom in it, tom keys', () => {
    expect(aws(['iam', 'create-user', '--user-name', 'tom']).json.User.UserName).toBe('tom');
    expect(aws(['iam', 'create-group', '--group-name', 'BisDev']).json.Group.GroupName).toBe('BisDev');
    expect(
      aws(['iam', 'attach-group-policy', '--group-name', 'BisDev', '--policy-arn', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'])
        .status,
    ).toBe(0);
    expect(aws(['iam', 'add-user-to-group', '--group-name', 'BisDev', '--user-name', 'tom']).status).toBe(0);
    const group = aws(['iam', 'get-group', '--group-name', 'BisDev']).json;
    expect(group.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['tom']);
    const attached = aws(['iam', 'list-attached-group-policies', '--group-name', 'BisDev']).json;
    expect(attached.AttachedPolicies).toEqual([
      { PolicyName: 'AmazonS3ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' },
    ]);
    const key = aws(['iam', 'create-access-key', '--user-name', 'tom']).json.AccessKey;
    expect(key.AccessKeyId).toMatch(/^AKIA/);

    const asTom = { AWS_ACCESS_KEY_ID: key.AccessKeyId, AWS_SECRET_ACCESS_KEY: key.SecretAccessKey };
    const who = aws(['sts', 'get-caller-identity'], asTom).json;
    expect(who.Arn).toBe('arn:aws:iam::123456789012:user/tom');
    const denied = aws(['iam', 'create-user', '--user-name', 'mallory'], asTom);
    expect(denied.status).not.toBe(0);
    expect(denied.stderr).toContain('AccessDenied');
    expect(denied.stderr).toContain('is not authorized to perform: iam:CreateUser');
  });

  it('lists with the CLI paginating through Marker', () => {
    for (const n of ['u1', 'u2', 'u3']) aws(['iam', 'create-user', '--user-name', n]);
    const all = aws(['iam', 'list-users', '--page-size', '1']).json;
    expect(all.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['tom', 'u1', 'u2', 'u3']);
  });

  it('update-role succeeds (botocore needs an <UpdateRoleResult/> even though it is empty)', () => {
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }],
    });
    expect(aws(['iam', 'create-role', '--role-name', 'app', '--assume-role-policy-document', trust]).status).toBe(0);
    const updated = aws(['iam', 'update-role', '--role-name', 'app', '--description', 'changed', '--max-session-duration', '7200']);
    expect(updated.stderr).toBe('');
    expect(updated.status).toBe(0);
    expect(aws(['iam', 'get-role', '--role-name', 'app']).json.Role).toMatchObject({ Description: 'changed', MaxSessionDuration: 7200 });
  });

  it('reports errors the way the CLI expects (NoSuchEntity, exit code 254)', () => {
    const res = aws(['iam', 'get-user', '--user-name', 'nobody']);
    expect(res.status).toBe(254);
    expect(res.stderr).toContain('(NoSuchEntity) when calling the GetUser operation: The user with name nobody cannot be found.');
  });
});
