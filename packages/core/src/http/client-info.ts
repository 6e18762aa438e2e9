// What every worker reads about the HTTP client for rate limits, the audit log and the global
// condition keys (aws:SourceIp, aws:SecureTransport), read the same way everywhere.
export interface ClientInfo {
  /** the client's address as Cloudflare's edge reports it; null when absent (local tools) */
  readonly sourceIp: string | null;
  readonly userAgent: string | null;
  /** whether the request came over https (aws:SecureTransport) */
  readonly secure: boolean;
}

export function clientInfo(req: Request): ClientInfo {
  const h = req.headers;
  return {
    // INVARIANT: on Cloudflare this header is set by the edge and cannot be forged by the client.
    sourceIp: h.get('cf-connecting-ip'),
    // Browser builds of the AWS SDKs cannot set User-Agent and send x-amz-user-agent instead.
    userAgent: h.get('user-agent') ?? h.get('x-amz-user-agent'),
    secure: isSecureUrl(req.url),
  };
}

export const isSecureUrl = (url: string) => url.startsWith('https:');
