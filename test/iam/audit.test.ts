// The audit log records every change and every denied attempt: who, what, on what, when, from where.
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteUserCommand,
  GetAccountAuthorizationDetailsCommand,
  TagUserCommand,
} from '@aws-sdk/client-iam';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as s from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { iam, rootClient } from './clients';

describe('audit log', () => {
  it('records changes with actor, target and request id; a failed change is recorded as a failure', async () => {
    const root = await rootClient();
    const acct = root.account.accountId;
    await root.iam.send(new CreateUserCommand({ UserName: 'audited' }));
    await expect(root.iam.send(new CreateUserCommand({ UserName: 'AUDITED' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
    });
    await root.iam.send(new TagUserCommand({ UserName: 'audited', Tags: [{ Key: 'a', Value: 'b' }] }));
    await root.iam.send(new DeleteUserCommand({ UserName: 'audited' }));
    await new Promise((r) => setTimeout(r, 50)); // failures are written after the response
    const rows = await db().select().from(s.auditLog).where(eq(s.auditLog.accountId, acct)).orderBy(s.auditLog.id);
    expect(rows.map((r) => [r.action, r.outcome, r.target])).toEqual([
      ['iam:CreateUser', 'Success', `arn:aws:iam::${acct}:user/audited`],
      ['iam:CreateUser', 'Failure', null],
      ['iam:TagUser', 'Success', `arn:aws:iam::${acct}:user/audited`],
      ['iam:DeleteUser', 'Success', `arn:aws:iam::${acct}:user/audited`],
    ]);
    expect(rows[1]!.errorCode).toBe('EntityAlreadyExists');
    for (const r of rows) {
      expect(r.actorArn).toBe(`arn:aws:iam::${acct}:root`);
      expect(r.requestId).toMatch(/[0-9a-f-]{36}/);
      expect(r.userAgent).toContain('aws-sdk-js');
    }
  });

  it('records denied attempts with the caller who was denied', async () => {
    const root = await rootClient();
    const acct = root.account.accountId;
    await root.iam.send(new CreateUserCommand({ UserName: 'intruder' }));
    const { AccessKey } = await root.iam.send(new CreateAccessKeyCommand({ UserName: 'intruder' }));
    const intruder = iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    await expect(intruder.send(new CreateUserCommand({ UserName: 'backdoor' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await new Promise((r) => setTimeout(r, 50));
    const denied = await db()
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.accountId, acct), eq(s.auditLog.outcome, 'AccessDenied')));
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({
      action: 'iam:CreateUser',
      actorArn: `arn:aws:iam::${acct}:user/intruder`,
      target: `arn:aws:iam::${acct}:user/backdoor`,
      errorCode: 'AccessDenied',
    });
  });
});

describe('GetAccountAuthorizationDetails', () => {
  it('reports users with their tags, and pages across the whole picture', async () => {
    const root = await rootClient();
    await root.iam.send(new CreateUserCommand({ UserName: 'a', Tags: [{ Key: 'team', Value: 'x' }] }));
    await root.iam.send(new CreateUserCommand({ UserName: 'b' }));
    const all = await root.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User'] }));
    expect(all.UserDetailList!.map((u) => u.UserName)).toEqual(['a', 'b']);
    expect(all.UserDetailList![0]!.Tags).toEqual([{ Key: 'team', Value: 'x' }]);
    const first = await root.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User'], MaxItems: 1 }));
    expect(first.IsTruncated).toBe(true);
    const second = await root.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User'], MaxItems: 1, Marker: first.Marker }));
    expect(second.UserDetailList!.map((u) => u.UserName)).toEqual(['b']);
    expect(second.IsTruncated).toBe(false);
  });
});
