// Calls to the policy worker through the gateway, as apps make them: plain JSON, a bearer token, or
// SigV4-signed by the calling app's own access key (for principals named by ARN).
import { exports } from 'cloudflare:workers';

export const ORIGIN = 'http://localhost:8787';

export async function authorizeCall(body: unknown, opts: { path?: string; bearer?: string; signWith?: Creds; origin?: string } = {}) {
  const path = opts.path ?? '/authorize';
  const origin = opts.origin ?? ORIGIN;
  const text = JSON.stringify(body);
  let headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  if (opts.signWith) headers = await sign(opts.signWith, 'POST', `${origin}${path}`, headers, text, 'iam');
  const res = await exports.default.fetch(new Request(`${origin}${path}`, { method: 'POST', headers, body: text }));
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

export { forwardedRequest, sha256Hex, sign, type Creds } from './forwarded';
import { sign, type Creds } from './forwarded';
