import { Sha256Js } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { IamError } from '../../errors';
import suite from './fixtures/sigv4-suite.json';
import {
  SIGNATURE_MISMATCH_MESSAGE,
  canonicalQuery,
  canonicalUri,
  checkCredentialScope,
  computeSignature,
  parseAmzDate,
  parseSigV4,
  verifySigV4,
  type SignedRequest,
} from './verify';

type Pairs = Array<[string, string]>;
const SUITE_NOW = parseAmzDate(suite.amzDate)!;
const SUITE_SECRET = suite.credentials.secretAccessKey;

async function caught(fn: () => unknown): Promise<IamError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(IamError);
    return e as IamError;
  }
  throw new Error('expected an IamError, nothing was thrown');
}

describe('aws-sig-v4-test-suite vectors, header form', () => {
  for (const v of suite.header) {
    it(`${v.name}: canonical request, string to sign, signature`, async () => {
      const req: SignedRequest = { method: v.method, url: v.url, headers: v.headers as Pairs, body: v.body };
      const auth = parseSigV4({ ...req, headers: [...(v.headers as Pairs), ['Authorization', v.authorization]] });
      expect(auth.accessKeyId).toBe('AKIDEXAMPLE');
      const got = await computeSignature(req, auth, SUITE_SECRET);
      expect(got.canonicalRequest).toBe(v.canonicalRequest.join('\n'));
      if (v.stringToSign) expect(got.stringToSign).toBe(v.stringToSign.join('\n'));
      expect(got.signature).toBe(v.signature);
    });

    it(`${v.name}: verifies end to end`, async () => {
      const headers: Pairs = [...(v.headers as Pairs), ['Authorization', v.authorization]];
      const req: SignedRequest = { method: v.method, url: v.url, headers, body: v.body };
      await expect(verifySigV4(req, parseSigV4(req), SUITE_SECRET, SUITE_NOW)).resolves.toBeUndefined();
    });
  }
});

describe('aws-sig-v4-test-suite vectors, presigned form', () => {
  for (const v of suite.presigned) {
    it(`${v.name}: parses the query credentials and verifies`, async () => {
      const req: SignedRequest = { method: v.method, url: v.url, headers: v.headers as Pairs, body: v.body };
      const auth = parseSigV4(req);
      expect(auth).toMatchObject({ kind: 'query', accessKeyId: 'AKIDEXAMPLE', expiresIn: 3600, signature: v.signature });
      const got = await computeSignature(req, auth, SUITE_SECRET);
      expect(got.canonicalRequest).toBe(v.canonicalRequest.join('\n'));
      expect(got.stringToSign).toBe(v.stringToSign!.join('\n'));
      await expect(verifySigV4(req, auth, SUITE_SECRET, SUITE_NOW)).resolves.toBeUndefined();
    });
  }

  it('a presigned URL used after X-Amz-Expires is refused', async () => {
    const v = suite.presigned[0]!;
    const req: SignedRequest = { method: v.method, url: v.url, headers: v.headers as Pairs, body: v.body };
    const later = new Date(SUITE_NOW.getTime() + 3601_000);
    const err = await caught(() => verifySigV4(req, parseSigV4(req), SUITE_SECRET, later));
    expect(err.code).toBe('RequestExpired');
  });
});

describe('canonicalization details', () => {
  it('double-encodes an already-encoded path segment, as non-S3 services do', () => {
    expect(canonicalUri('/a%20b/c')).toBe('/a%2520b/c');
  });

  it('sorts by name then value and keeps repeated names', () => {
    expect(canonicalQuery('b=2&a=2&a=1&a-b=0')).toBe('a=1&a=2&a-b=0&b=2');
  });

  it('does not throw on malformed percent-encoding in the query', () => {
    expect(canonicalQuery('a=%E0%A4%A&b=%')).toBe('a=%25E0%25A4%25A&b=%25');
  });
});

// ---------------------------------------------------------------------------------------------
// Requests signed by the real AWS SDK signer, verified by ours.

const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SIGNED_AT = new Date('2026-11-28T07:25:11Z');
const BODY = 'Action=CreateUser&Version=2010-05-08&UserName=alice&Tags.member.1.Key=team&Tags.member.1.Value=a%2Bb';

async function sdkSign(opts: { region?: string; sessionToken?: string; body?: string; host?: string } = {}) {
  const host = opts.host ?? 'localhost:8787';
  const [hostname, port] = host.split(':');
  const signer = new SignatureV4({
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET, ...(opts.sessionToken ? { sessionToken: opts.sessionToken } : {}) },
    region: opts.region ?? 'us-east-1',
    service: 'iam',
    sha256: Sha256Js,
  });
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: hostname!,
    ...(port ? { port: Number(port) } : {}),
    path: '/',
    // The SDK's host-header middleware adds Host before signing; the bare signer does not.
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', host },
    body: opts.body ?? BODY,
  });
  const signed = await signer.sign(request, { signingDate: SIGNED_AT });
  return {
    method: signed.method,
    url: `http://${host}${signed.path}`,
    headers: { ...(signed.headers as Record<string, string>) },
    body: signed.body as string,
  } satisfies SignedRequest;
}

/** Rewrites the Authorization header of a signed request. */
function withAuthorization(req: SignedRequest & { headers: Record<string, string> }, edit: (a: string) => string) {
  return { ...req, headers: { ...req.headers, authorization: edit(req.headers.authorization ?? '') } };
}

describe('round trip with the AWS SDK signer', () => {
  for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) {
    it(`verifies an IAM request signed for ${region} against localhost:8787`, async () => {
      const req = await sdkSign({ region });
      const parsed = parseSigV4(req);
      expect(parsed).toMatchObject({
        kind: 'header',
        accessKeyId: ACCESS_KEY,
        scope: { date: '20261128', region, service: 'iam' },
        amzDate: '20261128T072511Z',
      });
      expect(parsed.signedHeaders).toContain('host');
      checkCredentialScope(parsed, 'iam');
      await verifySigV4(req, parsed, SECRET, SIGNED_AT);
    });
  }

  it('verifies when the request arrives as a Workers Request (Headers object, byte body)', async () => {
    const signed = await sdkSign({ host: 'iam.example.test' });
    const request = new Request(signed.url, { method: 'POST', headers: signed.headers, body: signed.body });
    const req: SignedRequest = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: new Uint8Array(await request.arrayBuffer()),
    };
    await verifySigV4(req, parseSigV4(req), SECRET, new Date(SIGNED_AT.getTime() + 14 * 60_000));
  });

  it('exposes the session token of temporary credentials', async () => {
    const req = await sdkSign({ sessionToken: 'FQoGZXIvYXdzEXAMPLETOKEN+/=' });
    const parsed = parseSigV4(req);
    expect(parsed.sessionToken).toBe('FQoGZXIvYXdzEXAMPLETOKEN+/=');
    expect(parsed.signedHeaders).toContain('x-amz-security-token');
    await verifySigV4(req, parsed, SECRET, SIGNED_AT);
  });

  it('verifies a URL presigned by the SDK', async () => {
    const signer = new SignatureV4({
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET },
      region: 'us-east-1',
      service: 'sts',
      sha256: Sha256Js,
    });
    const presigned = await signer.presign(
      new HttpRequest({
        method: 'GET',
        protocol: 'https:',
        hostname: 'sts.example.test',
        path: '/',
        query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
        headers: { host: 'sts.example.test' },
      }),
      { signingDate: SIGNED_AT, expiresIn: 900 },
    );
    const query = Object.entries(presigned.query ?? {})
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
    const req: SignedRequest = { method: 'GET', url: `https://sts.example.test/?${query}`, headers: presigned.headers, body: '' };
    const parsed = parseSigV4(req);
    expect(parsed).toMatchObject({ kind: 'query', expiresIn: 900, scope: { service: 'sts' } });
    await verifySigV4(req, parsed, SECRET, new Date(SIGNED_AT.getTime() + 60_000));
  });
});

describe('threats the verifier must stop', () => {
  it('wrong secret: a caller who knows only the access key id is refused', async () => {
    const req = await sdkSign();
    const err = await caught(() => verifySigV4(req, parseSigV4(req), `${SECRET}x`, SIGNED_AT));
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.message).toBe(SIGNATURE_MISMATCH_MESSAGE);
    expect(err.status).toBe(403);
  });

  it('body tampered: a man in the middle cannot change the action parameters', async () => {
    const req = await sdkSign();
    const tampered = { ...req, body: req.body.replace('UserName=alice', 'UserName=mallory') };
    const err = await caught(() => verifySigV4(tampered, parseSigV4(tampered), SECRET, SIGNED_AT));
    expect(err.code).toBe('SignatureDoesNotMatch');
  });

  it('signed header tampered: a header covered by the signature cannot be changed', async () => {
    const req = await sdkSign();
    const tampered = { ...req, headers: { ...req.headers, 'content-type': 'application/json' } };
    const err = await caught(() => verifySigV4(tampered, parseSigV4(tampered), SECRET, SIGNED_AT));
    expect(err.code).toBe('SignatureDoesNotMatch');
  });

  it('signed host tampered: a request signed for one endpoint is not accepted by another', async () => {
    const req = await sdkSign();
    const moved = { ...req, url: 'http://localhost:8788/', headers: { ...req.headers, host: 'localhost:8788' } };
    const err = await caught(() => verifySigV4(moved, parseSigV4(moved), SECRET, SIGNED_AT));
    expect(err.code).toBe('SignatureDoesNotMatch');
  });

  it('unsigned header changed: proxies may add or rewrite headers outside SignedHeaders', async () => {
    const req = await sdkSign();
    const proxied = { ...req, headers: { ...req.headers, 'user-agent': 'proxy/1.0', 'x-forwarded-for': '10.0.0.1' } };
    await verifySigV4(proxied, parseSigV4(proxied), SECRET, SIGNED_AT);
  });

  it('skewed clock: a request replayed 16 minutes later is refused with AWS wording', async () => {
    const req = await sdkSign();
    const now = new Date(SIGNED_AT.getTime() + 16 * 60_000);
    const err = await caught(() => verifySigV4(req, parseSigV4(req), SECRET, now));
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.message).toBe('Signature expired: 20261128T072511Z is now earlier than 20261128T072611Z (20261128T074111Z - 15 min.)');
  });

  it('skewed clock: a request dated 16 minutes in the future is refused', async () => {
    const req = await sdkSign();
    const now = new Date(SIGNED_AT.getTime() - 16 * 60_000);
    const err = await caught(() => verifySigV4(req, parseSigV4(req), SECRET, now));
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.message).toMatch(/^Signature not yet current: 20261128T072511Z is still later than/);
  });

  it('credential scope date mismatch: a signing key for another day cannot be used', async () => {
    const req = withAuthorization(await sdkSign(), (a) => a.replace('/20261128/', '/20261127/'));
    const err = await caught(() => verifySigV4(req, parseSigV4(req), SECRET, SIGNED_AT));
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.message).toBe(
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261127' != '20261128', from '20261128T072511Z'.",
    );
  });

  it('credential scoped to another service: an STS signature does not authenticate IAM', async () => {
    const req = withAuthorization(await sdkSign(), (a) => a.replace('/iam/', '/sts/'));
    const err = await caught(() => checkCredentialScope(parseSigV4(req), 'iam'));
    expect(err.code).toBe('SignatureDoesNotMatch');
  });

  it('missing host in signed headers: an unbound signature could be replayed to another host', async () => {
    const req = withAuthorization(await sdkSign(), (a) => a.replace(/SignedHeaders=[^,]*/, 'SignedHeaders=content-type;x-amz-date'));
    const err = await caught(() => parseSigV4(req));
    expect(err.code).toBe('IncompleteSignature');
    expect(err.message).toBe("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  });

  it('algorithm not allowed: only AWS4-HMAC-SHA256 is accepted', async () => {
    const req = withAuthorization(await sdkSign(), (a) => a.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA1'));
    const err = await caught(() => parseSigV4(req));
    expect(err.code).toBe('IncompleteSignature');
    expect(err.message).toContain("'AWS4-HMAC-SHA1'");
  });

  it('truncated header: every missing part is named, as AWS does', async () => {
    const req = withAuthorization(await sdkSign(), (a) => a.slice(0, a.indexOf(', SignedHeaders')));
    const err = await caught(() => parseSigV4(req));
    expect(err.code).toBe('IncompleteSignature');
    expect(err.message).toMatch(
      /^Authorization header requires 'Signature' parameter\. Authorization header requires 'SignedHeaders' parameter\. Authorization=AWS4-HMAC-SHA256 Credential=/,
    );
  });

  it('a bearer token instead of a signature gets the full list of missing parts', async () => {
    const err = await caught(() => parseSigV4({ url: 'http://localhost:8787/', headers: { authorization: 'Bearer eyJhbGciOi' } }));
    expect(err.code).toBe('IncompleteSignature');
    expect(err.message).toBe(
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=Bearer eyJhbGciOi",
    );
  });

  it('malformed credential: a scope without all five elements is refused before any lookup', async () => {
    const req = withAuthorization(await sdkSign(), (a) => a.replace('/aws4_request', ''));
    expect((await caught(() => parseSigV4(req))).code).toBe('IncompleteSignature');
  });

  it('signature of wrong length: a truncated or padded signature never matches', async () => {
    const req = await sdkSign();
    for (const edit of [(s: string) => s.slice(0, 63), (s: string) => `${s}0`, () => 'deadbeef']) {
      const bad = withAuthorization(req, (a) => a.replace(/Signature=([0-9a-f]+)/, (_, s: string) => `Signature=${edit(s)}`));
      const err = await caught(() => verifySigV4(bad, parseSigV4(bad), SECRET, SIGNED_AT));
      expect(err.code).toBe('SignatureDoesNotMatch');
    }
  });

  it('no credentials at all: MissingAuthenticationToken', async () => {
    const err = await caught(() => parseSigV4({ url: 'http://localhost:8787/?Action=ListUsers', headers: {} }));
    expect(err.code).toBe('MissingAuthenticationToken');
    expect(err.message).toBe('Request is missing Authentication Token');
  });
});
