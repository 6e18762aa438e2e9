// A small typed client for POST /authorize, usable over a service binding (a Fetcher) or a URL.
// It never turns a failure into an Allow: transport errors and non-200 answers throw AuthorizeError.
// With `cache`, identical checks within a short time share one answer (see cache.ts for the bound).
import { DecisionCache, type DecisionCacheOptions } from './cache.js';
import { AuthorizeError } from './errors.js';
import type { AuthorizeRequest, Decision, ErrorBody, Principal } from './types.js';

export interface ClientOptions {
  /** A service binding to the policy worker (or the gateway), or anything with fetch(). */
  fetcher?: { fetch: (input: Request) => Promise<Response> } | undefined;
  /** Base URL of the service, e.g. http://localhost:8787 (used for the request URL either way). */
  endpoint?: string | undefined;
  /**
   * Signs the /authorize call with the app's own AWS credentials (SigV4, service `iam`), as the
   * service requires when the principal is a forwarded `signedRequest` or named by ARN: a request
   * someone signed is no licence to probe their permissions. For example with aws4fetch:
   * `sign: (req) => new AwsClient({ accessKeyId, secretAccessKey, service: 'iam', region: 'us-east-1' }).sign(req)`.
   */
  sign?: ((request: Request) => Promise<Request>) | undefined;
  /**
   * Reuse decisions in this app's memory: `true` for 1 s, or `{ ttlMs }` up to the service's
   * freshness bound (5 s). Off by default. A permission change then reaches this app within the
   * service's bound plus `ttlMs`; `fresh: true` checks skip the cache.
   */
  cache?: boolean | DecisionCacheOptions | DecisionCache | undefined;
}

export interface AuthorizeClient {
  authorize(principal: Principal, request: AuthorizeRequest): Promise<Decision>;
  authorizeBatch(
    principal: Principal,
    requests: Pick<AuthorizeRequest, 'action' | 'resource' | 'context'>[],
    shared?: Omit<AuthorizeRequest, 'action' | 'resource'>,
  ): Promise<{ principal: Decision['principal']; results: (Decision & { action: string; resource: string })[] }>;
  /** The decision cache, when `cache` was given. */
  readonly cache: DecisionCache | null;
}

export function createClient(options: ClientOptions): AuthorizeClient {
  const base = (options.endpoint ?? 'http://edge-iam').replace(/\/$/, '');
  const cache =
    options.cache instanceof DecisionCache
      ? options.cache
      : options.cache
        ? new DecisionCache(options.cache === true ? {} : options.cache)
        : null;
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
  const authorize = (principal: Principal, request: AuthorizeRequest) => send<Decision>('/authorize', principal, request);
  return {
    cache,
    authorize: cache ? (principal, request) => cache.get(principal, request, () => authorize(principal, request)) : authorize,
    authorizeBatch: (principal, requests, shared = {}) => send('/authorize/batch', principal, { ...shared, requests }),
  };
}
