// Hono middleware that protects a route with edge-iam:
//   app.get('/reports/:id', authorize({ client, action: 'reports:GetReport', resource: (c) => `arn:myapp:reports:::${c.req.param('id')}` }), handler)
// The principal is whoever the request says, verified by the service: a sign-in token (`Authorization:
// Bearer`, or the app's session cookie), an OAuth access token from edge-iam's OpenID Connect provider
// (then `clientId` names this app: the service accepts the token only for the app it was issued to),
// or an AWS SigV4 signature. Outcomes:
//   allowed          -> the decision in c.get('iam'), then the handler
//   denied           -> onDenied (default: a 403 that names no policy), the decision to onDecision
//   unauthenticated  -> onUnauthenticated (default: 401; an app redirects to its login)
//   unavailable      -> 503 (the service could not be reached or failed): never an Allow
//   misconfigured    -> ConfigurationError: thrown by authorize() itself for options known at start,
//                       else thrown to the app's error handler (500) for values computed per request
import type { Context, MiddlewareHandler } from 'hono';
import type { GetConnInfo } from 'hono/conninfo';
import { checkAction, checkClientId, checkResource } from '../check.js';
import type { AuthorizeClient } from '../client.js';
import { AuthorizeError, ConfigurationError } from '../errors.js';
import type { AuthorizeRequest, Decision } from '../types.js';
import { credentialsOf, type Problem } from './credentials.js';
import { deniedResponse, unauthenticatedResponse, unavailableResponse, type Denial } from './responses.js';
import { clientAddress, normalizeIp } from './source-ip.js';

export type FromContext<T> = T | ((c: Context) => T | Promise<T>);

export type AuthorizeEvent = { action?: string; resource?: string } & (
  | { outcome: 'allowed'; decision: Decision }
  | { outcome: 'denied' | 'root-refused'; decision: Decision; reference: string }
  | { outcome: 'unauthenticated' | 'unavailable'; problem: Problem }
  | { outcome: 'misconfigured'; error: ConfigurationError }
);

export interface AuthorizeOptions {
  /** The client, or a factory for it (e.g. over a service binding in `c.env`). */
  client: FromContext<AuthorizeClient>;
  /** `service:Action`; a fixed one is checked when the middleware is created. */
  action: FromContext<string>;
  /** The resource's ARN. */
  resource: FromContext<string>;
  /** Service-specific condition keys (`myapp:Team`). */
  context?: FromContext<AuthorizeRequest['context']>;
  resourcePolicy?: FromContext<AuthorizeRequest['resourcePolicy']>;
  /**
   * This app's OAuth client id (`eiam-...`), when its people sign in through edge-iam's OpenID Connect
   * provider and the tokens are access tokens: sent as `clientId` with every check, so the service
   * accepts only access tokens issued to this app. Leave it out for sign-in tokens for apps.
   */
  clientId?: string;
  /**
   * The token of the app's own sign-in session, when the app keeps it itself (a sealed cookie or a
   * server-side session, refreshed when it expires): consulted after the `Authorization` header and
   * before `cookie`. Return undefined when the request has no session.
   */
  token?: (c: Context) => string | undefined | Promise<string | undefined>;
  /** Read the sign-in token from this cookie (the session the app's login callback set) when no `Authorization` header is sent. */
  cookie?: string;
  /** Accept credentials in the `Authorization` header: a Bearer token or a SigV4 signature (default true). */
  authorizationHeader?: boolean;
  /** Turn the account's root user away even where it would be allowed (nobody should use root for everyday work). */
  refuseRoot?: boolean;
  /** Have the service read the principal's policies now (and skip the app's decision cache), e.g. right after a change. */
  fresh?: FromContext<boolean>;
  /**
   * The end client's address (aws:SourceIp), when the app knows better than the platform (say behind its
   * own proxy, from a header only that proxy sets). By default it is the TCP peer (Node, Bun), or
   * `CF-Connecting-IP` with `behindCloudflare`.
   */
  sourceIp?: FromContext<string | undefined>;
  /** The app runs behind Cloudflare (every deployed Worker does): trust `CF-Connecting-IP`. Never set it anywhere else. */
  behindCloudflare?: boolean;
  /** The runtime's `getConnInfo` (hono/bun, hono/deno, @hono/node-server/conninfo ...) for the TCP peer. */
  getConnInfo?: GetConnInfo;
  /** The response when the caller is not signed in or its credentials are refused (e.g. a redirect to login). */
  onUnauthenticated?: (c: Context, problem: Problem) => Response | Promise<Response>;
  /** The response to a denial; the default is a 403 page or JSON naming no policy. */
  onDenied?: (c: Context, denial: Denial) => Response | Promise<Response>;
  /** Every outcome, for the app's log. Default: denials and outages as one JSON line with console.warn. */
  onDecision?: (c: Context, event: AuthorizeEvent) => void;
}

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const resolve = async <T>(v: FromContext<T>, c: Context): Promise<T> =>
  typeof v === 'function' ? (v as (c: Context) => T | Promise<T>)(c) : v;

/** The default log: what an operator wants to see, one JSON line each, never a token. */
export function logDenialsAndOutages(_c: Context, event: AuthorizeEvent): void {
  if (event.outcome !== 'denied' && event.outcome !== 'root-refused' && event.outcome !== 'unavailable') return;
  console.warn(JSON.stringify({ msg: `edge-iam: ${event.outcome}`, ...event }));
}

function checkOptions(o: AuthorizeOptions) {
  if (!o || typeof o !== 'object') throw new ConfigurationError('authorize() takes an options object: { client, action, resource, ... }');
  if (!o.client) throw new ConfigurationError('authorize() needs `client` (createClient(...), or a function of the context returning one)');
  if (typeof o.action !== 'function') checkAction(o.action);
  if (typeof o.resource !== 'function') checkResource(o.resource);
  if (o.cookie !== undefined && (typeof o.cookie !== 'string' || !COOKIE_NAME.test(o.cookie))) {
    throw new ConfigurationError(`cookie must be a cookie name (letters, digits and !#$%&'*+-.^_\`|~), got \`${String(o.cookie)}\``);
  }
  if (o.clientId !== undefined) checkClientId(o.clientId);
  if (o.token !== undefined && typeof o.token !== 'function') {
    throw new ConfigurationError("token must be a function of the context returning the session's token (or undefined)");
  }
  if (o.authorizationHeader === false && !o.cookie && !o.token) {
    throw new ConfigurationError(
      'with authorizationHeader: false, name the `cookie` that carries the token (or give `token`): otherwise no request could be signed in',
    );
  }
  if (o.behindCloudflare && o.getConnInfo) {
    throw new ConfigurationError(
      'give either behindCloudflare or getConnInfo: behind Cloudflare the TCP peer is Cloudflare, not the client',
    );
  }
  if (typeof o.sourceIp === 'string' && normalizeIp(o.sourceIp) === undefined) {
    throw new ConfigurationError(`sourceIp must be an IPv4 or IPv6 address, got \`${o.sourceIp}\``);
  }
}

/** How the service's refusal is answered: the caller's fault, the app's, or nobody's. */
function classify(e: AuthorizeError): 'unauthenticated' | 'misconfigured' | 'unavailable' {
  if (e.status === 401) return 'unauthenticated';
  // SigV4 failures are AWS's 403 codes (SignatureDoesNotMatch, InvalidClientTokenId ...); AccessDenied
  // is the app itself not being allowed iam:SimulatePrincipalPolicy: its deployment is wrong.
  if (e.status === 403) return e.code === 'AccessDenied' ? 'misconfigured' : 'unauthenticated';
  if (e.status >= 400 && e.status < 500) return 'misconfigured';
  return 'unavailable';
}

const isRoot = (arn: string) => /^arn:[^:]+:iam::\d{12}:root$/.test(arn);

export function authorize(options: AuthorizeOptions): MiddlewareHandler<{ Variables: { iam: Decision } }> {
  checkOptions(options);
  const log = options.onDecision ?? logDenialsAndOutages;
  const sources = { authorizationHeader: options.authorizationHeader !== false, cookie: options.cookie, token: options.token };
  const onUnauthenticated = options.onUnauthenticated ?? unauthenticatedResponse;
  const onDenied = options.onDenied ?? deniedResponse;

  return async function edgeIamAuthorize(c, next) {
    let action: string | undefined;
    let resource: string | undefined;
    const misconfigured = (error: ConfigurationError) => {
      log(c, { outcome: 'misconfigured', error, action, resource });
      return error;
    };
    try {
      action = checkAction(await resolve(options.action, c));
      resource = checkResource(await resolve(options.resource, c));
    } catch (e) {
      throw e instanceof ConfigurationError ? misconfigured(e) : e;
    }
    const credentials = await credentialsOf(c, sources);
    if ('problem' in credentials) {
      log(c, { outcome: 'unauthenticated', problem: credentials.problem, action, resource });
      return onUnauthenticated(c, credentials.problem);
    }
    const sourceIp = options.sourceIp !== undefined ? normalizeIp(await resolve(options.sourceIp, c)) : clientAddress(c, options);
    const request: AuthorizeRequest = { action, resource };
    // A SigV4 signature names its own principal; `clientId` belongs with a token only.
    if (options.clientId && 'token' in credentials.principal) request.clientId = options.clientId;
    if (options.context) request.context = await resolve(options.context, c);
    if (options.resourcePolicy) request.resourcePolicy = await resolve(options.resourcePolicy, c);
    if (sourceIp) request.sourceIp = sourceIp;
    if (options.fresh && (await resolve(options.fresh, c))) request.fresh = true;

    let decision: Decision;
    try {
      decision = await (await resolve(options.client, c)).authorize(credentials.principal, request);
    } catch (e) {
      if (!(e instanceof AuthorizeError)) throw e;
      const problem = { code: e.code, message: e.message };
      switch (classify(e)) {
        case 'unauthenticated':
          log(c, { outcome: 'unauthenticated', problem, action, resource });
          return onUnauthenticated(c, problem);
        case 'misconfigured':
          throw misconfigured(
            new ConfigurationError(`edge-iam refused the check of \`${action}\` on \`${resource}\`: ${e.status} ${e.code}: ${e.message}`),
          );
        case 'unavailable':
          log(c, { outcome: 'unavailable', problem, action, resource });
          return unavailableResponse(c);
      }
    }
    const refused = decision.decision !== 'Allow' ? 'denied' : options.refuseRoot && isRoot(decision.principal.arn) ? 'root-refused' : null;
    if (refused) {
      const reference = crypto.randomUUID();
      log(c, { outcome: refused, decision, reference, action, resource });
      return onDenied(c, { reason: refused, decision, reference });
    }
    log(c, { outcome: 'allowed', decision, action, resource });
    c.set('iam', decision);
    await next();
  };
}
