// A small typed client for POST /authorize, usable over a service binding (a Fetcher) or a URL.
// It never turns a failure into an Allow: transport errors and non-200 answers throw AuthorizeError.
import type { AuthorizeRequest, Decision, ErrorBody, Principal } from './types';

export interface ClientOptions {
  /** A service binding to the policy worker (or the gateway), or anything with fetch(). */
  fetcher?: { fetch: (input: Request) => Promise<Response> };
  /** Base URL of the service, e.g. http://localhost:8787 (used for the request URL either way). */
  endpoint?: string;
  /**
   * Signs the /authorize call with the app's own AWS credentials (SigV4, service `iam`), as the
   * service requires when the principal is a forwarded `signedRequest` or named by ARN: a request
   * someone signed is no licence to probe their permissions. For example with aws4fetch:
   * `sign: (req) => new AwsClient({ accessKeyId, secretAccessKey, service: 'iam', region: 'us-east-1' }).sign(req)`.
   */
  sign?: (request: Request) => Promise<Request>;
}

export class AuthorizeError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AuthorizeError';
  }
}

export interface AuthorizeClient {
  authorize(principal: Principal, request: AuthorizeRequest): Promise<Decision>;
  authorizeBatch(
    principal: Principal,
    requests: Pick<AuthorizeRequest, 'action' | 'resource' | 'context'>[],
    shared?: Omit<AuthorizeRequest, 'action' | 'resource'>,
  ): Promise<{ principal: Decision['principal']; results: (Decision & { action: string; resource: string })[] }>;
}

export function createClient(options: ClientOptions): AuthorizeClient {
  const base = (options.endpoint ?? 'http://edge-iam').replace(/\/$/, '');
  const send = async <T>(path: string, principal: Principal, body: object): Promise<T> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    let payload: object = body;
    if ('token' in principal) headers.authorization = `Bearer ${principal.token}`;
    else if ('signedRequest' in principal) payload = { ...body, signedRequest: principal.signedRequest };
    else payload = { ...body, principal: { arn: principal.arn } };
    let req = new Request(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(payload) });
    if (options.sign && !('token' in principal)) req = await options.sign(req);
    let res: Response;
    try {
      res = await (options.fetcher ? options.fetcher.fetch(req) : fetch(req));
    } catch (e) {
      throw new AuthorizeError(
        503,
        'ServiceUnavailable',
        `the authorization service could not be reached: ${e instanceof Error ? e.message : e}`,
      );
    }
    const json = (await res.json().catch(() => null)) as T | ErrorBody | null;
    if (res.status !== 200 || json === null) {
      const err = (json as ErrorBody | null)?.error;
      throw new AuthorizeError(res.status, err?.code ?? 'ServiceFailure', err?.message ?? `unexpected answer ${res.status}`);
    }
    return json as T;
  };
  return {
    authorize: (principal, request) => send<Decision>('/authorize', principal, request),
    authorizeBatch: (principal, requests, shared = {}) => send('/authorize/batch', principal, { ...shared, requests }),
  };
}
