// The IAM API called with the person's own sign-in token for the IAM API (`POST /api/signin` with
// `"audience": "iam"`) instead of SigV4: the same self-authorization applies, and nothing unverified
// gets in.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { account, apiSignin, ORIGIN, user } from '../signin/fixtures';

const READ_IAM = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['iam:List*', 'iam:Get*'], Resource: '*' }],
});

async function query(token: string, body: string) {
  const res = await exports.default.fetch(`${ORIGIN}/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: res.status, xml: await res.text() };
}

describe('the IAM API with a sign-in token', () => {
  it('a signed-in user may do what their policies allow, and nothing more', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom', { policies: { read: READ_IAM } });
    const { body } = await apiSignin({ account: a.accountId, username: 'tom', password: tom.password, audience: 'iam' });
    const list = await query(body.token, 'Action=ListUsers&Version=2010-05-08');
    expect(list.status).toBe(200);
    expect(list.xml).toContain('<UserName>tom</UserName>');
    const create = await query(body.token, 'Action=CreateUser&Version=2010-05-08&UserName=mallory');
    expect(create.status).toBe(403);
    expect(create.xml).toContain(`User: arn:aws:iam::${a.accountId}:user/tom is not authorized to perform: iam:CreateUser`);
    const who = await query(body.token, 'Action=GetCallerIdentity&Version=2011-06-15');
    expect(who.xml).toContain(`<Arn>arn:aws:iam::${a.accountId}:user/tom</Arn>`);
  });

  it('token forgery: a token with a changed payload is 401 and changes nothing', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom', { policies: { read: READ_IAM } });
    const { body } = await apiSignin({ account: a.accountId, username: 'tom', password: tom.password, audience: 'iam' });
    const [h, , sig] = (body.token as string).split('.');
    const payload = btoa(JSON.stringify({ sub: `arn:aws:iam::${a.accountId}:root`, account: a.accountId })).replace(/=+$/, '');
    const res = await query(`${h}.${payload}.${sig}`, 'Action=CreateUser&Version=2010-05-08&UserName=mallory');
    expect(res.status).toBe(401);
    expect(res.xml).toContain('<Code>Unauthenticated</Code>');
    const check = await query(body.token, 'Action=ListUsers&Version=2010-05-08');
    expect(check.xml).not.toContain('mallory');
  });

  it('the JSON routes accept a sign-in token as the Query API does, under the same policies', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom', { policies: { read: READ_IAM } });
    const eve = await user(a.accountId, 'eve');
    const tomToken = (await apiSignin({ account: a.accountId, username: 'tom', password: tom.password, audience: 'iam' })).body
      .token as string;
    const eveToken = (await apiSignin({ account: a.accountId, username: 'eve', password: eve.password, audience: 'iam' })).body
      .token as string;
    const get = (token: string, path: string) =>
      exports.default.fetch(`${ORIGIN}${path}`, { headers: { authorization: `Bearer ${token}` } });

    const status = await get(tomToken, '/security-status');
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ accountId: a.accountId });
    const denied = await get(eveToken, '/security-status');
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { message: string } }).error.message).toContain(
      `User: arn:aws:iam::${a.accountId}:user/eve is not authorized to perform: iam:GetAccountSummary`,
    );
    const forged = await get(`${tomToken.slice(0, -4)}AAAA`, '/audit-log');
    expect(forged.status).toBe(401);
  });
});
