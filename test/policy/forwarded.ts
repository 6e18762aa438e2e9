// Builds what an app forwards to /authorize for a request it received signed with an IAM key. Shared
// by the workerd tests and the Node benchmark (plain WebCrypto and the SDK's own SigV4 signer).
import { Sha256Js } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';

export interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** SigV4-signs a request the way an AWS SDK would (for an app's own API, any service name). */
export async function sign(creds: Creds, method: string, url: string, headers: Record<string, string>, body: string, service: string) {
  const u = new URL(url);
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials: creds, sha256: Sha256Js });
  const signed = await signer.sign(
    new HttpRequest({
      method,
      protocol: u.protocol,
      hostname: u.hostname,
      port: u.port ? Number(u.port) : undefined,
      path: u.pathname,
      query: Object.fromEntries(u.searchParams),
      headers: { ...headers, host: u.host },
      body,
    }),
  );
  return signed.headers as Record<string, string>;
}

export async function sha256Hex(text: string) {
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function forwardedRequest(creds: Creds, method: string, url: string, body = '', service = 'myapp') {
  const headers = await sign(creds, method, url, {}, body, service);
  return { method, url, headers, payloadHash: await sha256Hex(body) };
}
