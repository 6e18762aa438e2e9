// Sign-in tokens as the principal of /authorize: the token's claims become aws:username, aws:userid,
// aws:MultiFactorAuthPresent/Age and aws:TokenIssueTime; nothing in it is taken without verification.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { account, apiSignin, codeNow, mfa, ORIGIN, user } from '../signin/fixtures';
import { authorizeCall } from './client';

const MFA_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'ReadOwnHome', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' },
    {
      Sid: 'DeleteWithMfa',
      Effect: 'Allow',
      Action: 's3:DeleteObject',
      Resource: '*',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
    },
  ],
});

describe('POST /authorize with a sign-in token', () => {
  it('uses the verified username for policy variables; MFA claims gate MFA-only actions', async () => {
    const { accountId } = await account();
    const tom = await user(accountId, 'tom', { policies: { home: MFA_ONLY } });
    const plain = await apiSignin({ account: accountId, username: 'tom', password: tom.password });
    expect(plain.status).toBe(200);
    const token = plain.body.token as string;

    const own = await authorizeCall(
      { action: 's3:GetObject', resource: 'arn:aws:s3:::home/tom/notes.txt' },
      { bearer: token, origin: ORIGIN },
    );
    expect(own.json).toMatchObject({
      decision: 'Allow',
      principal: { arn: tom.arn, via: 'token' },
      matchedStatements: [{ sid: 'ReadOwnHome' }],
    });
    const other = await authorizeCall(
      { action: 's3:GetObject', resource: 'arn:aws:s3:::home/alice/notes.txt' },
      { bearer: token, origin: ORIGIN },
    );
    expect(other.json.decision).toBe('Deny');
    const noMfa = await authorizeCall(
      { action: 's3:DeleteObject', resource: 'arn:aws:s3:::home/tom/x' },
      { bearer: token, origin: ORIGIN },
    );
    expect(noMfa.json).toMatchObject({ decision: 'Deny', reason: 'ImplicitDeny' });

    const device = await mfa(accountId, tom.id, 'tom');
    const withMfa = await apiSignin({ account: accountId, username: 'tom', password: tom.password, mfaCode: codeNow(device.secret) });
    expect(withMfa.status).toBe(200);
    const mfaDelete = await authorizeCall(
      { action: 's3:DeleteObject', resource: 'arn:aws:s3:::home/tom/x' },
      { bearer: withMfa.body.token, origin: ORIGIN },
    );
    expect(mfaDelete.json).toMatchObject({ decision: 'Allow', matchedStatements: [{ sid: 'DeleteWithMfa' }] });
  });

  it('a deleted user: the still-unexpired token is refused (401) once the user is gone', async () => {
    const { accountId } = await account();
    const tom = await user(accountId, 'tom', { policies: { home: MFA_ONLY } });
    const { body } = await apiSignin({ account: accountId, username: 'tom', password: tom.password });
    const ask = () =>
      authorizeCall({ action: 's3:GetObject', resource: 'arn:aws:s3:::home/tom/a', fresh: true }, { bearer: body.token, origin: ORIGIN });
    expect((await ask()).json.decision).toBe('Allow');
    await db().delete(users).where(eq(users.id, tom.id));
    const res = await ask();
    expect(res.status).toBe(401);
    expect(res.json.decision).toBeUndefined();
    expect(res.json.error.message).toMatch(/sign-in session has ended/);
  });

  it('token tampering: a modified payload fails verification (401), never Allow', async () => {
    const { accountId } = await account();
    const tom = await user(accountId, 'tom', { policies: { home: MFA_ONLY } });
    const { body } = await apiSignin({ account: accountId, username: 'tom', password: tom.password });
    const [h, p, sig] = (body.token as string).split('.');
    const claims = JSON.parse(atob(p!.replace(/-/g, '+').replace(/_/g, '/')));
    const forged = btoa(JSON.stringify({ ...claims, amr: ['pwd', 'mfa'] }))
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
    const res = await authorizeCall({ action: 's3:DeleteObject', resource: '*' }, { bearer: `${h}.${forged}.${sig}`, origin: ORIGIN });
    expect(res.status).toBe(401);
    expect(res.json.decision).toBeUndefined();
  });

  it('wrong issuer: a token presented at another origin than its issuer is refused', async () => {
    const { accountId } = await account();
    const tom = await user(accountId, 'tom', { policies: { home: MFA_ONLY } });
    const { body } = await apiSignin({ account: accountId, username: 'tom', password: tom.password });
    const res = await authorizeCall(
      { action: 's3:GetObject', resource: '*' },
      { bearer: body.token, origin: 'http://elsewhere.localhost' },
    );
    expect(res.status).toBe(401);
    // The message names both issuers, so the developer sees which setting disagrees.
    expect(res.json.error.message).toMatch(
      /issued by someone else: by `http:\/\/localhost`, but this service expects `http:\/\/elsewhere\.localhost`/,
    );
  });
});
