// The credential report through the AWS SDK: Generate/Get as AWS answers them (STARTED then COMPLETE,
// ReportNotPresent before the first one, base64 CSV), AWS's columns in AWS's order, the root row, the
// placeholder words, and the four-hour regeneration rule.
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  ListUsersCommand,
  UpdateAccessKeyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { credentialReports, mfaDevices, users } from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { iam as clientFor, rootClient } from './clients';
import { allow, clientForUserWithPolicy } from './fixtures';

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;
const STRONG_PASSWORD = 'Correct-Horse-Battery-9-Staple';

/** A minimal RFC 4180 reader: enough for the report (quoted fields may hold commas). */
function parseCsv(text: string): string[][] {
  return text.split('\n').map((line) => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted && c === '"' && line[i + 1] === '"') ((cur += '"'), i++);
      else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) (out.push(cur), (cur = ''));
      else cur += c;
    }
    out.push(cur);
    return out;
  });
}

async function report(iam: Awaited<ReturnType<typeof rootClient>>['iam']) {
  const got = await iam.send(new GetCredentialReportCommand({}));
  const text = new TextDecoder().decode(got.Content);
  const [header, ...rows] = parseCsv(text);
  const byUser = Object.fromEntries(rows.map((r) => [r[0]!, Object.fromEntries(header!.map((h, i) => [h, r[i]!]))]));
  return { got, text, header: header!, rows, byUser };
}

describe('credential report', () => {
  it('ReportNotPresent before the first generation, then STARTED, then COMPLETE', async () => {
    const { iam } = await rootClient();
    await expect(iam.send(new GetCredentialReportCommand({}))).rejects.toMatchObject({
      name: 'CredentialReportNotPresentException',
      $metadata: { httpStatusCode: 410 },
    });
    expect(await iam.send(new GenerateCredentialReportCommand({}))).toMatchObject({
      State: 'STARTED',
      Description: 'No report exists. Starting a new report generation task',
    });
    expect(await iam.send(new GenerateCredentialReportCommand({}))).toMatchObject({ State: 'COMPLETE' });
    const { got, header } = await report(iam);
    expect(got.ReportFormat).toBe('text/csv');
    expect(got.GeneratedTime).toBeInstanceOf(Date);
    expect(header.join(',')).toBe(HEADER);
  });

  it('rows for the root user and for users with passwords, keys and MFA', async () => {
    const { iam, account } = await rootClient();
    const acct = account.accountId;
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 12, MaxPasswordAge: 90 }));
    await iam.send(new CreateUserCommand({ UserName: 'tom', Path: '/sales/' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'tom', Password: STRONG_PASSWORD, PasswordResetRequired: true }));
    const k1 = (await iam.send(new CreateAccessKeyCommand({ UserName: 'tom' }))).AccessKey!;
    const k2 = (await iam.send(new CreateAccessKeyCommand({ UserName: 'tom' }))).AccessKey!;
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'tom', AccessKeyId: k2.AccessKeyId!, Status: 'Inactive' }));
    await iam.send(new CreateUserCommand({ UserName: 'ann' }));
    // A name with a comma (IAM allows it) must not shift the columns.
    await iam.send(new CreateUserCommand({ UserName: 'doe,jane' }));
    // An enabled virtual MFA device for ann, written directly (the enrolment flow is tested elsewhere).
    const ann = await db()
      .select()
      .from(users)
      .where(and(eq(users.accountId, acct), eq(users.name, 'ann')))
      .get();
    await db()
      .insert(mfaDevices)
      .values({
        serialNumber: `arn:aws:iam::${acct}:mfa/ann`,
        accountId: acct,
        name: 'ann',
        seedCiphertext: 'x',
        userId: ann!.id,
        enabledAt: new Date(),
        createdAt: new Date(),
      });
    // tom's key is used once, so its last use is recorded (after that response).
    await clientForUserWithPolicy(iam, 'helper', allow('iam:ListUsers'));
    const tomIam = clientFor({ accessKeyId: k1.AccessKeyId!, secretAccessKey: k1.SecretAccessKey! });
    await expect(tomIam.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    await new Promise((r) => setTimeout(r, 50));

    await iam.send(new GenerateCredentialReportCommand({}));
    const { byUser, rows, text } = await report(iam);
    expect(rows.map((r) => r[0])).toEqual(['<root_account>', 'ann', 'doe,jane', 'helper', 'tom']);
    expect(text).toContain('"doe,jane"');
    for (const r of rows) expect(r).toHaveLength(22);

    const root = byUser['<root_account>']!;
    expect(root).toMatchObject({
      arn: `arn:aws:iam::${acct}:root`,
      password_enabled: 'not_supported',
      password_last_used: 'no_information',
      password_last_changed: 'not_supported',
      password_next_rotation: 'not_supported',
      mfa_active: 'false',
      access_key_1_active: 'true',
      access_key_1_last_used_region: 'us-east-1',
      access_key_1_last_used_service: 'iam',
      access_key_2_active: 'false',
      access_key_2_last_rotated: 'N/A',
      access_key_2_last_used_date: 'N/A',
      cert_1_active: 'false',
      cert_1_last_rotated: 'N/A',
      cert_2_active: 'false',
      cert_2_last_rotated: 'N/A',
    });
    expect(root.user_creation_time).toMatch(ISO);
    expect(root.access_key_1_last_rotated).toMatch(ISO);
    expect(root.access_key_1_last_used_date).toMatch(ISO);

    const tom = byUser.tom!;
    expect(tom).toMatchObject({
      arn: `arn:aws:iam::${acct}:user/sales/tom`,
      password_enabled: 'true',
      password_last_used: 'no_information',
      mfa_active: 'false',
      access_key_1_active: 'true',
      access_key_1_last_used_service: 'iam',
      access_key_1_last_used_region: 'us-east-1',
      access_key_2_active: 'false',
      access_key_2_last_used_date: 'N/A',
      access_key_2_last_used_region: 'N/A',
      access_key_2_last_used_service: 'N/A',
    });
    expect(tom.access_key_2_last_rotated).toMatch(ISO);
    expect(tom.password_last_changed).toMatch(ISO);
    // MaxPasswordAge 90: the next rotation is 90 days after the last change.
    const changed = Date.parse(tom.password_last_changed!.replace('+00:00', 'Z'));
    expect(Date.parse(tom.password_next_rotation!.replace('+00:00', 'Z')) - changed).toBe(90 * 86_400_000);

    expect(byUser.ann).toMatchObject({
      password_enabled: 'false',
      password_last_used: 'N/A',
      password_last_changed: 'N/A',
      password_next_rotation: 'N/A',
      mfa_active: 'true',
      access_key_1_active: 'false',
      access_key_1_last_rotated: 'N/A',
      access_key_1_last_used_date: 'N/A',
    });
  });

  it('keeps a report younger than four hours and regenerates an older one', async () => {
    const { iam, account } = await rootClient();
    await iam.send(new GenerateCredentialReportCommand({}));
    await iam.send(new CreateUserCommand({ UserName: 'late' }));
    expect(await iam.send(new GenerateCredentialReportCommand({}))).toMatchObject({ State: 'COMPLETE' });
    expect(Object.keys((await report(iam)).byUser)).toEqual(['<root_account>']);

    await db()
      .update(credentialReports)
      .set({ generatedAt: new Date(Date.now() - 4 * 3600_000 - 1000) })
      .where(eq(credentialReports.accountId, account.accountId));
    expect(await iam.send(new GenerateCredentialReportCommand({}))).toMatchObject({ State: 'STARTED' });
    const fresh = await report(iam);
    expect(Object.keys(fresh.byUser)).toEqual(['<root_account>', 'late']);
    expect(Date.now() - fresh.got.GeneratedTime!.getTime()).toBeLessThan(60_000);
  });

  it('each account sees only its own report, and reading it needs iam:GetCredentialReport', async () => {
    const a = await rootClient();
    const b = await rootClient();
    await a.iam.send(new CreateUserCommand({ UserName: 'only-in-a' }));
    await a.iam.send(new GenerateCredentialReportCommand({}));
    await expect(b.iam.send(new GetCredentialReportCommand({}))).rejects.toMatchObject({ name: 'CredentialReportNotPresentException' });
    const generator = await clientForUserWithPolicy(a.iam, 'gen', allow('iam:GenerateCredentialReport'));
    expect(await generator.send(new GenerateCredentialReportCommand({}))).toMatchObject({ State: 'COMPLETE' });
    await expect(generator.send(new GetCredentialReportCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('iam:GetCredentialReport on resource: *'),
    });
  });
});
