// Threat: signatures the real IAM and STS endpoints would never accept. IAM is global and signed for
// us-east-1; STS answers regionally; a presigned URL that changes IAM is a credential in a link, so it
// may live at most 15 minutes. Each is refused before any access-key lookup.
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { Sha256Js } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
import { exports } from 'cloudflare:workers';
import { IAMClient } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, rootClient, workerHandler } from './clients';

async function presigned(creds: { accessKeyId: string; secretAccessKey: string }, expiresIn: number) {
  const signer = new SignatureV4({ service: 'iam', region: 'us-east-1', credentials: creds, sha256: Sha256Js });
  const request = new HttpRequest({
    method: 'GET',
    protocol: 'http:',
    hostname: 'localhost',
    port: 8787,
    path: '/',
    query: { Action: 'ListUsers', Version: '2010-05-08' },
    headers: { host: 'localhost:8787' },
  });
  const signed = await signer.presign(request, { expiresIn });
  const qs = new URLSearchParams(signed.query as Record<string, string>).toString();
  const res = await exports.default.fetch(`${ENDPOINT}/?${qs}`);
  return { status: res.status, xml: await res.text() };
}

describe('SigV4 scope of the IAM and STS APIs', () => {
  it('refuses IAM requests signed for a region other than us-east-1', async () => {
    const { creds } = await rootClient();
    const elsewhere = new IAMClient({
      region: 'eu-west-1',
      endpoint: ENDPOINT,
      credentials: creds,
      requestHandler: workerHandler(),
      maxAttempts: 1,
    });
    await expect(elsewhere.send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      message: expect.stringContaining('Credential should be scoped to a valid region'),
    });
    const invented = new IAMClient({
      region: 'xx-nowhere-9',
      endpoint: ENDPOINT,
      credentials: creds,
      requestHandler: workerHandler(),
      maxAttempts: 1,
    });
    await expect(invented.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  });

  it('accepts STS on a regional endpoint, and refuses a region STS does not serve', async () => {
    const { creds, account } = await rootClient();
    const regional = new STSClient({
      region: 'eu-west-1',
      endpoint: ENDPOINT,
      credentials: creds,
      requestHandler: workerHandler(),
      maxAttempts: 1,
    });
    expect((await regional.send(new GetCallerIdentityCommand({}))).Account).toBe(account.accountId);
    const invented = new STSClient({
      region: 'xx-nowhere-9',
      endpoint: ENDPOINT,
      credentials: creds,
      requestHandler: workerHandler(),
      maxAttempts: 1,
    });
    await expect(invented.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  });

  it('long-lived presigned URL: refused past 15 minutes, accepted within', async () => {
    const { creds } = await rootClient();
    const long = await presigned(creds, 3600);
    expect(long.status).toBe(400);
    expect(long.xml).toContain('<Code>AuthorizationQueryParametersError</Code>');
    expect(long.xml).toContain('at most 900 seconds');
    const short = await presigned(creds, 900);
    expect(short.status).toBe(200);
    expect(short.xml).toContain('<ListUsersResult>');
  });
});
