// /signin-settings: which app origins the hosted sign-in page may return tokens to, set by the root
// user or a principal allowed iam:UpdateSigninSettings, validated strictly, and used by sign-in.
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sign, type Creds } from '../policy/forwarded';
import { account, Browser, signinAsUser, user } from '../signin/fixtures';
import { rootClient } from './clients';

const URL_ = 'http://localhost:8787/signin-settings';

async function call(creds: Creds | null, method: 'GET' | 'PUT', body?: unknown) {
  const text = body === undefined ? '' : JSON.stringify(body);
  const base = { 'content-type': 'application/json' };
  const headers = creds ? await sign(creds, method, URL_, base, text, 'iam') : base;
  const res = await exports.default.fetch(new Request(URL_, { method, headers, ...(method === 'PUT' ? { body: text } : {}) }));
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

describe('sign-in settings', () => {
  it('the root user sets and reads the registered redirect URIs', async () => {
    const { creds } = await rootClient();
    expect((await call(creds, 'GET')).json.redirectUris).toEqual([]);
    const put = await call(creds, 'PUT', { redirectUris: ['https://app.example.com/auth/callback', 'http://localhost:5173/cb'] });
    expect(put.status).toBe(200);
    expect((await call(creds, 'GET')).json.redirectUris).toEqual(['https://app.example.com/auth/callback', 'http://localhost:5173/cb']);
  });

  it('open redirect by misconfiguration: plain http to public hosts, queries, fragments, trailing dots and non-URIs are refused', async () => {
    const { creds } = await rootClient();
    for (const bad of [
      'http://app.example.com/cb',
      'https://app.example.com/cb?next=/admin',
      'https://app.example.com/cb#x',
      'https://app.example.com./cb',
      'https://user@app.example.com/cb',
      'https://app.example.com',
      'javascript:alert(1)',
      '*',
    ]) {
      const res = await call(creds, 'PUT', { redirectUris: [bad] });
      expect(res.status, bad).toBe(400);
      expect(res.json.error.message).toMatch(/must be an exact redirect URI like/);
    }
    expect((await call(creds, 'GET')).json.redirectUris).toEqual([]);
  });

  it('an IAM user needs iam:UpdateSigninSettings; unsigned calls are refused', async () => {
    const { iam: root, account } = await rootClient();
    await root.send(new CreateUserCommand({ UserName: 'ops' }));
    const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: 'ops' }));
    const ops = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    const denied = await call(ops, 'PUT', { redirectUris: ['https://evil.example/cb'] });
    expect(denied.status).toBe(403);
    expect(denied.json.error.message).toContain('iam:UpdateSigninSettings');
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'ops',
        PolicyName: 'signin',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['iam:UpdateSigninSettings', 'iam:GetSigninSettings'],
              Resource: `arn:aws:iam::${account.accountId}:root`,
            },
          ],
        }),
      }),
    );
    expect((await call(ops, 'PUT', { redirectUris: ['https://app.example.com/cb'] })).status).toBe(200);
    expect((await call(null, 'GET')).status).toBe(403);
  });

  it('sign-in hands a token only to a redirect URI registered here, not to other paths of its site', async () => {
    const a = await account();
    const creds = { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey };
    const tom = await user(a.accountId, 'tom');
    const before = await signinAsUser(new Browser(), a.accountId, 'tom', tom.password, { redirect_uri: 'https://app.example.com/cb' });
    expect(await before.text()).not.toMatch(/url=https:\/\/app\.example\.com/);

    await call(creds, 'PUT', { redirectUris: ['https://app.example.com/cb'] });
    const after = await signinAsUser(new Browser(), a.accountId, 'tom', tom.password, { redirect_uri: 'https://app.example.com/cb' });
    expect(await after.text()).toMatch(/content="0;url=https:\/\/app\.example\.com\/cb#token=/);
    const elsewhere = await signinAsUser(new Browser(), a.accountId, 'tom', tom.password, {
      redirect_uri: 'https://app.example.com/other',
    });
    expect(await elsewhere.text()).not.toMatch(/url=https:\/\/app\.example\.com/);
  });
});
