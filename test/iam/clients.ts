// AWS SDK v3 clients whose "network" is the real gateway worker in this workerd (exports.default):
// the SDK signs with SigV4 and parses our XML exactly as it would against AWS.
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { Sha256Js } from '@smithy/core/checksum';
import { HttpRequest, HttpResponse } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
import { exports } from 'cloudflare:workers';
import { freshAccount } from '../helpers';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const ENDPOINT = 'http://localhost:8787';

/** Sends a signed SDK request to the gateway; `tamper` may change it after signing (for negative tests). */
export function workerHandler(tamper?: (req: Request) => Request | Promise<Request>) {
  return {
    async handle(request: HttpRequest) {
      const port = request.port ? `:${request.port}` : '';
      const qs = new URLSearchParams(request.query as Record<string, string>).toString();
      const url = `${request.protocol}//${request.hostname}${port}${request.path}${qs ? `?${qs}` : ''}`;
      let req = new Request(url, { method: request.method, headers: request.headers, body: request.body as BodyInit | undefined });
      if (tamper) req = await tamper(req);
      const res = await exports.default.fetch(req);
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => (headers[k] = v));
      return { response: new HttpResponse({ statusCode: res.status, headers, body: new Uint8Array(await res.arrayBuffer()) }) };
    },
  };
}

const config = (credentials: Credentials, tamper?: (req: Request) => Request | Promise<Request>, clock?: () => Date) => ({
  region: 'us-east-1',
  endpoint: ENDPOINT,
  credentials,
  requestHandler: workerHandler(tamper),
  maxAttempts: 1,
  ...(clock ? { systemClockOffset: clock().getTime() - Date.now() } : {}),
});

export const iam = (c: Credentials, tamper?: (req: Request) => Request | Promise<Request>, clock?: () => Date) =>
  new IAMClient(config(c, tamper, clock));
export const sts = (c: Credentials, tamper?: (req: Request) => Request | Promise<Request>) => new STSClient(config(c, tamper));

/** A fresh account and an IAM client signed with its root access key. */
export async function rootClient() {
  const account = await freshAccount();
  if (!account.created) throw new Error('unreachable');
  const creds = { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey };
  return { account, creds, iam: iam(creds), sts: sts(creds) };
}

/**
 * A raw Query API call signed with SigV4 by the SDK's own signer, for requests the typed clients
 * cannot make (unknown actions, wrong versions, hand-built parameters).
 */
export async function signedQuery(creds: Credentials, body: string, service: 'iam' | 'sts' = 'iam') {
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials: creds, sha256: Sha256Js });
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: 'localhost',
    port: 8787,
    path: '/',
    headers: { host: 'localhost:8787', 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
  const signed = await signer.sign(request);
  return exports.default.fetch(new Request(`${ENDPOINT}/`, { method: 'POST', headers: signed.headers, body }));
}
