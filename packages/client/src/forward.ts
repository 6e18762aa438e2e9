// What an app forwards for a request it received signed with an IAM access key (SigV4): method,
// URL, headers and the body's SHA-256. The service verifies the signature with the stored secret.
import type { SignedRequest } from './types.js';

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function forwardSignedRequest(request: Request): Promise<SignedRequest> {
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => (headers[k] = v));
  const body = request.body ? await request.clone().arrayBuffer() : new ArrayBuffer(0);
  return { method: request.method, url: request.url, headers, payloadHash: hex(await crypto.subtle.digest('SHA-256', body)) };
}
