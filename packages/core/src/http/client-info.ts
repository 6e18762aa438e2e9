// What every worker reads about the HTTP client for rate limits, the audit log and the global
// condition keys (aws:SourceIp, aws:SecureTransport), read the same way everywhere.
//
// The client's address comes only from a source the deployment says it trusts (CLIENT_IP_SOURCE):
// - `cf-connecting-ip` (the default): Cloudflare's edge sets this header to the socket's address and
//   replaces any copy the client sent, so behind the edge it cannot be forged. Locally, wrangler dev
//   fills it from the socket too, but keeps a value the client sent itself (fine for a developer's own
//   machine, wrong anywhere reachable by others);
// - `none`: the workers are reached some other way (another proxy in front, a tunnel): no address is
//   believed, so aws:SourceIp is absent (conditions on it fail closed) and lockout is per user only.
import { IamError } from '../errors';

export type ClientIpSource = 'cf-connecting-ip' | 'none';

export interface ClientInfo {
  /** the client's address from the trusted source; null when there is none */
  readonly sourceIp: string | null;
  readonly userAgent: string | null;
  /** whether the request came over https (aws:SecureTransport) */
  readonly secure: boolean;
}

/** The configured source of client addresses; a misspelt setting stops the worker rather than guess. */
export function clientIpSource(env: { CLIENT_IP_SOURCE?: string }): ClientIpSource {
  const v = env.CLIENT_IP_SOURCE ?? 'cf-connecting-ip';
  if (v === 'cf-connecting-ip' || v === 'none') return v;
  throw new IamError('ServiceUnavailable', `CLIENT_IP_SOURCE must be \`cf-connecting-ip\` or \`none\`, not \`${v.slice(0, 40)}\``);
}

export function clientInfo(req: Request, env: { CLIENT_IP_SOURCE?: string }): ClientInfo {
  const h = req.headers;
  return {
    sourceIp: clientIpSource(env) === 'cf-connecting-ip' ? h.get('cf-connecting-ip') : null,
    // Browser builds of the AWS SDKs cannot set User-Agent and send x-amz-user-agent instead.
    userAgent: h.get('user-agent') ?? h.get('x-amz-user-agent'),
    secure: isSecureUrl(req.url),
  };
}

export const isSecureUrl = (url: string) => url.startsWith('https:');
