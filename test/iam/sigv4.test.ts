// SigV4 against the real worker with real SDK traffic: every way a request can fail to authenticate
// is answered as AWS answers it, and nothing unauthenticated changes anything.
import { CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { iam, rootClient, signedQuery } from './clients';

describe('SigV4 authentication of the IAM API', () => {
  it('forged secret: a request signed with the wrong secret is refused', async () => {
    const { creds, iam: rootIam } = await rootClient();
    const forged = iam({ accessKeyId: creds.accessKeyId, secretAccessKey: 'x'.repeat(40) });
    await expect(forged.send(new CreateUserCommand({ UserName: 'evil' }))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
    expect((await rootIam.send(new ListUsersCommand({}))).Users).toEqual([]);
  });

  it('replay outside the window: a request signed 16 minutes ago is refused', async () => {
    const { creds } = await rootClient();
    const stale = iam(creds, undefined, () => new Date(Date.now() - 16 * 60 * 1000));
    await expect(stale.send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than/),
    });
  });

  it('body tampering: changing the signed body after signing is detected', async () => {
    const { creds, iam: rootIam } = await rootClient();
    const tampered = iam(creds, async (req) => new Request(req, { body: (await req.text()).replace('UserName=alice', 'UserName=admin') }));
    await expect(tampered.send(new CreateUserCommand({ UserName: 'alice' }))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    expect((await rootIam.send(new ListUsersCommand({}))).Users).toEqual([]);
  });

  it('header tampering: a changed signed header fails, an added unsigned header does not', async () => {
    const { creds } = await rootClient();
    const signedChanged = iam(creds, (req) => {
      const h = new Headers(req.headers);
      h.set(
        'x-amz-date',
        h.get('x-amz-date')!.replace(/\d{2}Z$/, (s) => `${String((Number(s.slice(0, 2)) + 1) % 60).padStart(2, '0')}Z`),
      );
      return new Request(req, { headers: h });
    });
    await expect(signedChanged.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    const unsignedAdded = iam(creds, (req) => {
      const h = new Headers(req.headers);
      h.set('x-forwarded-for', '203.0.113.9');
      return new Request(req, { headers: h });
    });
    await expect(unsignedAdded.send(new ListUsersCommand({}))).resolves.toMatchObject({ Users: [] });
  });

  it('wrong host: a signature made for another host does not verify here', async () => {
    const { creds } = await rootClient();
    const moved = iam(creds, async (req) => {
      const h = new Headers(req.headers);
      h.set('host', 'localhost:9999');
      return new Request(req.url.replace('localhost:8787', 'localhost:9999'), { method: 'POST', headers: h, body: await req.text() });
    });
    await expect(moved.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  });

  it('unknown key id: InvalidClientTokenId', async () => {
    const unknown = iam({ accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'x'.repeat(40) });
    await expect(unknown.send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('no credentials at all: MissingAuthenticationToken, as AWS XML', async () => {
    const res = await exports.default.fetch('http://localhost:8787/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=CreateUser&Version=2010-05-08&UserName=anon',
    });
    expect(res.status).toBe(403);
    const xml = await res.text();
    expect(xml).toContain('<Code>MissingAuthenticationToken</Code>');
    expect(xml).toContain('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">');
    expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
  });

  it('malformed Authorization header: IncompleteSignature, never a 500', async () => {
    const res = await exports.default.fetch('http://localhost:8787/', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'AWS4-HMAC-SHA256 Credential=garbage',
        'x-amz-date': '20261128T000000Z',
      },
      body: 'Action=ListUsers&Version=2010-05-08',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>IncompleteSignature</Code>');
  });

  it('unknown action, wrong version and bad parameters: AWS errors, never a 500', async () => {
    const { creds } = await rootClient();
    const unknown = await signedQuery(creds, 'Action=MakeMeAdmin&Version=2010-05-08');
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('<Message>Could not find operation MakeMeAdmin for version 2010-05-08</Message>');
    const wrongVersion = await signedQuery(creds, 'Action=ListUsers&Version=2099-01-01');
    expect(await wrongVersion.text()).toContain('<Code>InvalidAction</Code>');
    const missing = await signedQuery(creds, 'Version=2010-05-08');
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('<Code>MissingAction</Code>');
    const dup = await signedQuery(creds, 'Action=CreateUser&Version=2010-05-08&UserName=a&UserName=b');
    expect(dup.status).toBe(400);
    const badInt = await signedQuery(creds, 'Action=ListUsers&Version=2010-05-08&MaxItems=lots');
    expect(badInt.status).toBe(400);
    expect(await badInt.text()).toContain(
      'Value &apos;lots&apos; at &apos;maxItems&apos; failed to satisfy constraint: Member must be an integer',
    );
  });

  it('oversized body: 413 PayloadTooLarge before any parsing', async () => {
    const res = await exports.default.fetch('http://localhost:8787/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `Action=ListUsers&Version=2010-05-08&X=${'a'.repeat(300 * 1024)}`,
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('<Code>PayloadTooLarge</Code>');
  });
});
