// Issue 5's administration story with the real AWS CLI against `npm run dev`: a console password
// under an account password policy, a virtual MFA device enabled with real codes, GetSessionToken with
// MFA, role assumption, the account's reports and policy simulation.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportedCredentials, removeDir, startDevStack, type DevStack } from './dev-stack';

const AWS = '/usr/bin/aws';
const hasCli = spawnSync(AWS, ['--version']).status === 0;
const code = (seed: string, offset: number) =>
  TOTP.generate({ secret: Secret.fromBase32(seed), timestamp: Date.now() + offset * 30_000, algorithm: 'SHA1', digits: 6, period: 30 });

describe.skipIf(!hasCli && !process.env.CI)('passwords, MFA, STS and reports with the AWS CLI', () => {
  let stack: DevStack;
  let env: NodeJS.ProcessEnv;
  const tmp = mkdtempSync(join(tmpdir(), 'edge-iam-cli-'));

  beforeAll(async () => {
    stack = await startDevStack();
    const creds = exportedCredentials(stack.output());
    env = {
      PATH: process.env.PATH,
      HOME: tmp,
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
    removeDir(tmp);
  });

  const aws = (args: string[], extra: NodeJS.ProcessEnv = {}) => {
    const res = spawnSync(AWS, [...args, '--endpoint-url', stack.url, '--output', 'json'], { env: { ...env, ...extra }, encoding: 'utf8' });
    return { status: res.status, json: res.stdout.trim() ? JSON.parse(res.stdout) : undefined, stderr: res.stderr };
  };
  const ok = (args: string[], extra: NodeJS.ProcessEnv = {}) => {
    const res = aws(args, extra);
    if (res.status !== 0) throw new Error(`aws ${args.join(' ')} failed: ${res.stderr}`);
    return res.json;
  };

  it('sets a password policy and gives tom a console password that breaks it, then one that meets it', () => {
    ok([
      'iam',
      'update-account-password-policy',
      '--minimum-password-length',
      '12',
      '--require-numbers',
      '--require-symbols',
      '--allow-users-to-change-password',
    ]);
    expect(ok(['iam', 'get-account-password-policy']).PasswordPolicy).toMatchObject({
      MinimumPasswordLength: 12,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    ok(['iam', 'create-user', '--user-name', 'tom']);
    const weak = aws(['iam', 'create-login-profile', '--user-name', 'tom', '--password', 'short1!']);
    expect(weak.status).not.toBe(0);
    expect(weak.stderr).toContain('PasswordPolicyViolation');
    const profile = ok([
      'iam',
      'create-login-profile',
      '--user-name',
      'tom',
      '--password',
      'Temporary-Pass-2026!',
      '--password-reset-required',
    ]);
    expect(profile.LoginProfile).toMatchObject({ UserName: 'tom', PasswordResetRequired: true });
  });

  it('creates a virtual MFA device with --outfile and Base32StringSeed, enables it, and uses it for GetSessionToken', () => {
    const seedFile = join(tmp, 'tom.seed');
    const device = ok([
      'iam',
      'create-virtual-mfa-device',
      '--virtual-mfa-device-name',
      'tom',
      '--outfile',
      seedFile,
      '--bootstrap-method',
      'Base32StringSeed',
    ]);
    const serial = device.VirtualMFADevice.SerialNumber as string;
    expect(serial).toBe('arn:aws:iam::123456789012:mfa/tom');
    const seed = readFileSync(seedFile, 'utf8').trim();
    expect(seed).toMatch(/^[A-Z2-7]+=*$/);

    const pngFile = join(tmp, 'qr.png');
    ok(['iam', 'create-virtual-mfa-device', '--virtual-mfa-device-name', 'spare', '--outfile', pngFile, '--bootstrap-method', 'QRCodePNG']);
    expect([...readFileSync(pngFile).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    ok([
      'iam',
      'enable-mfa-device',
      '--user-name',
      'tom',
      '--serial-number',
      serial,
      '--authentication-code1',
      code(seed, -1),
      '--authentication-code2',
      code(seed, 0),
    ]);
    expect(ok(['iam', 'list-mfa-devices', '--user-name', 'tom']).MFADevices).toEqual([
      expect.objectContaining({ SerialNumber: serial, UserName: 'tom' }),
    ]);

    const key = ok(['iam', 'create-access-key', '--user-name', 'tom']).AccessKey;
    const asTom = { AWS_ACCESS_KEY_ID: key.AccessKeyId, AWS_SECRET_ACCESS_KEY: key.SecretAccessKey };
    const session = ok(['sts', 'get-session-token', '--serial-number', serial, '--token-code', code(seed, 1)], asTom).Credentials;
    expect(session.AccessKeyId).toMatch(/^ASIA/);
    const who = ok(['sts', 'get-caller-identity'], {
      AWS_ACCESS_KEY_ID: session.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: session.SecretAccessKey,
      AWS_SESSION_TOKEN: session.SessionToken,
    });
    expect(who.Arn).toBe('arn:aws:iam::123456789012:user/tom');
  });

  it('lets tom assume a role that trusts him, and not one that does not', () => {
    const trust = (arn: string) =>
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: arn }, Action: 'sts:AssumeRole' }] });
    ok(['iam', 'create-role', '--role-name', 'Auditor', '--assume-role-policy-document', trust('arn:aws:iam::123456789012:user/tom')]);
    ok([
      'iam',
      'create-role',
      '--role-name',
      'Admin',
      '--assume-role-policy-document',
      // Another account's user: a user ARN of this account must name an existing user (AWS binds it to its id).
      trust('arn:aws:iam::111122223333:user/someone-else'),
    ]);
    const key = ok(['iam', 'create-access-key', '--user-name', 'tom']).AccessKey;
    const asTom = { AWS_ACCESS_KEY_ID: key.AccessKeyId, AWS_SECRET_ACCESS_KEY: key.SecretAccessKey };
    const assumed = ok(
      ['sts', 'assume-role', '--role-arn', 'arn:aws:iam::123456789012:role/Auditor', '--role-session-name', 'audit'],
      asTom,
    );
    expect(assumed.AssumedRoleUser.Arn).toBe('arn:aws:sts::123456789012:assumed-role/Auditor/audit');
    const refused = aws(
      ['sts', 'assume-role', '--role-arn', 'arn:aws:iam::123456789012:role/Admin', '--role-session-name', 'denied'],
      asTom,
    );
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('AccessDenied');
  });

  it('reports on the account and simulates what tom may do', () => {
    const summary = ok(['iam', 'get-account-summary']).SummaryMap;
    expect(summary).toMatchObject({ Users: 1, AccountAccessKeysPresent: 1, UsersQuota: expect.any(Number) });
    ok(['iam', 'generate-credential-report']);
    const report = ok(['iam', 'get-credential-report']);
    const csv = Buffer.from(report.Content, 'base64').toString('utf8');
    expect(csv.split('\n')[0]).toMatch(
      /^user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,/,
    );
    expect(csv).toContain('<root_account>,arn:aws:iam::123456789012:root');
    expect(csv).toMatch(/\ntom,arn:aws:iam::123456789012:user\/tom,[^,]+,true,/);

    ok(['iam', 'create-group', '--group-name', 'BisDev']);
    ok(['iam', 'attach-group-policy', '--group-name', 'BisDev', '--policy-arn', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess']);
    ok(['iam', 'add-user-to-group', '--group-name', 'BisDev', '--user-name', 'tom']);
    const sim = ok([
      'iam',
      'simulate-principal-policy',
      '--policy-source-arn',
      'arn:aws:iam::123456789012:user/tom',
      '--action-names',
      's3:GetObject',
      's3:PutObject',
    ]);
    expect(sim.EvaluationResults.map((r: { EvalActionName: string; EvalDecision: string }) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ['s3:GetObject', 'allowed'],
      ['s3:PutObject', 'implicitDeny'],
    ]);
  });
});
