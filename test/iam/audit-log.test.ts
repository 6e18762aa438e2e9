// GET /audit-log: an account's own audit trail, newest first, filtered and paged, readable only by
// the root user or a principal allowed iam:GetAuditLog; another account's entries never show.
import { CreateAccessKeyCommand, CreateGroupCommand, CreateUserCommand, DeleteUserCommand } from '@aws-sdk/client-iam';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sign, type Creds } from '../policy/forwarded';
import { iam, rootClient } from './clients';

async function auditLog(creds: Creds, query = '') {
  const url = `http://localhost:8787/audit-log${query}`;
  const headers = await sign(creds, 'GET', url, {}, '', 'iam');
  const res = await exports.default.fetch(new Request(url, { headers }));
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

describe('GET /audit-log', () => {
  it('lists changes newest first with actor, target, request id and user agent', async () => {
    const { iam: root, creds, account } = await rootClient();
    await root.send(new CreateUserCommand({ UserName: 'tom' }));
    await root.send(new CreateGroupCommand({ GroupName: 'BisDev' }));
    await root.send(new DeleteUserCommand({ UserName: 'tom' }));
    const { status, json } = await auditLog(creds);
    expect(status).toBe(200);
    expect(json.entries.map((e: { action: string }) => e.action)).toEqual(['iam:DeleteUser', 'iam:CreateGroup', 'iam:CreateUser']);
    expect(json.entries[2]).toMatchObject({
      outcome: 'Success',
      actor: `arn:aws:iam::${account.accountId}:root`,
      target: `arn:aws:iam::${account.accountId}:user/tom`,
      requestId: expect.stringMatching(/[0-9a-f-]{36}/),
      userAgent: expect.stringContaining('aws-sdk-js'),
    });
  });

  it('filters by action, outcome and actor, and pages with a marker', async () => {
    const { iam: root, creds, account } = await rootClient();
    for (const n of ['a', 'b', 'c']) await root.send(new CreateUserCommand({ UserName: n }));
    await expect(root.send(new CreateUserCommand({ UserName: 'A' }))).rejects.toMatchObject({ name: 'EntityAlreadyExistsException' });
    await new Promise((r) => setTimeout(r, 50)); // failures are recorded after the response
    const failures = await auditLog(creds, '?outcome=Failure');
    expect(failures.json.entries).toEqual([expect.objectContaining({ action: 'iam:CreateUser', errorCode: 'EntityAlreadyExists' })]);

    const first = await auditLog(creds, '?action=iam:CreateUser&outcome=Success&maxItems=2');
    expect(first.json.entries.map((e: { target: string }) => e.target.split('/').pop())).toEqual(['c', 'b']);
    expect(first.json.isTruncated).toBe(true);
    const second = await auditLog(creds, `?action=iam:CreateUser&outcome=Success&maxItems=2&marker=${first.json.marker}`);
    expect(second.json.entries.map((e: { target: string }) => e.target.split('/').pop())).toEqual(['a']);
    expect(second.json.isTruncated).toBe(false);
    expect((await auditLog(creds, `?actor=arn:aws:iam::${account.accountId}:user/nobody`)).json.entries).toEqual([]);
  });

  it('an action filter with `*` matches a run of characters, and nothing else is a wildcard', async () => {
    const { iam: root, creds } = await rootClient();
    await root.send(new CreateUserCommand({ UserName: 'tom' }));
    await root.send(new CreateGroupCommand({ GroupName: 'BisDev' }));
    await root.send(new DeleteUserCommand({ UserName: 'tom' }));
    const actions = async (q: string) => (await auditLog(creds, q)).json.entries.map((e: { action: string }) => e.action);
    expect(await actions('?action=iam:create*')).toEqual(['iam:CreateGroup', 'iam:CreateUser']);
    expect(await actions('?action=iam:*User')).toEqual(['iam:DeleteUser', 'iam:CreateUser']);
    // SQL's own wildcards are plain characters here.
    expect(await actions('?action=iam:Create_ser')).toEqual([]);
    expect(await actions('?action=iam:Create_*')).toEqual([]);
  });

  it('an IAM user without iam:GetAuditLog is denied, and the denial itself is in the log', async () => {
    const { iam: root, creds, account } = await rootClient();
    await root.send(new CreateUserCommand({ UserName: 'snoop' }));
    const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: 'snoop' }));
    const snoop = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    const denied = await auditLog(snoop);
    expect(denied.status).toBe(403);
    expect(denied.json.error.message).toContain('iam:GetAuditLog');
    await expect(iam(snoop).send(new CreateUserCommand({ UserName: 'x' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await new Promise((r) => setTimeout(r, 50));
    const log = await auditLog(creds, '?outcome=AccessDenied');
    expect(log.json.entries.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['iam:CreateUser', `arn:aws:iam::${account.accountId}:user/snoop`],
      ['iam:GetAuditLog', `arn:aws:iam::${account.accountId}:user/snoop`],
    ]);
  });

  it("one account never sees another's entries; bad queries are 400", async () => {
    const a = await rootClient();
    const b = await rootClient();
    await b.iam.send(new CreateUserCommand({ UserName: 'secret-project' }));
    expect(JSON.stringify((await auditLog(a.creds)).json)).not.toContain('secret-project');
    expect((await auditLog(a.creds, '?since=yesterday')).status).toBe(400);
    expect((await auditLog(a.creds, '?maxItems=0')).status).toBe(400);
    expect((await auditLog(a.creds, '?unknown=1')).status).toBe(400);
    expect((await auditLog(a.creds, '?marker=bm9wZQ')).json.error.code).toBe('InvalidInput');
  });
});
